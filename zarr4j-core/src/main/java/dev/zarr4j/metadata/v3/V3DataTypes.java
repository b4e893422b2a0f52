package dev.zarr4j.metadata.v3;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code data_type} of a Zarr v3 array and the zarr4j {@link DataType} it is held in: the core
 * types ({@code bool}, {@code int8}..{@code uint64}, {@code float16/32/64}, {@code complex64/128},
 * raw bits {@code r8}, {@code r16}, ...) and the registered extensions zarr-python 3 writes ({@code
 * string}, {@code bytes} / {@code variable_length_bytes}, {@code fixed_length_utf32}, {@code
 * null_terminated_bytes}, {@code raw_bytes}, {@code numpy.datetime64}, {@code numpy.timedelta64},
 * {@code struct} and its legacy alias {@code structured}), and the registry's small number types
 * ({@code bfloat16}, {@code float8_*}, {@code float6_*}, {@code float4_e2m1fn}, {@code int2},
 * {@code int4}, {@code uint2}, {@code uint4}: {@link DataType#smallNumberTypes()}) and their
 * complex forms ({@code complex_bfloat16}, {@code complex_float16}, {@code complex_float8_*}, ...:
 * {@link DataType#complexSmallFloatTypes()}; {@code complex_float32} and {@code complex_float64}
 * are read as the core {@code complex64} and {@code complex128} they alias, and written so).
 *
 * <p>A v3 data type has no byte order (the {@code bytes} codec chooses it), so multi-byte types are
 * held as their little-endian NumPy types. Variable-length types ({@code string}, {@code bytes})
 * are object arrays whose array-to-bytes codec ({@code vlen-utf8}, {@code vlen-bytes}) encodes the
 * elements.
 */
final class V3DataTypes {
  private V3DataTypes() {}

  /** The v3 name of variable-length UTF-8 text. */
  static final String STRING = "string";

  /** The registered v3 name of variable-length bytes. */
  static final String BYTES = "bytes";

  /** zarr-python 3.0's name of variable-length bytes, read as {@link #BYTES}. */
  static final String VARIABLE_LENGTH_BYTES = "variable_length_bytes";

  private static final Pattern RAW_BITS = Pattern.compile("r([1-9][0-9]*)");

  /**
   * What a {@code data_type} value means.
   *
   * @param dtype the element type zarr4j holds the values in
   * @param variableLength {@code null}, or {@link #STRING} or {@link #BYTES} for object arrays
   */
  record Parsed(DataType dtype, String variableLength) {}

  /**
   * Reads a {@code data_type} value.
   *
   * @param key the document, for messages
   * @throws MetadataException naming the data type if it is unknown or its configuration invalid
   */
  static Parsed parse(Object json, String key) {
    if (json instanceof String name) {
      return new Parsed(named(name, key), variableLengthOf(name));
    }
    if (json instanceof Map<?, ?> m) {
      Object name = m.get("name");
      if (!(name instanceof String n)) {
        throw new MetadataException("'" + key + "': data_type object has no string 'name'");
      }
      Object c = m.get("configuration");
      Map<?, ?> conf = c == null ? Map.of() : c instanceof Map<?, ?> cm ? cm : null;
      if (conf == null) {
        throw new MetadataException(
            "'" + key + "': data_type '" + n + "' has a configuration that is not an object");
      }
      return new Parsed(configured(n, conf, key), variableLengthOf(n));
    }
    throw new MetadataException(
        "'" + key + "': data_type must be a name or an object, got " + json);
  }

  private static String variableLengthOf(String name) {
    return switch (name) {
      case STRING -> STRING;
      case BYTES, VARIABLE_LENGTH_BYTES -> BYTES;
      default -> null;
    };
  }

  private static DataType named(String name, String key) {
    switch (name) {
      case "bool":
        return DataType.BOOL;
      case "int8":
        return DataType.INT8;
      case "uint8":
        return DataType.UINT8;
      case "int16":
      case "int32":
      case "int64":
      case "uint16":
      case "uint32":
      case "uint64":
      case "float16":
      case "float32":
      case "float64":
      case "complex64":
      case "complex128":
        return DataType.parse(name).withByteOrder(ByteOrder.LITTLE_ENDIAN);
      case "complex_float32": // the registry's aliases of the core complex types
        return DataType.COMPLEX64;
      case "complex_float64":
        return DataType.COMPLEX128;
      case STRING:
      case BYTES:
      case VARIABLE_LENGTH_BYTES:
        return DataType.OBJECT;
      default:
        break;
    }
    for (DataType t : DataType.smallNumberTypes()) {
      if (t.toString().equals(name)) {
        return t;
      }
    }
    for (DataType t : DataType.complexSmallFloatTypes()) {
      if (t.toString().equals(name)) {
        return t;
      }
    }
    Matcher m = RAW_BITS.matcher(name);
    if (m.matches()) {
      long bits = Long.parseLong(m.group(1));
      if (bits % 8 != 0 || bits / 8 > Integer.MAX_VALUE) {
        throw new MetadataException(
            "'" + key + "': raw data type '" + name + "' must be a whole number of bytes");
      }
      return DataType.rawBytes((int) (bits / 8));
    }
    throw new MetadataException(
        "'"
            + key
            + "': unknown data_type '"
            + name
            + "' (known: bool, int8..int64, uint8..uint64, float16, float32, float64, complex64,"
            + " complex128, r<bits>, string, bytes, bfloat16, float8_e3m4, float8_e4m3,"
            + " float8_e4m3b11fnuz, float8_e4m3fnuz, float8_e5m2, float8_e5m2fnuz, float8_e8m0fnu,"
            + " float6_e2m3fn, float6_e3m2fn, float4_e2m1fn, int2, int4, uint2, uint4,"
            + " complex_float16, complex_float32, complex_float64, complex_bfloat16,"
            + " complex_float8_*, complex_float6_*, complex_float4_e2m1fn,"
            + " and the configured fixed_length_utf32,"
            + " null_terminated_bytes, raw_bytes, numpy.datetime64, numpy.timedelta64, struct)");
  }

  private static DataType configured(String name, Map<?, ?> conf, String key) {
    switch (name) {
      case "fixed_length_utf32":
        {
          int n = lengthBytes(name, conf, key);
          if (n % 4 != 0) {
            throw new MetadataException(
                "'" + key + "': fixed_length_utf32 length_bytes must be a multiple of 4, got " + n);
          }
          return DataType.unicode(n / 4, ByteOrder.LITTLE_ENDIAN);
        }
      case "null_terminated_bytes":
        return DataType.bytes(lengthBytes(name, conf, key));
      case "raw_bytes":
        return DataType.rawBytes(lengthBytes(name, conf, key));
      case "numpy.datetime64":
      case "numpy.timedelta64":
        {
          onlyKeys(name, conf, key, "unit", "scale_factor");
          Object unit = conf.get("unit");
          Object scale = conf.get("scale_factor");
          if (!(unit instanceof String u)) {
            throw new MetadataException(
                "'" + key + "': " + name + " needs a string 'unit', got " + unit);
          }
          long factor = 1;
          if (scale != null) {
            if (!(scale instanceof Number s)
                || s.doubleValue() != Math.rint(s.doubleValue())
                || s.longValue() < 1
                || s.longValue() > Integer.MAX_VALUE) {
              throw new MetadataException(
                  "'"
                      + key
                      + "': "
                      + name
                      + " scale_factor must be an integer in 1..2147483647, got "
                      + scale);
            }
            factor = s.longValue();
          }
          String unitText =
              (factor == 1 ? "" : Long.toString(factor)) + (u.equals("μs") ? "us" : u);
          try {
            return name.equals("numpy.datetime64")
                ? DataType.datetime(unitText)
                : DataType.timedelta(unitText);
          } catch (dev.zarr4j.exceptions.InvalidArrayException e) {
            throw new MetadataException("'" + key + "': " + name + ": " + e.getMessage(), e);
          }
        }
      case "struct":
      case "structured":
        return struct(name, conf, key);
      default:
        if (conf.isEmpty()) {
          return named(name, key);
        }
        throw new MetadataException(
            "'" + key + "': unknown data_type '" + name + "' (with a configuration)");
    }
  }

  private static void onlyKeys(String name, Map<?, ?> conf, String key, String... allowed) {
    for (Object k : conf.keySet()) {
      if (!List.of(allowed).contains(k)) {
        throw new MetadataException(
            "'" + key + "': data_type '" + name + "' has an unknown configuration key '" + k + "'");
      }
    }
  }

  private static int lengthBytes(String name, Map<?, ?> conf, String key) {
    onlyKeys(name, conf, key, "length_bytes");
    Object v = conf.get("length_bytes");
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < 1
        || n.longValue() > Integer.MAX_VALUE) {
      throw new MetadataException(
          "'" + key + "': " + name + " needs a positive integer 'length_bytes', got " + v);
    }
    return n.intValue();
  }

  private static DataType struct(String name, Map<?, ?> conf, String key) {
    onlyKeys(name, conf, key, "fields");
    if (!(conf.get("fields") instanceof List<?> list) || list.isEmpty()) {
      throw new MetadataException("'" + key + "': " + name + " needs a non-empty list 'fields'");
    }
    List<DataType.Field> fields = new ArrayList<>();
    for (Object f : list) {
      Object fieldName;
      Object fieldType;
      if (f instanceof Map<?, ?> fm) {
        fieldName = fm.get("name");
        fieldType = fm.get("data_type");
      } else if (f instanceof List<?> pair && pair.size() == 2) { // legacy "structured"
        fieldName = pair.get(0);
        fieldType = pair.get(1);
      } else {
        throw new MetadataException("'" + key + "': " + name + " field " + f + " is not valid");
      }
      if (!(fieldName instanceof String fn) || fn.isEmpty()) {
        throw new MetadataException(
            "'" + key + "': " + name + " field " + f + " needs a non-empty string name");
      }
      Parsed t = parse(fieldType, key);
      if (t.variableLength() != null) {
        throw new MetadataException(
            "'"
                + key
                + "': "
                + name
                + " field '"
                + fn
                + "' has variable-length type "
                + fieldType
                + "; struct fields need a fixed size");
      }
      fields.add(new DataType.Field(fn, t.dtype(), List.of(), 0));
    }
    try {
      return DataType.structured(fields);
    } catch (dev.zarr4j.exceptions.InvalidArrayException e) {
      throw new MetadataException("'" + key + "': " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The {@code data_type} value zarr4j writes for an array of {@code dtype} (the registered
   * spelling).
   *
   * @param variableLength for object arrays, {@link #STRING} or {@link #BYTES}
   * @throws IllegalArgumentException naming the type if Zarr v3 has no spelling for it
   */
  static Object toJson(DataType dtype, String variableLength) {
    if (!dtype.isNumpyType()) {
      return dtype.withByteOrder(ByteOrder.LITTLE_ENDIAN).toString(); // bfloat16, int4, complex_*
    }
    switch (dtype.kind()) {
      case BOOL:
        return "bool";
      case INT:
        return "int" + dtype.itemSize() * 8;
      case UINT:
        return "uint" + dtype.itemSize() * 8;
      case FLOAT:
        return "float" + dtype.itemSize() * 8;
      case COMPLEX:
        return "complex" + dtype.itemSize() * 8;
      case UNICODE:
        return configuredJson("fixed_length_utf32", "length_bytes", dtype.itemSize());
      case BYTES:
        return configuredJson("null_terminated_bytes", "length_bytes", dtype.itemSize());
      case DATETIME:
      case TIMEDELTA:
        {
          Matcher m = Pattern.compile("([0-9]*)(.+)").matcher(dtype.unit());
          if (!m.matches()) {
            throw new IllegalArgumentException("data type " + dtype + " has no unit");
          }
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("unit", m.group(2));
          c.put("scale_factor", m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1)));
          Map<String, Object> o = new LinkedHashMap<>();
          o.put(
              "name",
              dtype.kind() == DataType.Kind.DATETIME ? "numpy.datetime64" : "numpy.timedelta64");
          o.put("configuration", c);
          return o;
        }
      case VOID:
        if (!dtype.isStructured()) {
          return "r" + (long) dtype.itemSize() * 8;
        }
        {
          List<Object> fields = new ArrayList<>();
          for (DataType.Field f : dtype.fields()) {
            if (!f.shape().isEmpty()) {
              throw new IllegalArgumentException(
                  "Zarr v3's struct data type has no sub-array fields; field '"
                      + f.name()
                      + "' of "
                      + dtype
                      + " has shape "
                      + f.shape());
            }
            if (f.type().byteOrder() != null
                && f.type().itemSize() > 1
                && f.type().byteOrder() != ByteOrder.LITTLE_ENDIAN) {
              throw new IllegalArgumentException(
                  "Zarr v3 stores struct fields in one byte order; field '"
                      + f.name()
                      + "' of "
                      + dtype
                      + " is big-endian");
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", f.name());
            field.put("data_type", toJson(f.type(), null));
            fields.add(field);
          }
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("fields", fields);
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("name", "struct");
          o.put("configuration", c);
          return o;
        }
      case OBJECT:
        if (STRING.equals(variableLength) || BYTES.equals(variableLength)) {
          return variableLength;
        }
        throw new IllegalArgumentException(
            "Zarr v3 holds variable-length text ('string', codec vlen-utf8) and bytes ('bytes',"
                + " codec vlen-bytes), not object arrays of other codecs");
      default:
        throw new IllegalArgumentException("Zarr v3 has no data type for " + dtype);
    }
  }

  private static Map<String, Object> configuredJson(String name, String key, int value) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(key, value);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", name);
    o.put("configuration", c);
    return o;
  }
}
