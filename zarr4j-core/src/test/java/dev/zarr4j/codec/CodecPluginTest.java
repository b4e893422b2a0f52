package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecPluginTest {

  @Test
  void aCodecPluggedInThroughServiceLoaderWorksEndToEnd() {
    assertThat(CodecRegistry.isKnown("test-xor")).isTrue();
    assertThat(CodecRegistry.knownIds()).contains("test-xor", "blosc", "zstd", "vlen-utf8");
    Codec xor = CodecRegistry.fromConfig(Map.of("id", "test-xor", "key", 90));
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.array(
            NdArray.arange(DataType.INT32, 100, 10, 10),
            ArrayOptions.builder()
                .store(store)
                .chunks(5, 5)
                .compressor((BytesToBytesCodec) xor)
                .build());
    // stored bytes really went through the codec
    byte[] stored =
        ZarrArray.class
            .cast(z)
            .store()
            .get("0.0")
            .map(
                b -> {
                  byte[] a = new byte[b.remaining()];
                  b.get(a);
                  return a;
                })
            .orElseThrow();
    assertThat(stored[0]).isEqualTo((byte) (0 ^ 90));
    ZarrArray again = Zarr.openArray(store, OpenMode.READ);
    assertThat(again.compressor().toConfig()).isEqualTo(Map.of("id", "test-xor", "key", 90));
    assertThat(again.get()).isEqualTo(NdArray.arange(DataType.INT32, 100, 10, 10));
    assertThatThrownBy(() -> CodecRegistry.fromConfig(Map.of("id", "test-xor")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'key'");
  }

  @Test
  void theDefaultCompressorIsSettable() {
    BytesToBytesCodec before = Zarr.defaultCompressor();
    assertThat(before).hasToString("Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)");
    try {
      Zarr.setDefaultCompressor(Zstd.of(1));
      ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(100000000L).chunks(1000000).build());
      assertThat(z.compressor()).hasToString("Zstd(level=1)");
      Zarr.setDefaultCompressor(null);
      assertThat(Zarr.zeros(ArrayOptions.builder().shape(10).build()).compressor()).isNull();
    } finally {
      Zarr.setDefaultCompressor(before);
    }
  }
}
