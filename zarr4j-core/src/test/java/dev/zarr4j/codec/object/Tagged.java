package dev.zarr4j.codec.object;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed description of values exchanged with objects_interop.py (see its docstring): plain JSON
 * that keeps what JSON loses (int vs float, exact float bits, bytes, lone surrogates, arrays).
 */
final class Tagged {
  private Tagged() {}

  private static final HexFormat HEX = HexFormat.of();

  static Object tag(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return Map.of("bool", b);
    }
    if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      return Map.of("int", v.toString());
    }
    if (v instanceof Double || v instanceof Float) {
      return Map.of(
          "float", String.format("%016x", Double.doubleToRawLongBits(((Number) v).doubleValue())));
    }
    if (v instanceof String s) {
      byte[] b = new byte[2 * s.length()];
      for (int i = 0; i < s.length(); i++) {
        b[2 * i] = (byte) s.charAt(i);
        b[2 * i + 1] = (byte) (s.charAt(i) >> 8);
      }
      return Map.of("str", HEX.formatHex(b));
    }
    if (v instanceof byte[] b) {
      return Map.of("bytes", HEX.formatHex(b));
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(tag(o));
      }
      return Map.of("list", out);
    }
    if (v instanceof Map<?, ?> m) {
      List<Object> out = new ArrayList<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        List<Object> pair = new ArrayList<>();
        pair.add(tag(e.getKey()));
        pair.add(tag(e.getValue()));
        out.add(pair);
      }
      return Map.of("dict", out);
    }
    if (v instanceof NdArray a) {
      DataType t = a.dtype();
      byte[] raw = new byte[a.size() * t.itemSize()];
      if (a.size() > 0) {
        dev.zarr4j.ndarray.RawCopy.encode(
            a.data(),
            0,
            new long[] {1},
            ByteBuffer.wrap(raw),
            0,
            new long[] {t.itemSize()},
            new long[] {a.size()},
            t);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ndarray", t.typestr());
      m.put("hex", HEX.formatHex(raw));
      return m;
    }
    if (v instanceof Instant t) {
      return Map.of("ts", List.of(t.getEpochSecond(), t.getNano()));
    }
    if (v instanceof MsgPackExtension x) {
      return Map.of("ext", List.of(x.type(), HEX.formatHex(x.data())));
    }
    throw new IllegalArgumentException("cannot tag " + v.getClass());
  }

  /** The tagged form with dict entries sorted, for order-insensitive comparison. */
  @SuppressWarnings("unchecked")
  static Object canonical(Object t) {
    if (t instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = (String) e.getKey();
        Object v = e.getValue();
        if (k.equals("list")) {
          List<Object> items = new ArrayList<>();
          for (Object o : (List<Object>) v) {
            items.add(canonical(o));
          }
          v = items;
        } else if (k.equals("dict")) {
          List<List<Object>> pairs = new ArrayList<>();
          for (Object o : (List<Object>) v) {
            List<Object> p = (List<Object>) o;
            pairs.add(java.util.Arrays.asList(canonical(p.get(0)), canonical(p.get(1))));
          }
          pairs.sort(Comparator.comparing(p -> String.valueOf(p.get(0))));
          v = pairs;
        } else if (v instanceof List<?> l) {
          List<Object> items = new ArrayList<>();
          for (Object o : l) {
            items.add(o instanceof Number n ? n.longValue() : o);
          }
          v = items;
        }
        out.put(k, v);
      }
      return out;
    }
    return t;
  }
}
