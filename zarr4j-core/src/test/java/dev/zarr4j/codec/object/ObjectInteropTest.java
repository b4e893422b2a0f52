package dev.zarr4j.codec.object;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions against the real numcodecs 0.11 (via /usr/bin/python3), in one Python run: for
 * every object codec and several configurations, zarr4j's bytes equal numcodecs' for the same
 * elements, numcodecs decodes zarr4j's bytes to the expected elements and zarr4j decodes numcodecs'
 * bytes to them, {@code toConfig()} equals {@code get_config()} (keys in order) and {@code
 * toString()} equals {@code repr()}. Arrays made by numcodecs and zarr-python themselves (its
 * tests' and the tutorial's examples, F-order chunks) decode in zarr4j to what numcodecs and
 * zarr-python read, and zarr4j's strict UTF-8 and JSON readers accept exactly what Python accepts
 * on a set of probes.
 */
class ObjectInteropTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  @TempDir Path dir;

  @BeforeAll
  static void requireNumcodecs() throws Exception {
    boolean ok;
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import numcodecs, numpy, msgpack, zarr")
              .redirectErrorStream(true)
              .start();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    Assumptions.assumeTrue(
        ok, PYTHON + " with numcodecs, numpy, msgpack and zarr is not available");
  }

  /** One interop case: a codec, elements in C order, and what decoding them must give. */
  private record Case(
      String name,
      Codec codec,
      String kind,
      String dtype,
      int[] shape,
      Object[] elements,
      Object[] expect) {}

  private final List<Case> cases = new ArrayList<>();
  private final ObjectTestData data = new ObjectTestData(20261202);
  private final SplittableRandom rnd = data.random();

  private void add(ObjectCodec codec, int[] shape, Object[] elements, Object[] expect) {
    cases.add(new Case("c" + cases.size(), codec, "object", null, shape, elements, expect));
  }

  private static Object[] map(Object[] in, UnaryOperator<Object> f) {
    Object[] out = new Object[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = f.apply(in[i]);
    }
    return out;
  }

  /** Shapes numpy's object assignment handles: 1-3 dimensions, lengths 1-4, sometimes [0]. */
  private int[] shape() {
    if (rnd.nextInt(15) == 0) {
      return new int[] {0};
    }
    return data.shape(false);
  }

  /** A JSON-like element that is not a list (numpy would take a top-level list as a dimension). */
  private Object element(BigInteger bigMax, boolean bytes, int maxCodePoint, boolean finite) {
    Object v = data.jsonValue(3, bigMax, bytes, maxCodePoint);
    if (v instanceof List<?>) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("list", v);
      v = m;
    }
    return finite ? finite(v) : v;
  }

  private static Object finite(Object v) {
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d : 1.5;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(finite(o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, finite(x)));
      return out;
    }
    return v;
  }

  private static Object deep(Object v, UnaryOperator<Object> f) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(deep(o, f));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(deep(k, f), deep(x, f)));
      return out;
    }
    return f.apply(v);
  }

  private void buildCases() {
    // vlen-utf8: random unicode (astral included), empty strings, None
    for (int c = 0; c < 8; c++) {
      int[] shape = shape();
      Object[] e = new Object[ObjectTestData.size(shape)];
      for (int i = 0; i < e.length; i++) {
        e[i] = rnd.nextInt(8) == 0 ? null : data.string(25, Character.MAX_CODE_POINT);
      }
      add(VLenUtf8.INSTANCE, shape, e, map(e, x -> x == null ? "" : x));
    }
    // vlen-bytes
    for (int c = 0; c < 5; c++) {
      int[] shape = shape();
      Object[] e = new Object[ObjectTestData.size(shape)];
      for (int i = 0; i < e.length; i++) {
        e[i] = rnd.nextInt(8) == 0 ? null : data.bytes(40);
      }
      add(VLenBytes.INSTANCE, shape, e, map(e, x -> x == null ? new byte[0] : x));
    }
    // vlen-array: every dtype, both byte orders
    for (String t : ObjectTestData.VLEN_DTYPES) {
      DataType dtype = DataType.parse(t);
      int[] shape = shape();
      Object[] e = new Object[ObjectTestData.size(shape)];
      for (int i = 0; i < e.length; i++) {
        e[i] = rnd.nextInt(8) == 0 ? null : data.ragged(dtype, 7);
      }
      add(VLenArray.of(t), shape, e, map(e, x -> x == null ? NdArray.zeros(dtype, 0) : x));
    }
    // json2: the default and other configurations numcodecs accepts
    List<JsonCodec> jsons =
        List.of(
            JsonCodec.DEFAULT,
            JsonCodec.builder().indent(2).build(),
            JsonCodec.builder().indent("\t").sortKeys(false).build(),
            JsonCodec.builder().indent(0).separators(",", ": ").build(),
            JsonCodec.builder().ensureAscii(false).build(),
            JsonCodec.builder().ensureAscii(false).encoding("latin-1").build(),
            JsonCodec.builder().encoding("utf-16-le").ensureAscii(false).build(),
            JsonCodec.builder().separators(" , ", " : ").skipKeys(true).build(),
            JsonCodec.builder().allowNan(false).checkCircular(false).strict(false).build());
    for (JsonCodec codec : jsons) {
      int maxCp = codec.encoding().equals("latin-1") ? 0xff : Character.MAX_CODE_POINT;
      for (int c = 0; c < 3; c++) {
        int[] shape = shape();
        Object[] e = new Object[ObjectTestData.size(shape)];
        for (int i = 0; i < e.length; i++) {
          e[i] = element(BigInteger.TEN.pow(30), false, maxCp, !codec.allowNan());
        }
        add(codec, shape, e, e);
      }
    }
    Object[] docs = {
      42L,
      "foo",
      List.of("bar", "baz", "qux"),
      mapOf("b", 2.2, "a", 1L),
      null,
      List.of("bar", 1.0, 2L),
      mapOf("c", 42L, "a", "b")
    };
    add(JsonCodec.DEFAULT, new int[] {7}, docs, docs);
    add(MsgPack.DEFAULT, new int[] {7}, docs, docs);
    // msgpack2: default (bytes, uint64, timestamps, extension types), float32, no bin type, raw
    List<MsgPack> packs =
        List.of(
            MsgPack.DEFAULT,
            MsgPack.of(false, true, true),
            MsgPack.of(false, false, false),
            MsgPack.of(true, false, true));
    for (MsgPack codec : packs) {
      boolean bytes = codec.useBinType() && !codec.raw();
      for (int c = 0; c < 4; c++) {
        int[] shape = shape();
        Object[] e = new Object[ObjectTestData.size(shape)];
        for (int i = 0; i < e.length; i++) {
          e[i] = element(UINT64_MAX, bytes, Character.MAX_CODE_POINT, false);
          if (rnd.nextInt(12) == 0) {
            e[i] =
                Instant.ofEpochSecond(
                    rnd.nextLong(-(1L << 36), 1L << 36), rnd.nextInt(1_000_000_000));
          } else if (rnd.nextInt(12) == 0) {
            e[i] = new MsgPackExtension(rnd.nextInt(128), data.bytes(20));
          }
        }
        Object[] expect = e;
        if (codec.useSingleFloat()) {
          expect =
              map(e, x -> deep(x, v -> v instanceof Double d ? (double) (float) (double) d : v));
        }
        if (codec.raw()) {
          expect =
              map(
                  e,
                  x ->
                      deep(x, v -> v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : v));
        }
        add(codec, shape, e, expect);
      }
    }
    // every format boundary of msgpack: string, byte, array and map sizes, integer widths
    List<Object> edges = new ArrayList<>();
    for (int len : new int[] {0, 1, 31, 32, 255, 256, 65535, 65536}) {
      edges.add("s".repeat(len));
      edges.add(mapOf("b", new byte[len]));
    }
    for (int n : new int[] {15, 16, 65535, 65536}) {
      edges.add(mapOf("list", new ArrayList<>(java.util.Collections.nCopies(n, (Object) null))));
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(n, 300); i++) {
        m.put("k" + i, i);
      }
      edges.add(m);
    }
    long[] ints = {
      0,
      1,
      127,
      128,
      255,
      256,
      65535,
      65536,
      4294967295L,
      4294967296L,
      Long.MAX_VALUE,
      -1,
      -32,
      -33,
      -128,
      -129,
      -32768,
      -32769,
      -2147483648L,
      -2147483649L,
      Long.MIN_VALUE
    };
    for (long v : ints) {
      edges.add(v);
    }
    edges.add(new BigInteger("9223372036854775808"));
    edges.add(UINT64_MAX);
    edges.add(Instant.ofEpochSecond(1));
    edges.add(Instant.ofEpochSecond(5, 7));
    edges.add(Instant.ofEpochSecond(1L << 34));
    edges.add(Instant.ofEpochSecond(-1, 999_999_999));
    for (int n : new int[] {1, 2, 3, 4, 8, 16, 17, 255, 256, 65536}) {
      edges.add(new MsgPackExtension(n % 128, new byte[n]));
    }
    for (MsgPack codec : List.of(MsgPack.DEFAULT, MsgPack.of(false, true, false))) {
      Object[] e =
          edges.stream()
              .filter(x -> codec.useBinType() || !(x instanceof Map<?, ?> m && m.get("b") != null))
              .toArray();
      e = java.util.Arrays.copyOf(e, e.length + 2);
      e[e.length - 2] = 0.1;
      e[e.length - 1] = Double.NaN;
      Object[] expect =
          codec.useSingleFloat()
              ? map(e, x -> x instanceof Double d ? (double) (float) (double) d : x)
              : e;
      add(codec, new int[] {e.length}, e, expect);
    }
    // categorize on object arrays
    for (String astype :
        new String[] {"|u1", "<u2", ">i4", "<i8", ">u8", "<f4", ">f8", "<f2", "|b1"}) {
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
        labels.add(data.string(8, Character.MAX_CODE_POINT));
      }
      if (rnd.nextBoolean()) {
        labels.add(labels.get(0)); // a repeated label: the last position wins
      }
      Categorize codec = Categorize.of(labels, astype);
      int[] shape = shape();
      Object[] e = new Object[ObjectTestData.size(shape)];
      for (int i = 0; i < e.length; i++) {
        int k = rnd.nextInt(6);
        e[i] =
            k == 0
                ? null
                : k == 1 ? data.string() : k == 2 ? 42L : labels.get(rnd.nextInt(labels.size()));
      }
      boolean bool = astype.equals("|b1");
      add(
          codec,
          shape,
          e,
          map(
              e,
              x -> x instanceof String s && labels.contains(s) ? (bool ? labels.get(0) : s) : ""));
    }
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add("l" + i);
    }
    Object[] wrapped = {"l0", "l254", "l255", "l256", "l299", "zz"};
    // 300 labels in |u1: codes wrap modulo 256 as in NumPy, so some decode to other labels
    add(
        Categorize.of(many),
        new int[] {6},
        wrapped,
        new Object[] {"l0", "l254", "", "l0", "l43", ""});
    // categorize on fixed-width unicode arrays (a filter on the chunk bytes)
    for (String dtype : new String[] {"<U4", ">U3", "<U1"}) {
      int width = DataType.parse(dtype).length();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        labels.add(data.string(width + 1, Character.MAX_CODE_POINT).replace("\0", "z"));
      }
      CategorizeUnicode codec =
          CategorizeUnicode.of(labels, dtype, rnd.nextBoolean() ? "|u1" : ">i2");
      int n = rnd.nextInt(20);
      Object[] e = new Object[n];
      Object[] expect = new Object[n];
      for (int i = 0; i < n; i++) {
        String s = labels.get(rnd.nextInt(labels.size()));
        if (s.codePointCount(0, s.length()) > width || rnd.nextInt(4) == 0) {
          s = data.string(width, 0x7e).replace("\0", "q");
        }
        e[i] = s;
        expect[i] = labels.contains(s) ? s : "";
      }
      cases.add(new Case("c" + cases.size(), codec, "unicode", dtype, new int[] {n}, e, expect));
    }
  }

  private static Map<String, Object> mapOf(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static byte[] unicodeBytes(String dtype, Object[] strings) {
    DataType t = DataType.parse(dtype);
    NdArray a = NdArray.zeros(t, strings.length);
    for (int i = 0; i < strings.length; i++) {
      a.setFlat(i, strings[i]);
    }
    byte[] raw = new byte[strings.length * t.itemSize()];
    if (strings.length > 0) {
      dev.zarr4j.ndarray.RawCopy.encode(
          a.data(),
          0,
          new long[] {1},
          ByteBuffer.wrap(raw),
          0,
          new long[] {t.itemSize()},
          new long[] {strings.length},
          t);
    }
    return raw;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private Object[] decode(Case c, byte[] frame) {
    if (c.codec instanceof ObjectCodec oc) {
      return oc.decodeObjects(ByteBuffer.wrap(frame), c.elements.length);
    }
    CategorizeUnicode cu = (CategorizeUnicode) c.codec;
    ByteBuffer raw = cu.decode(ByteBuffer.wrap(frame), 1 << 20);
    DataType t = cu.dtype();
    int n = raw.remaining() / t.itemSize();
    NdArray a = NdArray.zeros(t, n);
    if (n > 0) {
      dev.zarr4j.ndarray.RawCopy.decode(
          raw, 0, new long[] {t.itemSize()}, a.data(), 0, new long[] {1}, new long[] {n}, t);
    }
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = a.getFlat(i);
    }
    return out;
  }

  private static List<Object> tags(Object[] values) {
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      out.add(Tagged.tag(v));
    }
    return out;
  }

  private static Object canonicalJson(Object tagged) {
    // through Jackson so that Java-made and Python-made trees have the same number classes
    Object tree = MAPPER.convertValue(tagged, Object.class);
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(Tagged.canonical(o));
      }
      return out;
    }
    return Tagged.canonical(tree);
  }

  /** Random byte sequences rich in UTF-8 lead and continuation bytes. */
  private List<String> utf8Probes() {
    List<String> probes = new ArrayList<>();
    String[] fixed = {
      "c0af", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f8888080", "c3", "e282",
      "f09f98", "f09f9880", "efbbbf", "7f", "c280", "dfbf", "e0a080", "f0908080", "f48fbfbf"
    };
    probes.addAll(List.of(fixed));
    for (int i = 0; i < 400; i++) {
      int n = 1 + rnd.nextInt(6);
      byte[] b = new byte[n];
      for (int j = 0; j < n; j++) {
        b[j] =
            (byte)
                switch (rnd.nextInt(4)) {
                  case 0 -> rnd.nextInt(0x80);
                  case 1, 2 -> 0x80 + rnd.nextInt(0x40);
                  default -> 0xc0 + rnd.nextInt(0x40);
                };
      }
      probes.add(HexFormat.of().formatHex(b));
    }
    return probes;
  }

  /** JSON texts at the edges of Python's grammar, and mutations of real documents. */
  private List<String> jsonProbes() {
    List<String> p =
        new ArrayList<>(
            List.of(
                "[1, 2]",
                " [1 ,2 ] \n",
                "[01]",
                "[1.]",
                "[.5]",
                "[1e5]",
                "[1E+5]",
                "[1e]",
                "[-0]",
                "[-0.0]",
                "[-]",
                "[- 1]",
                "[+1]",
                "[1e400]",
                "[-1e-400]",
                "[NaN]",
                "[Infinity, -Infinity]",
                "[nan]",
                "[inf]",
                "[true, false, null]",
                "[True]",
                "[\"\\ud800\"]",
                "[\"\\ud83d\\ude00\"]",
                "[\"\\udc00\\ud800\"]",
                "[\"\\u00e9\"]",
                "[\"\\uD83D\"]",
                "[\"\\u12\"]",
                "[\"\\x41\"]",
                "[\"\\/\"]",
                "[\"a\tb\"]",
                "[\"a\u007fb\"]",
                "[\"\u00e9\"]",
                "{\"a\":1,\"a\":2}",
                "{\"a\" : 1 , \"b\":[]}",
                "{a:1}",
                "{\"a\":1,}",
                "[1,]",
                "[,1]",
                "",
                " ",
                "[",
                "]",
                "[1] 2",
                "[1]x",
                "\"x\"",
                "7",
                "{}",
                "[]",
                "[\f1]",
                "[\u00a01]",
                "[1\r\n]",
                "[18446744073709551616]",
                "[-9223372036854775809]",
                "[9223372036854775807]",
                "[0.1, 1.7976931348623157e308]",
                "[123456789012345678901234567890.5]",
                "[1" + "0".repeat(4299) + "]",
                "[1" + "0".repeat(4300) + "]",
                "[".repeat(50) + "]".repeat(50),
                "[".repeat(1500) + "]".repeat(1500),
                "{\"k\":".repeat(40) + "1" + "}".repeat(40),
                "[\"\\",
                "[\"abc",
                "[\"\\u00\"]"));
    for (int i = 0; i < 150; i++) {
      String doc =
          JsonCodec.DEFAULT.dumps(
              java.util.Collections.singletonList(
                  element(BigInteger.TEN.pow(25), false, Character.MAX_CODE_POINT, false)));
      int k = rnd.nextInt(3);
      if (k == 0 && doc.length() > 1) {
        doc = doc.substring(0, rnd.nextInt(doc.length()));
      } else if (k == 1 && doc.length() > 0) {
        int at = rnd.nextInt(doc.length());
        char c = "[]{},:\"\\0-e.aN \t".charAt(rnd.nextInt(16));
        doc = doc.substring(0, at) + c + doc.substring(at + 1);
      }
      p.add(doc);
    }
    return p;
  }

  @Test
  @SuppressWarnings("unchecked")
  void numcodecsAgreesBothWays() throws Exception {
    buildCases();
    List<Map<String, Object>> spec = new ArrayList<>();
    for (Case c : cases) {
      byte[] enc;
      if (c.codec instanceof ObjectCodec oc) {
        enc = bytes(oc.encodeObjects(c.elements, c.shape));
      } else {
        enc =
            bytes(
                ((CategorizeUnicode) c.codec)
                    .encode(ByteBuffer.wrap(unicodeBytes(c.dtype, c.elements)), 4));
      }
      Files.write(dir.resolve(c.name + ".java.enc"), enc);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name);
      m.put("config", c.codec.toConfig());
      m.put("kind", c.kind);
      m.put("dtype", c.dtype);
      m.put("shape", c.shape);
      m.put("elements", tags(c.elements));
      m.put("expect", tags(c.expect));
      m.put("deterministic", true);
      spec.add(m);
    }
    List<String> utf8 = utf8Probes();
    List<String> json = jsonProbes();
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("cases", spec);
    all.put("utf8_probes", utf8);
    all.put("json_probes", json);
    MAPPER.writeValue(dir.resolve("cases.json").toFile(), all);

    Path script = dir.resolve("objects_interop.py");
    try (InputStream in = getClass().getResourceAsStream("objects_interop.py")) {
      Files.copy(in, script);
    }
    Process p =
        new ProcessBuilder(PYTHON, script.toString(), dir.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    Map<String, Object> results = MAPPER.readValue(dir.resolve("results.json").toFile(), Map.class);

    assertThat((List<String>) results.get("failures")).as("numcodecs' findings").isEmpty();

    Map<String, Map<String, Object>> py = (Map<String, Map<String, Object>>) results.get("cases");
    for (Case c : cases) {
      Map<String, Object> r = py.get(c.name);
      assertThat(r).as(c.name).isNotNull();
      assertThat(c.codec.toString()).as(c.name + " repr").isEqualTo(r.get("repr"));
      com.fasterxml.jackson.databind.JsonNode ours = MAPPER.valueToTree(c.codec.toConfig());
      com.fasterxml.jackson.databind.JsonNode theirs = MAPPER.valueToTree(r.get("config"));
      assertThat(ours).as(c.name + " config").isEqualTo(theirs);
      assertThat(new ArrayList<>(c.codec.toConfig().keySet()))
          .as(c.name + " config key order")
          .isEqualTo(r.get("config_keys"));
      // numcodecs' own config builds an equal codec
      assertThat(CodecRegistry.fromConfig((Map<String, Object>) r.get("config")))
          .as(c.name)
          .isEqualTo(c.codec);
      byte[] pyEnc = Files.readAllBytes(dir.resolve(c.name + ".py.enc"));
      Object[] decoded = decode(c, pyEnc);
      assertThat(canonicalJson(tags(decoded)))
          .as("%s %s: zarr4j decoding numcodecs' bytes", c.name, c.codec)
          .isEqualTo(canonicalJson(tags(c.expect)));
    }

    List<Map<String, Object>> pycases = (List<Map<String, Object>>) results.get("pycases");
    assertThat(pycases).hasSizeGreaterThan(18);
    for (Map<String, Object> pc : pycases) {
      String name = (String) pc.get("name");
      Codec codec = CodecRegistry.fromConfig((Map<String, Object>) pc.get("config"));
      assertThat(codec.toString()).as(name + " repr").isEqualTo(pc.get("repr"));
      byte[] enc = Files.readAllBytes(dir.resolve("py_" + name + ".enc"));
      Object[] decoded =
          ((ObjectCodec) codec)
              .decodeObjects(ByteBuffer.wrap(enc), ((Number) pc.get("count")).intValue());
      assertThat(canonicalJson(tags(decoded)))
          .as("numcodecs case %s (%s)", name, codec)
          .isEqualTo(canonicalJson(pc.get("elements")));
    }

    // codecs built through zarr4j's factories equal numcodecs' constructors' codecs
    Map<String, Codec> ours = new LinkedHashMap<>();
    ours.put("json_default", JsonCodec.DEFAULT);
    ours.put("json_indent2", JsonCodec.builder().indent(2).build());
    ours.put("json_indent_tab", JsonCodec.builder().indent("\t").sortKeys(false).build());
    ours.put("json_indent_true", JsonCodec.fromConfig(Map.of("indent", true)));
    ours.put("msgpack_default", MsgPack.DEFAULT);
    ours.put("vlen_array_int", VLenArray.of("int"));
    ours.put("vlen_array_f4", VLenArray.of(">f4"));
    ours.put("categorize_default", Categorize.of(List.of("a", "b")));
    ours.put("categorize_unicode", CategorizeUnicode.of(List.of("a"), "U3", "u1"));
    Map<String, Map<String, Object>> constructed =
        (Map<String, Map<String, Object>>) results.get("constructed");
    assertThat(constructed.keySet()).isEqualTo(ours.keySet());
    for (Map.Entry<String, Codec> e : ours.entrySet()) {
      Map<String, Object> r = constructed.get(e.getKey());
      assertThat(e.getValue().toString()).as(e.getKey() + " repr").isEqualTo(r.get("repr"));
      com.fasterxml.jackson.databind.JsonNode ours1 = MAPPER.valueToTree(e.getValue().toConfig());
      com.fasterxml.jackson.databind.JsonNode theirs1 = MAPPER.valueToTree(r.get("config"));
      assertThat(ours1).as(e.getKey() + " config").isEqualTo(theirs1);
    }

    List<Boolean> utf8Results = (List<Boolean>) results.get("utf8");
    Utf8.Decoder decoder = new Utf8.Decoder();
    for (int i = 0; i < utf8.size(); i++) {
      byte[] b = HexFormat.of().parseHex(utf8.get(i));
      assertThat(decoder.decode(b, 0, b.length) != null)
          .as("UTF-8 validity of %s", utf8.get(i))
          .isEqualTo(utf8Results.get(i));
    }

    List<List<Object>> jsonResults = (List<List<Object>>) results.get("json");
    for (int i = 0; i < json.size(); i++) {
      String text = json.get(i);
      boolean pyOk = (Boolean) jsonResults.get(i).get(0);
      Object parsed;
      try {
        parsed = PyJsonReader.parse(text, true);
      } catch (CodecException e) {
        assertThat(pyOk)
            .as("Python accepts %s but zarr4j: %s", abbreviate(text), e.getMessage())
            .isFalse();
        continue;
      }
      assertThat(pyOk).as("zarr4j accepts %s, Python does not", abbreviate(text)).isTrue();
      assertThat(canonicalJson(Tagged.tag(parsed)))
          .as("parse of %s", abbreviate(text))
          .isEqualTo(canonicalJson(jsonResults.get(i).get(1)));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + " chars)" : s;
  }
}
