package dev.zarr4j.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.ZstdCompressCtx;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XxHash64Test {
  @Test
  void knownValues() {
    // published XXH64 test vectors (seed 0)
    assertEquals(0xEF46DB3751D8E999L, XxHash64.hash(new byte[0], 0, 0, 0));
    byte[] abc = "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(0x44BC2CF5AD770999L, XxHash64.hash(abc, 0, 3, 0));
  }

  /** zstd-jni writes the low 32 bits of XXH64 after the last block: ours must agree. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 7, 8, 15, 31, 32, 33, 63, 64, 100, 1000, 65536, 200_001})
  void matchesZstdFrameChecksum(int n) {
    Random r = new Random(n);
    byte[] data = new byte[n + 5];
    r.nextBytes(data);
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.setChecksum(true);
      byte[] frame = ctx.compress(java.util.Arrays.copyOfRange(data, 5, 5 + n));
      int stored = LittleEndian.getInt(frame, frame.length - 4);
      assertEquals(stored, XxHash64.zstdChecksum(data, 5, n), "length " + n);
    }
  }
}
