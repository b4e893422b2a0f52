package dev.zarr4j.compression;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes of primitive words in byte arrays (bounds-checked). */
public final class LittleEndian {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  /** Reads a little-endian short at {@code off}. */
  public static short getShort(byte[] a, int off) {
    return (short) SHORT.get(a, off);
  }

  /** Reads a little-endian int at {@code off}. */
  public static int getInt(byte[] a, int off) {
    return (int) INT.get(a, off);
  }

  /** Reads a little-endian long at {@code off}. */
  public static long getLong(byte[] a, int off) {
    return (long) LONG.get(a, off);
  }

  /** Writes a little-endian short at {@code off}. */
  public static void putShort(byte[] a, int off, short v) {
    SHORT.set(a, off, v);
  }

  /** Writes a little-endian int at {@code off}. */
  public static void putInt(byte[] a, int off, int v) {
    INT.set(a, off, v);
  }

  /** Writes a little-endian long at {@code off}. */
  public static void putLong(byte[] a, int off, long v) {
    LONG.set(a, off, v);
  }
}
