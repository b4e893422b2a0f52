package dev.zarr4j.codec.object;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.RawCopy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ragged arrays: each element a 1-dimensional array of one data type (numcodecs id {@code
 * "vlen-array"}, class {@code VLenArray}); zarr-python's {@code dtype='array:i8'} shorthand.
 *
 * <p>Layout: a little-endian {@code uint32} element count, then per element a little-endian {@code
 * uint32} byte length and the element's raw items in the codec's {@code dtype} (its byte order
 * included), in the chunk's memory order.
 *
 * <p>Encoding accepts, per element: a 1-dimensional {@link NdArray} of the codec's data type (a
 * numeric type of the other byte order is converted; a 0-dimensional array counts as one item, as
 * NumPy's {@code ascontiguousarray} makes it); a Java array of the type's storage kind ({@code
 * long[]} for {@code <i8} or {@code <u8}, {@code double[]} for {@code <f8}, {@code float[]} with
 * interleaved pairs for {@code <c8}, {@code byte[]} of {@code itemsize} bytes per item for {@code
 * S}, {@code U}, {@code V} ..., see {@link DataType#storage()}); or {@code null}, written as an
 * empty array as numcodecs does. Other types, other data types (numcodecs would cast; zarr4j
 * refuses rather than silently truncate) and arrays of two or more dimensions fail with a {@link
 * CodecException} naming the element. Decoding yields 1-dimensional {@link NdArray}s of the codec's
 * data type.
 *
 * <p>Configuration: {@code dtype} (required), any non-object data type; {@code toConfig()} writes
 * NumPy's {@code dtype.str} (so a structured type is written as {@code |V<size>}, as numcodecs
 * does). {@code toString()} is numcodecs' repr, e.g. {@code VLenArray(dtype='<i8')}.
 */
public final class VLenArray implements ObjectCodec {
  /** The numcodecs codec id. */
  public static final String ID = "vlen-array";

  private final DataType dtype;

  private VLenArray(DataType dtype) {
    if (dtype.kind() == DataType.Kind.OBJECT) {
      throw new CodecException(
          ID + ": dtype must not be object (numcodecs cannot read object items from a buffer)");
    }
    this.dtype = dtype;
  }

  /**
   * A ragged-array codec for items of {@code dtype}.
   *
   * @param dtype a NumPy dtype spelling, e.g. {@code "<i8"}, {@code "i8"} (little-endian), {@code
   *     ">f4"}, {@code "int16"}
   * @throws CodecException if the type is invalid or the object type
   */
  public static VLenArray of(String dtype) {
    return new VLenArray(ObjectValues.dtype(ID, "dtype", dtype));
  }

  /**
   * A ragged-array codec for items of {@code dtype}.
   *
   * @throws CodecException if the type is the object type
   */
  public static VLenArray of(DataType dtype) {
    return new VLenArray(java.util.Objects.requireNonNull(dtype, "dtype"));
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key if a key is unknown, missing or invalid
   */
  public static VLenArray fromConfig(Map<String, Object> config) {
    ConfigReader.of(ID, config, List.of("dtype"));
    return new VLenArray(
        ObjectValues.dtype(ID, "dtype", ObjectValues.required(ID, config, "dtype")));
  }

  /** The items' data type. */
  public DataType dtype() {
    return dtype;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("dtype", dtype.typestr());
    return Collections.unmodifiableMap(m);
  }

  @Override
  public ByteBuffer encodeObjects(Object[] elements, int[] shape) {
    byte[][] items = new byte[elements.length][];
    for (int i = 0; i < elements.length; i++) {
      if (elements[i] != null) {
        items[i] = rawBytes(toArray(elements[i], i));
      }
    }
    return VLenFrame.write(ID, items);
  }

  private NdArray toArray(Object e, int index) {
    if (e instanceof NdArray a) {
      if (a.ndim() > 1) {
        throw new CodecException(
            ID
                + ": element "
                + index
                + " is "
                + ObjectValues.describe(a)
                + "; only 1-dimensional arrays are supported");
      }
      if (!compatible(a.dtype())) {
        throw new CodecException(
            ID
                + ": element "
                + index
                + " is "
                + ObjectValues.describe(a)
                + ", expected items of "
                + dtype.typestr());
      }
      return a;
    }
    if (e.getClass().isArray() && !(e instanceof Object[])) {
      int slots = java.lang.reflect.Array.getLength(e);
      int width = dtype.slotsPerElement();
      try {
        if (slots % width != 0) {
          throw new CodecException(
              ID
                  + ": element "
                  + index
                  + " ("
                  + ObjectValues.describe(e)
                  + " of length "
                  + slots
                  + ") is not a whole number of "
                  + dtype.typestr()
                  + " items ("
                  + width
                  + " entries each)");
        }
        return NdArray.wrap(dtype, e, slots / width);
      } catch (ZarrException x) {
        if (x instanceof CodecException c) {
          throw c;
        }
        throw new CodecException(
            ID
                + ": element "
                + index
                + " cannot hold "
                + dtype.typestr()
                + " items: "
                + x.getMessage(),
            x);
      }
    }
    throw new CodecException(
        ID
            + ": element "
            + index
            + " is a "
            + ObjectValues.describe(e)
            + ", expected a 1-dimensional NdArray of "
            + dtype.typestr()
            + " or a Java array of its storage kind");
  }

  private boolean compatible(DataType t) {
    if (t.equals(dtype)) {
      return true;
    }
    // A numeric type in the other byte order holds the same values; RawCopy converts them.
    ByteOrder order = dtype.byteOrder();
    return order != null
        && t.byteOrder() != null
        && dtype.storage() != DataType.Storage.FIXED_BYTES
        && t.withByteOrder(order).equals(dtype);
  }

  private byte[] rawBytes(NdArray a) {
    int n = a.size();
    byte[] out = new byte[ObjectValues.encodable(ID, (long) n * dtype.itemSize())];
    if (n > 0) {
      RawCopy.encode(
          a.data(),
          0,
          new long[] {1},
          ByteBuffer.wrap(out),
          0,
          new long[] {dtype.itemSize()},
          new long[] {n},
          dtype);
    }
    return out;
  }

  /** {@inheritDoc} Elements are 1-dimensional {@link NdArray}s of {@link #dtype()}. */
  @Override
  public Object[] decodeObjects(ByteBuffer encoded, int count) {
    VLenFrame.Reader r = VLenFrame.read(ID, encoded, count);
    int size = dtype.itemSize();
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      r.next();
      if (r.length() % size != 0) {
        throw new CodecException(
            ID
                + ": item "
                + i
                + " has "
                + r.length()
                + " bytes, not a whole number of "
                + dtype.typestr()
                + " items ("
                + size
                + " bytes each)");
      }
      int n = r.length() / size;
      NdArray a = NdArray.zeros(dtype, n);
      if (n > 0) {
        RawCopy.decode(
            ByteBuffer.wrap(r.array(), r.offset(), r.length()),
            0,
            new long[] {size},
            a.data(),
            0,
            new long[] {1},
            new long[] {n},
            dtype);
      }
      out[i] = a;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VLenArray v && v.dtype.equals(dtype);
  }

  @Override
  public int hashCode() {
    return dtype.hashCode();
  }

  /** numcodecs' repr, e.g. {@code VLenArray(dtype='<i8')}. */
  @Override
  public String toString() {
    return "VLenArray(dtype=" + PyRepr.str(dtype.typestr()) + ")";
  }
}
