package dev.zarr4j.codec.object;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random elements and shapes for the object codec tests. */
final class ObjectTestData {
  private final SplittableRandom rnd;

  ObjectTestData(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return rnd;
  }

  /** Every data type VLenArray is tested with, both byte orders where they apply. */
  static final String[] VLEN_DTYPES = {
    "|b1", "|i1", "|u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8",
    "<u8", ">u8", "<f2", ">f2", "<f4", ">f4", "<f8", ">f8", "<c8", ">c8", "<c16", ">c16", "<M8[ns]",
    ">M8[s]", "<m8[ms]", "|S3", "<U2", ">U2", "|V3"
  };

  /** A shape of 1 to 3 dimensions with lengths 1 to 5 (rarely 0 when {@code zeros}). */
  int[] shape(boolean zeros) {
    int ndim = 1 + rnd.nextInt(3);
    int[] s = new int[ndim];
    for (int i = 0; i < ndim; i++) {
      s[i] = (zeros && rnd.nextInt(12) == 0) ? 0 : 1 + rnd.nextInt(5);
    }
    return s;
  }

  static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** A code point from one of several ranges: ASCII, Latin-1, the BMP, or beyond it. */
  int codePoint(int maxCodePoint) {
    while (true) {
      int cp =
          switch (rnd.nextInt(5)) {
            case 0 -> rnd.nextInt(0x80);
            case 1 -> 0x20 + rnd.nextInt(0x5f);
            case 2 -> rnd.nextInt(0x100);
            case 3 -> rnd.nextInt(0x10000);
            default -> 0x10000 + rnd.nextInt(0x100000);
          };
      if (cp <= maxCodePoint && (cp < 0xd800 || cp > 0xdfff)) {
        return cp;
      }
    }
  }

  /** A random string of up to {@code maxLen} code points no larger than {@code maxCodePoint}. */
  String string(int maxLen, int maxCodePoint) {
    int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(maxLen + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(codePoint(maxCodePoint));
    }
    return sb.toString();
  }

  String string() {
    return string(12, Character.MAX_CODE_POINT);
  }

  byte[] bytes(int maxLen) {
    byte[] b = new byte[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(maxLen + 1)];
    rnd.nextBytes(b);
    return b;
  }

  /** A random 1-dimensional array of {@code dtype} with 0 to {@code maxLen} items. */
  NdArray ragged(DataType dtype, int maxLen) {
    int n = rnd.nextInt(maxLen + 1);
    byte[] raw = new byte[n * dtype.itemSize()];
    rnd.nextBytes(raw);
    if (dtype.kind() == DataType.Kind.BOOL) {
      for (int i = 0; i < raw.length; i++) {
        raw[i] = (byte) (raw[i] & 1);
      }
    }
    if (dtype.kind() == DataType.Kind.UNICODE) {
      // valid code points below U+10FFFF, not surrogates
      ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.byteOrder());
      for (int i = 0; i < raw.length / 4; i++) {
        b.putInt(i * 4, rnd.nextInt(4) == 0 ? 0 : codePoint(Character.MAX_CODE_POINT));
      }
    }
    // random raw items read into the array's storage (in the interop test NumPy checks the values)
    NdArray a = NdArray.zeros(dtype, n);
    dev.zarr4j.ndarray.RawCopy.decode(
        ByteBuffer.wrap(raw),
        0,
        new long[] {dtype.itemSize()},
        a.data(),
        0,
        new long[] {1},
        new long[] {n},
        dtype);
    return a;
  }

  /** A random long of a random magnitude. */
  long anyLong() {
    return switch (rnd.nextInt(6)) {
      case 0 -> rnd.nextInt(-40, 140);
      case 1 -> rnd.nextInt(-40000, 70000);
      case 2 -> rnd.nextLong(-(1L << 33), 1L << 33);
      case 3 ->
          rnd.nextBoolean() ? Long.MAX_VALUE - rnd.nextInt(3) : Long.MIN_VALUE + rnd.nextInt(3);
      default -> rnd.nextLong();
    };
  }

  /** A random double: ordinary, tiny, huge, zero of either sign, infinite or NaN. */
  double anyDouble() {
    return switch (rnd.nextInt(10)) {
      case 0 -> Double.NaN;
      case 1 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2 -> rnd.nextBoolean() ? 0.0 : -0.0;
      case 3 -> Double.longBitsToDouble(rnd.nextLong(1L << 52)); // subnormal
      case 4 -> rnd.nextInt(-1000, 1000);
      case 5 -> (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, rnd.nextInt(-30, 30));
      default -> {
        double d = Double.longBitsToDouble(rnd.nextLong());
        yield Double.isNaN(d) ? 0.5 : d;
      }
    };
  }

  /**
   * A random JSON-like value as the JSON and MsgPack decoders return them: null, Boolean, Long,
   * BigInteger (only where Long cannot hold it), Double, String, ArrayList, LinkedHashMap.
   *
   * @param bigMax the largest BigInteger allowed (2^64-1 for MsgPack, larger for JSON)
   * @param bytes whether byte[] may appear (MsgPack)
   */
  Object jsonValue(int depth, BigInteger bigMax, boolean bytes, int maxCodePoint) {
    int k = rnd.nextInt(depth <= 0 ? 7 : 9 + (bytes ? 1 : 0));
    switch (k) {
      case 0:
        return null;
      case 1:
        return rnd.nextBoolean();
      case 2:
      case 3:
        return anyLong();
      case 4:
        {
          BigInteger min = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
          if (bigMax.compareTo(min) < 0) {
            return anyLong();
          }
          BigInteger span = bigMax.subtract(min);
          BigInteger v =
              min.add(
                  new BigInteger(span.bitLength(), new java.util.Random(rnd.nextLong()))
                      .mod(span.add(BigInteger.ONE)));
          // negative big values only where the format can hold them (JSON)
          if (bigMax.bitLength() > 64 && rnd.nextBoolean()) {
            v = v.negate().subtract(BigInteger.ONE);
          }
          return v;
        }
      case 5:
        return anyDouble();
      case 6:
        return string(10, maxCodePoint);
      case 7:
      case 8:
        {
          if (rnd.nextBoolean()) {
            int n = rnd.nextInt(5);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              list.add(jsonValue(depth - 1, bigMax, bytes, maxCodePoint));
            }
            return list;
          }
          int n = rnd.nextInt(5);
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            map.put(string(6, maxCodePoint), jsonValue(depth - 1, bigMax, bytes, maxCodePoint));
          }
          return map;
        }
      default:
        return bytes(8);
    }
  }
}
