package dev.zarr4j.internal.codec;

/**
 * A per-thread output buffer for encoders that compress into a worst-case-sized area and then copy
 * the exact result out. Callers must not hold on to the array across calls or nest uses.
 */
public final class ScratchBuffer {
  /** Buffers larger than this are not kept between calls. */
  private static final int MAX_RETAINED = 32 << 20;

  private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[1][0]);

  private ScratchBuffer() {}

  /** An array of at least {@code size} bytes owned by the calling thread until its next call. */
  public static byte[] get(int size) {
    byte[][] holder = BUFFER.get();
    byte[] b = holder[0];
    if (b.length >= size) {
      return b;
    }
    b = new byte[size];
    if (size <= MAX_RETAINED) {
      holder[0] = b;
    }
    return b;
  }
}
