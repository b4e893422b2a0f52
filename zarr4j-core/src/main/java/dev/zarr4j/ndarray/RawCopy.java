package dev.zarr4j.ndarray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Copies a box of elements between raw chunk bytes (elements in the data type's byte order, laid
 * out by byte strides) and a typed storage array (laid out by element strides). This is where byte
 * order is converted; contiguous runs use bulk buffer transfers.
 *
 * <p>The storage side may also be a {@link ByteBuffer} of typed values (a caller's buffer, see
 * {@code ZarrArray.getInto}): element {@code i} occupies bytes {@code [i * itemSize, (i + 1) *
 * itemSize)} from the buffer's index 0, each slot (a number, or a part of a complex number) in the
 * buffer's own {@link ByteBuffer#order() byte order}, booleans as one byte 0 or 1. Runs whose byte
 * orders agree move as bulk byte copies.
 */
public final class RawCopy {
  private RawCopy() {}

  /**
   * Reads elements from raw bytes into a storage array.
   *
   * @param src raw bytes; offsets are relative to its position
   * @param srcOff byte offset of the first element
   * @param srcStrides byte stride per dimension
   * @param dst storage array of {@code dtype.storage()}
   * @param dstOff element offset of the first destination element
   * @param dstStrides element stride per dimension
   * @param counts elements per dimension
   */
  public static void decode(
      ByteBuffer src,
      long srcOff,
      long[] srcStrides,
      Object dst,
      long dstOff,
      long[] dstStrides,
      long[] counts,
      DataType dtype) {
    Transfer t = new Transfer(src, dtype);
    walk(
        srcOff,
        srcStrides,
        dstOff,
        dstStrides,
        counts,
        (a, as, b, bs, n) -> t.read(a, as, dst, b, bs, n));
  }

  /**
   * Writes elements from a storage array into raw bytes; the mirror of {@link #decode}. A source
   * stride of 0 broadcasts one element.
   */
  public static void encode(
      Object src,
      long srcOff,
      long[] srcStrides,
      ByteBuffer dst,
      long dstOff,
      long[] dstStrides,
      long[] counts,
      DataType dtype) {
    Transfer t = new Transfer(dst, dtype);
    walk(
        dstOff,
        dstStrides,
        srcOff,
        srcStrides,
        counts,
        (a, as, b, bs, n) -> t.write(src, b, bs, a, as, n));
  }

  /**
   * Reads single elements from raw bytes into a storage array: element {@code i} comes from byte
   * offset {@code srcOffsets[i]} and goes to element offset {@code dstOffsets[i]}.
   */
  public static void decodePoints(
      ByteBuffer src, long[] srcOffsets, Object dst, long[] dstOffsets, DataType dtype) {
    Transfer t = new Transfer(src, dtype);
    for (int i = 0; i < srcOffsets.length; i++) {
      t.read(srcOffsets[i], dtype.itemSize(), dst, dstOffsets[i], 1, 1);
    }
  }

  /**
   * Writes single elements from a storage array into raw bytes, in order (so a later element wins
   * when two share a byte offset): element {@code i} comes from element offset {@code
   * srcOffsets[i]} and goes to byte offset {@code dstOffsets[i]}.
   */
  public static void encodePoints(
      Object src, long[] srcOffsets, ByteBuffer dst, long[] dstOffsets, DataType dtype) {
    Transfer t = new Transfer(dst, dtype);
    for (int i = 0; i < srcOffsets.length; i++) {
      t.write(src, srcOffsets[i], 1, dstOffsets[i], dtype.itemSize(), 1);
    }
  }

  /** A run of {@code n} elements: raw byte offset and stride, element offset and stride. */
  private interface Run {
    void apply(long rawOff, long rawStride, long elemOff, long elemStride, long n);
  }

