package dev.zarr4j.metadata.n5;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.ndarray.DataType;
import java.util.regex.Pattern;

/**
 * The names of N5's {@code dataType} attribute and the zarr4j data types they stand for.
 *
 * <p>zarr-python's {@code N5Store} writes NumPy's {@code dtype.name} and reads the name back with
 * {@code np.dtype(name)}, in native (little-endian) byte order. The names that survive that round
 * trip are supported: N5's own {@code uint8 .. uint64}, {@code int8 .. int64}, {@code float32},
 * {@code float64}, and zarr-python's extensions {@code bool}, {@code float16}, {@code complex64},
 * {@code complex128}, {@code datetime64[unit]}, {@code timedelta64[unit]} (which other N5 readers
 * do not know). N5's {@code object} and {@code string} types, and the names zarr-python writes for
 * strings and records but cannot read ({@code bytes56}, {@code str160}, {@code void48}), are not.
 * The byte order is not recorded: blocks are always big-endian.
 */
public final class N5DataTypes {
  private static final Pattern NAME =
      Pattern.compile(
          "bool|u?int(8|16|32|64)|float(16|32|64)"
              + "|(datetime|timedelta)64\\[[0-9]*[A-Za-z]+\\]");

  private N5DataTypes() {}

  /**
   * The data type an N5 {@code dataType} names, little-endian where byte order applies (as NumPy
   * reads the name on a little-endian machine).
   *
   * @throws InvalidArrayException naming the value if it is not a supported name
   */
  public static DataType parse(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidArrayException(
          "N5 dataType "
              + (name == null ? "null" : "'" + name + "'")
              + " is not supported (uint8..uint64, int8..int64, float32, float64, and zarr-python's"
              + " bool, float16, datetime64[unit], timedelta64[unit])");
    }
    DataType t = DataType.parse(name);
    return t.byteOrder() == null ? t : t.withByteOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * The N5 {@code dataType} name of a data type (NumPy's {@code dtype.name}, whatever the byte
   * order).
   *
   * @throws InvalidArrayException naming the type if N5 cannot hold it
   */
  public static String name(DataType dtype) {
    String n;
    switch (dtype.isNumpyType() ? dtype.kind() : DataType.Kind.OBJECT) {
      case BOOL:
        n = "bool";
        break;
      case INT:
        n = "int" + 8 * dtype.itemSize();
        break;
      case UINT:
        n = "uint" + 8 * dtype.itemSize();
        break;
      case FLOAT:
        n = "float" + 8 * dtype.itemSize();
        break;
      case DATETIME:
        n = "datetime64[" + dtype.unit() + "]";
        break;
      case TIMEDELTA:
        n = "timedelta64[" + dtype.unit() + "]";
        break;
      default:
        n = null;
    }
    if (n == null || !NAME.matcher(n).matches()) {
      throw new InvalidArrayException(
          "N5 cannot hold data type "
              + dtype
              + " (integers, floats, booleans, datetime64 and timedelta64 only)");
    }
    return n;
  }

  /** Whether N5 can hold elements of this type. */
  public static boolean isSupported(DataType dtype) {
    try {
      name(dtype);
      return true;
    } catch (InvalidArrayException e) {
      return false;
    }
  }
}
