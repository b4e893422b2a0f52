package dev.zarr4j.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.CodecTestData;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.python.PythonJson;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BZ2 and LZMA: round trips over formats, checks, presets and filter chains; configs; reprs. */
public class Bz2LzmaTest {

  static Map<String, Object> filter(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Every LZMA configuration the tests exercise (also used by the interop test). */
  public static List<Lzma> lzmaCodecs() {
    List<Lzma> list = new ArrayList<>();
    for (int check : new int[] {-1, 0, 1, 4, 10}) {
      list.add(Lzma.of(1, check, null, null));
    }
    for (long preset : new long[] {0, 1, 6, 9, 3 | Lzma.PRESET_EXTREME, 6 | Lzma.PRESET_EXTREME}) {
      list.add(Lzma.of(1, -1, preset, null));
    }
    list.add(Lzma.of(2, -1, null, null));
    list.add(Lzma.of(2, 0, 1L, null));
    list.add(
        Lzma.of(
            2,
            -1,
            null,
            List.of(filter("id", Lzma.FILTER_LZMA1, "preset", 2, "lc", 2, "lp", 1, "pb", 1))));
    List<Map<String, Object>> docs =
        List.of(filter("id", 3, "dist", 4), filter("id", 33, "preset", 1));
    list.add(Lzma.of(1, -1, null, docs));
    list.add(Lzma.of(3, -1, null, docs));
    list.add(
        Lzma.of(
            3,
            -1,
            null,
            List.of(filter("id", 33, "dict_size", 1 << 16, "mode", 1, "nice_len", 32, "mf", 4))));
    list.add(Lzma.of(3, -1, null, List.of(filter("id", Lzma.FILTER_LZMA1, "preset", 5))));
    list.add(
        Lzma.of(3, -1, null, List.of(filter("id", 3, "dist", 8), filter("id", Lzma.FILTER_LZMA1))));
    list.add(
        Lzma.of(
            1,
            1,
            null,
            List.of(filter("id", 4), filter("id", 33, "preset", 3, "depth", 10, "mf", 0x14))));
    list.add(Lzma.of(3, -1, null, List.of(filter("id", 7, "start_offset", 16), filter("id", 33))));
    list.add(
        Lzma.of(
            1,
            10,
            null,
            List.of(
                filter("id", 9),
                filter("id", 3, "dist", 2),
                filter("id", 33, "lc", 0, "lp", 4, "pb", 0))));
    return list;
  }

  @Test
  void roundTrips() {
    SplittableRandom rnd = new SplittableRandom(99);
    List<BytesToBytesCodec> codecs = new ArrayList<>(lzmaCodecs());
    for (int level = 1; level <= 9; level++) {
      codecs.add(Bz2.of(level));
    }
    int i = 0;
    for (BytesToBytesCodec c : codecs) {
      assertThat(CodecRegistry.fromConfig(c.toConfig())).isEqualTo(c);
      for (int n : new int[] {0, 1, 1000, 70_001}) {
        CodecTestData.Kind kind =
            CodecTestData.Kind.values()[i++ % CodecTestData.Kind.values().length];
        byte[] raw = CodecTestData.generate(kind, n, 4, rnd);
        byte[] enc = CodecTestData.bytes(c.encode(ByteBuffer.wrap(raw), 4));
        assertThat(CodecTestData.bytes(c.decode(ByteBuffer.wrap(enc), n)))
            .as(c + " n=" + n)
            .isEqualTo(raw);
        if (n > 0) {
          int limit = n - 1;
          assertThatThrownBy(() -> c.decode(ByteBuffer.wrap(enc), limit))
              .as(c + " n=" + n)
              .isInstanceOf(CodecException.class)
              .hasMessageContaining("limit");
        }
      }
    }
  }

  @Test
  void docsExampleRepr() {
    // as zarr-python stores it in .zarray (json with sorted keys) and reads it back
    Map<String, Object> cfg =
        PythonJson.parseObject(
            ("{\"check\": -1, \"filters\": [{\"dist\": 4, \"id\": 3}, {\"id\": 33, \"preset\": 1}],"
                    + " \"format\": 1, \"id\": \"lzma\", \"preset\": null}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "test");
    Lzma l = (Lzma) CodecRegistry.fromConfig(cfg);
    assertThat(l.toString())
        .isEqualTo(
            "LZMA(format=1, check=-1, preset=None, filters=[{'dist': 4, 'id': 3}, {'id': 33, 'preset': 1}])");
    assertThat(Lzma.DEFAULT.toString())
        .isEqualTo("LZMA(format=1, check=-1, preset=None, filters=None)");
    assertThat(Lzma.ofPreset(9).toString())
        .isEqualTo("LZMA(format=1, check=-1, preset=9, filters=None)");
    assertThat(Bz2.DEFAULT.toString()).isEqualTo("BZ2(level=1)");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", "lzma");
    expected.put("format", 1);
    expected.put("check", -1);
    expected.put("preset", null);
    expected.put("filters", null);
    assertThat(Lzma.DEFAULT.toConfig()).isEqualTo(expected);
  }

  @Test
  void invalidCombinationsAreRejected() {
    List<Map<String, Object>> docs =
        List.of(filter("id", 3, "dist", 4), filter("id", 33, "preset", 1));
    assertThatThrownBy(() -> Lzma.of(3, -1, null, null)).hasMessageContaining("raw");
    assertThatThrownBy(() -> Lzma.of(1, -1, 1L, docs)).hasMessageContaining("both");
    assertThatThrownBy(() -> Lzma.of(2, 1, null, null)).hasMessageContaining("only supported");
    assertThatThrownBy(() -> Lzma.of(2, -1, null, docs)).hasMessageContaining("LZMA1");
    assertThatThrownBy(() -> Lzma.of(1, -1, null, List.of(filter("id", 33), filter("id", 3))))
        .hasMessageContaining("last");
    assertThatThrownBy(
            () -> Lzma.of(1, -1, null, List.of(filter("id", 3, "foo", 1), filter("id", 33))))
        .hasMessageContaining("foo");
    assertThatThrownBy(
            () -> Lzma.of(1, -1, null, List.of(filter("id", 3, "dist", 300), filter("id", 33))))
        .hasMessageContaining("distance");
    assertThatThrownBy(() -> Lzma.of(1, 2, null, null)).hasMessageContaining("check");
    assertThatThrownBy(() -> Lzma.of(0, -1, null, null)).hasMessageContaining("format");
    assertThatThrownBy(() -> Lzma.of(1, -1, 10L, null)).hasMessageContaining("preset");
    assertThatThrownBy(() -> Bz2.of(0)).hasMessageContaining("1..9");
  }
}
