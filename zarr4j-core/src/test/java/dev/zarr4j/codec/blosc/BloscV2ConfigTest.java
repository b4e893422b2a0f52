package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The numcodecs (Zarr v2) configuration of Blosc, as numcodecs 0.16 and zarr-java write it. */
class BloscV2ConfigTest {

  private static Map<String, Object> config(Object typesize) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", "blosc");
    c.put("cname", "lz4");
    c.put("clevel", 5);
    c.put("shuffle", 1);
    c.put("blocksize", 0);
    c.put("typesize", typesize);
    return c;
  }

  /**
   * An array whose metadata names a typesize (zarr-java's v2 arrays do) opens, writes frames with
   * that type size and reads its values back; the configuration written back leaves it out.
   */
  @Test
  void aTypesizeIsReadUsedAndLeftOutOfTheWrittenConfiguration() {
    MemoryStore store = new MemoryStore();
    String zarray =
        "{\"zarr_format\": 2, \"shape\": [64], \"chunks\": [64], \"dtype\": \"|u1\","
            + " \"compressor\": {\"id\": \"blosc\", \"cname\": \"lz4\", \"clevel\": 5,"
            + " \"shuffle\": 1, \"blocksize\": 0, \"typesize\": 4}, \"fill_value\": 0,"
            + " \"order\": \"C\", \"filters\": null}";
    store.set(".zarray", ByteBuffer.wrap(zarray.getBytes(StandardCharsets.UTF_8)));
    ZarrArray a = Zarr.openArray(store, OpenMode.READ_WRITE);
    byte[] data = new byte[64];
    new SplittableRandom(3).nextBytes(data);
    a.set(NdArray.of(data, 64));
    ByteBuffer frame = store.get("0").orElseThrow();
    assertThat(frame.get(frame.position() + 3))
        .as("typesize byte of the header")
        .isEqualTo((byte) 4);
    assertThat(Zarr.openArray(store, OpenMode.READ).get().data()).isEqualTo(data);
    Map<String, Object> written = new HashMap<>(config(4));
    written.remove("typesize");
    assertThat(Blosc.fromConfig(config(4)).toConfig()).isEqualTo(written);
  }

  /** Without a typesize (absent or null) the input's element size is the type size. */
  @Test
  void aNullTypesizeMeansTheElementSize() {
    Blosc b = Blosc.fromConfig(config(null));
    ByteBuffer frame = b.encode(ByteBuffer.wrap(new byte[64]), 8);
    assertThat(frame.get(frame.position() + 3)).isEqualTo((byte) 8);
  }

  @Test
  void aTypesizeOutOfRangeOrAnUnknownKeyIsRefusedByName() {
    assertThatThrownBy(() -> Blosc.fromConfig(config(300)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("typesize");
    Map<String, Object> c = config(4);
    c.put("typesizes", 4);
    assertThatThrownBy(() -> Blosc.fromConfig(c))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("typesizes");
  }
}
