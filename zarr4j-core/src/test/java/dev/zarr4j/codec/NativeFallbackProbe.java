package dev.zarr4j.codec;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zstd;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link NativeFallbackTest}: prints what the process default options use and
 * round-trips data through the codecs that use native libraries, with the process default (the
 * numcodecs-style methods) and with each of {@link CodecOptions#AUTO} and {@link
 * CodecOptions#PURE_JAVA} per call, each decoding what the others wrote; exits non-zero on a
 * mismatch.
 */
public final class NativeFallbackProbe {
  private NativeFallbackProbe() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.out.println("backend: " + CodecBackend.describe(CodecOptions.processDefault()));
    System.out.println("auto: " + CodecBackend.describe(CodecOptions.AUTO));
    byte[] data =
        CodecTestData.generate(
            CodecTestData.Kind.SMOOTH_FLOAT32, 300_000, 4, new SplittableRandom(9));
    for (BytesToBytesCodec c :
        List.of(
            Blosc.DEFAULT,
            Blosc.of("zstd", 5, 1, 0),
            Blosc.of("lz4hc", 5, 2, 0),
            Zstd.DEFAULT,
            Lz4.DEFAULT)) {
      List<ByteBuffer> frames =
          List.of(
              c.encode(ByteBuffer.wrap(data), 4),
              c.encode(ByteBuffer.wrap(data), CodecTestData.items(4), CodecOptions.AUTO),
              c.encode(ByteBuffer.wrap(data), CodecTestData.items(4), CodecOptions.PURE_JAVA));
      for (ByteBuffer enc : frames) {
        check(c, "process default", CodecTestData.bytes(c.decode(enc, data.length)), data);
        for (CodecOptions o : List.of(CodecOptions.AUTO, CodecOptions.PURE_JAVA)) {
          byte[] back = CodecTestData.bytes(c.decode(enc, CodecTestData.atMost(data.length), o));
          check(c, o.toString(), back, data);
        }
      }
    }
    System.out.println("round trips ok");
  }

  private static void check(BytesToBytesCodec c, String how, byte[] back, byte[] data) {
    if (!Arrays.equals(back, data)) {
      System.out.println("mismatch: " + c + " (" + how + ")");
      System.exit(2);
    }
  }
}
