package dev.zarr4j.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.zarr4j.MetadataException;

/** Placeholder until the Python-compatible JSON utility lands; replaced on merge. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private Json() {}

  /** Parses JSON into plain Java values. */
  public static Object parse(byte[] json) {
    try {
      Object o = MAPPER.readValue(json, Object.class);
      return normalize(o);
    } catch (java.io.IOException e) {
      throw new MetadataException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /** Parses JSON text. */
  public static Object parse(String json) {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Object normalize(Object o) {
    if (o instanceof java.math.BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (o instanceof Integer i) {
      return i.longValue();
    }
    if (o instanceof java.util.Map<?, ?> m) {
      java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
      for (var e : m.entrySet()) {
        out.put((String) e.getKey(), normalize(e.getValue()));
      }
      return out;
    }
    if (o instanceof java.util.List<?> l) {
      java.util.ArrayList<Object> out = new java.util.ArrayList<>();
      for (Object x : l) {
        out.add(normalize(x));
      }
      return out;
    }
    return o;
  }

  /** Writes like Python's json.dumps(indent=4, sort_keys=True) (approximation). */
  public static String writePython(Object value) {
    try {
      Object sorted = sort(value);
      String s =
          MAPPER
              .writer(
                  new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                      .withObjectIndenter(
                          new com.fasterxml.jackson.core.util.DefaultIndenter("    ", "\n"))
                      .withArrayIndenter(
                          new com.fasterxml.jackson.core.util.DefaultIndenter("    ", "\n")))
              .writeValueAsString(sorted);
      return s.replace(" : ", ": ");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object sort(Object o) {
    if (o instanceof java.util.Map<?, ?> m) {
      java.util.TreeMap<String, Object> t = new java.util.TreeMap<>();
      for (var e : m.entrySet()) {
        t.put((String) e.getKey(), sort(e.getValue()));
      }
      return t;
    }
    if (o instanceof java.util.List<?> l) {
      java.util.List<Object> out = new java.util.ArrayList<>();
      for (Object x : l) {
        out.add(sort(x));
      }
      return out;
    }
    return o;
  }
}