  private static void walk(
      long rawOff, long[] rawStrides, long elemOff, long[] elemStrides, long[] counts, Run run) {
    // Merge with element strides scaled so that contiguity tests compare like with like.
    StridedCopy.Dims d = StridedCopy.Dims.compact(counts, rawStrides, elemStrides);
    if (d == null) {
      return;
    }
    int n = d.counts.length;
    if (n == 0) {
      run.apply(rawOff, 0, elemOff, 0, 1);
      return;
    }
    long inner = d.counts[n - 1];
    long rs = d.a[n - 1];
    long es = d.b[n - 1];
    if (n == 1) {
      run.apply(rawOff, rs, elemOff, es, inner);
      return;
    }
    long[] idx = new long[n - 1];
    long r = rawOff;
    long e = elemOff;
    while (true) {
      run.apply(r, rs, e, es, inner);
      int k = n - 2;
      while (k >= 0) {
        idx[k]++;
        r += d.a[k];
        e += d.b[k];
        if (idx[k] < d.counts[k]) {
          break;
        }
        r -= d.a[k] * d.counts[k];
        e -= d.b[k] * d.counts[k];
        idx[k] = 0;
        k--;
      }
      if (k < 0) {
        return;
      }
    }
  }

  /** Typed views over the raw buffer for one data type. */
  private static final class Transfer {
    private final ByteBuffer bytes;
    private final DataType.Storage storage;
    private final int itemSize;
    private final int width; // slots per element
    private final int slotBytes;
    private ShortBuffer shorts;
    private IntBuffer ints;
    private LongBuffer longs;
    private FloatBuffer floats;
    private DoubleBuffer doubles;

    Transfer(ByteBuffer buffer, DataType dtype) {
      ByteOrder order = dtype.byteOrder() == null ? ByteOrder.LITTLE_ENDIAN : dtype.byteOrder();
      this.bytes = buffer.slice().order(order);
      this.storage = dtype.storage();
      this.itemSize = dtype.itemSize();
      this.width = dtype.slotsPerElement();
      this.slotBytes = storage == DataType.Storage.FIXED_BYTES ? 1 : storage.slotBytes();
      switch (storage) {
        case SHORT:
          shorts = bytes.asShortBuffer();
          break;
        case INT:
          ints = bytes.asIntBuffer();
          break;
        case LONG:
          longs = bytes.asLongBuffer();
          break;
        case FLOAT:
          floats = bytes.asFloatBuffer();
          break;
        case DOUBLE:
          doubles = bytes.asDoubleBuffer();
          break;
        case OBJECT:
          throw new IllegalArgumentException("object arrays have no raw byte layout");
        default:
          break;
      }
    }

