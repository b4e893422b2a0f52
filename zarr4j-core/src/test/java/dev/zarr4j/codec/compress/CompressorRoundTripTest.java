package dev.zarr4j.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecTestData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode(encode(x)) == x for Zstd, LZ4, Zlib and GZip over random levels and data, both paths
 * (chosen per call by {@link CodecOptions}).
 */
class CompressorRoundTripTest {

  static Stream<Arguments> seeds() {
    return Stream.of(false, true)
        .flatMap(pure -> IntStream.range(0, 60).mapToObj(i -> Arguments.of(pure, 0xC0DE + i)));
  }

  private static BytesToBytesCodec randomCodec(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> Zstd.of(rnd.nextInt(12) - 5 + (rnd.nextInt(20) == 0 ? 15 : 0), rnd.nextBoolean());
      case 1 -> Lz4.of(rnd.nextInt(4) == 0 ? rnd.nextInt(200) - 50 : 1 + rnd.nextInt(10));
      case 2 -> Zlib.of(rnd.nextInt(11) - 1);
      default -> GZip.of(rnd.nextInt(11) - 1);
    };
  }

  @ParameterizedTest(name = "pureJava={0} seed={1}")
  @MethodSource("seeds")
  void roundTrips(boolean pureJava, int seed) {
    CodecOptions options = CodecTestData.options(pureJava);
    SplittableRandom rnd = new SplittableRandom(seed);
    BytesToBytesCodec codec = randomCodec(rnd);
    int n =
        switch (rnd.nextInt(4)) {
          case 0 -> rnd.nextInt(3);
          case 1 -> rnd.nextInt(1000);
          default -> rnd.nextInt(400_000);
        };
    CodecTestData.Kind kind =
        CodecTestData.Kind.values()[rnd.nextInt(CodecTestData.Kind.values().length)];
    byte[] data = CodecTestData.generate(kind, n, 4, rnd);
    ByteBuffer input =
        rnd.nextBoolean() ? ByteBuffer.wrap(data) : ByteBuffer.allocateDirect(n).put(data).flip();
    ByteBuffer enc = codec.encode(input, CodecTestData.items(4), options);
    assertThat(enc.position()).isZero();
    ByteBuffer dec = codec.decode(enc, CodecTestData.atMost(n), options);
    assertThat(CodecTestData.bytes(dec)).as("%s n=%d %s", codec, n, kind).isEqualTo(data);
    if (kind == CodecTestData.Kind.ZEROS
        && n > 10_000
        && !(codec instanceof Zlib z && z.level() == 0)
        && !(codec instanceof GZip g && g.level() == 0)) {
      assertThat(enc.remaining()).as("%s compresses zeros", codec).isLessThan(n / 10);
    }
    // and the other backend decodes it too
    CodecOptions other = CodecTestData.options(!pureJava);
    assertThat(CodecTestData.bytes(codec.decode(enc, CodecTestData.atMost(n), other)))
        .isEqualTo(data);
    // and the numcodecs-style method, on the process default
    assertThat(CodecTestData.bytes(codec.decode(enc, n))).isEqualTo(data);
  }

  @Test
  void gzipDecodesMembersJavaWrites() throws Exception {
    byte[] a = CodecTestData.generate(CodecTestData.Kind.PATTERN, 5000, 1, new SplittableRandom(1));
    byte[] b = CodecTestData.generate(CodecTestData.Kind.RANDOM, 300, 1, new SplittableRandom(2));
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(a);
    }
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(b);
    }
    bos.write(new byte[7]); // zero padding
    byte[] expected = new byte[a.length + b.length];
    System.arraycopy(a, 0, expected, 0, a.length);
    System.arraycopy(b, 0, expected, a.length, b.length);
    ByteBuffer out = GZip.DEFAULT.decode(ByteBuffer.wrap(bos.toByteArray()), expected.length);
    assertThat(CodecTestData.bytes(out)).isEqualTo(expected);
  }

  @Test
  void gzipHeaderFieldsAreSkippedAndChecked() {
    byte[] data = "hello hello hello gzip".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] plain = CodecTestData.bytes(GZip.of(6).encode(ByteBuffer.wrap(data), 1));
    // rebuild with FEXTRA, FNAME, FCOMMENT and FHCRC
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write(0x1f);
    h.write(0x8b);
    h.write(8);
    h.write(4 | 8 | 16 | 2);
    h.writeBytes(new byte[] {1, 2, 3, 4, 0, 3});
    h.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
    h.writeBytes("name.bin\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    h.writeBytes("a comment\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    byte[] header = h.toByteArray();
    crc.update(header);
    h.write((int) crc.getValue() & 0xFF);
    h.write((int) (crc.getValue() >>> 8) & 0xFF);
    h.write(plain, 10, plain.length - 10);
    byte[] member = h.toByteArray();
    assertThat(CodecTestData.bytes(GZip.DEFAULT.decode(ByteBuffer.wrap(member), 100)))
        .isEqualTo(data);
  }

  @Test
  void zstdDecodesFramesWithoutContentSize() throws Exception {
    byte[] data =
        CodecTestData.generate(CodecTestData.Kind.SMALL_INTS, 200_000, 2, new SplittableRandom(4));
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (com.github.luben.zstd.ZstdOutputStream z =
        new com.github.luben.zstd.ZstdOutputStream(bos, 3)) {
      z.write(data, 0, 1000);
      z.flush();
      z.write(data, 1000, data.length - 1000);
    }
    byte[] frame = bos.toByteArray();
    assertThat(com.github.luben.zstd.Zstd.getFrameContentSize(frame))
        .as("streamed frames do not record their size")
        .isLessThanOrEqualTo(0);
    for (boolean pure : new boolean[] {false, true}) {
      assertThat(
              CodecTestData.bytes(
                  Zstd.DEFAULT.decode(
                      ByteBuffer.wrap(frame),
                      CodecTestData.atMost(data.length),
                      CodecTestData.options(pure))))
          .as(CodecTestData.pathName(pure))
          .isEqualTo(data);
      byte[] into = new byte[data.length];
      Zstd.DEFAULT.decodeInto(
          ByteBuffer.wrap(frame), into, 0, data.length, CodecTestData.options(pure));
      assertThat(into).as(CodecTestData.pathName(pure) + " into an array").isEqualTo(data);
    }
    // two concatenated frames with sizes decode as one
    byte[] f1 = com.github.luben.zstd.Zstd.compress(java.util.Arrays.copyOf(data, 500), 1);
    byte[] f2 =
        com.github.luben.zstd.Zstd.compress(java.util.Arrays.copyOfRange(data, 500, 900), 1);
    byte[] both = new byte[f1.length + f2.length];
    System.arraycopy(f1, 0, both, 0, f1.length);
    System.arraycopy(f2, 0, both, f1.length, f2.length);
    for (boolean pure : new boolean[] {false, true}) {
      assertThat(
              CodecTestData.bytes(
                  Zstd.DEFAULT.decode(
                      ByteBuffer.wrap(both),
                      CodecTestData.atMost(900),
                      CodecTestData.options(pure))))
          .as(CodecTestData.pathName(pure))
          .isEqualTo(java.util.Arrays.copyOf(data, 900));
    }
  }

  @Test
  void lz4FrameIsSizePrefixed() {
    byte[] data = new byte[1234];
    ByteBuffer enc = Lz4.DEFAULT.encode(ByteBuffer.wrap(data), 1);
    assertThat(enc.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0)).isEqualTo(1234);
  }
}
