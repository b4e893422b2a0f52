package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated, corrupted and random input must fail with a {@link CodecException} (or decode to
 * something within the limit), never hang, crash the JVM, or allocate beyond the limit.
 */
class HostileInputTest {
  private static final int LIMIT = 1 << 20;
  private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

  static List<BytesToBytesCodec> codecs() {
    List<BytesToBytesCodec> list = new ArrayList<>();
    for (BloscCompressor c : BloscCompressor.values()) {
      list.add(Blosc.of(c, 5, BloscShuffle.SHUFFLE, 0));
      list.add(Blosc.of(c, 3, BloscShuffle.BITSHUFFLE, 0));
    }
    list.add(Zstd.of(3, true));
    list.add(Lz4.DEFAULT);
    list.add(Zlib.DEFAULT);
    list.add(GZip.DEFAULT);
    return list;
  }

  static Stream<Arguments> codecsOnBothPaths() {
    return Stream.of(false, true).flatMap(p -> codecs().stream().map(c -> Arguments.of(p, c)));
  }

  /** Decodes and checks that the outcome is a result within the limit or a CodecException. */
  private static void decodeSafely(BytesToBytesCodec codec, byte[] input, String what) {
    try {
      ByteBuffer out = codec.decode(ByteBuffer.wrap(input), LIMIT);
      assertThat(out.remaining()).as(what).isLessThanOrEqualTo(LIMIT);
    } catch (CodecException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(codec + ": " + what + " threw " + e, e);
    }
  }

  /**
   * {@link #decodeSafely(BytesToBytesCodec, byte[], String)} on the path {@code options} asks for.
   */
  private static void decodeSafely(
      BytesToBytesCodec codec, CodecOptions options, byte[] input, String what) {
    try {
      ByteBuffer out = codec.decode(ByteBuffer.wrap(input), CodecTestData.atMost(LIMIT), options);
      assertThat(out.remaining()).as(what).isLessThanOrEqualTo(LIMIT);
    } catch (CodecException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(codec + " " + options + ": " + what + " threw " + e, e);
    }
  }

