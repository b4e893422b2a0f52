package dev.zarr4j.internal.codec;

import java.nio.ByteBuffer;

/**
 * A view of bytes as (array, offset, length): the remaining bytes of a heap buffer without a copy,
 * or a copy of a direct or read-only buffer's remaining bytes.
 *
 * @param array the backing array
 * @param offset the first byte
 * @param length the number of bytes
 */
public record ByteSlice(byte[] array, int offset, int length) {

  /** The remaining bytes of {@code b}; its position is not changed. */
  public static ByteSlice of(ByteBuffer b) {
    if (b.hasArray()) {
      return new ByteSlice(b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
    byte[] copy = new byte[b.remaining()];
    b.duplicate().get(copy);
    return new ByteSlice(copy, 0, copy.length);
  }
}
