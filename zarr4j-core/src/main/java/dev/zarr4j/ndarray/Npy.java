package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes whole {@link NdArray}s as NumPy {@code .npy} files (C or Fortran order, any
 * fixed-size data type). For arrays larger than memory, stream with {@link NpyHeader} and the chunk
 * iteration of the CLI instead.
 */
public final class Npy {
  private Npy() {}

  /**
   * Reads a {@code .npy} file.
   *
   * @throws NpyFormatException if the header is invalid, the data type unsupported or the file
   *     shorter than its header says
   * @throws StoreException if the file cannot be read
   */
  public static NdArray read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      NpyHeader h = NpyHeader.read(ch);
      DataType dtype;
      try {
        dtype = DataType.fromJson(h.descr());
      } catch (dev.zarr4j.exceptions.InvalidArrayException e) {
        throw new NpyFormatException(
            file + ": unsupported data type " + h.descr() + ": " + e.getMessage());
      }
      if (dtype.kind() == DataType.Kind.OBJECT) {
        throw new NpyFormatException(
            file + ": object arrays (pickled) are not read from .npy files");
      }
      long[] shape = h.shape();
      int[] ishape = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        if (shape[i] > Integer.MAX_VALUE) {
          throw new NpyFormatException(
              file
                  + ": dimension "
                  + i
                  + " of length "
                  + shape[i]
                  + " is too large to load at once");
        }
        ishape[i] = (int) shape[i];
      }
      NdArray out = NdArray.zeros(dtype, ishape);
      long bytes = (long) out.size() * dtype.itemSize();
      if (ch.size() - h.dataOffset() < bytes) {
        throw new NpyFormatException(
            file
                + ": holds "
                + (ch.size() - h.dataOffset())
                + " data bytes but its header needs "
                + bytes);
      }
      ByteBuffer buf = ByteBuffer.allocate((int) bytes);
      long pos = h.dataOffset();
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new NpyFormatException(file + ": ends before its data does");
        }
        pos += n;
      }
      buf.flip();
      decode(buf, h.fortranOrder(), out);
      return out;
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code array} to a {@code .npy} file in C order, replacing the file. */
  public static void write(Path file, NdArray array) {
    if (array.dtype().kind() == DataType.Kind.OBJECT) {
      throw new NpyFormatException("object arrays cannot be written to .npy without pickle");
    }
    long[] shape = new long[array.ndim()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = array.shape(i);
    }
    NpyHeader h = NpyHeader.of(array.dtype().toJson(), false, shape);
    ByteBuffer data = encode(array);
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer head = ByteBuffer.wrap(h.toBytes());
      while (head.hasRemaining()) {
        ch.write(head);
      }
      while (data.hasRemaining()) {
        ch.write(data);
      }
    } catch (IOException e) {
      throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The raw element bytes of an array in C order and its data type's byte order. */
  public static ByteBuffer encode(NdArray array) {
    DataType dtype = array.dtype();
    long[] shape = longShape(array);
    ByteBuffer out = ByteBuffer.allocate(array.size() * dtype.itemSize());
    long[] elem = StridedCopy.cStrides(shape);
    long[] raw = scale(elem, dtype.itemSize());
    RawCopy.encode(array.data(), 0, elem, out, 0, raw, shape, dtype);
    return out;
  }

  /** Fills {@code out} from raw element bytes in C or Fortran order. */
  public static void decode(ByteBuffer raw, boolean fortranOrder, NdArray out) {
    DataType dtype = out.dtype();
    long[] shape = longShape(out);
    long[] rawStrides =
        scale(
            fortranOrder ? StridedCopy.fStrides(shape) : StridedCopy.cStrides(shape),
            dtype.itemSize());
    RawCopy.decode(raw, 0, rawStrides, out.data(), 0, StridedCopy.cStrides(shape), shape, dtype);
  }

  private static long[] longShape(NdArray a) {
    long[] s = new long[a.ndim()];
    for (int i = 0; i < s.length; i++) {
      s[i] = a.shape(i);
    }
    return s;
  }

  private static long[] scale(long[] strides, int by) {
    long[] out = new long[strides.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = strides[i] * by;
    }
    return out;
  }
}
