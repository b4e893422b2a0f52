package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BytesToBytesCodec#decodeInto} on every compressor, both paths (chosen per call by {@link
 * CodecOptions}), and the numcodecs-style {@link BytesToBytesCodec#decode(ByteBuffer, byte[], int,
 * int)} on the process default.
 */
class DecodeIntoTest {

  static List<BytesToBytesCodec> codecs() {
    return List.of(
        Blosc.of("lz4", 5, 1, 0),
        Blosc.of("zstd", 3, 2, 0),
        Blosc.of("zlib", 1, 0, 0),
        Zstd.of(1),
        Zstd.of(-3, true),
        Lz4.of(1),
        Zlib.of(1),
        GZip.of(5),
        Bz2.of(1),
        Lzma.DEFAULT,
        Delta.of("<i4").onBytes());
  }

  static Stream<Arguments> cases() {
    return Stream.of(false, true)
        .flatMap(
            p ->
                codecs().stream()
                    .flatMap(
                        c -> Stream.of(0, 1, 4, 1000, 70_001).map(n -> Arguments.of(p, c, n))));
  }

  @ParameterizedTest(name = "pureJava={0} {1} n={2}")
  @MethodSource("cases")
  void decodesIntoARegionAndRejectsOtherSizes(boolean pureJava, BytesToBytesCodec codec, int n) {
    CodecOptions options = CodecTestData.options(pureJava);
    SplittableRandom rnd = new SplittableRandom(n * 31L + codec.toString().hashCode());
    int size = n / 4 * 4;
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, size, 4, rnd);
    ByteBuffer enc = codec.encode(ByteBuffer.wrap(data), CodecTestData.items(4), options);
    int pos = enc.position();
    byte[] dst = new byte[size + 11];
    Arrays.fill(dst, (byte) 0x77);
    codec.decodeInto(enc, dst, 5, size, options);
    assertThat(enc.position()).isEqualTo(pos);
    assertThat(Arrays.copyOfRange(dst, 5, 5 + size)).isEqualTo(data);
    for (int i : new int[] {0, 4, 5 + size, size + 10}) {
      assertThat(dst[i]).as("byte %d outside the region", i).isEqualTo((byte) 0x77);
    }
    // a different expected size is an error, not a partial result
    assertThatThrownBy(() -> codec.decodeInto(enc, new byte[size + 1], 0, size + 1, options))
        .isInstanceOf(CodecException.class);
    if (size > 0) {
      assertThatThrownBy(() -> codec.decodeInto(enc, new byte[size], 0, size - 1, options))
          .isInstanceOf(CodecException.class);
    }
    assertThatThrownBy(() -> codec.decodeInto(enc, new byte[size], 1, size, options))
        .isInstanceOf(IndexOutOfBoundsException.class);

    // the numcodecs-style method (process default options) behaves the same on this frame
    Arrays.fill(dst, (byte) 0x77);
    codec.decode(enc, dst, 5, size);
    assertThat(enc.position()).isEqualTo(pos);
    assertThat(Arrays.copyOfRange(dst, 5, 5 + size)).isEqualTo(data);
    for (int i : new int[] {0, 4, 5 + size, size + 10}) {
      assertThat(dst[i]).as("byte %d outside the region", i).isEqualTo((byte) 0x77);
    }
    assertThatThrownBy(() -> codec.decode(enc, new byte[size + 1], 0, size + 1))
        .isInstanceOf(CodecException.class);
    if (size > 0) {
      assertThatThrownBy(() -> codec.decode(enc, new byte[size], 0, size - 1))
          .isInstanceOf(CodecException.class);
    }
    assertThatThrownBy(() -> codec.decode(enc, new byte[size], 1, size))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
