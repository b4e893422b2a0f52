package dev.zarr4j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.testutil.ReferencePython;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random documents written by {@link Json#writePython} and by Python's {@code json.dumps}
 * (zarr's {@code json_dumps} and the unsorted variant) must be identical, and {@link Json#parse} of
 * Python's text must give back the original value.
 *
 * <p>The documents travel to Python in a tagged form that does not depend on the code under test:
 * Jackson writes it, strings go as code point lists and floats as their IEEE bits.
 */
class PythonJsonInteropTest {
  private static final int DOCUMENTS = 400;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String PYTHON =
      String.join(
          "\n",
          "import json, struct",
          "from zarr.util import json_dumps",
          "def build(t):",
          "    tag = t[0]",
          "    if tag == 'd':",
          "        return {build_str(k): build(v) for k, v in t[1]}",
          "    if tag == 'l':",
          "        return [build(v) for v in t[1]]",
          "    if tag == 's':",
          "        return build_str(t[1])",
          "    if tag == 'i':",
          "        return int(t[1])",
          "    if tag == 'f':",
          "        return struct.unpack('<d', int(t[1], 16).to_bytes(8, 'little'))[0]",
          "    if tag == 'b':",
          "        return t[1]",
          "    if tag == 'n':",
          "        return None",
          "    raise ValueError(tag)",
          "def build_str(cps):",
          "    return ''.join(chr(c) for c in cps)",
          "with open('in.json') as f:",
          "    docs = [build(t) for t in json.load(f)]",
          "out = []",
          "for d in docs:",
          "    out.append(json_dumps(d).decode('ascii'))",
          "    out.append(json.dumps(d, indent=4, sort_keys=False, ensure_ascii=True,",
          "                          separators=(',', ': ')))",
          "with open('out.json', 'w') as f:",
          "    json.dump(out, f)",
          "");

  @Test
  void randomDocumentsMatchPythonByteForByte(@TempDir Path dir) throws IOException {
    ReferencePython.assumeAvailable("zarr");
    SplittableRandom rnd = new SplittableRandom(0x5EED_2026L);
    List<Object> docs = new ArrayList<>();
    List<Object> tagged = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      Object doc = i % 10 == 0 ? randomLeaf(rnd) : randomContainer(rnd, 0);
      docs.add(doc);
      tagged.add(tag(doc));
    }
    MAPPER.writeValue(dir.resolve("in.json").toFile(), tagged);
    ReferencePython.run(PYTHON, dir);
    List<String> python =
        MAPPER.readValue(dir.resolve("out.json").toFile(), new TypeReference<List<String>>() {});
    assertThat(python).hasSize(2 * DOCUMENTS);
    for (int i = 0; i < DOCUMENTS; i++) {
      Object doc = docs.get(i);
      String sorted = python.get(2 * i);
      String unsorted = python.get(2 * i + 1);
      assertThat(PythonJson.writePython(doc)).as("document %d sorted", i).isEqualTo(sorted);
      assertThat(PythonJson.writePython(doc, false))
          .as("document %d unsorted", i)
          .isEqualTo(unsorted);
      if (hasUnpairedSurrogate(doc)) {
        // Python writes them; zarr4j refuses to read them back (see Json's class comment).
        assertThatThrownBy(() -> PythonJson.parse(sorted)).isInstanceOf(MetadataException.class);
      } else {
        assertThat(PythonJson.parse(sorted)).as("document %d parsed", i).isEqualTo(plain(doc));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Random values

  private static Object randomContainer(SplittableRandom rnd, int depth) {
    int n = rnd.nextInt(0, depth == 0 ? 8 : 5);
    switch (rnd.nextInt(4)) {
      case 0:
        {
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            list.add(randomValue(rnd, depth + 1));
          }
          return list;
        }
      case 1:
        {
          if (rnd.nextBoolean()) {
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
              ints[i] = rnd.nextInt();
            }
            return ints;
          }
          double[] doubles = new double[n];
          for (int i = 0; i < n; i++) {
            doubles[i] = randomDouble(rnd);
          }
          return doubles;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            map.put(randomString(rnd), randomValue(rnd, depth + 1));
          }
          return map;
        }
    }
  }

  private static Object randomValue(SplittableRandom rnd, int depth) {
    if (depth < 5 && rnd.nextInt(3) == 0) {
      return randomContainer(rnd, depth);
    }
    return randomLeaf(rnd);
  }

  private static Object randomLeaf(SplittableRandom rnd) {
    switch (rnd.nextInt(9)) {
      case 0:
        return null;
      case 1:
        return rnd.nextBoolean();
      case 2:
        return rnd.nextInt(-1000, 1000);
      case 3:
        return rnd.nextBoolean()
            ? Long.MIN_VALUE + rnd.nextInt(3)
            : Long.MAX_VALUE - rnd.nextInt(3);
      case 4:
        return new BigInteger(rnd.nextInt(64, 400), new java.util.Random(rnd.nextLong()))
            .multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
      case 5:
        return rnd.nextBoolean() ? randomDouble(rnd) : (Object) (float) randomDouble(rnd);
      case 6:
        return randomDouble(rnd);
      default:
        return randomString(rnd);
    }
  }

  private static final double[] SPECIAL = {
    0.1,
    0.0,
    -0.0,
    1.0,
    -1.0,
    1e16,
    1e15,
    9999999999999998.0,
    1e16 + 2,
    0.0001,
    0.00001,
    1e-5 * 1.5,
    5e-324,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    123456789.0,
    2.5e-7,
    1e22,
    1e23,
  };

  private static double randomDouble(SplittableRandom rnd) {
    if (rnd.nextInt(4) == 0) {
      return SPECIAL[rnd.nextInt(SPECIAL.length)];
    }
    return PythonFloatTest.randomDouble(rnd, rnd.nextInt(7));
  }

  private static final int[][] RANGES = {
    {'a', 'z'},
    {' ', '~'},
    {0, 0x1f},
    {0x7f, 0xff},
    {0x100, 0x7ff},
    {0x2000, 0x206f},
    {0xd800, 0xdfff},
    {0xe000, 0xffff},
    {0x10000, 0x1ffff},
    {0x10fff0, 0x10ffff},
  };

  private static String randomString(SplittableRandom rnd) {
    int n = rnd.nextInt(0, 12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int[] range = RANGES[rnd.nextInt(4) == 0 ? rnd.nextInt(RANGES.length) : rnd.nextInt(2)];
      int cp = rnd.nextInt(range[0], range[1] + 1);
      if (rnd.nextInt(20) == 0) {
        cp = "\"\\/'".charAt(rnd.nextInt(4));
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Transport and comparison

  /** Tagged form for Python: ["d", [[key, v]...]], ["l", [...]], ["s", cps], ["i", "123"] ... */
  private static Object tag(Object v) {
    if (v == null) {
      return List.of("n");
    }
    if (v instanceof Boolean) {
      return List.of("b", v);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      return List.of("i", v.toString());
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return List.of("f", Long.toHexString(Double.doubleToRawLongBits(d)));
    }
    if (v instanceof String) {
      return List.of("s", ((String) v).codePoints().toArray());
    }
    if (v instanceof Map) {
      List<Object> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        entries.add(List.of(((String) e.getKey()).codePoints().toArray(), tag(e.getValue())));
      }
      return List.of("d", entries);
    }
    List<Object> items = new ArrayList<>();
    for (Object item : asList(v)) {
      items.add(tag(item));
    }
    return List.of("l", items);
  }

  private static boolean hasUnpairedSurrogate(Object v) {
    if (v instanceof String) {
      String s = (String) v;
      return s.codePoints().anyMatch(cp -> cp >= 0xd800 && cp <= 0xdfff);
    }
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (hasUnpairedSurrogate(e.getKey()) || hasUnpairedSurrogate(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof List || (v != null && v.getClass().isArray())) {
      return asList(v).stream().anyMatch(PythonJsonInteropTest::hasUnpairedSurrogate);
    }
    return false;
  }

  /** The value {@link Json#parse} returns for what {@code v} was written as. */
  private static Object plain(Object v) {
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        out.put((String) e.getKey(), plain(e.getValue()));
      }
      return out;
    }
    if (v instanceof List || (v != null && v.getClass().isArray())) {
      List<Object> out = new ArrayList<>();
      for (Object item : asList(v)) {
        out.add(plain(item));
      }
      return out;
    }
    return v;
  }

  private static List<Object> asList(Object v) {
    List<Object> out = new ArrayList<>();
    if (v instanceof List) {
      out.addAll((List<?>) v);
    } else {
      int n = java.lang.reflect.Array.getLength(v);
      for (int i = 0; i < n; i++) {
        out.add(java.lang.reflect.Array.get(v, i));
      }
    }
    return out;
  }
}
