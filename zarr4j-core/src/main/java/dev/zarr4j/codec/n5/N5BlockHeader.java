package dev.zarr4j.codec.n5;

import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The header that starts every N5 block: a mode ({@code uint16}, big-endian), the number of
 * dimensions ({@code uint16}), each dimension ({@code uint32}) fastest-varying first (the reverse
 * of Zarr's order), and in varlength mode the number of elements ({@code uint32}). The payload
 * follows.
 *
 * <p>This record holds the dimensions in <b>Zarr order</b> (slowest-varying first), as a {@link
 * dev.zarr4j.codec.ChunkSpec} does; {@link #read} and {@link #toBytes} reverse them.
 *
 * @param mode {@link #MODE_DEFAULT} or {@link #MODE_VARLENGTH}
 * @param shape the block's shape in Zarr order
 * @param numElements the number of elements the payload holds: the product of the shape in default
 *     mode, the stored count in varlength mode
 */
public record N5BlockHeader(int mode, int[] shape, long numElements) {

  /** Mode 0: the payload holds exactly the elements of the shape. */
  public static final int MODE_DEFAULT = 0;

  /** Mode 1: an element count follows the dimensions. */
  public static final int MODE_VARLENGTH = 1;

  /** Mode 2: N5's object blocks (an element count and no dimensions); not supported. */
  public static final int MODE_OBJECT = 2;

  /** Validates the fields and copies the shape. */
  public N5BlockHeader {
    if (mode != MODE_DEFAULT && mode != MODE_VARLENGTH) {
      throw new IllegalArgumentException("N5 block mode must be 0 or 1, got " + mode);
    }
    shape = shape.clone();
    if (shape.length > 0xFFFF) {
      throw new IllegalArgumentException(
          "an N5 block has at most 65535 dimensions, got " + shape.length);
    }
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException(
            "N5 block shape " + Arrays.toString(shape) + " has a negative length");
      }
    }
    if (numElements < 0 || numElements > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("N5 block element count out of range: " + numElements);
    }
  }

  /** The default-mode header of a block of {@code shape} (Zarr order). */
  public static N5BlockHeader of(int... shape) {
    long n = product(shape);
    if (n < 0) {
      throw new IllegalArgumentException(
          "N5 block shape " + Arrays.toString(shape) + " spans more than 2^32 - 1 elements");
    }
    return new N5BlockHeader(MODE_DEFAULT, shape, n);
  }

  /** The shape in Zarr order (a copy). */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The header's size in bytes. */
  public int length() {
    return headerLength(shape.length, mode);
  }

  /** The number of elements the shape spans (its product), or -1 when above 2^32 - 1. */
  public long shapeSize() {
    return product(shape);
  }

  private static int headerLength(int ndim, int mode) {
    return 4 + 4 * ndim + (mode == MODE_VARLENGTH ? 4 : 0);
  }

  /** The product of the lengths, or -1 when it exceeds 2^32 - 1 (an N5 block's limit). */
  private static long product(int[] shape) {
    long n = 1;
    for (int s : shape) {
      if (s == 0) {
        return 0;
      }
    }
    for (int s : shape) {
      n *= s;
      if (n > 0xFFFFFFFFL) {
        return -1;
      }
    }
    return n;
  }

  /**
   * Reads the header at the start of {@code buffer}'s remaining bytes (its position is not
   * changed).
   *
   * @throws CodecException if the bytes are too few for the header they announce, the mode is not 0
   *     or 1, or a dimension does not fit a Java array ({@code > 2^31 - 1})
   */
  public static N5BlockHeader read(ByteBuffer buffer) {
    ByteBuffer block = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
    int base = block.position();
    int avail = block.remaining();
    if (avail < 4) {
      throw new CodecException(
          "N5 block: " + avail + " bytes are too few for the 4-byte mode and dimension count");
    }
    int mode = Short.toUnsignedInt(block.getShort(base));
    if (mode == MODE_OBJECT) {
      throw new CodecException(
          "N5 block: mode 2 (object blocks of dataType 'object') is not supported");
    }
    if (mode != MODE_DEFAULT && mode != MODE_VARLENGTH) {
      throw new CodecException("N5 block: unknown mode " + mode + " (expected 0 or 1)");
    }
    int ndim = Short.toUnsignedInt(block.getShort(base + 2));
    int len = headerLength(ndim, mode);
    if (avail < len) {
      throw new CodecException(
          "N5 block: truncated header: "
              + ndim
              + " dimensions"
              + (mode == MODE_VARLENGTH ? " and an element count" : "")
              + " need "
              + len
              + " bytes, the block has "
              + avail);
    }
    int[] shape = new int[ndim];
    for (int i = 0; i < ndim; i++) {
      long d = Integer.toUnsignedLong(block.getInt(base + 4 + 4 * i));
      if (d > Integer.MAX_VALUE) {
        throw new CodecException(
            "N5 block: dimension " + i + " (N5 order) is " + d + ", more than 2^31 - 1");
      }
      shape[ndim - 1 - i] = (int) d; // N5 lists the fastest-varying dimension first
    }
    long count =
        mode == MODE_VARLENGTH
            ? Integer.toUnsignedLong(block.getInt(base + 4 + 4 * ndim))
            : product(shape);
    if (count < 0) {
      throw new CodecException(
          "N5 block: shape " + Arrays.toString(shape) + " spans more than 2^32 - 1 elements");
    }
    return new N5BlockHeader(mode, shape, count);
  }

  /** Writes the header at {@code out}'s position, advancing it. */
  public void write(ByteBuffer out) {
    ByteOrder order = out.order();
    out.order(ByteOrder.BIG_ENDIAN);
    out.putShort((short) mode);
    out.putShort((short) shape.length);
    for (int i = shape.length - 1; i >= 0; i--) {
      out.putInt(shape[i]);
    }
    if (mode == MODE_VARLENGTH) {
      out.putInt((int) numElements);
    }
    out.order(order);
  }

  /** The header's bytes. */
  public byte[] toBytes() {
    byte[] b = new byte[length()];
    write(ByteBuffer.wrap(b));
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof N5BlockHeader h
        && h.mode == mode
        && h.numElements == numElements
        && Arrays.equals(h.shape, shape);
  }

  @Override
  public int hashCode() {
    return (mode * 31 + Arrays.hashCode(shape)) * 31 + Long.hashCode(numElements);
  }

  @Override
  public String toString() {
    return "N5BlockHeader[mode="
        + mode
        + ", shape="
        + Arrays.toString(shape)
        + ", numElements="
        + numElements
        + "]";
  }
}
