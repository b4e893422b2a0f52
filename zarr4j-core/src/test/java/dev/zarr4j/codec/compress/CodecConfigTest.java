package dev.zarr4j.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.exceptions.CodecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecConfigTest {

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void defaultsWriteNumcodecsConfigAndRepr() {
    assertThat(new ArrayList<>(Blosc.DEFAULT.toConfig().entrySet()).toString())
        .isEqualTo("[id=blosc, cname=lz4, clevel=5, shuffle=1, blocksize=0]");
    assertThat(Blosc.DEFAULT)
        .hasToString("Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)");
    assertThat(Blosc.of("zstd", 3, 2, 1024))
        .hasToString("Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE, blocksize=1024)");
    assertThat(Blosc.of("lz4", 5, -1, 0))
        .hasToString("Blosc(cname='lz4', clevel=5, shuffle=AUTOSHUFFLE, blocksize=0)");
    assertThat(Zstd.DEFAULT.toConfig())
        .containsExactly(Map.entry("id", "zstd"), Map.entry("level", 1));
    assertThat(Zstd.DEFAULT).hasToString("Zstd(level=1)");
    assertThat(Zstd.of(-3)).hasToString("Zstd(level=-3)");
    assertThat(Zstd.of(3, true).toConfig())
        .containsExactly(
            Map.entry("id", "zstd"), Map.entry("level", 3), Map.entry("checksum", true));
    assertThat(Lz4.DEFAULT.toConfig())
        .containsExactly(Map.entry("id", "lz4"), Map.entry("acceleration", 1));
    assertThat(Lz4.of(3)).hasToString("LZ4(acceleration=3)");
    assertThat(Zlib.DEFAULT.toConfig())
        .containsExactly(Map.entry("id", "zlib"), Map.entry("level", 1));
    assertThat(Zlib.DEFAULT).hasToString("Zlib(level=1)");
    assertThat(GZip.of(9).toConfig())
        .containsExactly(Map.entry("id", "gzip"), Map.entry("level", 9));
    assertThat(GZip.DEFAULT).hasToString("GZip(level=1)");
  }

  static List<Codec> codecs() {
    return List.of(
        Blosc.DEFAULT,
        Blosc.of(BloscCompressor.ZSTD, 9, BloscShuffle.BITSHUFFLE, 4096),
        Blosc.of(BloscCompressor.BLOSCLZ, 0, BloscShuffle.AUTOSHUFFLE, 0),
        Blosc.of(BloscCompressor.SNAPPY, 1, BloscShuffle.NOSHUFFLE, 0),
        Zstd.DEFAULT,
        Zstd.of(22, true),
        Zstd.of(-7),
        Lz4.of(17),
        Zlib.of(-1),
        GZip.of(0));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void configRoundTripsThroughTheRegistry(Codec codec) {
    Codec back = CodecRegistry.fromConfig(codec.toConfig());
    assertThat(back).isEqualTo(codec).hasSameHashCodeAs(codec).isNotSameAs(codec);
    assertThat(back.toConfig()).containsExactlyEntriesOf(codec.toConfig());
    assertThat(back.id()).isEqualTo(codec.toConfig().get("id"));
  }

  @Test
  void registryKnowsTheIds() {
    assertThat(CodecRegistry.knownIds()).contains("blosc", "zstd", "lz4", "zlib", "gzip");
  }

  @Test
  void missingKeysTakeNumcodecsDefaults() {
    assertThat(CodecRegistry.fromConfig(map("id", "blosc"))).isEqualTo(Blosc.DEFAULT);
    assertThat(CodecRegistry.fromConfig(map("id", "zstd"))).isEqualTo(Zstd.DEFAULT);
    assertThat(CodecRegistry.fromConfig(map("id", "zstd", "checksum", false)))
        .isEqualTo(Zstd.DEFAULT);
    assertThat(CodecRegistry.fromConfig(map("id", "lz4"))).isEqualTo(Lz4.DEFAULT);
    assertThat(CodecRegistry.fromConfig(map("id", "zlib"))).isEqualTo(Zlib.DEFAULT);
    assertThat(CodecRegistry.fromConfig(map("id", "gzip"))).isEqualTo(GZip.DEFAULT);
    assertThat(CodecRegistry.fromConfig(map("id", "blosc", "clevel", 3L)))
        .isEqualTo(Blosc.of("lz4", 3, 1, 0));
  }

  @Test
  void equalityFollowsEveryField() {
    assertThat(Blosc.of("lz4", 5, 1, 0)).isEqualTo(Blosc.DEFAULT);
    assertThat(Blosc.of("lz4", 5, 1, 1)).isNotEqualTo(Blosc.DEFAULT);
    assertThat(Blosc.of("lz4", 4, 1, 0)).isNotEqualTo(Blosc.DEFAULT);
    assertThat(Blosc.of("lz4", 5, 2, 0)).isNotEqualTo(Blosc.DEFAULT);
    assertThat(Blosc.of("zstd", 5, 1, 0)).isNotEqualTo(Blosc.DEFAULT);
    assertThat(Zstd.of(1, true)).isNotEqualTo(Zstd.DEFAULT);
    assertThat(Zlib.of(1)).isNotEqualTo(GZip.of(1));
  }

  static List<Object[]> badConfigs() {
    return List.of(
        new Object[] {map("id", "blosc", "cname", "lzma"), "cname", "lzma"},
        new Object[] {map("id", "blosc", "clevel", 10), "clevel", "10"},
        new Object[] {map("id", "blosc", "clevel", -1), "clevel", "-1"},
        new Object[] {map("id", "blosc", "clevel", "5"), "clevel", "'5'"},
        new Object[] {map("id", "blosc", "clevel", 5.5), "clevel", "5.5"},
        new Object[] {map("id", "blosc", "shuffle", 3), "shuffle", "3"},
        new Object[] {map("id", "blosc", "blocksize", -4), "blocksize", "-4"},
        new Object[] {map("id", "blosc", "typesize", 256), "typesize", "256"},
        new Object[] {map("id", "blosc", "cname", null), "cname", "null"},
        new Object[] {map("id", "zstd", "level", 23), "level", "23"},
        new Object[] {map("id", "zstd", "checksum", "yes"), "checksum", "'yes'"},
        new Object[] {map("id", "zstd", "lvl", 1), "lvl", "1"},
        new Object[] {map("id", "lz4", "acceleration", 1.0), "acceleration", "1.0"},
        new Object[] {map("id", "zlib", "level", 10), "level", "10"},
        new Object[] {map("id", "gzip", "level", -2), "level", "-2"},
        new Object[] {map("id", "gzip", "compresslevel", 5), "compresslevel", "5"});
  }

  @ParameterizedTest
  @MethodSource("badConfigs")
  void badConfigsNameTheKeyAndValue(Map<String, Object> config, String key, String value) {
    assertThatThrownBy(() -> CodecRegistry.fromConfig(config))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining(value);
  }

  @Test
  void providerRejectsAConfigWithAnotherId() {
    assertThatThrownBy(() -> Zstd.fromConfig(map("id", "lz4")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("lz4");
  }

  @Test
  void factoriesValidate() {
    assertThatThrownBy(() -> Blosc.of("lz4", 10, 1, 0)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Blosc.of("nope", 1, 1, 0)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Blosc.of("lz4", 1, 7, 0)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Zstd.of(99)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Zlib.of(11)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> GZip.of(-5)).isInstanceOf(CodecException.class);
  }
}
