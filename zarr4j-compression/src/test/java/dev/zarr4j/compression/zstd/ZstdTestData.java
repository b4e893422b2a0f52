package dev.zarr4j.compression.zstd;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.zarr4j.compression.LittleEndian;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Seeded inputs of many shapes for the zstd decoder tests, and frames made from them. */
final class ZstdTestData {
  private ZstdTestData() {}

  /** The kinds of data generated. */
  enum Shape {
    RANDOM,
    ZEROS,
    RUNS,
    PATTERN,
    FLOATS,
    TEXT,
    MIXED
  }

  private static final String[] WORDS =
      "the of and to in is that for it as with was on be by at this from or an have not are but had"
          .split(" ");

  static byte[] make(Shape shape, int n, long seed) {
    Random r = new Random(seed);
    byte[] a = new byte[n];
    switch (shape) {
      case RANDOM -> r.nextBytes(a);
      case ZEROS -> {}
      case RUNS -> {
        int i = 0;
        while (i < n) {
          int len = Math.min(n - i, 1 + r.nextInt(r.nextBoolean() ? 8 : 600));
          byte v = (byte) r.nextInt(4);
          for (int k = 0; k < len; k++) {
            a[i++] = v;
          }
        }
      }
      case PATTERN -> {
        byte[] p = new byte[1 + r.nextInt(r.nextBoolean() ? 7 : 300)];
        r.nextBytes(p);
        for (int i = 0; i < n; i++) {
          a[i] = (byte) (p[i % p.length] + (r.nextInt(50) == 0 ? 1 : 0));
        }
      }
      case FLOATS -> {
        ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        double x = r.nextDouble();
        for (int i = 0; i + 4 <= n; i += 4) {
          x += 0.001 * r.nextGaussian();
          b.putFloat(i, (float) (Math.sin(i * 1e-4) + x + 1e-3 * r.nextGaussian()));
        }
      }
      case TEXT -> {
        StringBuilder s = new StringBuilder();
        while (s.length() < n) {
          s.append(WORDS[(int) Math.abs(r.nextGaussian() * 6) % WORDS.length]);
          s.append(r.nextInt(12) == 0 ? ".\n" : " ");
          if (r.nextInt(40) == 0) {
            s.append(r.nextInt(100000));
          }
        }
        byte[] t = s.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, a, 0, n);
      }
      case MIXED -> {
        int i = 0;
        Shape[] parts = {Shape.RANDOM, Shape.RUNS, Shape.PATTERN, Shape.FLOATS, Shape.TEXT};
        while (i < n) {
          int len = Math.min(n - i, 1 + r.nextInt(70_000));
          byte[] part = make(parts[r.nextInt(parts.length)], len, r.nextLong());
          System.arraycopy(part, 0, a, i, len);
          i += len;
          if (i < n && i > 1000 && r.nextBoolean()) {
            // a long-distance repeat of earlier data
            int from = r.nextInt(i - 500);
            int rep = Math.min(n - i, Math.min(i - from, 1 + r.nextInt(5000)));
            System.arraycopy(a, from, a, i, rep);
            i += rep;
          }
        }
      }
      default -> throw new AssertionError(shape);
    }
    return a;
  }

  /** One zstd-jni frame. */
  static byte[] compress(byte[] data, int level, boolean checksum, boolean contentSize) {
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.setLevel(level);
      ctx.setChecksum(checksum);
      ctx.setContentSize(contentSize);
      return ctx.compress(data);
    }
  }

  /** A skippable frame of {@code n} random bytes. */
  static byte[] skippable(int n, Random r) {
    byte[] f = new byte[8 + n];
    LittleEndian.putInt(f, 0, 0x184D2A50 + r.nextInt(16));
    LittleEndian.putInt(f, 4, n);
    for (int i = 8; i < f.length; i++) {
      f[i] = (byte) r.nextInt();
    }
    return f;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
