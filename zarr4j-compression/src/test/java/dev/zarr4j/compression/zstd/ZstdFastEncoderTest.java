package dev.zarr4j.compression.zstd;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.compression.XxHash64;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ZstdFastEncoder}'s frames decode to the input in C zstd (zstd-jni) and in aircompressor,
 * record the content size, carry the right checksum when asked, and compress about as well as C
 * zstd's level 1.
 *
 * <p>Public for its data generator ({@link Kind}, {@link #data}), which zarr4j-core's tests of the
 * Zstd codec use too.
 */
public class ZstdFastEncoderTest {
  static final int[] LEVELS = {-10, -1, 1, 2};

  /** zstd's lowest ("fastest") level, {@code ZSTD_minCLevel()}. */
  private static final int ZSTD_MIN_LEVEL = -(1 << 17);

  /** zstd's highest level. */
  private static final int ZSTD_MAX_LEVEL = 22;

  /** Kinds of test data. */
  public enum Kind {
    RANDOM,
    ZEROS,
    RUNS,
    PERIODIC,
    FLOATS,
    TEXT,
    MIXED
  }

  /** Deterministic test data of the given kind. */
  public static byte[] data(Kind kind, int n, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    switch (kind) {
      case RANDOM -> r.nextBytes(b);
      case ZEROS -> {}
      case RUNS -> {
        int i = 0;
        while (i < n) {
          int len = 1 + r.nextInt(r.nextBoolean() ? 8 : 3000);
          byte v = (byte) r.nextInt(4);
          Arrays.fill(b, i, Math.min(n, i + len), v);
          i += len;
        }
      }
      case PERIODIC -> {
        // periods 1..7 make overlapping matches; changing periods exercise repeat offsets
        int i = 0;
        while (i < n) {
          int period = 1 + r.nextInt(r.nextInt(4) == 0 ? 300 : 7);
          int len = 1 + r.nextInt(5000);
          byte[] unit = new byte[period];
          r.nextBytes(unit);
          for (int k = 0; k < len && i < n; k++, i++) {
            b[i] = unit[k % period];
          }
          if (r.nextInt(3) == 0 && i < n) {
            b[i++] = (byte) r.nextInt(); // a stray byte between two runs of the same period
          }
        }
      }
      case FLOATS -> floats(b, r);
      case TEXT -> text(b, r);
      case MIXED -> {
        int i = 0;
        Kind[] kinds = {Kind.RANDOM, Kind.ZEROS, Kind.RUNS, Kind.PERIODIC, Kind.FLOATS, Kind.TEXT};
        while (i < n) {
          int len = Math.min(n - i, 1 + r.nextInt(r.nextBoolean() ? 64 : 40_000));
          byte[] part = data(kinds[r.nextInt(kinds.length)], len, r.nextLong());
          System.arraycopy(part, 0, b, i, len);
          i += len;
          if (i > 0 && r.nextInt(4) == 0) {
            // copy an earlier stretch, for matches at long and repeated distances
            int from = r.nextInt(i);
            int copy = Math.min(Math.min(n - i, i - from), r.nextInt(3000));
            System.arraycopy(b, from, b, i, copy);
            i += copy;
          }
        }
      }
    }
    return b;
  }

  /** Little-endian float32 of a smooth signal with noise, like a simulation's output chunk. */
  static void floats(byte[] b, Random r) {
    double phase = r.nextDouble() * 10;
    for (int i = 0; i + 4 <= b.length; i += 4) {
      double x = (i >> 2) * 0.001 + phase;
      float f = (float) (Math.sin(x) * 100 + Math.cos(3.1 * x) * 20 + r.nextGaussian() * 0.5);
      LittleEndian.putInt(b, i, Float.floatToRawIntBits(f));
    }
  }

  /** Text-like bytes: words from a small vocabulary with punctuation and numbers. */
  static void text(byte[] b, Random r) {
    String[] words = {
      "the",
      "zarr",
      "array",
      "chunk",
      "of",
      "compressed",
      "data",
      "and",
      "a",
      "store",
      "is",
      "written",
      "to",
      "with",
      "metadata",
      "in",
      "JSON",
      "format",
      "codec",
      "level",
      "shape"
    };
    StringBuilder sb = new StringBuilder(b.length + 16);
    while (sb.length() < b.length) {
      int k = r.nextInt(20);
      if (k == 0) {
        sb.append(r.nextInt(100000));
      } else {
        sb.append(words[r.nextInt(words.length)]);
      }
      sb.append(r.nextInt(12) == 0 ? ".\n" : r.nextInt(9) == 0 ? ", " : " ");
    }
    byte[] t = sb.toString().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, b, 0, b.length);
  }

  static Stream<Arguments> cases() {
    int[] sizes = {
      0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 100, 255, 256, 1000, 1023, 1024, 4095, 4096, 65535,
      65791, 65792, 131071, 131072, 131073, 300_000
    };
    List<Arguments> out = new ArrayList<>();
    int seed = 0;
    for (Kind kind : Kind.values()) {
      for (int n : sizes) {
        for (int level : LEVELS) {
          out.add(Arguments.of(kind, n, level, (seed & 1) == 0, seed++));
        }
      }
      for (int n : new int[] {1_100_000, 3_000_000}) {
        out.add(Arguments.of(kind, n, 1, true, seed++));
        out.add(Arguments.of(kind, n, -1, false, seed++));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} n={1} level={2} checksum={3}")
  @MethodSource("cases")
  void roundTripsThroughCZstd(Kind kind, int n, int level, boolean checksum, int seed) {
    byte[] input = data(kind, n, seed);
    check(input, 0, n, level, checksum);
  }

  /** Random mixtures at random offsets into larger arrays. */
  @RepeatedTest(150)
  void randomMixtures(RepetitionInfo info) {
    Random r = new Random(1000 + info.getCurrentRepetition());
    int n = r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(700_000);
    int off = r.nextInt(20);
    byte[] input = new byte[off + n + r.nextInt(20)];
    r.nextBytes(input);
    System.arraycopy(data(Kind.MIXED, n, r.nextLong()), 0, input, off, n);
    check(input, off, n, LEVELS[r.nextInt(LEVELS.length)], r.nextBoolean());
  }

  /** The extremes of the level range: zstd's fastest level skips almost everything. */
  @Test
  void extremeLevels() {
    for (Kind kind : Kind.values()) {
      byte[] input = data(kind, 400_000, kind.ordinal());
      for (int level : new int[] {ZSTD_MIN_LEVEL, -1000, 0, 3, ZSTD_MAX_LEVEL}) {
        check(input, 0, input.length, level, level == 0);
      }
    }
  }

  /** Frames larger than 8 MiB are not single-segment: their 8 MiB window must hold all offsets. */
  @Test
  void largeInputWithDistantRepeats() {
    int n = 9 << 20;
    byte[] input = new byte[n];
    byte[] part = data(Kind.MIXED, 1 << 20, 77);
    for (int i = 0; i < n; i += part.length) {
      System.arraycopy(part, 0, input, i, Math.min(part.length, n - i));
    }
    byte[] frame = check(input, 0, n, 1, false);
    assertThat(frame[4] & 0x20).as("single-segment flag").isZero();
  }

  /**
   * zstd's {@code ZSTD_COMPRESSBOUND(n)}, which {@link ZstdFastEncoder#compress} promises to keep.
   */
  private static int compressBound(int n) {
    return n + (n >>> 8) + (n < (128 << 10) ? ((128 << 10) - n) >>> 11 : 0);
  }

  /** The room zarr4j-core's ZstdBlock gives the encoder: the bound plus 64 bytes. */
  private static int room(int n) {
    return compressBound(n) + 64;
  }

  private static byte[] check(byte[] src, int off, int n, int level, boolean checksum) {
    byte[] dst = new byte[room(n) + 10];
    int size = ZstdFastEncoder.compress(src, off, n, dst, 3, level, checksum);
    assertThat(size)
        .as("frame size within ZSTD_COMPRESSBOUND")
        .isLessThanOrEqualTo(compressBound(n));
    byte[] frame = Arrays.copyOfRange(dst, 3, 3 + size);
    byte[] expected = Arrays.copyOfRange(src, off, off + n);
    assertThat(Zstd.getFrameContentSize(frame)).as("content size").isEqualTo(n);
    assertThat(ZstdFrames.contentSize(frame, 0, frame.length, "test")).isEqualTo(n);
    assertThat((frame[4] & 0x04) != 0).as("checksum flag").isEqualTo(checksum);
    if (checksum) {
      assertThat(LittleEndian.getInt(frame, frame.length - 4))
          .as("checksum")
          .isEqualTo(XxHash64.zstdChecksum(src, off, n));
    }
    byte[] decoded = new byte[n];
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      int got = ctx.decompressByteArray(decoded, 0, n, frame, 0, frame.length);
      assertThat(got).isEqualTo(n);
    }
    assertThat(decoded).as("zstd-jni decodes to the input").isEqualTo(expected);
    byte[] viaAir = new byte[n];
    int got = new ZstdDecompressor().decompress(frame, 0, frame.length, viaAir, 0, n);
    assertThat(got).isEqualTo(n);
    assertThat(viaAir).as("aircompressor decodes to the input").isEqualTo(expected);
    return frame;
  }

  private static double ratio(byte[] input, int level) {
    byte[] dst = new byte[room(input.length)];
    return (double) input.length
        / ZstdFastEncoder.compress(input, 0, input.length, dst, 0, level, false);
  }

  private static double cRatio(byte[] input) {
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.setLevel(1);
      return (double) input.length / ctx.compress(input).length;
    }
  }

  /**
   * Level 1 compresses within a few percent of C zstd's level 1 (a guard on the entropy coders).
   */
  @Test
  void ratioCloseToCZstdLevel1() {
    byte[] floats = data(Kind.FLOATS, 1 << 20, 5);
    byte[] text = data(Kind.TEXT, 1 << 20, 6);
    double f = ratio(floats, 1);
    double t = ratio(text, 1);
    double cf = cRatio(floats);
    double ct = cRatio(text);
    // reached when written: floats 0.998x, text 0.985x of C's ratio
    assertThat(f).as("floats: ours %.4f vs C %.4f", f, cf).isGreaterThanOrEqualTo(0.98 * cf);
    assertThat(t).as("text: ours %.4f vs C %.4f", t, ct).isGreaterThanOrEqualTo(0.97 * ct);
    assertThat(ratio(floats, 2)).isGreaterThanOrEqualTo(0.98 * cf);
    assertThat(ratio(text, 2)).isGreaterThanOrEqualTo(t);
    // negative levels store literals raw, as C zstd does, and still find the matches
    assertThat(ratio(text, -1)).isGreaterThan(1.5);
  }
}
