package dev.zarr4j.codec;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zstd;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link NativeFallbackTest}: prints the backend choice and round-trips data
 * through the codecs that use native libraries; exits non-zero on a mismatch.
 */
public final class NativeFallbackProbe {
  private NativeFallbackProbe() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.out.println("backend: " + CodecBackend.describe());
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
      ByteBuffer enc = c.encode(ByteBuffer.wrap(data), 4);
      byte[] back = CodecTestData.bytes(c.decode(enc, data.length));
      if (!Arrays.equals(back, data)) {
        System.out.println("mismatch: " + c);
        System.exit(2);
      }
    }
    System.out.println("round trips ok");
  }
}
