package dev.zarr4j.metadata.v3;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.metadata.FillValueText;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.Float16;
import dev.zarr4j.ndarray.MiniFloat;
import dev.zarr4j.ndarray.NdArray;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fill_value} of a Zarr v3 array in every spelling the core specification and the data
 * type extensions allow: booleans; integers; floats as numbers, {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"} or a hex bit pattern ({@code "0x7fc00000"}; for the small float types one hex
 * digit pair per byte, {@code "0x7fc0"} for {@code bfloat16}, {@code "0x7c"} for {@code
 * float8_e4m3}, and the pattern's low bits for {@code float6}/{@code float4}); complex numbers as
 * {@code [re, im]} of those; raw bits as a list of byte values; byte strings as base64 (or a list
 * of byte values); text as a string; datetimes as integers (or {@code "NaT"}); records as an object
 * of field values (or base64 of the packed record, the legacy {@code structured} form).
 */
final class FillValueV3 {
  private FillValueV3() {}

  /**
   * Decodes a {@code fill_value} into a Java value of the data type (as {@link NdArray#get} returns
   * it).
   *
   * @param variableLength {@code "string"} or {@code "bytes"} for object arrays, else {@code null}
   * @throws MetadataException naming the value and the data type if the type cannot hold it
   */
  static Object decode(Object json, DataType dtype, String variableLength, String key) {
    if (json == null) {
      throw new MetadataException("'" + key + "': fill_value is required in Zarr v3 (got null)");
    }
    try {
      Object v = decodeValue(json, dtype, variableLength);
      if (v != null) {
        return v;
      }
    } catch (IllegalArgumentException | InvalidArrayException | ArithmeticException e) {
      throw new MetadataException(
          "'"
              + key
              + "': fill_value "
              + describe(json)
              + " is not valid for data type "
              + dtype
              + ": "
              + e.getMessage(),
          e);
    }
    throw new MetadataException(
        "'" + key + "': fill_value " + describe(json) + " is not valid for data type " + dtype);
  }

  private static Object decodeValue(Object json, DataType dtype, String variableLength) {
    switch (dtype.kind()) {
      case BOOL:
        return json instanceof Boolean ? json : null;
      case INT:
      case UINT:
        {
          BigInteger i = integer(json);
          if (i == null) {
            return null;
          }
          int bits = dtype.bits();
          BigInteger min =
              dtype.kind() == DataType.Kind.INT
                  ? BigInteger.ONE.shiftLeft(bits - 1).negate()
                  : BigInteger.ZERO;
          BigInteger max =
              dtype.kind() == DataType.Kind.INT
                  ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                  : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
          if (i.compareTo(min) < 0 || i.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of range " + min + ".." + max);
          }
          return NdArray.scalar(dtype, i.longValue()).get();
        }
      case DATETIME:
      case TIMEDELTA:
        {
          if ("NaT".equals(json)) {
            return Long.MIN_VALUE;
          }
          BigInteger i = integer(json);
          return i == null ? null : i.longValueExact();
        }
      case FLOAT:
        {
          Double d = floating(json, dtype);
          return d == null ? null : NdArray.scalar(dtype, d).get();
        }
      case COMPLEX:
        {
          if (json instanceof List<?> l && l.size() == 2) {
            Double re = floating(l.get(0), dtype.componentType());
            Double im = floating(l.get(1), dtype.componentType());
            return re == null || im == null
                ? null
                : NdArray.scalar(dtype, new Complex(re, im)).get();
          }
          return null;
        }
      case UNICODE:
        return json instanceof String s ? NdArray.scalar(dtype, s).get() : null;
      case BYTES:
        {
          byte[] b = bytes(json);
          if (b != null && b.length > dtype.itemSize()) {
            throw new IllegalArgumentException(
                b.length + " bytes do not fit " + dtype.itemSize() + "-byte strings");
          }
          return b == null ? null : NdArray.scalar(dtype, b).get();
        }
      case VOID:
        {
          if (dtype.isStructured() && json instanceof Map<?, ?> m) {
            return record(m, dtype);
          }
          byte[] b = bytes(json);
          if (b != null && b.length != dtype.itemSize()) {
            throw new IllegalArgumentException(
                "it has " + b.length + " bytes, the data type " + dtype.itemSize());
          }
          return b == null ? null : NdArray.scalar(dtype, b).get();
        }
      case OBJECT:
        if (V3DataTypes.STRING.equals(variableLength)) {
          return json instanceof String s ? s : null;
        }
        return bytes(json);
      default:
        return null;
    }
  }

  private static Object record(Map<?, ?> m, DataType dtype) {
    NdArray r = NdArray.zeros(dtype);
    for (Object k : m.keySet()) {
      if (!(k instanceof String name) || dtype.field(name) == null) {
        throw new IllegalArgumentException("the data type has no field " + k);
      }
    }
    for (DataType.Field f : dtype.fields()) {
      if (!m.containsKey(f.name())) {
        throw new IllegalArgumentException("field '" + f.name() + "' has no value");
      }
      Object v = decodeValue(m.get(f.name()), f.type(), null);
      if (v == null) {
        throw new IllegalArgumentException(
            "field '" + f.name() + "' value " + describe(m.get(f.name())) + " is not valid");
      }
      r.fields(f.name()).set(v);
    }
    return r.get();
  }

  private static BigInteger integer(Object json) {
    if (json instanceof BigInteger b) {
      return b;
    }
    if (json instanceof Long || json instanceof Integer || json instanceof Short) {
      return BigInteger.valueOf(((Number) json).longValue());
    }
    if (json instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return new java.math.BigDecimal(d).toBigIntegerExact();
    }
    return null;
  }

  private static Double floating(Object json, DataType dtype) {
    int size = dtype.itemSize();
    Double named = FillValueText.floatingOf(json);
    if (named != null) {
      return named;
    }
    if (json instanceof String s) {
      MiniFloat f = dtype.miniFloat();
      if (f != null && s.startsWith("0x") && s.length() > 2 && s.length() <= 2 + 2 * size) {
        long bits = Long.parseUnsignedLong(s.substring(2), 16);
        if (bits >>> f.bits() != 0) {
          throw new IllegalArgumentException(
              "the bit pattern " + s + " has more than the type's " + f.bits() + " bits");
        }
        return f.toDouble((int) bits);
      }
      if (s.startsWith("0x") && s.length() == 2 + 2 * size) {
        long bits = Long.parseUnsignedLong(s.substring(2), 16);
        return switch (size) {
          case 2 -> Float16.toDouble((short) bits);
          case 4 -> (double) Float.intBitsToFloat((int) bits);
          case 8 -> Double.longBitsToDouble(bits);
          default -> throw new IllegalArgumentException("no float of " + size + " bytes");
        };
      }
      if (s.startsWith("0x")) {
        throw new IllegalArgumentException(
            "a hex bit pattern of a " + size + "-byte float has " + 2 * size + " digits");
      }
    }
    return null;
  }

  private static byte[] bytes(Object json) {
    if (json instanceof String s) {
      return Base64.getDecoder().decode(s);
    }
    if (json instanceof List<?> l) {
      byte[] b = new byte[l.size()];
      for (int i = 0; i < b.length; i++) {
        if (!(l.get(i) instanceof Number n)
            || n.doubleValue() != Math.rint(n.doubleValue())
            || n.longValue() < 0
            || n.longValue() > 255) {
          throw new IllegalArgumentException("byte " + i + " is " + l.get(i) + ", not 0..255");
        }
        b[i] = (byte) n.intValue();
      }
      return b;
    }
    return null;
  }

  /**
   * Encodes a fill value (a Java value of the data type, already normalised) in the spelling zarr4j
   * writes.
   *
   * @throws IllegalArgumentException if the value cannot be written for the type
   */
  static Object encode(Object value, DataType dtype, String variableLength) {
    if (dtype.kind() == DataType.Kind.OBJECT) {
      if (value == null) {
        return ""; // empty text, or the base64 of no bytes
      }
      if (value instanceof String s && V3DataTypes.STRING.equals(variableLength)) {
        return s;
      }
      if (value instanceof byte[] b) {
        return Base64.getEncoder().encodeToString(b);
      }
      throw new IllegalArgumentException(
          "fill value " + value + " is not valid for " + variableLength + " arrays");
    }
    Object v = NdArray.scalar(dtype, value == null ? 0 : value).get();
    Object scalar = FillValueText.scalar(v, dtype);
    if (scalar != null) {
      return scalar;
    }
    switch (dtype.kind()) {
      case VOID:
        if (dtype.isStructured()) {
          NdArray r = NdArray.scalar(dtype, v);
          Map<String, Object> fields = new LinkedHashMap<>();
          for (DataType.Field f : dtype.fields()) {
            fields.put(f.name(), encode(r.fields(f.name()).get(), f.type(), null));
          }
          return fields;
        }
        {
          List<Object> list = new ArrayList<>();
          for (byte b : (byte[]) v) {
            list.add(b & 0xff);
          }
          return list;
        }
      default:
        throw new IllegalArgumentException("no Zarr v3 fill value for " + dtype);
    }
  }

  private static String describe(Object json) {
    return json instanceof String s ? "\"" + s + "\"" : String.valueOf(json);
  }
}
