package dev.zarr4j.cli;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the JSON layout {@code zarr4j export} writes for object arrays ({@link JsonElements}):
 * the shape, the object codec and the flat C-order elements, decoded to the Java values the codec
 * takes. The document is read whole.
 */
final class JsonImport {
  private JsonImport() {}

  /** A decoded document. */
  record Document(long[] shape, ObjectCodec codec, NdArray values) {}

  /**
   * Decodes {@code json}, read from the file shown as {@code name}.
   *
   * @throws CliException naming the file and the field at fault
   */
  static Document read(byte[] json, String name) {
    Object parsed;
    try {
      parsed = PythonJson.parse(json, name);
    } catch (ZarrException e) {
      throw new CliException(name + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> doc)) {
      throw new CliException(name + " must hold a JSON object with shape, object_codec and data");
    }
    Object dtype = doc.get("dtype");
    if (dtype != null && !"|O".equals(dtype)) {
      throw new CliException(
          name + ": \"dtype\" must be \"|O\" (JSON import is for object arrays), got " + dtype);
    }
    long[] shape = shape(doc.get("shape"), name);
    ObjectCodec codec = codec(doc.get("object_codec"), name);
    if (!(doc.get("data") instanceof List<?> data)) {
      throw new CliException(name + ": \"data\" must be a list of the elements in C order");
    }
    long count = 1;
    for (long s : shape) {
      count = Math.multiplyExact(count, s);
    }
    if (data.size() != count) {
      throw new CliException(
          name
              + ": \"data\" has "
              + data.size()
              + " elements but shape "
              + dev.zarr4j.python.PythonText.tuple(shape)
              + " needs "
              + count);
    }
    int[] ishape = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      ishape[d] = (int) shape[d];
    }
    NdArray values = NdArray.zeros(DataType.OBJECT, ishape);
    for (int i = 0; i < data.size(); i++) {
      values.setFlat(i, element(data.get(i), name, i));
    }
    return new Document(shape, codec, values);
  }

  private static long[] shape(Object v, String name) {
    if (!(v instanceof List<?> l)) {
      throw new CliException(name + ": \"shape\" must be a list of lengths, got " + v);
    }
    long[] shape = new long[l.size()];
    long total = 1;
    for (int d = 0; d < shape.length; d++) {
      if (!(l.get(d) instanceof Long n) || n < 0) {
        throw new CliException(
            name + ": \"shape\" must hold non-negative integers, got " + l.get(d));
      }
      shape[d] = n;
      total = total * Math.max(n, 1);
      if (total > Integer.MAX_VALUE - 8) {
        throw new CliException(
            name + ": shape " + l + " has too many elements to import from JSON");
      }
    }
    return shape;
  }

  @SuppressWarnings("unchecked")
  private static ObjectCodec codec(Object v, String name) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new CliException(
          name
              + ": \"object_codec\" must be a numcodecs configuration such as {\"id\":"
              + " \"vlen-utf8\"}, got "
              + v);
    }
    Codec c;
    try {
      c = CodecRegistry.fromConfig((Map<String, Object>) m);
    } catch (ZarrException e) {
      throw new CliException(name + ": \"object_codec\": " + e.getMessage(), e);
    }
    if (!(c instanceof ObjectCodec oc)) {
      throw new CliException(
          name + ": \"object_codec\" " + m.get("id") + " is not an object codec");
    }
    return oc;
  }

  /** One element as the export wrote it (see {@link JsonElements#ENCODING}). */
  private static Object element(Object v, String name, int index) {
    if (v instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.get("__bytes_base64__") instanceof String b64) {
        try {
          return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
          throw new CliException(
              name + ": element " + index + " has invalid base64 in __bytes_base64__", e);
        }
      }
      if (m.size() == 1 && m.get("__float__") instanceof String f) {
        return switch (f) {
          case "nan" -> Double.NaN;
          case "inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          default ->
              throw new CliException(
                  name + ": element " + index + " has __float__ " + f + " (nan, inf or -inf)");
        };
      }
      if (m.size() == 2
          && m.get("array") instanceof List<?> items
          && m.get("dtype") instanceof String t) {
        return ragged(items, t, name, index);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), element(e.getValue(), name, index));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(element(o, name, index));
      }
      return out;
    }
    return v;
  }

  private static NdArray ragged(List<?> items, String dtype, String name, int index) {
    try {
      DataType t = DataType.parse(dtype);
      NdArray a = NdArray.zeros(t, items.size());
      for (int i = 0; i < items.size(); i++) {
        a.setFlat(i, element(items.get(i), name, index));
      }
      return a;
    } catch (ZarrException | IllegalArgumentException | ClassCastException e) {
      throw new CliException(
          name + ": element " + index + " is not a valid " + dtype + " array: " + e.getMessage(),
          e);
    }
  }
}
