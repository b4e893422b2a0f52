package dev.zarr4j.codec.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Registration, configurations, reprs, equality, element type rules and numcodecs' exact output for
 * hand-picked values (the numcodecs-checked versions of these run in ObjectInteropTest).
 */
class ObjectCodecConfigTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(String json) {
    return (Map<String, Object>) PythonJson.parse(json);
  }

  private static String text(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void everyIdIsRegistered() {
    for (String id :
        List.of(
            "vlen-utf8", "vlen-bytes", "vlen-array", "json2", "msgpack2", "categorize", "pickle")) {
      assertThat(CodecRegistry.isKnown(id)).as(id).isTrue();
    }
    assertThat(CodecRegistry.fromConfig(config("{\"id\": \"vlen-utf8\"}")))
        .isSameAs(VLenUtf8.INSTANCE);
    assertThat(CodecRegistry.fromConfig(config("{\"id\": \"vlen-bytes\"}")))
        .isSameAs(VLenBytes.INSTANCE);
    assertThat(CodecRegistry.fromConfig(config("{\"id\": \"vlen-array\", \"dtype\": \"<i8\"}")))
        .isEqualTo(VLenArray.of("i8"));
    assertThat(CodecRegistry.fromConfig(config("{\"id\": \"json2\"}")))
        .isEqualTo(JsonCodec.DEFAULT);
    assertThat(CodecRegistry.fromConfig(config("{\"id\": \"msgpack2\"}")))
        .isEqualTo(MsgPack.DEFAULT);
    assertThat(
            CodecRegistry.fromConfig(
                config("{\"id\": \"categorize\", \"labels\": [\"a\"], \"dtype\": \"|O\"}")))
        .isEqualTo(Categorize.of(List.of("a")))
        .isInstanceOf(ObjectCodec.class);
    assertThat(
            CodecRegistry.fromConfig(
                config("{\"id\": \"categorize\", \"labels\": [\"a\"], \"dtype\": \"<U3\"}")))
        .isEqualTo(CategorizeUnicode.of(List.of("a"), "<U3", "|u1"))
        .isInstanceOf(dev.zarr4j.codec.FlatArrayCodec.class);
  }

  @Test
  void pickleIsRefusedWithTheReasonAndAlternatives() {
    assertThatThrownBy(
            () -> CodecRegistry.fromConfig(config("{\"id\": \"pickle\", \"protocol\": 5}")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("pickle")
        .hasMessageContaining("arbitrary code")
        .hasMessageContaining("vlen-utf8")
        .hasMessageContaining("json2")
        .hasMessageContaining("msgpack2");
  }

  @Test
  void configsAreNumcodecsGetConfigWithEveryDefault() {
    assertThat(PythonJson.writePython(VLenUtf8.INSTANCE.toConfig(), false))
        .isEqualTo("{\n    \"id\": \"vlen-utf8\"\n}");
    assertThat(VLenArray.of("int").toConfig())
        .containsExactly(Map.entry("id", "vlen-array"), Map.entry("dtype", "<i8"));
    assertThat(new ArrayList<>(JsonCodec.DEFAULT.toConfig().entrySet()).toString())
        .isEqualTo(
            "[id=json2, encoding=utf-8, skipkeys=false, ensure_ascii=true,"
                + " check_circular=true, allow_nan=true, indent=null, separators=[,, :],"
                + " sort_keys=true, strict=true]");
    assertThat(JsonCodec.builder().indent(4).build().separators()).containsExactly(", ", ": ");
    assertThat(new ArrayList<>(MsgPack.DEFAULT.toConfig().entrySet()).toString())
        .isEqualTo("[id=msgpack2, raw=false, use_single_float=false, use_bin_type=true]");
    assertThat(new ArrayList<>(Categorize.of(List.of("a", "b")).toConfig().entrySet()).toString())
        .isEqualTo("[id=categorize, labels=[a, b], dtype=|O, astype=|u1]");
  }

  @Test
  void fromConfigOfToConfigIsTheSameCodec() {
    List<Codec> codecs =
        List.of(
            VLenUtf8.INSTANCE,
            VLenBytes.INSTANCE,
            VLenArray.of(">f4"),
            VLenArray.of("|S3"),
            JsonCodec.DEFAULT,
            JsonCodec.builder().indent(2).sortKeys(false).build(),
            JsonCodec.builder().indent("\t").encoding("latin-1").ensureAscii(false).build(),
            JsonCodec.builder()
                .allowNan(false)
                .skipKeys(true)
                .strict(false)
                .checkCircular(false)
                .separators(";", "=")
                .build(),
            MsgPack.DEFAULT,
            MsgPack.of(true, true, false),
            Categorize.of(List.of("x", "y", "z", "w"), "<i2"),
            CategorizeUnicode.of(List.of("ab"), ">U2", "<f8"));
    for (Codec c : codecs) {
      // through JSON text, as .zarray stores it
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed =
          (Map<String, Object>) PythonJson.parse(PythonJson.writePython(c.toConfig()));
      Codec back = CodecRegistry.fromConfig(parsed);
      assertThat(back).as(c.toString()).isEqualTo(c).hasSameHashCodeAs(c);
      assertThat(back.toString()).isEqualTo(c.toString());
    }
    assertThat(JsonCodec.DEFAULT).isNotEqualTo(JsonCodec.builder().sortKeys(false).build());
    assertThat(MsgPack.DEFAULT).isNotEqualTo(MsgPack.of(true, false, true));
    assertThat(VLenArray.of("<i4")).isNotEqualTo(VLenArray.of(">i4"));
    assertThat(Categorize.of(List.of("a"))).isNotEqualTo(Categorize.of(List.of("a"), "<u2"));
  }

  @Test
  void reprsAreNumcodecsReprs() {
    assertThat(VLenUtf8.INSTANCE).hasToString("VLenUTF8()");
    assertThat(VLenBytes.INSTANCE).hasToString("VLenBytes()");
    assertThat(VLenArray.of("int")).hasToString("VLenArray(dtype='<i8')");
    assertThat(JsonCodec.DEFAULT)
        .hasToString(
            "JSON(encoding='utf-8', allow_nan=True, check_circular=True, ensure_ascii=True,\n"
                + "     indent=None, separators=(',', ':'), skipkeys=False, sort_keys=True,\n"
                + "     strict=True)");
    assertThat(
            JsonCodec.builder()
                .encoding("latin-1")
                .allowNan(false)
                .checkCircular(false)
                .ensureAscii(false)
                .skipKeys(true)
                .sortKeys(false)
                .strict(false)
                .build())
        .hasToString(
            "JSON(encoding='latin-1', allow_nan=False, check_circular=False,\n"
                + "     ensure_ascii=False, indent=None, separators=(',', ':'), skipkeys=True,\n"
                + "     sort_keys=False, strict=False)");
    assertThat(MsgPack.DEFAULT)
        .hasToString("MsgPack(raw=False, use_bin_type=True, use_single_float=False)");
    List<String> greetings =
        List.of("¡Hola mundo!", "Hej Världen!", "Servus Woid!", "Hei maailma!");
    assertThat(Categorize.of(greetings))
        .hasToString(
            "Categorize(dtype='|O', astype='|u1', labels=['¡Hola mundo!', 'Hej Världen!',"
                + " 'Servus Woid!', ...])");
    assertThat(Categorize.of(List.of("it's", "tab\t", "\u200b")))
        .hasToString(
            "Categorize(dtype='|O', astype='|u1', labels=[\"it's\", 'tab\\t', '\\u200b'])");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "{\"id\": \"vlen-utf8\", \"foo\": 1}#'foo'",
        "{\"id\": \"vlen-array\"}#'dtype' is missing",
        "{\"id\": \"vlen-array\", \"dtype\": \"<x9\"}#'<x9'",
        "{\"id\": \"vlen-array\", \"dtype\": 8}#'dtype'",
        "{\"id\": \"vlen-array\", \"dtype\": \"|O\"}#object",
        "{\"id\": \"json2\", \"encoding\": \"klingon\"}#'klingon' for configuration key 'encoding'",
        "{\"id\": \"json2\", \"indent\": 2.5}#value 2.5 (Double) for configuration key 'indent'",
        "{\"id\": \"json2\", \"separators\": [\",\"]}#'separators'",
        "{\"id\": \"json2\", \"sort_keys\": \"yes\"}#'yes' for configuration key 'sort_keys'",
        "{\"id\": \"msgpack2\", \"raw\": 1}#value 1 (Long) for configuration key 'raw'",
        "{\"id\": \"categorize\", \"dtype\": \"|O\"}#'labels' is missing",
        "{\"id\": \"categorize\", \"labels\": [\"a\"]}#'dtype' is missing",
        "{\"id\": \"categorize\", \"labels\": [1, 2], \"dtype\": \"|O\"}#key 'labels'",
        "{\"id\": \"categorize\", \"labels\": [], \"dtype\": \"<i4\"}#'<i4' for configuration key"
            + " 'dtype'",
        "{\"id\": \"categorize\", \"labels\": [], \"dtype\": \"|O\", \"astype\": \"|O\"}#object",
        "{\"id\": \"categorize\", \"labels\": [], \"dtype\": \"|O\", \"astype\": \"<c8\"}#'<c8'",
      })
  void configErrorsNameTheKeyAndValue(String json, String expected) {
    assertThatThrownBy(() -> CodecRegistry.fromConfig(config(json)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(expected);
  }

  // ------------------------------------------------------------------------ exact bytes

  @Test
  void vlenLayout() {
    ByteBuffer b = VLenUtf8.INSTANCE.encodeObjects(new Object[] {"foo", null, "é"}, new int[] {3});
    assertThat(Arrays.toString(Arrays.copyOf(b.array(), b.remaining())))
        .isEqualTo(
            Arrays.toString(
                new byte[] {
                  3,
                  0,
                  0,
                  0,
                  3,
                  0,
                  0,
                  0,
                  'f',
                  'o',
                  'o',
                  0,
                  0,
                  0,
                  0,
                  2,
                  0,
                  0,
                  0,
                  (byte) 0xc3,
                  (byte) 0xa9
                }));
    ByteBuffer a =
        VLenArray.of(">i2").encodeObjects(new Object[] {new short[] {1, -2}}, new int[] {1});
    assertThat(Arrays.copyOf(a.array(), a.remaining()))
        .containsExactly(1, 0, 0, 0, 4, 0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xfe);
  }

  @Test
  void jsonTextIsPythons() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 2.2);
    m.put("a", 1);
    Object[] docs = {42, "foo", List.of("bar", "baz"), m, null};
    assertThat(text(JsonCodec.DEFAULT.encodeObjects(docs, new int[] {5})))
        .isEqualTo("[42,\"foo\",[\"bar\",\"baz\"],{\"a\":1,\"b\":2.2},null,\"|O\",[5]]");
    assertThat(
            text(
                JsonCodec.DEFAULT.encodeObjects(
                    new Object[] {1.0, 1e16, 1e-5, Double.NaN}, new int[] {2, 2})))
        .isEqualTo("[[1.0,1e+16],[1e-05,NaN],\"|O\",[2,2]]");
    assertThat(
            text(
                JsonCodec.builder()
                    .indent(2)
                    .build()
                    .encodeObjects(
                        new Object[] {List.of(), Map.of("k", List.of(1))}, new int[] {2})))
        .isEqualTo(
            "[\n  [], \n  {\n    \"k\": [\n      1\n    ]\n  }, \n  \"|O\", \n  [\n    2\n  ]\n]");
    assertThat(text(JsonCodec.DEFAULT.encodeObjects(new Object[] {"é😀\n\u007f"}, new int[] {1})))
        .isEqualTo("[\"\\u00e9\\ud83d\\ude00\\n\\u007f\",\"|O\",[1]]");
    assertThat(
            text(
                JsonCodec.builder()
                    .ensureAscii(false)
                    .build()
                    .encodeObjects(new Object[] {"é😀\n\u007f\u0001"}, new int[] {1})))
        .isEqualTo("[\"é😀\\n\u007f\\u0001\",\"|O\",[1]]");
  }

  @Test
  void jsonKeysFollowPythonsRules() {
    Map<Object, Object> numbers = new HashMap<>();
    numbers.put(10L, "a");
    numbers.put(2.5, "b");
    numbers.put(true, "c");
    assertThat(JsonCodec.DEFAULT.dumps(numbers))
        .isEqualTo("{\"true\":\"c\",\"2.5\":\"b\",\"10\":\"a\"}");
    Map<Object, Object> mixed = new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
    mixed.put("a", 1);
    mixed.put(1, 2);
    assertThatThrownBy(() -> JsonCodec.DEFAULT.dumps(mixed))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("sort_keys");
    assertThat(JsonCodec.builder().sortKeys(false).build().dumps(mixed))
        .isEqualTo("{\"1\":2,\"a\":1}");
    Map<Object, Object> bytesKey = new LinkedHashMap<>();
    bytesKey.put(new byte[] {1}, 1);
    bytesKey.put("x", 2);
    JsonCodec skip = JsonCodec.builder().sortKeys(false).skipKeys(true).build();
    assertThat(skip.dumps(bytesKey)).isEqualTo("{\"x\":2}");
    assertThatThrownBy(() -> JsonCodec.builder().sortKeys(false).build().dumps(bytesKey))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("keys must be str");
  }

  @Test
  void msgpackBytesArePythons() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", 2);
    ByteBuffer b =
        MsgPack.DEFAULT.encodeObjects(
            new Object[] {m, 1.5, -3, new byte[] {'x', 'y'}, null, true}, new int[] {6});
    assertThat(java.util.HexFormat.of().formatHex(Arrays.copyOf(b.array(), b.remaining())))
        .isEqualTo("9882a16201a16102cb3ff8000000000000fdc4027879c0c3a27c4f9106");
  }

  // ------------------------------------------------------------------------ element rules

  @Test
  void elementsOfTheWrongTypeAreNamed() {
    assertThatThrownBy(() -> VLenUtf8.INSTANCE.encodeObjects(new Object[] {"a", 5}, new int[] {2}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("element 1")
        .hasMessageContaining("Integer 5");
    assertThatThrownBy(
            () -> VLenUtf8.INSTANCE.encodeObjects(new Object[] {"a\ud800"}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("surrogates not allowed");
    assertThatThrownBy(() -> VLenBytes.INSTANCE.encodeObjects(new Object[] {"a"}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("element 0");
    assertThatThrownBy(
            () ->
                VLenArray.of("<i4")
                    .encodeObjects(new Object[] {NdArray.of(new double[] {1.5})}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("<i4");
    assertThatThrownBy(
            () ->
                VLenArray.of("<i4")
                    .encodeObjects(
                        new Object[] {NdArray.zeros(DataType.INT32, 2, 2)}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("1-dimensional");
    assertThatThrownBy(
            () -> VLenArray.of("<c8").encodeObjects(new Object[] {new float[3]}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(
            () -> JsonCodec.DEFAULT.encodeObjects(new Object[] {1, new byte[1]}, new int[] {2}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("element 1")
        .hasMessageContaining("not JSON serializable");
    assertThatThrownBy(
            () ->
                JsonCodec.builder()
                    .allowNan(false)
                    .build()
                    .encodeObjects(new Object[] {Double.NaN}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Out of range float");
    assertThatThrownBy(
            () ->
                MsgPack.DEFAULT.encodeObjects(
                    new Object[] {new java.math.BigInteger("18446744073709551616")}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () -> MsgPack.DEFAULT.encodeObjects(new Object[] {new Object()}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("element 0");
    assertThatThrownBy(
            () ->
                JsonCodec.builder()
                    .encoding("ascii")
                    .ensureAscii(false)
                    .build()
                    .encodeObjects(new Object[] {"é"}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("ascii");
  }

  @Test
  void nullsFollowNumcodecs() {
    Object[] in = {null};
    int[] one = {1};
    assertThat(VLenUtf8.INSTANCE.decodeObjects(VLenUtf8.INSTANCE.encodeObjects(in, one), 1))
        .containsExactly("");
    assertThat(
            (byte[])
                VLenBytes.INSTANCE.decodeObjects(VLenBytes.INSTANCE.encodeObjects(in, one), 1)[0])
        .isEmpty();
    assertThat(VLenArray.of("<f8").decodeObjects(VLenArray.of("<f8").encodeObjects(in, one), 1))
        .containsExactly(NdArray.zeros(DataType.FLOAT64, 0));
    assertThat(JsonCodec.DEFAULT.decodeObjects(JsonCodec.DEFAULT.encodeObjects(in, one), 1))
        .containsExactly((Object) null);
    assertThat(MsgPack.DEFAULT.decodeObjects(MsgPack.DEFAULT.encodeObjects(in, one), 1))
        .containsExactly((Object) null);
    Categorize c = Categorize.of(List.of("a"));
    assertThat(c.decodeObjects(c.encodeObjects(in, one), 1)).containsExactly("");
  }

  @Test
  void vlenArrayTakesZeroDimensionalArraysAsOneItemLikeNumpy() {
    VLenArray codec = VLenArray.of("<i4");
    Object[] in = {NdArray.scalar(DataType.INT32, 7), new int[] {1, 2}};
    Object[] out = codec.decodeObjects(codec.encodeObjects(in, new int[] {2}), 2);
    assertThat(out).containsExactly(NdArray.of(new int[] {7}), NdArray.of(new int[] {1, 2}));
  }

  @Test
  void cyclesAndDeepNestingFailCleanly() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertThatThrownBy(() -> JsonCodec.DEFAULT.encodeObjects(new Object[] {self}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Circular reference");
    assertThatThrownBy(() -> MsgPack.DEFAULT.encodeObjects(new Object[] {self}, new int[] {1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("recursion limit");
    Object deep = 1;
    for (int i = 0; i < 5000; i++) {
      deep = List.of(deep);
    }
    Object[] d = {deep};
    assertThatThrownBy(() -> JsonCodec.DEFAULT.encodeObjects(d, new int[] {1}))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> MsgPack.DEFAULT.encodeObjects(d, new int[] {1}))
        .isInstanceOf(CodecException.class);
    // Python's limits: msgpack packs 511 nested lists (plus the chunk's own list: 510 here)
    Object ok = 1L;
    for (int i = 0; i < 510; i++) {
      ok = List.of(ok);
    }
    Object[] fits = {ok};
    Object[] back =
        MsgPack.DEFAULT.decodeObjects(MsgPack.DEFAULT.encodeObjects(fits, new int[] {1}), 1);
    assertThat(back[0].equals(ok)).as("510 nested lists round-trip").isTrue();
    Object[] tooDeep = {List.of(ok)};
    assertThatThrownBy(() -> MsgPack.DEFAULT.encodeObjects(tooDeep, new int[] {1}))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void shapesMustMatchAndZeroDimensionalChunksAreRefusedLikeNumcodecs() {
    assertThatThrownBy(() -> JsonCodec.DEFAULT.encodeObjects(new Object[] {1, 2}, new int[] {3}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("[3]");
    assertThatThrownBy(() -> MsgPack.DEFAULT.encodeObjects(new Object[] {1}, new int[] {}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("0-dimensional");
    // the VLen codecs do not record the shape: a 0-d chunk is one element
    assertThat(
            VLenUtf8.INSTANCE.decodeObjects(
                VLenUtf8.INSTANCE.encodeObjects(new Object[] {"x"}, new int[] {}), 1))
        .containsExactly("x");
    ByteBuffer enc = JsonCodec.DEFAULT.encodeObjects(new Object[] {1, 2, 3, 4}, new int[] {2, 2});
    assertThatThrownBy(() -> JsonCodec.DEFAULT.decodeObjects(enc, 5))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected 5 elements");
  }

  @Test
  void categorizeCodesAndTypes() {
    Categorize c = Categorize.of(List.of("female", "male"));
    ByteBuffer codes =
        c.encodeObjects(
            new Object[] {"male", "female", "female", "male", "unexpected"}, new int[] {5});
    assertThat(Arrays.copyOf(codes.array(), codes.remaining())).containsExactly(2, 1, 1, 2, 0);
    assertThat(c.decodeObjects(codes, 5)).containsExactly("male", "female", "female", "male", "");
    assertThat(c.encodedType()).isEqualTo(DataType.UINT8);
    assertThat(Categorize.of(List.of("a"), "<i4").encodedType()).isEqualTo(DataType.INT32);
    assertThat(VLenUtf8.INSTANCE.encodedType()).isEqualTo(DataType.UINT8);
    CategorizeUnicode u = CategorizeUnicode.of(List.of("abcd", "b"), "<U3", "<u2");
    assertThat(u.encodedType(DataType.parse("<U3"))).isEqualTo(DataType.UINT16);
    // a label longer than the width is cut when decoding, as NumPy cuts it
    ByteBuffer decoded = u.decode(ByteBuffer.wrap(new byte[] {1, 0, 2, 0, 7, 0}), 100);
    byte[] expected = new byte[36];
    expected[0] = 'a';
    expected[4] = 'b';
    expected[8] = 'c';
    expected[12] = 'b';
    assertThat(Arrays.copyOf(decoded.array(), decoded.remaining())).containsExactly(expected);
    assertThatThrownBy(() -> u.decode(ByteBuffer.wrap(new byte[6]), 35))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
  }
}
