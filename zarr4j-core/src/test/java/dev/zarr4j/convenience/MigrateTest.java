package dev.zarr4j.convenience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.testutil.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * migrate1to2: format 1 metadata ({@code meta}, {@code attrs}) becomes {@code .zarray} and {@code
 * .zattrs}.
 */
class MigrateTest {

  private static final String ATTRS = "{\n    \"answer\": 42\n}";

  /**
   * Writes a format 2 array, then turns its metadata into format 1 as zarr 1.x wrote it; migrating
   * must give back the format 2 metadata byte for byte.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "<i4 ; {\"id\": \"blosc\", \"cname\": \"lz4\", \"clevel\": 5, \"shuffle\": 1} ; \"blosc\" ; {\"clevel\": 5, \"cname\": \"lz4\", \"shuffle\": 1} ; 0",
        "<f8 ; {\"id\": \"zlib\", \"level\": 3} ; \"zlib\" ; 3 ; \"NaN\"",
        ">u2 ; ; \"none\" ; null ; 7",
        "|b1 ; ; null ; null ; false",
        "<i8 ; {\"id\": \"bz2\", \"level\": 9} ; \"bz2\" ; 9 ; null",
      })
  void migratesFormat1Arrays(
      String dtype, String compressor, String compression, String opts, String fill) {
    MemoryStore store = new MemoryStore();
    ArrayOptions.Builder b =
        ArrayOptions.builder().store(store).shape(10, 3).chunks(4, 2).dtype(dtype).order("F");
    b.compressor(
        compressor == null
            ? null
            : (BytesToBytesCodec) CodecRegistry.fromConfig(config(compressor)));
    ZarrArray a = Zarr.create(b.build());
    a.set(1);
    a.set("0:3, :", 0);
    NdArray data = a.get();
    byte[] v2 = bytes(store, ".zarray");
    store.delete(".zarray");
    String meta =
        "{\n"
            + "    \"chunks\": [\n        4,\n        2\n    ],\n"
            + "    \"compression\": "
            + compression
            + ",\n"
            + "    \"compression_opts\": "
            + opts
            + ",\n"
            + "    \"dtype\": \""
            + dtype
            + "\",\n"
            + "    \"fill_value\": "
            + fill
            + ",\n"
            + "    \"order\": \"F\",\n"
            + "    \"shape\": [\n        10,\n        3\n    ],\n"
            + "    \"zarr_format\": 1\n"
            + "}";
    store.set("meta", meta.getBytes(StandardCharsets.US_ASCII));
    store.set("attrs", ATTRS.getBytes(StandardCharsets.US_ASCII));

    Convenience.migrate1to2(store);
    assertThat(store.contains("meta")).isFalse();
    assertThat(store.contains("attrs")).isFalse();
    assertThat(new String(bytes(store, ".zattrs"), StandardCharsets.US_ASCII)).isEqualTo(ATTRS);
    ZarrArray migrated = Zarr.openArray(store, OpenMode.READ);
    assertThat(migrated.get()).isEqualTo(data);
    assertThat(migrated.attrs().get("answer")).isEqualTo(42L);
    String expected = new String(v2, StandardCharsets.US_ASCII);
    if (!fill.equals("0") && !fill.equals("\"NaN\"") && !fill.equals("false")) {
      // the format 2 array was created with fill value 0; format 1 says otherwise
      expected = expected.replaceFirst("\"fill_value\": [^,]+,", "\"fill_value\": " + fill + ",");
    }
    if (fill.equals("\"NaN\"")) {
      expected = expected.replaceFirst("\"fill_value\": [^,]+,", "\"fill_value\": \"NaN\",");
    }
    assertThat(new String(bytes(store, ".zarray"), StandardCharsets.US_ASCII)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"zarr_format\": 2} | unsupported zarr format",
        "{\"zarr_format\": 1, \"shape\": [1]} | has no 'chunks'",
        "{\"zarr_format\": 1, \"shape\": [1], \"chunks\": [1], \"dtype\": \"<q9\", \"compression\": null, \"compression_opts\": null, \"fill_value\": 0, \"order\": \"C\"} | error decoding",
        "{\"zarr_format\": 1, \"shape\": [1], \"chunks\": [1], \"dtype\": \"<i4\", \"compression\": \"nope\", \"compression_opts\": null, \"fill_value\": 0, \"order\": \"C\"} | nope",
        "[1] | JSON object",
      })
  void refusesBadFormat1MetadataAndChangesNothing(String meta, String message) {
    MemoryStore store = new MemoryStore();
    store.set("meta", meta.getBytes(StandardCharsets.US_ASCII));
    store.set("attrs", "{}".getBytes(StandardCharsets.US_ASCII));
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> Convenience.migrate1to2(store))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining(message);
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    assertThatThrownBy(() -> Convenience.migrate1to2(new MemoryStore()))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("'meta'");
  }

  private static Map<String, Object> config(String json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) dev.zarr4j.python.PythonJson.parse(json);
    return new LinkedHashMap<>(m);
  }

  private static byte[] bytes(MemoryStore s, String key) {
    java.nio.ByteBuffer b = s.get(key).orElseThrow();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
