package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Packs Java values as Python's {@code msgpack.packb(value, use_bin_type=...,
 * use_single_float=...)} (msgpack 1.0) packs the equivalent Python values, byte for byte: the
 * smallest integer format (non-negative values as unsigned formats), {@code str8} only with {@code
 * use_bin_type}, byte strings as {@code bin} with {@code use_bin_type} and as raw strings without,
 * floats as {@code float64} (or {@code float32}), map entries in iteration order, and containers
 * nested at most {@link #MAX_DEPTH} deep.
 */
final class MsgPackWriter {
  /** Python msgpack's default recursion limit for packing. */
  static final int MAX_DEPTH = 511;

  private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final boolean useBinType;
  private final boolean useSingleFloat;
  private byte[] buf = new byte[256];
  private int size;

  MsgPackWriter(boolean useBinType, boolean useSingleFloat) {
    this.useBinType = useBinType;
    this.useSingleFloat = useSingleFloat;
  }

  /** The packed bytes of {@code value}; a writer is used once. */
  byte[] write(Object value) {
    pack(value, MAX_DEPTH);
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int extra) {
    long need = (long) size + extra;
    if (need > VLenFrame.MAX_FRAME) {
      throw new CodecException("the packed chunk would exceed " + VLenFrame.MAX_FRAME + " bytes");
    }
    if (need > buf.length) {
      buf =
          Arrays.copyOf(buf, (int) Math.min(VLenFrame.MAX_FRAME, Math.max(need, 2L * buf.length)));
    }
  }

  private void u8(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  private void be(long v, int bytes) {
    ensure(bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  private void head(int marker, long v, int bytes) {
    u8(marker);
    be(v, bytes);
  }

  private void raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void pack(Object v, int limit) {
    if (limit < 0) {
      throw new CodecException(
          "recursion limit exceeded (values nested deeper than " + (MAX_DEPTH + 1) + " levels)");
    }
    if (v == null) {
      u8(0xc0);
    } else if (v instanceof Boolean b) {
      u8(b ? 0xc3 : 0xc2);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      packLong(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      if (b.compareTo(MIN_INT64) < 0 || b.compareTo(MAX_UINT64) > 0) {
        throw new CodecException("Integer value out of range: " + b);
      }
      if (b.bitLength() < 64) {
        packLong(b.longValue());
      } else {
        head(0xcf, b.longValue(), 8); // 2^63 .. 2^64-1: the low 64 bits
      }
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (useSingleFloat) {
        head(0xca, Float.floatToRawIntBits((float) d) & 0xffffffffL, 4);
      } else {
        head(0xcb, Double.doubleToRawLongBits(d), 8);
      }
    } else if (v instanceof String s) {
      byte[] b = Utf8.encode(s);
      if (b == null) {
        throw new CodecException(Utf8.surrogateMessage(s));
      }
      rawHeader(b.length, useBinType);
      raw(b);
    } else if (v instanceof byte[] b) {
      if (useBinType) {
        if (b.length < 256) {
          head(0xc4, b.length, 1);
        } else if (b.length < 65536) {
          head(0xc5, b.length, 2);
        } else {
          head(0xc6, b.length, 4);
        }
      } else {
        rawHeader(b.length, false);
      }
      raw(b);
    } else if (v instanceof List<?> list) {
      arrayHeader(list.size());
      for (Object o : list) {
        pack(o, limit - 1);
      }
    } else if (v instanceof Object[] array) {
      arrayHeader(array.length);
      for (Object o : array) {
        pack(o, limit - 1);
      }
    } else if (v instanceof Map<?, ?> map) {
      int n = map.size();
      if (n < 16) {
        u8(0x80 | n);
      } else if (n < 65536) {
        head(0xde, n, 2);
      } else {
        head(0xdf, n, 4);
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pack(e.getKey(), limit - 1);
        pack(e.getValue(), limit - 1);
      }
    } else if (v instanceof Instant t) {
      timestamp(t.getEpochSecond(), t.getNano());
    } else if (v instanceof MsgPackExtension x) {
      ext(x.type(), x.data());
    } else {
      throw new CodecException("can not serialize " + ObjectValues.describe(v));
    }
  }

  private void arrayHeader(int n) {
    if (n < 16) {
      u8(0x90 | n);
    } else if (n < 65536) {
      head(0xdc, n, 2);
    } else {
      head(0xdd, n, 4);
    }
  }

  private void rawHeader(int n, boolean str8) {
    if (n < 32) {
      u8(0xa0 | n);
    } else if (str8 && n < 256) {
      head(0xd9, n, 1);
    } else if (n < 65536) {
      head(0xda, n, 2);
    } else {
      head(0xdb, n, 4);
    }
  }

  private void packLong(long d) {
    if (d < -(1L << 5)) {
      if (d < -(1L << 15)) {
        if (d < -(1L << 31)) {
          head(0xd3, d, 8);
        } else {
          head(0xd2, d, 4);
        }
      } else if (d < -(1L << 7)) {
        head(0xd1, d, 2);
      } else {
        head(0xd0, d, 1);
      }
    } else if (d < (1L << 7)) {
      u8((int) d & 0xff); // positive or negative fixint
    } else if (d < (1L << 8)) {
      head(0xcc, d, 1);
    } else if (d < (1L << 16)) {
      head(0xcd, d, 2);
    } else if (d < (1L << 32)) {
      head(0xce, d, 4);
    } else {
      head(0xcf, d, 8);
    }
  }

  private void timestamp(long seconds, int nanos) {
    if ((seconds >> 34) == 0) {
      long data64 = ((long) nanos << 34) | seconds;
      if ((data64 & 0xffffffff00000000L) == 0) {
        u8(0xd6);
        u8(0xff);
        be(data64, 4);
      } else {
        u8(0xd7);
        u8(0xff);
        be(data64, 8);
      }
    } else {
      u8(0xc7);
      u8(12);
      u8(0xff);
      be(nanos, 4);
      be(seconds, 8);
    }
  }

  private void ext(int type, byte[] data) {
    int n = data.length;
    switch (n) {
      case 1 -> u8(0xd4);
      case 2 -> u8(0xd5);
      case 4 -> u8(0xd6);
      case 8 -> u8(0xd7);
      case 16 -> u8(0xd8);
      default -> {
        if (n < 256) {
          head(0xc7, n, 1);
        } else if (n < 65536) {
          head(0xc8, n, 2);
        } else {
          head(0xc9, n, 4);
        }
      }
    }
    u8(type);
    raw(data);
  }
}
