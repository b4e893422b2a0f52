package dev.zarr4j.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Zarr v3 names and configurations of {@code bytes} and {@code transpose}. */
class LayoutV3CodecTest {

  @Test
  void bytesEndians() {
    assertThat(
            CodecRegistry.fromV3Config(
                Map.of("name", "bytes", "configuration", Map.of("endian", "little"))))
        .isSameAs(BytesCodec.LITTLE);
    assertThat(
            CodecRegistry.fromV3Config(
                Map.of("name", "bytes", "configuration", Map.of("endian", "big"))))
        .isSameAs(BytesCodec.BIG);
    assertThat(CodecRegistry.fromV3Config(Map.of("name", "bytes")))
        .isSameAs(BytesCodec.AS_DATA_TYPE);
    assertThat(CodecRegistry.fromV3Config("bytes")).isSameAs(BytesCodec.AS_DATA_TYPE);
    for (BytesCodec c : List.of(BytesCodec.LITTLE, BytesCodec.BIG, BytesCodec.AS_DATA_TYPE)) {
      assertThat(CodecRegistry.fromV3Config(c.toV3Config())).isSameAs(c);
    }
    assertThat(BytesCodec.LITTLE.toV3Config())
        .isEqualTo(Map.of("name", "bytes", "configuration", Map.of("endian", "little")));
    assertThat(BytesCodec.AS_DATA_TYPE.toV3Config()).isEqualTo(Map.of("name", "bytes"));
    assertThatThrownBy(
            () ->
                CodecRegistry.fromV3Config(
                    Map.of("name", "bytes", "configuration", Map.of("endian", "middle"))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("endian")
        .hasMessageContaining("middle");
    assertThatThrownBy(
            () ->
                CodecRegistry.fromV3Config(
                    Map.of("name", "bytes", "configuration", Map.of("order", "C"))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'order'");
  }

  @Test
  void transposeOrders() {
    Codec t =
        CodecRegistry.fromV3Config(
            Map.of("name", "transpose", "configuration", Map.of("order", List.of(2, 0, 1))));
    assertThat(t).isEqualTo(new TransposeCodec(new int[] {2, 0, 1}));
    assertThat(t.toV3Config())
        .isEqualTo(Map.of("name", "transpose", "configuration", Map.of("order", List.of(2, 0, 1))));
    assertThat(CodecRegistry.fromV3Config(t.toV3Config())).isEqualTo(t);
    for (Object bad : List.of("F", List.of(0, 0), List.of(0, 2), List.of(0, "1"))) {
      assertThatThrownBy(
              () ->
                  CodecRegistry.fromV3Config(
                      Map.of("name", "transpose", "configuration", Map.of("order", bad))))
          .as("order %s", bad)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("order");
    }
    assertThatThrownBy(
            () ->
                CodecRegistry.fromV3Config(Map.of("name", "transpose", "configuration", Map.of())))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("order");
  }

  @Test
  void noNumcodecsIds() {
    assertThat(new LayoutCodecProvider().ids()).isEmpty();
    assertThat(CodecRegistry.knownV3Names()).contains("bytes", "transpose");
    assertThat(CodecRegistry.isKnown("bytes")).isFalse();
  }
}
