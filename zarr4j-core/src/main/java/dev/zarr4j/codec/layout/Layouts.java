package dev.zarr4j.codec.layout;

import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;

/** Byte-order conversion of raw elements. */
final class Layouts {
  private Layouts() {}

  /**
   * The remaining bytes of {@code src}, elements of {@code from}, rewritten as elements of {@code
   * to}: the same type in another byte order. Returns a new buffer positioned at 0.
   */
  static ByteBuffer convert(ByteBuffer src, DataType from, DataType to) {
    int n = src.remaining();
    byte[] out = new byte[n];
    src.duplicate().get(out);
    int width = swapWidth(from);
    if (width > 1 && from.byteOrder() != null && !from.byteOrder().equals(to.byteOrder())) {
      for (int off = 0; off + width <= n; off += width) {
        for (int i = 0, j = width - 1; i < j; i++, j--) {
          byte t = out[off + i];
          out[off + i] = out[off + j];
          out[off + j] = t;
        }
      }
    }
    return ByteBuffer.wrap(out);
  }

  /** The width of the units whose bytes a byte-order change reverses (1: none). */
  private static int swapWidth(DataType t) {
    switch (t.kind()) {
      case INT:
      case UINT:
      case FLOAT:
      case DATETIME:
      case TIMEDELTA:
        return t.itemSize();
      case COMPLEX:
        return t.itemSize() / 2;
      case UNICODE:
        return 4;
      default:
        return 1;
    }
  }
}
