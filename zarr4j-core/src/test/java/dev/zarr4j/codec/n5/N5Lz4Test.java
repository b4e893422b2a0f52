package dev.zarr4j.codec.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.CodecTestData;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.exceptions.CodecException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * N5's {@code lz4} in both framings: lz4-java's block stream (checked against lz4-java's own {@code
 * LZ4BlockOutputStream} and {@code LZ4BlockInputStream}, which N5 Java uses) and numcodecs' LZ4
 * (zarr-python); decoding tells them apart.
 */
class N5Lz4Test {

  static Stream<Integer> seeds() {
    return IntStream.range(0, 24).boxed();
  }

  private static byte[] data(SplittableRandom rnd) {
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(200) : rnd.nextInt(300_000);
    CodecTestData.Kind[] kinds = CodecTestData.Kind.values();
    return CodecTestData.generate(kinds[rnd.nextInt(kinds.length)], n, 4, rnd);
  }

  private static int blockSize(SplittableRandom rnd) {
    int[] sizes = {64, 100, 1000, 4096, 1 << 16, 100_000, 1 << 20};
    return sizes[rnd.nextInt(sizes.length)];
  }

  private static byte[] lz4JavaEncode(byte[] data, int blockSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LZ4BlockOutputStream s = new LZ4BlockOutputStream(out, blockSize)) {
      s.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] lz4JavaDecode(byte[] encoded) throws IOException {
    try (LZ4BlockInputStream s = new LZ4BlockInputStream(new ByteArrayInputStream(encoded))) {
      return s.readAllBytes();
    }
  }

  private static byte[] array(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void blockStreamMatchesLz4Java(int seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(0x1243L + seed);
    byte[] data = data(rnd);
    int bs = blockSize(rnd);
    N5Lz4 codec = N5Lz4.blockStream(bs);

    byte[] ours = array(codec.encode(ByteBuffer.wrap(data), 1));
    assertThat(N5Lz4.isBlockStream(ByteBuffer.wrap(ours))).isTrue();
    assertThat(lz4JavaDecode(ours)).as("lz4-java reads ours").isEqualTo(data);

    byte[] theirs = lz4JavaEncode(data, bs);
    assertThat(array(codec.decode(ByteBuffer.wrap(theirs), data.length)))
        .as("we read lz4-java's")
        .isEqualTo(data);
    byte[] into = new byte[data.length + 3];
    codec.decode(ByteBuffer.wrap(theirs), into, 3, data.length);
    assertThat(Arrays.copyOfRange(into, 3, into.length)).isEqualTo(data);
    // the headers are lz4-java's byte for byte (only the LZ4 data may differ by compressor)
    assertThat(Arrays.copyOf(ours, 9)).isEqualTo(Arrays.copyOf(theirs, 9));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void numcodecsFramingIsNumcodecsLz4(int seed) {
    SplittableRandom rnd = new SplittableRandom(0x4C5AL + seed);
    byte[] data = data(rnd);
    N5Lz4 codec = N5Lz4.numcodecs(1);
    byte[] ours = array(codec.encode(ByteBuffer.wrap(data), 1));
    assertThat(ours).isEqualTo(array(Lz4.DEFAULT.encode(ByteBuffer.wrap(data), 1)));
    assertThat(N5Lz4.isBlockStream(ByteBuffer.wrap(ours))).isFalse();
    // either instance reads either framing
    assertThat(array(N5Lz4.blockStream(64).decode(ByteBuffer.wrap(ours), data.length)))
        .isEqualTo(data);
    byte[] stream = array(N5Lz4.blockStream(4096).encode(ByteBuffer.wrap(data), 1));
    assertThat(array(codec.decode(ByteBuffer.wrap(stream), data.length))).isEqualTo(data);
  }

  @Test
  void emptyInputIsJustTheEndMarker() throws IOException {
    byte[] ours = array(N5Lz4.blockStream(1 << 16).encode(ByteBuffer.allocate(0), 1));
    assertThat(ours).isEqualTo(lz4JavaEncode(new byte[0], 1 << 16));
    assertThat(ours).hasSize(21);
    assertThat(array(N5Lz4.blockStream(64).decode(ByteBuffer.wrap(ours), 0))).isEmpty();
  }

  @Test
  void configs() {
    assertThat(N5Lz4.blockStream(65536).toConfig())
        .containsEntry("id", "lz4")
        .containsEntry("blockSize", 65536);
    assertThat(N5Lz4.numcodecs(3).toConfig()).containsEntry("acceleration", 3);
    assertThatThrownBy(() -> N5Lz4.blockStream(63)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> N5Lz4.blockStream((1 << 25) + 1)).isInstanceOf(CodecException.class);
  }

  @Test
  void corruptStreamsAreRefused() throws IOException {
    byte[] data = new byte[5000];
    new SplittableRandom(7).nextBytes(data);
    Arrays.fill(data, 1000, 4000, (byte) 3);
    byte[] good = lz4JavaEncode(data, 1024);
    N5Lz4 codec = N5Lz4.blockStream(1024);

    byte[] badSum = good.clone();
    badSum[17] ^= 1; // first block's checksum
    assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(badSum), 5000))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("checksum mismatch in block 0");

    byte[] trailing = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(trailing), 5000))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("follow the end marker");

    for (int cut = 8; cut < good.length - 21; cut += 97) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(truncated), 5000))
          .isInstanceOf(CodecException.class);
    }
    // the end marker alone may be missing, as N5 Java never reads it
    byte[] noEnd = Arrays.copyOf(good, good.length - 21);
    assertThat(array(codec.decode(ByteBuffer.wrap(noEnd), 5000))).isEqualTo(data);

    assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(good), 4999))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(good), new byte[5001], 0, 5001))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected 5001");

    byte[] hugeBlock = good.clone();
    ByteBuffer.wrap(hugeBlock).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(13, 1 << 30);
    assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(hugeBlock), 5000))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("inconsistent lengths");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomMutationsFailCleanly(int seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(0xF022L + seed);
    byte[] data = CodecTestData.generate(CodecTestData.Kind.PATTERN, 3000, 2, rnd);
    byte[] good = lz4JavaEncode(data, 256);
    N5Lz4 codec = N5Lz4.blockStream(256);
    for (int i = 0; i < 200; i++) {
      byte[] bad = good.clone();
      for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
        bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      if (rnd.nextBoolean()) {
        bad = Arrays.copyOf(bad, rnd.nextInt(bad.length + 1));
      }
      try {
        byte[] out = array(codec.decode(ByteBuffer.wrap(bad), 3000));
        assertThat(out.length).isLessThanOrEqualTo(3000);
      } catch (CodecException expected) {
        // fine
      }
    }
  }
}