  /**
   * Decodes into a region of an array of the expected size and checks that the outcome is success
   * or a CodecException, and that nothing outside the region was written.
   */
  private static void decodeIntoSafely(
      BytesToBytesCodec codec, CodecOptions options, byte[] input, int size, String what) {
    byte[] dst = new byte[size + 16];
    try {
      codec.decodeInto(ByteBuffer.wrap(input), dst, 8, size, options);
    } catch (CodecException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          codec + " " + options + ": " + what + " (into an array) threw " + e, e);
    }
    for (int i = 0; i < 8; i++) {
      assertThat(dst[i]).as("%s: byte %d before the region", what, i).isZero();
      assertThat(dst[size + 8 + i]).as("%s: byte %d after the region", what, i).isZero();
    }
  }

  @ParameterizedTest(name = "pureJava={0} {1}")
  @MethodSource("codecsOnBothPaths")
  @Timeout(60)
  void randomBytesTruncationsAndBitFlips(boolean pureJava, BytesToBytesCodec codec) {
    CodecOptions options = CodecTestData.options(pureJava);
    SplittableRandom rnd =
        new SplittableRandom(codec.toString().hashCode() * 31L + (pureJava ? 1 : 0));
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 200_000, 4, rnd);
    byte[] frame =
        CodecTestData.bytes(codec.encode(ByteBuffer.wrap(data), CodecTestData.items(4), options));
    assertThat(
            CodecTestData.bytes(
                codec.decode(ByteBuffer.wrap(frame), CodecTestData.atMost(LIMIT), options)))
        .isEqualTo(data);

    long start = System.nanoTime();
    int iterations = 0;
    while (System.nanoTime() - start < BUDGET_NANOS || iterations < 150) {
      iterations++;
      switch (rnd.nextInt(4)) {
        case 0 -> {
          byte[] junk = new byte[rnd.nextInt(3000)];
          rnd.nextBytes(junk);
          decodeSafely(codec, options, junk, "random bytes");
          decodeIntoSafely(codec, options, junk, data.length, "random bytes");
        }
        case 1 -> {
          int cut = rnd.nextInt(frame.length);
          decodeSafely(codec, options, java.util.Arrays.copyOf(frame, cut), "truncated at " + cut);
          decodeIntoSafely(
              codec,
              options,
              java.util.Arrays.copyOf(frame, cut),
              data.length,
              "truncated at " + cut);
        }
        case 2 -> {
          byte[] bad = frame.clone();
          int flips = 1 + rnd.nextInt(4);
          for (int i = 0; i < flips; i++) {
            int at =
                rnd.nextInt(4) == 0
                    ? rnd.nextInt(Math.min(32, bad.length))
                    : rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
          }
          decodeSafely(codec, options, bad, "bit flips");
          decodeIntoSafely(codec, options, bad, data.length, "bit flips");
        }
        default -> {
          byte[] bad = frame.clone();
          int at = rnd.nextInt(Math.min(24, bad.length));
          bad[at] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt());
          decodeSafely(codec, options, bad, "header byte " + at);
          decodeIntoSafely(codec, options, bad, data.length, "header byte " + at);
        }
      }
    }
    assertThat(iterations).isGreaterThanOrEqualTo(150);
  }

  private static byte[] withInt(byte[] frame, int at, int value) {
    byte[] b = frame.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    return b;
  }

  @Test
  void bloscHeaderClaimingTooMuchIsRejectedBeforeAllocating() {
    byte[] frame = CodecTestData.bytes(Blosc.DEFAULT.encode(ByteBuffer.wrap(new byte[4096]), 4));
    for (int claim : new int[] {LIMIT + 1, 1 << 30, Integer.MAX_VALUE}) {
      byte[] bad = withInt(frame, 4, claim);
      assertThatThrownBy(() -> Blosc.DEFAULT.decode(ByteBuffer.wrap(bad), LIMIT))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining(String.valueOf(claim));
    }
    assertThatThrownBy(() -> Blosc.DEFAULT.decode(ByteBuffer.wrap(withInt(frame, 4, -5)), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("negative");
    // a block size of 1 with a large size needs far more offsets than the frame holds
    byte[] manyBlocks = withInt(withInt(frame, 4, LIMIT), 8, 1);
    assertThatThrownBy(() -> Blosc.DEFAULT.decode(ByteBuffer.wrap(manyBlocks), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("block offsets");
    // a compressed size beyond the input
    assertThatThrownBy(
            () -> Blosc.DEFAULT.decode(ByteBuffer.wrap(withInt(frame, 12, 1 << 29)), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void lz4HeaderClaimingTooMuchIsRejected() {
    byte[] frame = CodecTestData.bytes(Lz4.DEFAULT.encode(ByteBuffer.wrap(new byte[4096]), 1));
    assertThatThrownBy(() -> Lz4.DEFAULT.decode(ByteBuffer.wrap(withInt(frame, 0, 1 << 30)), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    // within the limit but impossible for the input size: rejected before allocating
    assertThatThrownBy(
            () ->
                Lz4.DEFAULT.decode(ByteBuffer.wrap(withInt(frame, 0, 1 << 30)), Integer.MAX_VALUE))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("impossible");
  }

  @Test
  void zstdFrameClaimingTooMuchIsRejected() {
    byte[] frame = com.github.luben.zstd.Zstd.compress(new byte[100_000], 3);
    assertThatThrownBy(() -> Zstd.DEFAULT.decode(ByteBuffer.wrap(frame), 99_999))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("100000");
  }

  @Test
  void streamingDecodersStopAtTheLimit() throws Exception {
    byte[] zeros = new byte[3 * LIMIT];
    byte[] zlib = CodecTestData.bytes(Zlib.DEFAULT.encode(ByteBuffer.wrap(zeros), 1));
    assertThatThrownBy(() -> Zlib.DEFAULT.decode(ByteBuffer.wrap(zlib), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    byte[] gzip = CodecTestData.bytes(GZip.DEFAULT.encode(ByteBuffer.wrap(zeros), 1));
    assertThatThrownBy(() -> GZip.DEFAULT.decode(ByteBuffer.wrap(gzip), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (com.github.luben.zstd.ZstdOutputStream z =
        new com.github.luben.zstd.ZstdOutputStream(bos)) {
      z.write(zeros);
    }
    for (boolean pure : new boolean[] {false, true}) {
      assertThatThrownBy(
              () ->
                  Zstd.DEFAULT.decode(
                      ByteBuffer.wrap(bos.toByteArray()),
                      CodecTestData.atMost(LIMIT),
                      CodecTestData.options(pure)))
          .as(CodecTestData.pathName(pure))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("limit");
    }
    // and the numcodecs-style method, on the process default
    assertThatThrownBy(() -> Zstd.DEFAULT.decode(ByteBuffer.wrap(bos.toByteArray()), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void emptyAndTinyInputsFailCleanly() {
    for (BytesToBytesCodec c : codecs()) {
      for (int n = 0; n < 20; n++) {
        decodeSafely(c, new byte[n], n + " zero bytes");
        for (boolean pure : new boolean[] {false, true}) {
          decodeSafely(c, CodecTestData.options(pure), new byte[n], n + " zero bytes");
        }
      }
    }
  }
}
