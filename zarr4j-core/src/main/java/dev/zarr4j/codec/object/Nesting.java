package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The document numcodecs' JSON and MsgPack codecs write for a chunk: {@code arr.tolist() +
 * [dtype.str, list(shape)]}, that is the elements nested one list per dimension, followed by the
 * type string {@code "|O"} and the shape.
 *
 * <p>zarr4j nests the elements it is given (the chunk's memory order) by the shape in C order, and
 * flattens a decoded document the same way. For C-order chunks this is exactly numcodecs' layout.
 * For F-order chunks zarr-python 2.13 writes the logical (C) nesting but reads the decoded nesting
 * back as memory order; zarr4j follows zarr-python's reading on both sides, so the two agree on
 * what a stored chunk holds.
 */
final class Nesting {
  private Nesting() {}

  /** The type string written after the elements. */
  static final String OBJECT_TYPESTR = "|O";

  /**
   * Builds the document for {@code elements} of {@code shape}.
   *
   * @throws CodecException if the shape does not match the element count, or is 0-dimensional
   *     (numcodecs cannot encode a 0-dimensional array: {@code tolist()} returns the element)
   */
  static List<Object> document(String codec, Object[] elements, int[] shape) {
    long n = ObjectValues.size(codec, shape);
    if (n != elements.length) {
      throw new CodecException(
          codec
              + ": shape "
              + Arrays.toString(shape)
              + " holds "
              + n
              + " elements but "
              + elements.length
              + " were given");
    }
    if (shape.length == 0) {
      throw new CodecException(
          codec
              + ": numcodecs' format cannot hold a 0-dimensional chunk (numcodecs fails on it"
              + " too); give the chunk shape [1]");
    }
    List<Object> doc = nest(elements, shape, 0, 0);
    List<Object> shapeList = new ArrayList<>(shape.length);
    for (int d : shape) {
      shapeList.add(d);
    }
    doc.add(OBJECT_TYPESTR);
    doc.add(shapeList);
    return doc;
  }

  private static List<Object> nest(Object[] elements, int[] shape, int dim, int offset) {
    int len = shape[dim];
    // room for the type string and shape at the top level
    List<Object> list = new ArrayList<>(len + (dim == 0 ? 2 : 0));
    if (dim == shape.length - 1) {
      for (int i = 0; i < len; i++) {
        list.add(elements[offset + i]);
      }
      return list;
    }
    int stride = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      stride *= shape[d];
    }
    for (int i = 0; i < len; i++) {
      list.add(nest(elements, shape, dim + 1, offset + i * stride));
    }
    return list;
  }

  /**
   * Reads the elements back from a decoded document.
   *
   * @param doc the decoded document
   * @param count the number of elements expected
   * @throws CodecException if the document is not a list ending in a type string and a shape, the
   *     shape does not hold {@code count} elements, or the nesting does not follow the shape
   */
  static Object[] elements(String codec, Object doc, int count) {
    if (!(doc instanceof List<?> items) || items.size() < 2) {
      throw new CodecException(
          codec + ": corrupt chunk, expected a list ending in the type string and the shape");
    }
    Object type = items.get(items.size() - 2);
    if (!(type instanceof String) && !(type instanceof byte[])) {
      throw new CodecException(
          codec
              + ": corrupt chunk, the second-to-last item should be the type string, found "
              + ObjectValues.describe(type));
    }
    int[] shape = shape(codec, items.get(items.size() - 1));
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new CodecException(
            codec + ": corrupt chunk, the shape holds more than 2^31 elements");
      }
    }
    if (n != count) {
      throw new CodecException(
          codec
              + ": the chunk has shape "
              + Arrays.toString(shape)
              + " ("
              + n
              + " elements), expected "
              + count
              + " elements");
    }
    if (shape.length == 0) {
      throw new CodecException(codec + ": corrupt chunk, a 0-dimensional shape");
    }
    List<?> top = items.subList(0, items.size() - 2);
    if (top.size() != shape[0]) {
      throw new CodecException(
          codec
              + ": corrupt chunk, "
              + top.size()
              + " items where the shape "
              + Arrays.toString(shape)
              + " needs "
              + shape[0]);
    }
    Object[] out = new Object[count];
    flatten(codec, top, shape, 0, out, 0);
    return out;
  }

  private static int[] shape(String codec, Object s) {
    if (isInteger(s)) {
      // NumPy accepts an integer as the shape of a 1-dimensional array
      return new int[] {dimension(codec, s)};
    }
    if (!(s instanceof List<?> list)) {
      throw new CodecException(
          codec
              + ": corrupt chunk, the last item should be the shape, found "
              + ObjectValues.describe(s));
    }
    if (list.size() > 64) {
      throw new CodecException(
          codec + ": corrupt chunk, a shape of " + list.size() + " dimensions");
    }
    int[] shape = new int[list.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dimension(codec, list.get(i));
    }
    return shape;
  }

  private static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof BigInteger;
  }

  private static int dimension(String codec, Object v) {
    if (!isInteger(v)) {
      throw new CodecException(
          codec
              + ": corrupt chunk, shape entry "
              + ObjectValues.describe(v)
              + " is not an integer");
    }
    Number n = (Number) v;
    if (n instanceof BigInteger b
        ? b.bitLength() > 31 || b.signum() < 0
        : n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
      throw new CodecException(codec + ": corrupt chunk, invalid shape entry " + v);
    }
    return n.intValue();
  }

  private static int flatten(
      String codec, List<?> list, int[] shape, int dim, Object[] out, int at) {
    if (list.size() != shape[dim]) {
      throw new CodecException(
          codec
              + ": corrupt chunk, a list of "
              + list.size()
              + " items where the shape "
              + Arrays.toString(shape)
              + " needs "
              + shape[dim]
              + " in dimension "
              + dim);
    }
    if (dim == shape.length - 1) {
      for (Object o : list) {
        out[at++] = o;
      }
      return at;
    }
    for (Object o : list) {
      if (!(o instanceof List<?> sub)) {
        throw new CodecException(
            codec
                + ": corrupt chunk, expected a nested list in dimension "
                + (dim + 1)
                + ", found "
                + ObjectValues.describe(o));
      }
      at = flatten(codec, sub, shape, dim + 1, out, at);
    }
    return at;
  }
}