    void read(long raw, long rawStride, Object dst, long elem, long elemStride, long n) {
      if (dst instanceof ByteBuffer out) {
        readToBuffer((int) raw, (int) rawStride, out, (int) elem, (int) elemStride, (int) n);
        return;
      }
      if (!aligned(raw, rawStride)) {
        readUnaligned((int) raw, (int) rawStride, dst, (int) elem, (int) elemStride, (int) n);
        return;
      }
      boolean contiguous = rawStride == itemSize && elemStride == 1;
      int r = (int) raw;
      int e = (int) elem;
      int count = (int) n;
      switch (storage) {
        case BOOLEAN:
          {
            boolean[] out = (boolean[]) dst;
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              out[e] = bytes.get(r) != 0;
            }
            return;
          }
        case BYTE:
        case FIXED_BYTES:
          {
            byte[] out = (byte[]) dst;
            if (contiguous) {
              bytes.get(r, out, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              bytes.get(r, out, e * width, width);
            }
            return;
          }
        case SHORT:
          {
            short[] out = (short[]) dst; // width 2: complex_float16, complex_bfloat16
            if (contiguous) {
              shorts.get(r / 2, out, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              for (int w = 0; w < width; w++) {
                out[e * width + w] = shorts.get(r / 2 + w);
              }
            }
            return;
          }
        case INT:
          {
            int[] out = (int[]) dst;
            if (contiguous) {
              ints.get(r / 4, out, e, count);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              out[e] = ints.get(r / 4);
            }
            return;
          }
        case LONG:
          {
            long[] out = (long[]) dst;
            if (contiguous) {
              longs.get(r / 8, out, e, count);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              out[e] = longs.get(r / 8);
            }
            return;
          }
        case FLOAT:
          {
            float[] out = (float[]) dst;
            if (contiguous) {
              floats.get(r / 4, out, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              for (int w = 0; w < width; w++) {
                out[e * width + w] = floats.get(r / 4 + w);
              }
            }
            return;
          }
        case DOUBLE:
          {
            double[] out = (double[]) dst;
            if (contiguous) {
              doubles.get(r / 8, out, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              for (int w = 0; w < width; w++) {
                out[e * width + w] = doubles.get(r / 8 + w);
              }
            }
            return;
          }
        default:
          throw new IllegalStateException("unsupported storage " + storage);
      }
    }

    /**
     * Whether every element of a run starts on a multiple of the slot size, as the typed views
     * (which index whole slots) need. Record fields can sit at any byte offset.
     */
    private boolean aligned(long raw, long rawStride) {
      int slot = storage.slotBytes();
      return slot <= 1 || (raw % slot == 0 && rawStride % slot == 0);
    }

    /** Element by element through absolute byte-indexed access, for runs at odd offsets. */
    private void readUnaligned(int r, int rawStride, Object dst, int e, int elemStride, int count) {
      int slot = storage.slotBytes();
      for (int i = 0; i < count; i++, r += rawStride, e += elemStride) {
        for (int w = 0; w < width; w++) {
          int at = r + w * slot;
          int to = e * width + w;
          switch (storage) {
            case SHORT:
              ((short[]) dst)[to] = bytes.getShort(at);
              break;
            case INT:
              ((int[]) dst)[to] = bytes.getInt(at);
              break;
            case LONG:
              ((long[]) dst)[to] = bytes.getLong(at);
              break;
            case FLOAT:
              ((float[]) dst)[to] = bytes.getFloat(at);
              break;
            default:
              ((double[]) dst)[to] = bytes.getDouble(at);
              break;
          }
        }
      }
    }

    private void writeUnaligned(
        Object src, int e, int elemStride, int r, int rawStride, int count) {
      int slot = storage.slotBytes();
      for (int i = 0; i < count; i++, r += rawStride, e += elemStride) {
        for (int w = 0; w < width; w++) {
          int at = r + w * slot;
          int from = e * width + w;
          switch (storage) {
            case SHORT:
              bytes.putShort(at, ((short[]) src)[from]);
              break;
            case INT:
              bytes.putInt(at, ((int[]) src)[from]);
              break;
            case LONG:
              bytes.putLong(at, ((long[]) src)[from]);
              break;
            case FLOAT:
              bytes.putFloat(at, ((float[]) src)[from]);
              break;
            default:
              bytes.putDouble(at, ((double[]) src)[from]);
              break;
          }
        }
      }
    }

    void write(Object src, long elem, long elemStride, long raw, long rawStride, long n) {
      if (src instanceof ByteBuffer in) {
        writeFromBuffer(in, (int) elem, (int) elemStride, (int) raw, (int) rawStride, (int) n);
        return;
      }
      if (!aligned(raw, rawStride)) {
        writeUnaligned(src, (int) elem, (int) elemStride, (int) raw, (int) rawStride, (int) n);
        return;
      }
      boolean contiguous = rawStride == itemSize && elemStride == 1;
      int r = (int) raw;
      int e = (int) elem;
      int count = (int) n;
      switch (storage) {
        case BOOLEAN:
          {
            boolean[] in = (boolean[]) src;
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              bytes.put(r, in[e] ? (byte) 1 : (byte) 0);
            }
            return;
          }
        case BYTE:
        case FIXED_BYTES:
          {
            byte[] in = (byte[]) src;
            if (contiguous) {
              bytes.put(r, in, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              bytes.put(r, in, e * width, width);
            }
            return;
          }
        case SHORT:
          {
            short[] in = (short[]) src; // width 2: complex_float16, complex_bfloat16
            if (contiguous) {
              shorts.put(r / 2, in, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              for (int w = 0; w < width; w++) {
                shorts.put(r / 2 + w, in[e * width + w]);
              }
            }
            return;
          }
        case INT:
          {
            int[] in = (int[]) src;
            if (contiguous) {
              ints.put(r / 4, in, e, count);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              ints.put(r / 4, in[e]);
            }
            return;
          }
        case LONG:
          {
            long[] in = (long[]) src;
            if (contiguous) {
              longs.put(r / 8, in, e, count);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              longs.put(r / 8, in[e]);
            }
            return;
          }
        case FLOAT:
          {
            float[] in = (float[]) src;
            if (contiguous) {
              floats.put(r / 4, in, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              for (int w = 0; w < width; w++) {
                floats.put(r / 4 + w, in[e * width + w]);
              }
            }
            return;
          }
        case DOUBLE:
          {
            double[] in = (double[]) src;
            if (contiguous) {
              doubles.put(r / 8, in, e * width, count * width);
              return;
            }
            for (int i = 0; i < count; i++, r += (int) rawStride, e += (int) elemStride) {
              for (int w = 0; w < width; w++) {
                doubles.put(r / 8 + w, in[e * width + w]);
              }
            }
            return;
          }
        default:
          throw new IllegalStateException("unsupported storage " + storage);
      }
    }

    /** Bytes one element takes in a typed buffer: its slots side by side. */
    private int bufferItemSize() {
      return storage == DataType.Storage.BOOLEAN ? 1 : width * slotBytes;
    }

    /** {@link #read} into a buffer of typed values (see the class comment). */
    private void readToBuffer(int r, int rawStride, ByteBuffer out, int e, int elemStride, int n) {
      int item = bufferItemSize();
      if (storage == DataType.Storage.BOOLEAN) {
        for (int i = 0; i < n; i++, r += rawStride, e += elemStride) {
          out.put(e, bytes.get(r) != 0 ? (byte) 1 : (byte) 0);
        }
        return;
      }
      if (slotBytes == 1 || out.order() == bytes.order()) {
        if (rawStride == item && elemStride == 1) {
          out.put(e * item, bytes, r, n * item);
          return;
        }
        for (int i = 0; i < n; i++, r += rawStride, e += elemStride) {
          out.put(e * item, bytes, r, item);
        }
        return;
      }
      for (int i = 0; i < n; i++, r += rawStride, e += elemStride) {
        swapSlots(bytes, r, out, e * item);
      }
    }

    /** {@link #write} from a buffer of typed values (see the class comment). */
    private void writeFromBuffer(
        ByteBuffer in, int e, int elemStride, int r, int rawStride, int n) {
      int item = bufferItemSize();
      if (storage == DataType.Storage.BOOLEAN) {
        for (int i = 0; i < n; i++, r += rawStride, e += elemStride) {
          bytes.put(r, in.get(e) != 0 ? (byte) 1 : (byte) 0);
        }
        return;
      }
      if (slotBytes == 1 || in.order() == bytes.order()) {
        if (rawStride == item && elemStride == 1) {
          bytes.put(r, in, e * item, n * item);
          return;
        }
        for (int i = 0; i < n; i++, r += rawStride, e += elemStride) {
          bytes.put(r, in, e * item, item);
        }
        return;
      }
      for (int i = 0; i < n; i++, r += rawStride, e += elemStride) {
        swapSlots(in, e * item, bytes, r);
      }
    }

    /**
     * Copies one element's slots from {@code a} to {@code b}, each read and written in its order.
     */
    private void swapSlots(ByteBuffer a, int at, ByteBuffer b, int to) {
      for (int w = 0; w < width; w++, at += slotBytes, to += slotBytes) {
        switch (slotBytes) {
          case 2:
            b.putShort(to, a.getShort(at));
            break;
          case 4:
            b.putInt(to, a.getInt(at));
            break;
          default:
            b.putLong(to, a.getLong(at));
            break;
        }
      }
    }
  }
}
