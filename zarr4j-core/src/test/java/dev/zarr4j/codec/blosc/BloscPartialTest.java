package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecTestData;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partial decoding ({@link Blosc#decodeRuns}) gives exactly the wanted bytes of a whole decode,
 * packed run after run, and writes nothing else, for random frames (every compressor, shuffle, type
 * size, block size, uncompressed frames) and random runs (boxes, points, single bytes, everything),
 * from memory and from a byte-range source; corrupt frames give a {@link CodecException}, never
 * another error. The parameterized tests run on both backends, encoding with {@link CodecOptions}
 * and decoding runs through the package's per-call overloads.
 */
class BloscPartialTest {
  private static final byte SENTINEL = (byte) 0xA5;

  /**
   * {@code data[0, n)} as a frame of {@code codec}, encoded on the path {@code pureJava} asks for.
   */
  private static byte[] encode(Blosc codec, byte[] data, int n, int ts, boolean pureJava) {
    CodecOptions options = CodecTestData.options(pureJava);
    return CodecTestData.bytes(
        codec.encode(ByteBuffer.wrap(data, 0, n), CodecTestData.items(ts), options));
  }

  static Stream<Arguments> seeds() {
    return Stream.of(false, true)
        .flatMap(pure -> IntStream.range(0, 200).mapToObj(i -> Arguments.of(pure, 0x9A27 + i)));
  }

  /** A frame source over an array that checks every read stays inside it and counts reads. */
  static final class ArraySource implements Blosc.FrameSource {
    final byte[] frame;
    int reads;
    long bytesRead;

    ArraySource(byte[] frame) {
      this.frame = frame;
    }

    @Override
    public long size() {
      return frame.length;
    }

    @Override
    public void read(long offset, byte[] dst, int off, int len) {
      assertThat(offset).isNotNegative();
      assertThat(len).isNotNegative();
      assertThat(offset + len).isLessThanOrEqualTo(frame.length);
      System.arraycopy(frame, (int) offset, dst, off, len);
      reads++;
      bytesRead += len;
    }
  }

  private static int randomSize(SplittableRandom rnd, int ts) {
    return switch (rnd.nextInt(7)) {
      case 0 -> rnd.nextInt(3);
      case 1 -> rnd.nextInt(300); // around MIN_BUFFERSIZE (128)
      case 2 -> 32 * 1024 * (1 + rnd.nextInt(4)) + rnd.nextInt(2 * ts + 1) - ts;
      case 3 -> rnd.nextInt(5000);
      default -> rnd.nextInt(300_000);
    };
  }

  /** Sorted, disjoint runs inside {@code [0, n)} of one of several shapes, as start/end pairs. */
  static int[] randomRuns(SplittableRandom rnd, int n, int ts) {
    if (n == 0) {
      return new int[0];
    }
    int kind = rnd.nextInt(7);
    int[] runs = new int[0];
    int count = 0;
    switch (kind) {
      case 0 -> runs = new int[] {0, n}; // everything
      case 1 -> { // a window: rows of a 2-d chunk of items
        int items = n / ts;
        int width = 1 + (items == 0 ? 0 : rnd.nextInt(Math.min(items, 600)));
        int rows = Math.max(1, items / width);
        int r0 = rnd.nextInt(rows);
        int r1 = r0 + 1 + rnd.nextInt(rows - r0);
        int c0 = rnd.nextInt(width);
        int c1 = c0 + 1 + rnd.nextInt(width - c0);
        runs = new int[2 * (r1 - r0)];
        for (int r = r0; r < r1; r++) {
          int a = Math.min(n, (r * width + c0) * ts);
          int b = Math.min(n, (r * width + c1) * ts);
          runs[2 * count] = a;
          runs[2 * count + 1] = b;
          count++;
        }
      }
      default -> { // random points (items or bytes) and random ranges
        int k = 1 + rnd.nextInt(kind == 2 ? 3 : 200);
        int[] starts = new int[k];
        for (int i = 0; i < k; i++) {
          starts[i] = rnd.nextInt(n);
        }
        Arrays.sort(starts);
        runs = new int[2 * k];
        int prevEnd = 0;
        for (int i = 0; i < k; i++) {
          int a = Math.max(starts[i], prevEnd);
          if (kind == 3) {
            a = Math.max(prevEnd, a / ts * ts);
          }
          int len =
              switch (kind) {
                case 3 -> ts; // whole items
                case 4 -> 1; // single bytes
                case 5 -> rnd.nextInt(3); // empty runs too
                default -> rnd.nextInt(1 + n / k);
              };
          int b = Math.min(n, a + len);
          runs[2 * count] = a;
          runs[2 * count + 1] = b;
          count++;
          prevEnd = b;
        }
      }
    }
    return Arrays.copyOf(runs, 2 * count);
  }

  @ParameterizedTest(name = "pureJava={0} seed={1}")
  @MethodSource("seeds")
  void partialDecodeEqualsWholeDecodeOnTheRuns(boolean pureJava, int seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    BloscCompressor cname = BloscCompressor.values()[rnd.nextInt(BloscCompressor.values().length)];
    int clevel = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(7);
    BloscShuffle shuffle = BloscShuffle.values()[rnd.nextInt(4)];
    int blocksize =
        switch (rnd.nextInt(4)) {
          case 0 -> 0;
          case 1 -> 128 + rnd.nextInt(4000);
          default -> 1 << (8 + rnd.nextInt(10));
        };
    int ts = rnd.nextInt(12) == 0 ? 200 + rnd.nextInt(200) : 1 + rnd.nextInt(17);
    int n = Math.max(0, randomSize(rnd, ts));
    CodecTestData.Kind kind =
        CodecTestData.Kind.values()[rnd.nextInt(CodecTestData.Kind.values().length)];
    byte[] data = CodecTestData.generate(kind, n, ts, rnd);
    Blosc codec = Blosc.of(cname, clevel, shuffle, blocksize);
    byte[] frame = encode(codec, data, n, ts, pureJava);
    BloscHeader h = BloscHeader.read(ByteBuffer.wrap(frame));
    String what = codec + " ts=" + ts + " n=" + n + " kind=" + kind + " " + h;

    for (int trial = 0; trial < 6; trial++) {
      int[] runs = randomRuns(rnd, n, Math.min(ts, 255));
      int nruns = runs.length / 2;
      String w = what + " runs=" + Arrays.toString(Arrays.copyOf(runs, Math.min(runs.length, 20)));
      int total = 0;
      for (int r = 0; r < nruns; r++) {
        total += runs[2 * r + 1] - runs[2 * r];
      }
      byte[] expected = new byte[total + 5];
      Arrays.fill(expected, SENTINEL);
      int at = 2;
      for (int r = 0; r < nruns; r++) {
        int len = runs[2 * r + 1] - runs[2 * r];
        System.arraycopy(data, runs[2 * r], expected, at, len);
        at += len;
      }

      // from memory: a heap buffer at an offset, or a direct buffer
      ByteBuffer in;
      if (rnd.nextBoolean()) {
        byte[] padded = new byte[frame.length + 9];
        System.arraycopy(frame, 0, padded, 4, frame.length);
        in = ByteBuffer.wrap(padded, 4, frame.length).slice();
      } else {
        in = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
      }
      byte[] got = new byte[total + 5];
      Arrays.fill(got, SENTINEL);
      Blosc.decodeRuns(in, n, runs, nruns, got, 2, pureJava);
      assertThat(got).as("from memory " + w).isEqualTo(expected);

      // from a byte-range source
      ArraySource src = new ArraySource(frame);
      Arrays.fill(got, SENTINEL);
      Blosc.decodeRuns(src, n, runs, nruns, got, 2, pureJava);
      assertThat(got).as("from a source " + w).isEqualTo(expected);
      if (nruns == 0) {
        assertThat(src.bytesRead).as(w).isLessThanOrEqualTo(16 + BloscPartial.READ_AHEAD);
      }
    }
  }

  /**
   * The byte runs of a 64 x 64 window at ({@code row}, {@code col}) of a 512 x 512 float32 chunk,
   * one run per row.
   */
  private static int[] windowRuns(int row, int col) {
    int[] runs = new int[2 * 64];
    for (int r = 0; r < 64; r++) {
      runs[2 * r] = ((row + r) * 512 + col) * 4;
      runs[2 * r + 1] = runs[2 * r] + 64 * 4;
    }
    return runs;
  }

  /** Decodes a window's runs from {@code src} and checks each row against the chunk's data. */
  private static void assertWindowDecodes(ArraySource src, byte[] data, int[] runs, String what) {
    byte[] got = new byte[64 * 64 * 4];
    Blosc.decodeRuns(src, data.length, runs, 64, got, 0);
    for (int r = 0; r < 64; r++) {
      assertThat(Arrays.copyOfRange(got, r * 256, r * 256 + 256))
          .as("%s row %d", what, r)
          .isEqualTo(Arrays.copyOfRange(data, runs[2 * r], runs[2 * r + 1]));
    }
  }

  @Test
  void readsOnlyTheWantedBlockOfALargeFrame() {
    // 1 MiB of float32 in 512 KiB blocks (the benchmark's chunks): a few rows need one block
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 1 << 20, 4, rnd);
    byte[] frame = Blosc.DEFAULT.encode(data, 0, data.length, 4);
    int[] runs = windowRuns(300, 100);
    ArraySource src = new ArraySource(frame);
    assertWindowDecodes(src, data, runs, "rows 300-363, columns 100-163");
    assertThat(src.bytesRead).isLessThan(frame.length / 2);
    assertThat(src.reads).isLessThanOrEqualTo(8);
  }

  /**
   * Random 64 x 64 windows of a 512 x 512 float32 chunk of smooth values (two 512 KiB blocks; in
   * each, the two low byte streams stored raw, the two high ones compressed) decode exactly, and
   * read each block they touch in at most four requests after the header's: the wanted slices of
   * the two raw streams, the size of the second, and the rest of the block from the size of the
   * first compressed stream on, in one read; a block after the first needs one more for its first
   * stream size. The code before this bound read the compressed streams with a request or two more
   * (7 requests for most windows inside one block, 10 for most across two; now 4 to 6, and 7 or 8).
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("windowSeeds")
  void windowsReadEachBlockInFewRequests(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 1 << 20, 4, rnd);
    byte[] frame = Blosc.DEFAULT.encode(data, 0, data.length, 4);
    for (int w = 0; w < 20; w++) {
      int i0 = rnd.nextInt(512 - 64 + 1);
      int j0 = rnd.nextInt(512 - 64 + 1);
      int[] runs = windowRuns(i0, j0);
      ArraySource src = new ArraySource(frame);
      assertWindowDecodes(src, data, runs, "seed " + seed + " window (" + i0 + ", " + j0 + ")");
      int first = runs[0] / (512 << 10);
      int blocks = (runs[127] - 1) / (512 << 10) - first + 1;
      assertThat(src.reads)
          .as("seed %d window (%d, %d): requests for %d block(s)", seed, i0, j0, blocks)
          .isLessThanOrEqualTo(1 + 4 * blocks + (first > 0 ? 1 : 0));
    }
  }

  static LongStream windowSeeds() {
    return LongStream.range(0, 5).map(i -> 0x51DE + i);
  }

  @Test
  void badRunsAreRejected() {
    byte[] data = new byte[1000];
    byte[] frame = Blosc.DEFAULT.encode(data, 0, data.length, 4);
    byte[] dst = new byte[1000];
    ByteBuffer in = ByteBuffer.wrap(frame);
    assertThatThrownBy(() -> Blosc.decodeRuns(in, 1000, new int[] {10, 5}, 1, dst, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Blosc.decodeRuns(in, 1000, new int[] {10, 20, 15, 30}, 2, dst, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Blosc.decodeRuns(in, 1000, new int[] {990, 1001}, 1, dst, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Blosc.decodeRuns(in, 1000, new int[] {0, 10}, 2, dst, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Blosc.decodeRuns(in, 999, new int[] {0, 10}, 1, dst, 0))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("1000");
    assertThatThrownBy(() -> Blosc.decodeRuns(in, 1000, new int[] {0, 1000}, 1, new byte[999], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  static Stream<Arguments> hostileCases() {
    return Stream.of(false, true)
        .flatMap(
            pure ->
                Stream.of(BloscShuffle.SHUFFLE, BloscShuffle.BITSHUFFLE, BloscShuffle.NOSHUFFLE)
                    .flatMap(
                        sh ->
                            Arrays.stream(BloscCompressor.values())
                                .map(c -> Arguments.of(pure, c, sh))));
  }

  /** Corrupt frames: every outcome is a result or a CodecException. */
  @ParameterizedTest(name = "pureJava={0} {1} {2}")
  @MethodSource("hostileCases")
  void corruptFramesGiveCodecExceptions(boolean pureJava, BloscCompressor c, BloscShuffle sh) {
    SplittableRandom rnd =
        new SplittableRandom(c.ordinal() * 7L + sh.ordinal() + (pureJava ? 100 : 0));
    int n = 40_000;
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, n, 4, rnd);
    byte[] frame = encode(Blosc.of(c, 5, sh, 2048), data, n, 4, pureJava);
    for (int i = 0; i < 300; i++) {
      byte[] bad;
      String what;
      switch (rnd.nextInt(4)) {
        case 0 -> {
          int cut = rnd.nextInt(frame.length);
          bad = Arrays.copyOf(frame, cut);
          what = "truncated at " + cut;
        }
        case 1 -> {
          bad = frame.clone();
          int at = 16 + rnd.nextInt(Math.min(200, bad.length - 16)); // the block table
          bad[at] = (byte) rnd.nextInt();
          what = "block table byte " + at;
        }
        case 2 -> {
          bad = frame.clone();
          for (int k = 0; k < 4; k++) {
            int at = rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
          }
          what = "bit flips";
        }
        default -> {
          bad = frame.clone();
          int at = rnd.nextInt(16);
          bad[at] = (byte) rnd.nextInt();
          what = "header byte " + at;
        }
      }
      int[] runs = randomRuns(rnd, n, 4);
      byte[] dst = new byte[n];
      for (int mode = 0; mode < 2; mode++) {
        try {
          if (mode == 0) {
            Blosc.decodeRuns(ByteBuffer.wrap(bad), n, runs, runs.length / 2, dst, 0, pureJava);
          } else {
            Blosc.decodeRuns(new ArraySource(bad), n, runs, runs.length / 2, dst, 0, pureJava);
          }
        } catch (CodecException expected) {
          assertThat(expected.getMessage()).as(what).isNotBlank();
        } catch (RuntimeException | Error e) {
          throw new AssertionError(c + " " + sh + ": " + what + " threw " + e, e);
        }
      }
    }
  }

  @Test
  void blockStartOutsideTheFrameIsNamed() {
    byte[] data =
        CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 8192, 4, new SplittableRandom(1));
    byte[] frame =
        Blosc.of(BloscCompressor.ZSTD, 5, BloscShuffle.SHUFFLE, 1024).encode(data, 0, 8192, 4);
    assertThat(BloscHeader.read(ByteBuffer.wrap(frame)).blockSize()).isEqualTo(1024);
    byte[] bad = frame.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(16 + 4 * 3, Integer.MAX_VALUE);
    byte[] dst = new byte[8192];
    assertThatThrownBy(
            () ->
                Blosc.decodeRuns(
                    ByteBuffer.wrap(bad), 8192, new int[] {3 * 1024 + 8, 3 * 1024 + 12}, 1, dst, 0))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("block 3");
    // a block that is not wanted is not looked at
    Blosc.decodeRuns(ByteBuffer.wrap(bad), 8192, new int[] {8, 12}, 1, dst, 0);
    assertThat(Arrays.copyOfRange(dst, 0, 4)).isEqualTo(Arrays.copyOfRange(data, 8, 12));
  }
}
