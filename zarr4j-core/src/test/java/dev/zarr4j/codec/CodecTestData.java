package dev.zarr4j.codec;

import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** Seeded test inputs of the kinds chunks hold: smooth numbers with noise, runs, random bytes. */
public final class CodecTestData {
  private CodecTestData() {}

  /** Kinds of generated content. */
  public enum Kind {
    /** A smooth float32 surface plus small noise (what scientific chunks look like). */
    SMOOTH_FLOAT32,
    /** A smooth float64 ramp plus noise. */
    SMOOTH_FLOAT64,
    /** Small integers in the item size (int16/int32/int64 little-endian). */
    SMALL_INTS,
    /** Uniformly random bytes (incompressible). */
    RANDOM,
    /** All zero. */
    ZEROS,
    /** A short pattern repeated, with occasional changes. */
    PATTERN
  }

  /** {@code n} bytes of the given kind; {@code itemSize} shapes {@link Kind#SMALL_INTS}. */
  public static byte[] generate(Kind kind, int n, int itemSize, SplittableRandom rnd) {
    byte[] out = new byte[n];
    switch (kind) {
      case SMOOTH_FLOAT32 -> {
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int width = 512;
        for (int i = 0; i + 4 <= n; i += 4) {
          int e = i / 4;
          double x = (e % width) / (double) width;
          double y = (e / width) / (double) width;
          float v = (float) (Math.sin(6 * x) * Math.cos(4 * y) * 100 + rnd.nextGaussian() * 0.01);
          b.putFloat(i, v);
        }
        fillTail(out, n - n % 4, rnd);
      }
      case SMOOTH_FLOAT64 -> {
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 8 <= n; i += 8) {
          b.putDouble(i, i * 0.001 + rnd.nextGaussian() * 1e-6);
        }
        fillTail(out, n - n % 8, rnd);
      }
      case SMALL_INTS -> {
        int size = Math.max(1, Math.min(itemSize, 8));
        for (int i = 0; i + size <= n; i += size) {
          long v = rnd.nextInt(200) - 100;
          for (int k = 0; k < size; k++) {
            out[i + k] = (byte) (v >> (8 * k));
          }
        }
        fillTail(out, n - n % size, rnd);
      }
      case RANDOM -> rnd.nextBytes(out);
      case ZEROS -> {}
      case PATTERN -> {
        byte[] pat = new byte[1 + rnd.nextInt(40)];
        rnd.nextBytes(pat);
        for (int i = 0; i < n; i++) {
          out[i] = pat[i % pat.length];
          if (rnd.nextInt(500) == 0) {
            out[i] = (byte) rnd.nextInt();
          }
        }
      }
    }
    return out;
  }

  private static void fillTail(byte[] out, int from, SplittableRandom rnd) {
    for (int i = from; i < out.length; i++) {
      out[i] = (byte) rnd.nextInt();
    }
  }

  /**
   * The options of one path, for tests that run a codec on both: {@link CodecOptions#PURE_JAVA} or
   * {@link CodecOptions#AUTO} (native libraries where they load).
   */
  public static CodecOptions options(boolean pureJava) {
    return pureJava ? CodecOptions.PURE_JAVA : CodecOptions.AUTO;
  }

  /** The name of a path in test messages: {@code "pure-java"} or {@code "auto"}. */
  public static String pathName(boolean pureJava) {
    return pureJava ? "pure-java" : "auto";
  }

  /** An element type of {@code itemSize} bytes: plain bytes for 1, else raw {@code |V<n>}. */
  public static DataType itemType(int itemSize) {
    return itemSize == 1 ? DataType.UINT8 : DataType.rawBytes(itemSize);
  }

  /**
   * What an encode sees: any number of bytes holding elements of {@code itemSize} bytes (Blosc's
   * {@code typesize}), as the numcodecs-style {@code encode(buf, itemSize)} took it.
   */
  public static BytesSpec items(int itemSize) {
    return BytesSpec.unbounded(itemType(itemSize));
  }

  /**
   * What a decode may produce: at most {@code maxDecodedSize} plain bytes, as the numcodecs-style
   * {@code decode(buf, maxDecodedSize)} bounded it.
   */
  public static BytesSpec atMost(int maxDecodedSize) {
    return BytesSpec.atMost(maxDecodedSize, DataType.UINT8);
  }

  /** The remaining bytes of {@code b} as an array (position unchanged). */
  public static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
