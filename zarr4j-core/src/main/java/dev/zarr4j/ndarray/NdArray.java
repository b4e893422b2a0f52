package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.SelectionOutOfBoundsException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory N-dimensional array: a shape, a {@link DataType} and a contiguous C-order
 * (row-major) Java array holding the elements. This is what reading a selection of a Zarr array
 * returns and what writing takes.
 *
 * <p>The storage array's type follows {@link DataType#storage()}: {@code float[]} for {@code
 * float32}, {@code long[]} for {@code int64} and datetimes, {@code byte[]} with {@code itemSize}
 * bytes per element for strings and records, interleaved pairs for complex numbers, and so on.
 * {@link #data()} exposes it without copying for fast bulk access; element accessors convert.
 *
 * <p>An {@code NdArray} is mutable (like a NumPy array) and not thread-safe for concurrent writes
 * to the same elements.
 */
public final class NdArray {
  private final DataType dtype;
  private final int[] shape;
  private final int size;
  private final Object data;

  private NdArray(DataType dtype, int[] shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.size = checkedSize(shape);
    this.data = data;
  }

  // ------------------------------------------------------------------------- factories

  /** A zero-filled array (false, 0, empty strings, null objects). */
  public static NdArray zeros(DataType dtype, int... shape) {
    int[] s = shape.clone();
    return new NdArray(dtype, s, ElementValues.allocate(dtype, checkedSize(s)));
  }

  /** An array with every element equal to {@code value} (converted as {@link #set} does). */
  public static NdArray full(DataType dtype, Object value, int... shape) {
    NdArray a = zeros(dtype, shape);
    a.fill(value);
    return a;
  }

  /**
   * Wraps an existing storage array without copying.
   *
   * @param data a Java array of the type {@link DataType#storage()} names, with exactly {@code size
   *     * slotsPerElement} entries
   * @throws InvalidArrayException if the array's type or length does not match
   */
  public static NdArray wrap(DataType dtype, Object data, int... shape) {
    Objects.requireNonNull(data, "data");
    int[] s = shape.clone();
    int n = checkedSize(s);
    if (!storageClass(dtype).isInstance(data)) {
      throw new InvalidArrayException(
          "data type "
              + dtype
              + " is stored in a "
              + storageClass(dtype).getSimpleName()
              + ", got a "
              + data.getClass().getSimpleName());
    }
    long expected = (long) n * dtype.slotsPerElement();
    if (ElementValues.slotCount(data) != expected) {
      throw new InvalidArrayException(
          "shape "
              + Arrays.toString(s)
              + " of "
              + dtype
              + " needs "
              + expected
              + " storage entries, the array has "
              + ElementValues.slotCount(data));
    }
    return new NdArray(dtype, s, data);
  }

  /** A {@code float64} array over {@code data} (not copied). */
  public static NdArray of(double[] data, int... shape) {
    return wrap(DataType.FLOAT64, data, shapeOrFlat(shape, data.length));
  }

  /** A {@code float32} array over {@code data} (not copied). */
  public static NdArray of(float[] data, int... shape) {
    return wrap(DataType.FLOAT32, data, shapeOrFlat(shape, data.length));
  }

  /** An {@code int64} array over {@code data} (not copied). */
  public static NdArray of(long[] data, int... shape) {
    return wrap(DataType.INT64, data, shapeOrFlat(shape, data.length));
  }

  /** An {@code int32} array over {@code data} (not copied). */
  public static NdArray of(int[] data, int... shape) {
    return wrap(DataType.INT32, data, shapeOrFlat(shape, data.length));
  }

  /** An {@code int16} array over {@code data} (not copied). */
  public static NdArray of(short[] data, int... shape) {
    return wrap(DataType.INT16, data, shapeOrFlat(shape, data.length));
  }

  /** An {@code int8} array over {@code data} (not copied). */
  public static NdArray of(byte[] data, int... shape) {
    return wrap(DataType.INT8, data, shapeOrFlat(shape, data.length));
  }

  /** A {@code bool} array over {@code data} (not copied). */
  public static NdArray of(boolean[] data, int... shape) {
    return wrap(DataType.BOOL, data, shapeOrFlat(shape, data.length));
  }

  /** A 0-dimensional array holding one value. */
  public static NdArray scalar(DataType dtype, Object value) {
    return full(dtype, value);
  }

  /** {@code 0, 1, ..., n-1} as the given numeric type, reshaped to {@code shape} if given. */
  public static NdArray arange(DataType dtype, int n, int... shape) {
    NdArray a = zeros(dtype, shapeOrFlat(shape, n));
    if (a.size != n) {
      throw new InvalidArrayException(
          "arange(" + n + ") cannot take shape " + Arrays.toString(shape));
    }
    for (int i = 0; i < n; i++) {
      a.setFlat(i, (long) i);
    }
    return a;
  }

  private static int[] shapeOrFlat(int[] shape, int length) {
    return shape.length == 0 ? new int[] {length} : shape;
  }

  static Class<?> storageClass(DataType dtype) {
    return storageClass(dtype.storage());
  }

  static Class<?> storageClass(DataType.Storage storage) {
    switch (storage) {
      case BOOLEAN:
        return boolean[].class;
      case BYTE:
      case FIXED_BYTES:
        return byte[].class;
      case SHORT:
        return short[].class;
      case INT:
        return int[].class;
      case LONG:
        return long[].class;
      case FLOAT:
        return float[].class;
      case DOUBLE:
        return double[].class;
      default:
        return Object[].class;
    }
  }

  private static int checkedSize(int[] shape) {
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new InvalidArrayException(
            "shape " + Arrays.toString(shape) + " has a negative length in dimension " + i);
      }
      n *= shape[i];
      if (n > Integer.MAX_VALUE) {
        throw new InvalidArrayException(
            "an in-memory array of shape "
                + Arrays.toString(shape)
                + " exceeds 2^31 elements; select a smaller region");
      }
    }
    return (int) n;
  }

  // ------------------------------------------------------------------------- accessors

  /** The element type. */
  public DataType dtype() {
    return dtype;
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The length of dimension {@code dim}. */
  public int shape(int dim) {
    return shape[dim];
  }

  /** The number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /**
   * The storage array itself, not a copy: a {@code float[]}, {@code long[]}, ... as {@link
   * DataType#storage()} says, elements in C order.
   */
  public Object data() {
    return data;
  }

  /** The C-order flat index of a multi-dimensional index; negative indices count from the end. */
  public int flatIndex(int... index) {
    if (index.length != shape.length) {
      throw new dev.zarr4j.exceptions.InvalidSelectionException(
          "array has " + shape.length + " dimensions but " + index.length + " indices were given");
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      int i = index[d];
      if (i < 0) {
        i += shape[d];
      }
      if (i < 0 || i >= shape[d]) {
        throw new SelectionOutOfBoundsException(
            d,
            "index "
                + index[d]
                + " is out of bounds for dimension "
                + d
                + " with length "
                + shape[d]);
      }
      flat = flat * shape[d] + i;
    }
    return flat;
  }

  /** The element at {@code index} as a Java value (see the class comment for the types). */
  public Object get(int... index) {
    return ElementValues.read(dtype, data, flatIndex(index));
  }

  /** The element at flat C-order position {@code i}. */
  public Object getFlat(int i) {
    checkFlat(i);
    return ElementValues.read(dtype, data, i);
  }

  /** The element at {@code index} as a double (numbers and booleans). */
  public double getDouble(int... index) {
    return ElementValues.toDouble(get(index), dtype);
  }

  /** The element at {@code index} as a long (integers, booleans, datetimes). */
  public long getLong(int... index) {
    return ElementValues.toLong(get(index), dtype);
  }

  /** The element at {@code index} as a boolean. */
  public boolean getBoolean(int... index) {
    return ElementValues.toBoolean(get(index), dtype);
  }

  /**
   * The element at {@code index} as text: unicode strings as they are, byte strings decoded as
   * Latin-1, datetimes in ISO-8601, numbers as their value.
   */
  public String getString(int... index) {
    Object v = get(index);
    if (v instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    if (dtype.kind() == DataType.Kind.DATETIME) {
      return Datetimes.format((Long) v, dtype.unit());
    }
    return String.valueOf(v);
  }

  /**
   * A {@code datetime64} element as a java.time value ({@code LocalDate} for days, {@code Instant}
   * for hours down to nanoseconds, {@code YearMonth}, {@code Year}), or null for NaT.
   *
   * @throws InvalidArrayException if this is not a datetime array or its unit has no java.time
   *     equivalent
   */
  public java.time.temporal.Temporal getDateTime(int... index) {
    if (dtype.kind() != DataType.Kind.DATETIME) {
      throw new InvalidArrayException("getDateTime needs a datetime64 array, this one is " + dtype);
    }
    return Datetimes.toTemporal((Long) get(index), dtype.unit());
  }

  /**
   * A {@code timedelta64} element as a java.time amount ({@code Duration}, or {@code Period} for
   * months and years), or null for NaT.
   *
   * @throws InvalidArrayException if this is not a timedelta array or its unit has no java.time
   *     equivalent
   */
  public java.time.temporal.TemporalAmount getTimedelta(int... index) {
    if (dtype.kind() != DataType.Kind.TIMEDELTA) {
      throw new InvalidArrayException(
          "getTimedelta needs a timedelta64 array, this one is " + dtype);
    }
    return Datetimes.toAmount((Long) get(index), dtype.unit());
  }

  /** Sets the element at {@code index}, converting {@code value} to the element type. */
  public void set(Object value, int... index) {
    ElementValues.write(dtype, data, flatIndex(index), value);
  }

  /** Sets the element at flat C-order position {@code i}. */
  public void setFlat(int i, Object value) {
    checkFlat(i);
    ElementValues.write(dtype, data, i, value);
  }

  private void checkFlat(int i) {
    if (i < 0 || i >= size) {
      throw new SelectionOutOfBoundsException(
          0, "flat index " + i + " is out of bounds for an array of " + size + " elements");
    }
  }

  /** Sets every element to {@code value}. */
  public void fill(Object value) {
    if (size == 0) {
      return;
    }
    ElementValues.write(dtype, data, 0, value);
    int w = dtype.slotsPerElement();
    int filled = w;
    int total = size * w;
    while (filled < total) {
      int n = Math.min(filled, total - filled);
      System.arraycopy(data, 0, data, filled, n);
      filled += n;
    }
  }

  /** A new array with the same elements in a different shape of equal size (data is shared). */
  public NdArray reshape(int... newShape) {
    int[] s = newShape.clone();
    if (checkedSize(s) != size) {
      throw new InvalidArrayException(
          "cannot reshape an array of shape "
              + Arrays.toString(shape)
              + " to "
              + Arrays.toString(newShape));
    }
    return new NdArray(dtype, s, data);
  }

  /** A deep copy. */
  public NdArray copy() {
    Object d = ElementValues.allocate(dtype, size);
    System.arraycopy(data, 0, d, 0, ElementValues.slotCount(data));
    return new NdArray(dtype, shape.clone(), d);
  }

  /** All elements as doubles, in C order (numbers and booleans only). */
  public double[] toDoubleArray() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = ElementValues.toDouble(ElementValues.read(dtype, data, i), dtype);
    }
    return out;
  }

  /** All elements as longs, in C order (integers, booleans, datetimes). */
  public long[] toLongArray() {
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = ElementValues.toLong(ElementValues.read(dtype, data, i), dtype);
    }
    return out;
  }

  /**
   * One field of a structured array, as NumPy's {@code a['name']}: an array of the field's type
   * whose shape is this array's shape followed by the field's sub-array shape. With several names,
   * a structured array holding just those fields (packed, in the order given).
   *
   * @throws InvalidArrayException if this array is not structured or a field does not exist
   */
  public NdArray fields(String... names) {
    if (!dtype.isStructured()) {
      throw new InvalidArrayException(
          "fields "
              + Arrays.toString(names)
              + " were requested from an array of type "
              + dtype
              + ", which has no fields");
    }
    if (names.length == 1) {
      return field(dtype.field(names[0]));
    }
    java.util.List<DataType.Field> chosen = new java.util.ArrayList<>();
    for (String n : names) {
      chosen.add(dtype.field(n));
    }
    DataType sub = DataType.structured(chosen);
    NdArray out = zeros(sub, shape);
    byte[] src = (byte[]) data;
    byte[] dst = (byte[]) out.data;
    for (int r = 0; r < size; r++) {
      for (int i = 0; i < chosen.size(); i++) {
        DataType.Field f = chosen.get(i);
        System.arraycopy(
            src,
            r * dtype.itemSize() + f.offset(),
            dst,
            r * sub.itemSize() + sub.fields().get(i).offset(),
            f.byteSize());
      }
    }
    return out;
  }

  private NdArray field(DataType.Field f) {
    int[] outShape = fieldShape(f);
    NdArray out = zeros(f.type(), outShape);
    long[] counts = toLongs(outShape);
    RawCopy.decode(
        java.nio.ByteBuffer.wrap((byte[]) data),
        f.offset(),
        fieldByteStrides(f),
        out.data,
        0,
        StridedCopy.cStrides(counts),
        counts,
        f.type());
    return out;
  }

  /**
   * Replaces one or more fields of every element of a structured array (NumPy's {@code a['name'] =
   * value}). For one field the value is a scalar or an array that broadcasts to this array's shape
   * followed by the field's sub-array shape; for several it is a structured array holding those
   * fields.
   *
   * @throws InvalidArrayException if a field does not exist or the value does not convert
   * @throws dev.zarr4j.exceptions.InvalidSelectionException if the value does not broadcast to the
   *     field
   */
  public void setFields(Object value, String... names) {
    if (!dtype.isStructured()) {
      throw new InvalidArrayException(
          "fields "
              + Arrays.toString(names)
              + " cannot be set on an array of type "
              + dtype
              + ", which has no fields");
    }
    if (names.length != 1) {
      if (!(value instanceof NdArray v) || !v.dtype.isStructured()) {
        throw new InvalidArrayException(
            "setting fields " + Arrays.toString(names) + " needs a structured array holding them");
      }
      for (String n : names) {
        setFields(v.fields(n), n);
      }
      return;
    }
    DataType.Field f = dtype.field(names[0]);
    int[] target = fieldShape(f);
    NdArray v = value instanceof NdArray a ? converted(a, f.type()) : scalar(f.type(), value);
    long[] counts = toLongs(target);
    RawCopy.encode(
        v.data,
        0,
        broadcastStrides(v.shape, target, names[0]),
        java.nio.ByteBuffer.wrap((byte[]) data),
        f.offset(),
        fieldByteStrides(f),
        counts,
        f.type());
  }

  private int[] fieldShape(DataType.Field f) {
    int[] out = Arrays.copyOf(shape, shape.length + f.shape().size());
    for (int i = 0; i < f.shape().size(); i++) {
      out[shape.length + i] = f.shape().get(i);
    }
    return out;
  }

  private long[] fieldByteStrides(DataType.Field f) {
    long[] recordStrides = StridedCopy.cStrides(toLongs(shape));
    long[] sub = new long[f.shape().size()];
    for (int i = 0; i < sub.length; i++) {
      sub[i] = f.shape().get(i);
    }
    long[] subStrides = StridedCopy.cStrides(sub);
    long[] out = new long[shape.length + sub.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = recordStrides[i] * dtype.itemSize();
    }
    for (int i = 0; i < sub.length; i++) {
      out[shape.length + i] = subStrides[i] * f.type().itemSize();
    }
    return out;
  }

  private static NdArray converted(NdArray a, DataType type) {
    return a.dtype.equals(type) ? a : a.astype(type);
  }

  /**
   * A copy converted to another data type (NumPy's {@code astype}), element by element as {@link
   * #set} converts values; datetimes and timedeltas of another unit are converted to the new unit
   * as NumPy casts them ({@link Datetimes#convert}).
   *
   * @throws InvalidArrayException if an element cannot be converted
   */
  public NdArray astype(DataType type) {
    if (dtype.equals(type)) {
      return copy();
    }
    NdArray out = zeros(type, shape);
    DataType.Kind k = dtype.kind();
    boolean changeUnit =
        (k == DataType.Kind.DATETIME || k == DataType.Kind.TIMEDELTA)
            && type.kind() == k
            && !dtype.unit().equals(type.unit());
    if (changeUnit) {
      // units parsed and their ratio worked out once, not per element
      Datetimes.Conversion conversion =
          Datetimes.conversion(dtype.unit(), type.unit(), k == DataType.Kind.TIMEDELTA);
      for (int i = 0; i < size; i++) {
        long v = (Long) ElementValues.read(dtype, data, i);
        ElementValues.write(type, out.data, i, conversion.apply(v));
      }
      return out;
    }
    for (int i = 0; i < size; i++) {
      ElementValues.write(type, out.data, i, ElementValues.read(dtype, data, i));
    }
    return out;
  }

  /**
   * Element strides of an array of {@code from} shape broadcast to {@code to} (NumPy's assignment
   * rules: missing leading dimensions repeat, extra leading dimensions of length 1 are dropped).
   */
  private static long[] broadcastStrides(int[] from, int[] to, String what) {
    long[] strides = new long[to.length];
    long acc = 1;
    for (int k = from.length - 1; k >= 0; k--) {
      int o = to.length - from.length + k;
      if (o < 0 ? from[k] != 1 : from[k] != to[o] && from[k] != 1) {
        throw new dev.zarr4j.exceptions.InvalidSelectionException(
            "value of shape "
                + Arrays.toString(from)
                + " cannot be broadcast to the shape "
                + Arrays.toString(to)
                + " of field '"
                + what
                + "'");
      }
      if (o >= 0) {
        strides[o] = from[k] == 1 ? 0 : acc;
      }
      acc *= from[k];
    }
    return strides;
  }

  private static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /**
   * Whether every element equals {@code value} as stored (bit patterns, so NaN equals NaN). Used to
   * skip storing chunks that hold only the fill value.
   */
  public boolean allEqual(Object value) {
    if (size == 0) {
      return true;
    }
    NdArray probe = NdArray.full(dtype, value);
    return Ranges.allSlotsEqual(data, 0, size * dtype.slotsPerElement(), probe.data);
  }

  /**
   * Equal when the data types, shapes and stored element bits are equal (so NaN equals NaN, and
   * {@code 0.0} differs from {@code -0.0}).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NdArray a)) {
      return false;
    }
    return dtype.equals(a.dtype)
        && Arrays.equals(shape, a.shape)
        && Ranges.deepEquals(data, a.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), Ranges.deepHash(data));
  }

  /**
   * A short description with the first elements, e.g. {@code NdArray(int32, [2, 3]) [0, 1, 2,
   * ...]}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("NdArray(").append(dtype).append(", ");
    sb.append(Arrays.toString(shape)).append(") [");
    int n = Math.min(size, 10);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object v = ElementValues.read(dtype, data, i);
      sb.append(
          v instanceof byte[] b
              ? "b'" + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) + "'"
              : v);
    }
    if (size > n) {
      sb.append(", ...");
    }
    return sb.append(']').toString();
  }
}
