package dev.zarr4j.codec.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.python.PythonJson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mapping between N5 {@code compression} objects and zarr4j codecs: zarr-python's {@code
 * compressor_config_to_n5} output for every numcodecs compressor (the expected JSON below is what
 * zarr-python 2.13 wrote in an experiment), N5 Java's spellings and defaults, and refusals.
 */
class N5CompressionTest {

  private static Map<String, Object> json(String s) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) PythonJson.parse(s);
    return m;
  }

  private static void assertWrites(BytesToBytesCodec codec, String expectedJson) {
    N5Compression c = N5Compression.fromCodec(codec);
    assertThat(c.toJson()).as("%s", codec).isEqualTo(json(expectedJson));
    // and reading the document back gives an equal compression and codec
    N5Compression back =
        N5Compression.fromJson(PythonJson.parse(PythonJson.writePython(c.toJson())));
    assertThat(back).isEqualTo(c);
    assertThat(back.codec()).isEqualTo(c.codec());
  }

  @Test
  void whatZarrPythonWritesForEachNumcodecsCompressor() {
    assertThat(N5Compression.fromCodec(null).toJson()).isEqualTo(Map.of("type", "raw"));
    assertWrites(GZip.of(3), "{\"level\": 3, \"type\": \"gzip\", \"useZlib\": false}");
    assertWrites(Zlib.of(4), "{\"level\": 4, \"type\": \"gzip\", \"useZlib\": true}");
    assertWrites(Bz2.of(5), "{\"blockSize\": 5, \"type\": \"bzip2\"}");
    assertWrites(Lzma.DEFAULT, "{\"preset\": 6, \"type\": \"xz\"}");
    assertWrites(Lzma.ofPreset(3), "{\"preset\": 3, \"type\": \"xz\"}");
    // zarr-python turns a falsy preset (None or 0) into 6
    assertWrites(Lzma.ofPreset(0), "{\"preset\": 6, \"type\": \"xz\"}");
    assertWrites(
        Lzma.of(Lzma.FORMAT_ALONE, -1, null, null),
        "{\"check\": -1, \"filters\": null, \"format\": 2, \"preset\": 6, \"type\": \"lzma\"}");
    assertWrites(
        Blosc.of(BloscCompressor.ZSTD, 3, BloscShuffle.BITSHUFFLE, 0),
        "{\"blocksize\": 0, \"clevel\": 3, \"cname\": \"zstd\", \"shuffle\": 2, \"type\": \"blosc\"}");
    assertWrites(Zstd.of(3), "{\"id\": \"zstd\", \"level\": 3, \"type\": \"zstd\"}");
    assertWrites(Lz4.DEFAULT, "{\"acceleration\": 1, \"id\": \"lz4\", \"type\": \"lz4\"}");
    assertWrites(N5Lz4.blockStream(65536), "{\"blockSize\": 65536, \"type\": \"lz4\"}");
  }

  @Test
  void readsEachTypeIntoItsCodec() {
    assertThat(N5Compression.fromJson(json("{\"type\": \"raw\"}")).codec()).isNull();
    assertThat(N5Compression.fromJson(json("{\"type\": \"gzip\", \"level\": 5}")).codec())
        .isEqualTo(GZip.of(5));
    assertThat(
            N5Compression.fromJson(json("{\"type\": \"gzip\", \"level\": 2, \"useZlib\": true}"))
                .codec())
        .isEqualTo(Zlib.of(2));
    assertThat(N5Compression.fromJson(json("{\"type\": \"bzip2\", \"blockSize\": 9}")).codec())
        .isEqualTo(Bz2.of(9));
    assertThat(N5Compression.fromJson(json("{\"type\": \"xz\", \"preset\": 4}")).codec())
        .isEqualTo(Lzma.of(Lzma.FORMAT_XZ, -1, 4L, null));
    assertThat(
            N5Compression.fromJson(
                    json(
                        "{\"type\": \"blosc\", \"cname\": \"lz4\", \"clevel\": 5, \"shuffle\": 1,"
                            + " \"blocksize\": 0, \"nthreads\": 4}"))
                .codec())
        .isEqualTo(Blosc.of(BloscCompressor.LZ4, 5, BloscShuffle.SHUFFLE, 0));
    assertThat(N5Compression.fromJson(json("{\"type\": \"zstd\", \"level\": 7}")).codec())
        .isEqualTo(Zstd.of(7));
    assertThat(N5Compression.fromJson(json("{\"type\": \"lz4\", \"blockSize\": 4096}")).codec())
        .isEqualTo(N5Lz4.blockStream(4096));
    assertThat(
            N5Compression.fromJson(
                    json("{\"type\": \"lz4\", \"id\": \"lz4\", \"acceleration\": 2}"))
                .codec())
        .isEqualTo(N5Lz4.numcodecs(2));
  }

  @Test
  void missingParametersTakeN5JavasDefaults() {
    assertThat(N5Compression.fromJson(Map.of("type", "gzip")).codec()).isEqualTo(GZip.of(-1));
    assertThat(N5Compression.fromJson(Map.of("type", "bzip2")).codec()).isEqualTo(Bz2.of(9));
    assertThat(N5Compression.fromJson(Map.of("type", "xz")).codec())
        .isEqualTo(Lzma.of(Lzma.FORMAT_XZ, -1, 6L, null));
    assertThat(N5Compression.fromJson(Map.of("type", "blosc")).codec())
        .isEqualTo(Blosc.of(BloscCompressor.BLOSCLZ, 6, BloscShuffle.NOSHUFFLE, 0));
    assertThat(N5Compression.fromJson(Map.of("type", "zstd")).codec()).isEqualTo(Zstd.of(3));
    assertThat(N5Compression.fromJson(Map.of("type", "lz4")).codec())
        .isEqualTo(N5Lz4.blockStream(65536));
    // a document is written back with its own keys, not with the defaults
    assertThat(N5Compression.fromJson(Map.of("type", "xz")).toJson())
        .isEqualTo(Map.of("type", "xz"));
  }

  @Test
  void legacyCompressionType() {
    for (String t : List.of("raw", "gzip", "bzip2", "lz4", "xz")) {
      assertThat(N5Compression.fromLegacyType(t).type()).isEqualTo(t);
    }
    assertThatThrownBy(() -> N5Compression.fromLegacyType("blosc"))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void refusals() {
    Map<String, Object> noType = new LinkedHashMap<>();
    noType.put("level", 1);
    assertThatThrownBy(() -> N5Compression.fromJson(noType))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no string 'type'");
    assertThatThrownBy(() -> N5Compression.fromJson("gzip"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "zstd", "id", "lz4")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("differs from 'type'");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "gzip", "level", "high")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("parameter 'level' must be an integer, got 'high'");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "gzip", "useZlib", 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("useZlib");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "bzip2", "blockSize", 10)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("[1, 9]");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "lz4", "blockSize", 32)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("blockSize");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "blosc", "cname", "nope")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cname");
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "jpeg")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("supported: raw, gzip, bzip2, xz, lzma, blosc, zstd, lz4");
    assertThatThrownBy(() -> N5Compression.fromCodec(dev.zarr4j.codec.filter.Shuffle.of(4)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("N5 cannot hold the compressor");
  }

  @Test
  void equalDocumentsAreEqual() {
    N5Compression a = N5Compression.fromJson(Map.of("type", "gzip", "level", 1));
    N5Compression b = N5Compression.fromJson(json("{\"level\": 1, \"type\": \"gzip\"}"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(Arrays.asList(a.type(), a.isRaw())).containsExactly("gzip", false);
  }
}
