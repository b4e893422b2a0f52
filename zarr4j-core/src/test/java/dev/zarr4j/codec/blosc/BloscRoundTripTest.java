package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecTestData;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode(encode(x)) == x over random settings, sizes and contents, on both backends (chosen per
 * call by {@link CodecOptions}); each backend reads the other's frames.
 */
class BloscRoundTripTest {

  static Stream<Arguments> seeds() {
    return Stream.of(false, true)
        .flatMap(pure -> IntStream.range(0, 150).mapToObj(i -> Arguments.of(pure, 0xB105C + i)));
  }

  private static int randomSize(SplittableRandom rnd, int ts) {
    return switch (rnd.nextInt(8)) {
      case 0 -> rnd.nextInt(3);
      case 1 -> rnd.nextInt(200); // around MIN_BUFFERSIZE (128)
      case 2 -> 32 * 1024 * (1 + rnd.nextInt(4)) + rnd.nextInt(2 * ts + 1) - ts; // near blocks
      case 3 -> (1 << 16) * (1 + rnd.nextInt(8)) * ts / ts + rnd.nextInt(ts); // odd tail
      case 4 -> rnd.nextInt(5000);
      default -> rnd.nextInt(600_000);
    };
  }

  @ParameterizedTest(name = "pureJava={0} seed={1}")
  @MethodSource("seeds")
  void roundTrips(boolean pureJava, int seed) {
    CodecOptions options = CodecTestData.options(pureJava);
    SplittableRandom rnd = new SplittableRandom(seed);
    BloscCompressor cname = BloscCompressor.values()[rnd.nextInt(BloscCompressor.values().length)];
    int clevel = rnd.nextInt(10);
    BloscShuffle shuffle = BloscShuffle.values()[rnd.nextInt(4)];
    int blocksize = rnd.nextInt(4) == 0 ? rnd.nextInt(300_000) : 0;
    int ts = rnd.nextInt(10) == 0 ? 200 + rnd.nextInt(200) : 1 + rnd.nextInt(17);
    int n = Math.max(0, randomSize(rnd, ts));
    if (cname == BloscCompressor.ZSTD && clevel >= 8
        || cname == BloscCompressor.LZ4HC && clevel == 9) {
      n = Math.min(n, 80_000); // the slowest settings: keep the test quick
    }
    CodecTestData.Kind kind =
        CodecTestData.Kind.values()[rnd.nextInt(CodecTestData.Kind.values().length)];
    byte[] data = CodecTestData.generate(kind, n, ts, rnd);
    Blosc codec = Blosc.of(cname, clevel, shuffle, blocksize);
    String what = codec + " ts=" + ts + " n=" + n + " kind=" + kind;

    // input with a non-zero offset into its array, or a direct buffer
    ByteBuffer input;
    if (rnd.nextBoolean()) {
      byte[] padded = new byte[n + 7];
      System.arraycopy(data, 0, padded, 3, n);
      input = ByteBuffer.wrap(padded, 3, n).slice();
    } else {
      input = ByteBuffer.allocateDirect(n).put(data).flip();
    }
    ByteBuffer frame = codec.encode(input, CodecTestData.items(ts), options);
    assertThat(input.position()).isZero();
    assertThat(frame.position()).isZero();
    BloscHeader h = BloscHeader.read(frame);
    assertThat(h.nbytes()).as(what).isEqualTo(n);
    assertThat(h.cbytes()).as(what).isEqualTo(frame.remaining());
    assertThat(h.cbytes())
        .as("never larger than numcodecs' destination " + what)
        .isLessThanOrEqualTo(n + 16);
    assertThat(h.typeSize()).isEqualTo(ts > 255 ? 1 : ts);
    if (kind == CodecTestData.Kind.ZEROS && n >= 4096 && clevel > 0) {
      assertThat(h.cbytes()).as("zeros compress " + what).isLessThan(n / 4);
    }

    ByteBuffer decoded = codec.decode(frame, CodecTestData.atMost(n), options);
    assertThat(CodecTestData.bytes(decoded)).as(what).isEqualTo(data);
    assertThat(Blosc.decodedSize(frame)).isEqualTo(n);

    byte[] into = new byte[n + 9];
    Blosc.decodeInto(frame, into, 4, n, pureJava);
    assertThat(java.util.Arrays.copyOfRange(into, 4, 4 + n)).as(what).isEqualTo(data);
    byte[] viaOptions = new byte[n + 9];
    codec.decodeInto(frame, viaOptions, 4, n, options);
    assertThat(java.util.Arrays.copyOfRange(viaOptions, 4, 4 + n)).as(what).isEqualTo(data);

    // the other backend reads it too
    CodecOptions other = CodecTestData.options(!pureJava);
    assertThat(CodecTestData.bytes(Blosc.DEFAULT.decode(frame, CodecTestData.atMost(n), other)))
        .as(what)
        .isEqualTo(data);
    // and so do the numcodecs-style methods, on the process default
    assertThat(CodecTestData.bytes(Blosc.DEFAULT.decode(frame, n))).as(what).isEqualTo(data);
    byte[] viaDefault = new byte[n + 9];
    Blosc.decodeInto(frame, viaDefault, 4, n);
    assertThat(java.util.Arrays.copyOfRange(viaDefault, 4, 4 + n)).as(what).isEqualTo(data);
  }
}
