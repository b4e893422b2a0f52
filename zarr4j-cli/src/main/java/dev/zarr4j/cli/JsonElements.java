package dev.zarr4j.cli;

import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonFloat;
import dev.zarr4j.python.PythonJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an exported object array: {@code {"shape": [...], "dtype": "|O", "object_codec":
 * {...}, "encoding": "...", "data": [flat C-order elements]}}, with bytes as {@code
 * {"__bytes_base64__": "..."}}, non-finite floats as {@code {"__float__": "nan"|"inf"|"-inf"}} and
 * ragged arrays as {@code {"array": [...], "dtype": "<i8"}}. Written in three parts so elements can
 * stream block by block.
 */
final class JsonElements {
  static final String ENCODING =
      "flat list, C order; bytes as {'__bytes_base64__': ...}; non-finite floats as"
          + " {'__float__': 'nan'|'inf'|'-inf'}; ragged arrays as {'array': [...], 'dtype': ...}";

  private JsonElements() {}

  /** Everything up to and including the opening bracket of {@code data}. */
  static byte[] header(long[] shape, Map<String, Object> objectCodec) {
    StringBuilder sb = new StringBuilder("{\"shape\": [");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i]);
    }
    sb.append("], \"dtype\": \"|O\", \"object_codec\": ");
    append(objectCodec, sb);
    sb.append(", \"encoding\": ");
    PythonJson.appendQuoted(ENCODING, sb);
    sb.append(", \"data\": [");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A block of elements, preceded by a comma unless it is the first. */
  static byte[] elements(Object[] values, boolean first) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0 || !first) {
        sb.append(", ");
      }
      append(values[i], sb);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The closing brackets. */
  static byte[] footer() {
    return "]}\n".getBytes(StandardCharsets.UTF_8);
  }

  static void append(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean
        || v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        sb.append("{\"__float__\": \"")
            .append(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf")
            .append("\"}");
      } else {
        sb.append(PythonFloat.repr(d));
      }
    } else if (v instanceof CharSequence s) {
      PythonJson.appendQuoted(s, sb);
    } else if (v instanceof byte[] b) {
      sb.append("{\"__bytes_base64__\": \"")
          .append(Base64.getEncoder().encodeToString(b))
          .append("\"}");
    } else if (v instanceof NdArray a) {
      sb.append("{\"array\": [");
      for (int i = 0; i < a.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        append(a.getFlat(i), sb);
      }
      sb.append("], \"dtype\": ");
      PythonJson.appendQuoted(a.dtype().typestr(), sb);
      sb.append('}');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean firstEntry = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(firstEntry ? "" : ", ");
        firstEntry = false;
        PythonJson.appendQuoted(String.valueOf(e.getKey()), sb);
        sb.append(": ");
        append(e.getValue(), sb);
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        append(l.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Object[] arr) {
      append(List.of(arr), sb);
    } else {
      PythonJson.appendQuoted(v.toString(), sb);
    }
  }
}
