package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The element values the peers exchange: for each Zarr v3 data type, the flat Java array that holds
 * them and their JSON form. The Java arrays hold the values' bits, whatever the signedness:
 *
 * <table>
 *   <caption>Java storage per Zarr v3 data type</caption>
 *   <tr><th>data type</th><th>values</th><th>fill value</th></tr>
 *   <tr><td>bool</td><td>{@code boolean[]}</td><td>{@code Boolean}</td></tr>
 *   <tr><td>int8, uint8</td><td>{@code byte[]}</td><td>{@code Byte}</td></tr>
 *   <tr><td>int16, uint16</td><td>{@code short[]}</td><td>{@code Short}</td></tr>
 *   <tr><td>int32, uint32</td><td>{@code int[]}</td><td>{@code Integer}</td></tr>
 *   <tr><td>int64, uint64</td><td>{@code long[]}</td><td>{@code Long}</td></tr>
 *   <tr><td>float16, float32</td><td>{@code float[]}</td><td>{@code Float}</td></tr>
 *   <tr><td>float64</td><td>{@code double[]}</td><td>{@code Double}</td></tr>
 *   <tr><td>complex64</td><td>{@code float[]}, re and im interleaved</td><td>{@code float[2]}</td></tr>
 *   <tr><td>complex128</td><td>{@code double[]}, interleaved</td><td>{@code double[2]}</td></tr>
 *   <tr><td>string</td><td>{@code String[]}</td><td>{@code String}</td></tr>
 * </table>
 *
 * <p>In JSON (the Node peer's input and output) every element is one value: integers up to 32 bits
 * and floats are numbers, with NaN, the infinities and negative zero as the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"} and {@code "-0.0"}; int64 and uint64 are decimal strings
 * (a JavaScript number keeps 53 bits); unsigned types are written unsigned; bool is {@code
 * true}/{@code false}; complex values are {@code [re, im]}; strings are strings. NaN payloads are
 * not carried.
 *
 * <p>Comparisons ({@link #equal}) are exact and NaN-aware: any NaN equals any NaN, and {@code -0.0}
 * differs from {@code 0.0}.
 */
public final class PeerValues {
  /** Every data type of the Zarr v3 core specification (and the {@code string} extension). */
  public static final List<String> DATA_TYPES =
      List.of(
          "bool",
          "int8",
          "int16",
          "int32",
          "int64",
          "uint8",
          "uint16",
          "uint32",
          "uint64",
          "float16",
          "float32",
          "float64",
          "complex64",
          "complex128",
          "string");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PeerValues() {}

  /** Size in bytes of one element ({@code 0} for {@code string}). */
  public static int itemSize(String dataType) {
    return switch (dataType) {
      case "bool", "int8", "uint8" -> 1;
      case "int16", "uint16", "float16" -> 2;
      case "int32", "uint32", "float32" -> 4;
      case "int64", "uint64", "float64", "complex64" -> 8;
      case "complex128" -> 16;
      case "string" -> 0;
      default -> throw unknown(dataType);
    };
  }

  /** A zeroed array of {@code n} elements of the data type's Java storage. */
  public static Object allocate(String dataType, int n) {
    return switch (dataType) {
      case "bool" -> new boolean[n];
      case "int8", "uint8" -> new byte[n];
      case "int16", "uint16" -> new short[n];
      case "int32", "uint32" -> new int[n];
      case "int64", "uint64" -> new long[n];
      case "float16", "float32" -> new float[n];
      case "float64" -> new double[n];
      case "complex64" -> new float[2 * n];
      case "complex128" -> new double[2 * n];
      case "string" -> new String[n];
      default -> throw unknown(dataType);
    };
  }

  /** The number of elements in {@code values} (half the array length for complex types). */
  public static int length(String dataType, Object values) {
    int n = java.lang.reflect.Array.getLength(values);
    return dataType.startsWith("complex") ? n / 2 : n;
  }

  /** Checks that {@code values} is the data type's Java storage (see the class comment). */
  public static void checkType(String dataType, Object values) {
    Class<?> expected = allocate(dataType, 0).getClass();
    if (values == null || values.getClass() != expected) {
      throw new IllegalArgumentException(
          dataType
              + " values must be a "
              + expected.getSimpleName()
              + ", got "
              + (values == null ? "null" : values.getClass().getSimpleName()));
    }
  }

  /** Element {@code i} boxed as a fill value is ({@code float[2]}/{@code double[2]} if complex). */
  public static Object get(String dataType, Object values, int i) {
    return switch (dataType) {
      case "complex64" -> new float[] {((float[]) values)[2 * i], ((float[]) values)[2 * i + 1]};
      case "complex128" ->
          new double[] {((double[]) values)[2 * i], ((double[]) values)[2 * i + 1]};
      default -> java.lang.reflect.Array.get(values, i);
    };
  }

  /** Sets element {@code i} from a boxed value (the fill value's form). */
  public static void set(String dataType, Object values, int i, Object value) {
    switch (dataType) {
      case "complex64" -> System.arraycopy((float[]) value, 0, values, 2 * i, 2);
      case "complex128" -> System.arraycopy((double[]) value, 0, values, 2 * i, 2);
      default -> java.lang.reflect.Array.set(values, i, value);
    }
  }

  /** The values as a JSON array, one element per value. */
  public static ArrayNode toJson(String dataType, Object values) {
    checkType(dataType, values);
    int n = length(dataType, values);
    ArrayNode out = NODES.arrayNode(n);
    for (int i = 0; i < n; i++) {
      out.add(elementToJson(dataType, get(dataType, values, i)));
    }
    return out;
  }

  /** Values from their JSON array. */
  public static Object fromJson(String dataType, JsonNode array) {
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("values must be a JSON array, got " + array);
    }
    Object out = allocate(dataType, array.size());
    for (int i = 0; i < array.size(); i++) {
      set(dataType, out, i, elementFromJson(dataType, array.get(i)));
    }
    return out;
  }

  /** One value (boxed, as in {@link #get}) in JSON. {@code null} gives JSON null. */
  public static JsonNode elementToJson(String dataType, Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    return switch (dataType) {
      case "bool" -> BooleanNode.valueOf((Boolean) v);
      case "int8", "int16", "int32" -> IntNode.valueOf(((Number) v).intValue());
      case "uint8" -> IntNode.valueOf(Byte.toUnsignedInt((Byte) v));
      case "uint16" -> IntNode.valueOf(Short.toUnsignedInt((Short) v));
      case "uint32" -> LongNode.valueOf(Integer.toUnsignedLong((Integer) v));
      case "int64" -> TextNode.valueOf(Long.toString((Long) v));
      case "uint64" -> TextNode.valueOf(Long.toUnsignedString((Long) v));
      case "float16", "float32" -> floatToJson((Float) v);
      case "float64" -> doubleToJson((Double) v);
      case "complex64" -> {
        float[] c = (float[]) v;
        yield NODES.arrayNode().add(floatToJson(c[0])).add(floatToJson(c[1]));
      }
      case "complex128" -> {
        double[] c = (double[]) v;
        yield NODES.arrayNode().add(doubleToJson(c[0])).add(doubleToJson(c[1]));
      }
      case "string" -> TextNode.valueOf((String) v);
      default -> throw unknown(dataType);
    };
  }

  /** One value from JSON, boxed as in {@link #get}; JSON null gives {@code null}. */
  public static Object elementFromJson(String dataType, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    return switch (dataType) {
      case "bool" -> {
        if (!v.isBoolean()) {
          throw new IllegalArgumentException("bool value " + v);
        }
        yield v.booleanValue();
      }
      case "int8", "uint8" -> (byte) integral(v, dataType);
      case "int16", "uint16" -> (short) integral(v, dataType);
      case "int32", "uint32" -> (int) integral(v, dataType);
      case "int64" -> Long.parseLong(v.asText());
      case "uint64" -> Long.parseUnsignedLong(v.asText());
      case "float16", "float32" -> (float) doubleFromJson(v);
      case "float64" -> doubleFromJson(v);
      case "complex64" ->
          new float[] {(float) doubleFromJson(v.get(0)), (float) doubleFromJson(v.get(1))};
      case "complex128" -> new double[] {doubleFromJson(v.get(0)), doubleFromJson(v.get(1))};
      case "string" -> v.asText();
      default -> throw unknown(dataType);
    };
  }

  private static long integral(JsonNode v, String dataType) {
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(dataType + " value " + v);
    }
    return v.longValue();
  }

  private static JsonNode floatToJson(float f) {
    if (Float.isNaN(f)) {
      return TextNode.valueOf("NaN");
    } else if (Float.isInfinite(f)) {
      return TextNode.valueOf(f > 0 ? "Infinity" : "-Infinity");
    } else if (f == 0 && Float.floatToRawIntBits(f) != 0) {
      return TextNode.valueOf("-0.0");
    }
    return FloatNode.valueOf(f);
  }

  private static JsonNode doubleToJson(double d) {
    if (Double.isNaN(d)) {
      return TextNode.valueOf("NaN");
    } else if (Double.isInfinite(d)) {
      return TextNode.valueOf(d > 0 ? "Infinity" : "-Infinity");
    } else if (d == 0 && Double.doubleToRawLongBits(d) != 0) {
      return TextNode.valueOf("-0.0");
    }
    return DoubleNode.valueOf(d);
  }

  private static double doubleFromJson(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    return switch (v.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      case "-0.0" -> -0.0;
      default -> throw new IllegalArgumentException("float value " + v);
    };
  }

  /** Exact, NaN-aware equality of two value arrays of the data type's storage. */
  public static boolean equal(String dataType, Object a, Object b) {
    return firstDifference(dataType, a, b) < 0;
  }

  /**
   * The index of the first element where {@code a} and {@code b} differ, the shorter length if one
   * is a prefix of the other, or {@code -1} if they are equal. Floats compare by bits after mapping
   * every NaN to one, so {@code -0.0 != 0.0}.
   */
  public static int firstDifference(String dataType, Object a, Object b) {
    checkType(dataType, a);
    checkType(dataType, b);
    int na = length(dataType, a);
    int nb = length(dataType, b);
    int n = Math.min(na, nb);
    for (int i = 0; i < n; i++) {
      if (!elementEquals(dataType, get(dataType, a, i), get(dataType, b, i))) {
        return i;
      }
    }
    return na == nb ? -1 : n;
  }

  /** Exact, NaN-aware equality of two boxed values (fill values), either possibly null. */
  public static boolean elementEquals(String dataType, Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    return switch (dataType) {
      case "float16", "float32" ->
          Float.floatToIntBits((Float) a) == Float.floatToIntBits((Float) b);
      case "float64" -> Double.doubleToLongBits((Double) a) == Double.doubleToLongBits((Double) b);
      case "complex64" -> Arrays.equals((float[]) a, (float[]) b);
      case "complex128" -> Arrays.equals((double[]) a, (double[]) b);
      default -> a.equals(b);
    };
  }

  /** The element as text for messages (the JSON form). */
  public static String describe(String dataType, Object boxed) {
    return elementToJson(dataType, boxed).toString();
  }

  /**
   * {@code n} seeded random values that exercise the type: extremes, zero, for floats NaN, the
   * infinities, negative zero and subnormals, for strings empty, ASCII and non-ASCII text.
   */
  public static Object random(String dataType, int n, SplittableRandom random) {
    Object out = allocate(dataType, n);
    for (int i = 0; i < n; i++) {
      set(dataType, out, i, randomElement(dataType, random));
    }
    return out;
  }

  /** One seeded random value, boxed as in {@link #get}. */
  public static Object randomElement(String dataType, SplittableRandom r) {
    boolean special = r.nextInt(8) == 0;
    return switch (dataType) {
      case "bool" -> r.nextBoolean();
      case "int8", "uint8" -> (byte) (special ? pick(r, 0, -1, 127, -128) : r.nextInt());
      case "int16", "uint16" -> (short) (special ? pick(r, 0, -1, 32767, -32768) : r.nextInt());
      case "int32", "uint32" ->
          special ? (int) pick(r, 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE) : r.nextInt();
      case "int64", "uint64" ->
          special ? pick(r, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE) : r.nextLong();
      case "float16" -> halfToFloat((short) r.nextInt(1 << 16));
      case "float32" -> special ? specialFloat(r) : (float) (r.nextGaussian() * 1000);
      case "float64" -> special ? specialDouble(r) : r.nextGaussian() * 1e6;
      case "complex64" ->
          new float[] {(float) randomElement("float32", r), (float) randomElement("float32", r)};
      case "complex128" ->
          new double[] {(double) randomElement("float64", r), (double) randomElement("float64", r)};
      case "string" -> randomString(r, special);
      default -> throw unknown(dataType);
    };
  }

  private static long pick(SplittableRandom r, long... choices) {
    return choices[r.nextInt(choices.length)];
  }

  private static float specialFloat(SplittableRandom r) {
    float[] v = {
      Float.NaN,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      -0.0f,
      0.0f,
      Float.MIN_VALUE,
      Float.MAX_VALUE,
      -Float.MIN_NORMAL,
      1e-40f
    };
    return v[r.nextInt(v.length)];
  }

  private static double specialDouble(SplittableRandom r) {
    double[] v = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MIN_NORMAL,
      0.1,
      1e300
    };
    return v[r.nextInt(v.length)];
  }

  private static String randomString(SplittableRandom r, boolean special) {
    if (special) {
      String[] v = {"", "é", "日本語", "a\u0000b", "🙂 emoji", "\"quoted\"\n"};
      return v[r.nextInt(v.length)];
    }
    int len = r.nextInt(12);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  /** The float a binary16 value (IEEE 754 half precision) denotes, exactly. */
  public static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h >>> 15) << 31;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f; // subnormal (or zero): exact
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  private static IllegalArgumentException unknown(String dataType) {
    return new IllegalArgumentException("unknown data type " + dataType);
  }
}
