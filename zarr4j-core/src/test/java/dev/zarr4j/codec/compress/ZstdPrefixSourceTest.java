package dev.zarr4j.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecTestData;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.CountingByteSource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zstd's partial decoder (reads decode the frames only up to their last byte) against the data the
 * frames were made from: random data, sizes and levels, frames written by zarr4j natively and in
 * pure Java, frames without a recorded size (zstd-jni's stream writer), several frames in a row;
 * random runs (rows of a window, points, ranges), read in turn so that later reads need more of the
 * frames, on both decoding paths.
 */
class ZstdPrefixSourceTest {
  private static final DataType U1 = DataType.parse("|u1");

  static Stream<Arguments> seeds() {
    return Stream.of(false, true)
        .flatMap(pure -> IntStream.range(0, 60).mapToObj(i -> Arguments.of(pure, 0x25D0 + i)));
  }

  private static byte[] frames(SplittableRandom rnd, byte[] data, boolean pureJava)
      throws Exception {
    int n = data.length;
    switch (rnd.nextInt(4)) {
      case 0 -> { // no recorded content size: zstd-jni's stream writer
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bos, 1 + rnd.nextInt(5))) {
          z.write(data);
        }
        return bos.toByteArray();
      }
      case 1 -> { // two frames in a row
        int cut = n == 0 ? 0 : rnd.nextInt(n + 1);
        byte[] a = encode(Arrays.copyOfRange(data, 0, cut), rnd, pureJava);
        byte[] b = encode(Arrays.copyOfRange(data, cut, n), rnd, pureJava);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
      }
      default -> {
        return encode(data, rnd, pureJava);
      }
    }
  }

  private static byte[] encode(byte[] data, SplittableRandom rnd, boolean pureJava) {
    int level = rnd.nextInt(6) == 0 ? -rnd.nextInt(5) : 1 + rnd.nextInt(6);
    return CodecTestData.bytes(
        Zstd.of(level).encode(ByteBuffer.wrap(data), BytesSpec.unbounded(), options(pureJava)));
  }

  private static CodecOptions options(boolean pureJava) {
    return CodecTestData.options(pureJava);
  }

  /** Sorted, disjoint runs inside {@code [0, n)}: window rows, points or ranges. */
  private static long[] randomRuns(SplittableRandom rnd, int n) {
    if (n == 0) {
      return new long[0];
    }
    long[] runs;
    int count = 0;
    if (rnd.nextBoolean()) { // rows of a window of 4-byte items
      int width = 1 + rnd.nextInt(Math.max(1, Math.min(n / 4, 2048)));
      int rows = Math.max(1, n / (4 * width));
      int r0 = rnd.nextInt(rows);
      int r1 = r0 + 1 + rnd.nextInt(Math.min(rows - r0, 80));
      int c0 = rnd.nextInt(width);
      int c1 = c0 + 1 + rnd.nextInt(width - c0);
      runs = new long[2 * (r1 - r0)];
      for (int r = r0; r < r1; r++) {
        long a = Math.min(n, 4L * (r * width + c0));
        long b = Math.min(n, 4L * (r * width + c1));
        if (b > a) {
          runs[2 * count] = a;
          runs[2 * count + 1] = b;
          count++;
        }
      }
    } else {
      int k = 1 + rnd.nextInt(40);
      int[] starts = rnd.ints(k, 0, n).sorted().toArray();
      runs = new long[2 * k];
      long prevEnd = 0;
      for (int i = 0; i < k; i++) {
        long a = Math.max(starts[i], prevEnd);
        long b = Math.min(n, a + 1 + rnd.nextInt(1 + n / k));
        if (b > a) {
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
  void readsEqualTheDataTheFramesWereMadeFrom(boolean pureJava, int seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n =
        switch (rnd.nextInt(4)) {
          case 0 -> rnd.nextInt(300);
          case 1 -> (128 << 10) * (1 + rnd.nextInt(4)) + rnd.nextInt(9) - 4; // block edges
          default -> rnd.nextInt(1_200_000);
        };
    CodecTestData.Kind kind =
        CodecTestData.Kind.values()[rnd.nextInt(CodecTestData.Kind.values().length)];
    byte[] data = CodecTestData.generate(kind, n, 4, rnd);
    byte[] encoded = frames(rnd, data, pureJava);
    BytesSpec spec = rnd.nextBoolean() ? BytesSpec.exactly(n, U1) : BytesSpec.atMost(n + 7, U1);
    Zstd codec = Zstd.of(3);
    assertThat(codec.decodesPartially()).isTrue();
    CountingByteSource src = new CountingByteSource(encoded);
    try (ByteSource s = codec.partialDecoder(src, spec, options(pureJava))) {
      assertThat(s.size()).isEqualTo(n);
      for (int trial = 0; trial < 4; trial++) {
        long[] runs = randomRuns(rnd, n);
        ByteRuns r = ByteRuns.of(runs);
        byte[] expected = new byte[(int) r.totalBytes() + 3];
        int at = 1;
        for (int i = 0; i < r.count(); i++) {
          int len = (int) (r.end(i) - r.start(i));
          System.arraycopy(data, (int) r.start(i), expected, at, len);
          at += len;
        }
        byte[] got = new byte[expected.length];
        s.readPacked(r, got, 1);
        assertThat(got).as("kind %s n %d runs %s", kind, n, r).isEqualTo(expected);
        if (n > 0) {
          int off = rnd.nextInt(n);
          int len = rnd.nextInt(n - off + 1);
          ByteBuffer one = ByteBuffer.allocate(len);
          s.read(off, one);
          assertThat(one.array()).isEqualTo(Arrays.copyOfRange(data, off, off + len));
        }
      }
      ByteBuffer all = s.readAll();
      assertThat(CodecTestData.bytes(all)).isEqualTo(data);
    }
    assertThat(src.reads).as("the compressed value is read once").isLessThanOrEqualTo(1);
  }

  @Test
  void aFrameCutShortIsRefusedNamingZstd() {
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 1 << 20, 4, rnd);
    byte[] frame = encode(data, new SplittableRandom(1), false);
    byte[] cut = Arrays.copyOf(frame, frame.length / 2);
    try (ByteSource s =
        Zstd.of(3)
            .partialDecoder(
                new CountingByteSource(cut), BytesSpec.exactly(1 << 20, U1), options(false))) {
      assertThatThrownBy(() -> s.readPacked(ByteRuns.single(0, 1000), new byte[1000], 0))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("zstd");
    }
  }

  @Test
  void framesOfAnotherSizeThanTheChunkAreRefused() {
    byte[] frame = encode(new byte[5000], new SplittableRandom(2), false);
    try (ByteSource s =
        Zstd.of(3)
            .partialDecoder(
                new CountingByteSource(frame), BytesSpec.exactly(4096, U1), options(false))) {
      assertThatThrownBy(s::size)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("5000")
          .hasMessageContaining("4096");
    }
    try (ByteSource s =
        Zstd.of(3)
            .partialDecoder(
                new CountingByteSource(frame), BytesSpec.atMost(4096, U1), options(false))) {
      assertThatThrownBy(() -> s.readPacked(ByteRuns.single(0, 10), new byte[10], 0))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("5000");
    }
  }

  @Test
  void checksummedFramesAreNotDecodedInParts() {
    assertThat(Zstd.of(3, true).decodesPartially()).isFalse();
    assertThat(Zstd.of(3, false).decodesPartially()).isTrue();
  }
}
