package com.example.zarrcodecs;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.python.PythonJson;
import java.lang.reflect.Array;
import java.util.Map;
import java.util.SplittableRandom;

/** Test helpers: random integer data, and chunks built from and read into {@link NdArray}s. */
final class Chunks {
  private Chunks() {}

  /** Every integer type the zig-zag codec takes, in both byte orders. */
  static final String[] INT_TYPES = {
    "|i1", "|u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8", "<u8", ">u8"
  };

  static DataType randomIntType(SplittableRandom rnd) {
    return DataType.parse(INT_TYPES[rnd.nextInt(INT_TYPES.length)]);
  }

  /**
   * An integer array of random raw bits: small values, extremes, or anything, so differences wrap.
   */
  static NdArray randomInts(SplittableRandom rnd, DataType t, int... shape) {
    NdArray a = NdArray.zeros(t, shape);
    Object data = a.data();
    int mode = rnd.nextInt(3);
    long walk = rnd.nextLong();
    for (int i = 0; i < a.size(); i++) {
      long v;
      switch (mode) {
        case 0:
          walk += rnd.nextInt(-3, 4); // smooth: small differences
          v = walk;
          break;
        case 1:
          v = rnd.nextBoolean() ? Long.MIN_VALUE + rnd.nextInt(3) : Long.MAX_VALUE - rnd.nextInt(3);
          v >>= 64 - 8 * t.itemSize(); // the type's own extremes
          if (t.kind() == DataType.Kind.UINT && rnd.nextBoolean()) {
            v = rnd.nextInt(3);
          }
          break;
        default:
          v = rnd.nextLong();
      }
      setRaw(data, i, v);
    }
    return a;
  }

  /** Element {@code i} of a Java storage array of integers, as its raw bits sign-extended. */
  static long raw(Object data, int i) {
    return ((Number) Array.get(data, i)).longValue();
  }

  /** Stores the low bits of {@code v} as element {@code i} of a Java storage array. */
  static void setRaw(Object data, int i, long v) {
    if (data instanceof byte[] b) {
      b[i] = (byte) v;
    } else if (data instanceof short[] s) {
      s[i] = (short) v;
    } else if (data instanceof int[] x) {
      x[i] = (int) v;
    } else {
      ((long[]) data)[i] = v;
    }
  }

  /**
   * A chunk holding {@code values}, laid out with the strides of a random axis permutation when
   * {@code strided} (C order otherwise), as a stage before may hand it on.
   */
  static ChunkArray chunkOf(NdArray values, boolean strided, SplittableRandom rnd) {
    int[] shape = values.shape();
    ChunkSpec spec = new ChunkSpec(shape, values.dtype(), null);
    long[] strides = strided ? permutedStrides(shape, rnd) : ChunkArray.cStrides(shape);
    ChunkArray c = ChunkArray.filled(spec, null, strides);
    c.copyFrom(StridedView.of(values), StridedBox.all(shape));
    return c;
  }

  /** C-order strides of {@code shape} taken in a random axis order. */
  static long[] permutedStrides(int[] shape, SplittableRandom rnd) {
    int n = shape.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] permuted = new int[n];
    for (int k = 0; k < n; k++) {
      permuted[k] = shape[order[k]];
    }
    long[] c = ChunkArray.cStrides(permuted);
    long[] st = new long[n];
    for (int k = 0; k < n; k++) {
      st[order[k]] = c[k];
    }
    return st;
  }

  /** A value as JSON gives it back: written as zarr4j writes metadata, then parsed. */
  static Object json(Object value) {
    return PythonJson.parse(PythonJson.writePython(value));
  }

  /** A parsed JSON object as a codec configuration. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> jsonObject(Object parsed) {
    return (Map<String, Object>) parsed;
  }

  /** The elements of a chunk, in its logical (not storage) order, as an array. */
  static NdArray valuesOf(ChunkArray c) {
    int[] shape = c.spec().shape();
    NdArray out = NdArray.zeros(c.spec().dtype(), shape);
    c.copyTo(StridedBox.all(shape), StridedView.of(out));
    return out;
  }
}
