package dev.zarr4j.cli;

import dev.zarr4j.ndarray.DataType;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * The data types whose {@code .npy} bytes are their values as a {@link java.nio.ByteBuffer} in the
 * type's byte order holds them: numbers and booleans. For these, export decodes chunks straight
 * into native buffers written to the output file and import encodes chunks straight from a map of
 * the input ({@link dev.zarr4j.ZarrArray#getInto}, {@link dev.zarr4j.ZarrArray#setFrom}).
 */
final class MappedValues {
  private static final Set<DataType> TYPES =
      Set.of(
          DataType.BOOL,
          DataType.INT8,
          DataType.INT16,
          DataType.INT32,
          DataType.INT64,
          DataType.UINT8,
          DataType.UINT16,
          DataType.UINT32,
          DataType.UINT64,
          DataType.FLOAT16,
          DataType.FLOAT32,
          DataType.FLOAT64,
          DataType.COMPLEX64,
          DataType.COMPLEX128);

  private MappedValues() {}

  /** Whether a map of {@code .npy} bytes of this type holds its values as the array reads them. */
  static boolean supports(DataType dtype) {
    return TYPES.contains(dtype.withByteOrder(ByteOrder.LITTLE_ENDIAN));
  }

  /** The order a map of the type's bytes reads numbers in. */
  static ByteOrder order(DataType dtype) {
    return dtype.byteOrder() == null ? ByteOrder.LITTLE_ENDIAN : dtype.byteOrder();
  }
}
