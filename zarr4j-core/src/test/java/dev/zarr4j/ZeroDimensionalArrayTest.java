package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.ndarray.NdArray;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** zarr-python stores 0-d arrays uncompressed whatever compressor is asked for. */
class ZeroDimensionalArrayTest {
  @Test
  void zeroDimensionalArraysAreNeverCompressed() {
    ZarrArray byDefault = Zarr.create(ArrayOptions.builder().shape().dtype("<u8").build());
    assertThat(byDefault.compressor()).isNull();
    BytesToBytesCodec zstd =
        (BytesToBytesCodec) CodecRegistry.fromConfig(Map.of("id", "zstd", "level", 3));
    ZarrArray asked =
        Zarr.create(ArrayOptions.builder().shape().dtype("<f8").compressor(zstd).build());
    assertThat(asked.compressor()).isNull();
    asked.set(NdArray.scalar(asked.dtype(), 2.5));
    assertThat(asked.get().get()).isEqualTo(2.5);
    // one dimension keeps the default
    assertThat(Zarr.create(ArrayOptions.builder().shape(3).build()).compressor()).isNotNull();
  }
}
