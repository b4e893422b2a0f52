package dev.zarr4j;

import dev.zarr4j.exceptions.IncompatibleBufferException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A caller's buffer checked against a selection and turned into storage the chunk pipeline reads
 * into or writes from without an intermediate array: a primitive array of the data type's storage
 * type ({@link DataType.Storage#arrayClass()}) is used as it is; a {@link ByteBuffer} becomes the
 * slice from its position that the selection's values fill, in its own byte order.
 */
final class CallerBuffer {
  private CallerBuffer() {}

  /**
   * The storage for {@code count} elements of {@code dtype} in {@code buffer}.
   *
   * @param filling whether values are written into the buffer (a read of the array)
   * @throws IncompatibleBufferException naming the array, the selection's shape and the buffer's
   *     type or size when it does not fit
   */
  static Object storage(
      Object buffer, DataType dtype, long[] selShape, String path, boolean filling) {
    if (buffer == null) {
      throw new NullPointerException("buffer");
    }
    String what = filling ? "read into" : "written from";
    long count = 1;
    for (long n : selShape) {
      count = Math.multiplyExact(count, n);
    }
    if (dtype.storage() == DataType.Storage.OBJECT) {
      throw refused(
          path,
          selShape,
          "cannot be " + what + " a buffer: its data type " + dtype + " holds Java objects");
    }
    if (buffer instanceof ByteBuffer b) {
      long itemBytes =
          dtype.storage() == DataType.Storage.BOOLEAN
              ? 1
              : (long) dtype.slotsPerElement() * slotBytes(dtype);
      long need = count * itemBytes;
      if (filling && b.isReadOnly()) {
        throw refused(path, selShape, "cannot be read into a read-only ByteBuffer");
      }
      if (b.remaining() < need) {
        throw refused(
            path,
            selShape,
            "needs "
                + need
                + " bytes ("
                + count
                + " elements of "
                + dtype
                + ", "
                + itemBytes
                + " bytes each) to be "
                + what
                + ", but the ByteBuffer has "
                + b.remaining()
                + " bytes remaining from position "
                + b.position());
      }
      return b.slice(b.position(), (int) need).order(b.order());
    }
    Class<?> expected = dtype.storage().arrayClass();
    if (!expected.isInstance(buffer)) {
      throw refused(
          path,
          selShape,
          "holds "
              + dtype
              + " elements in a "
              + expected.getSimpleName()
              + " (or a ByteBuffer); cannot be "
              + what
              + " a "
              + buffer.getClass().getSimpleName());
    }
    long slots = count * dtype.slotsPerElement();
    int length = java.lang.reflect.Array.getLength(buffer);
    if (length < slots) {
      throw refused(
          path,
          selShape,
          "needs "
              + slots
              + " "
              + expected.getComponentType().getSimpleName()
              + " entries ("
              + count
              + " elements of "
              + dtype
              + (dtype.slotsPerElement() == 1 ? "" : ", " + dtype.slotsPerElement() + " each")
              + ") to be "
              + what
              + ", but the "
              + expected.getSimpleName()
              + " has "
              + length);
    }
    return buffer;
  }

  /** Bytes per slot in a typed buffer (1 for the byte kinds). */
  private static int slotBytes(DataType dtype) {
    DataType.Storage s = dtype.storage();
    return s == DataType.Storage.FIXED_BYTES ? 1 : s.slotBytes();
  }

  private static IncompatibleBufferException refused(String path, long[] selShape, String why) {
    return new IncompatibleBufferException(
        "selection of shape "
            + Arrays.toString(selShape)
            + " of array '"
            + (path.isEmpty() ? "/" : path)
            + "' "
            + why);
  }
}
