package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unpacks MessagePack as Python's {@code msgpack.unpackb(data, raw=...)} (msgpack 1.0, default
 * options) does.
 *
 * <p>Yields {@code null}, {@link Boolean}, {@link Long} (or {@link BigInteger} for {@code uint64}
 * values above {@link Long#MAX_VALUE}), {@link Double} (from {@code float32} too), {@link String}
 * (or {@code byte[]} when {@code raw}), {@code byte[]} for {@code bin}, {@link ArrayList}, {@link
 * LinkedHashMap} (keys must be strings or byte strings, as with Python's {@code
 * strict_map_key=True}; a repeated key keeps its last value), {@link Instant} for timestamps
 * (extension type -1) and {@link MsgPackExtension} for types 0..127. Like Python it refuses other
 * negative extension types, the unused marker {@code 0xc1}, invalid UTF-8 in strings, sizes larger
 * than the remaining input, containers nested more than {@link #MAX_DEPTH} deep and bytes after the
 * value. Every failure is a {@link CodecException} with the byte offset.
 */
final class MsgPackReader {
  /** Python msgpack's unpacking stack: at most this many nested containers. */
  static final int MAX_DEPTH = 1024;

  private final byte[] b;
  private final int start;
  private final int end;
  private final boolean raw;
  private final Utf8.Decoder utf8 = new Utf8.Decoder();
  private int pos;

  private MsgPackReader(byte[] b, int offset, int length, boolean raw) {
    this.b = b;
    this.start = offset;
    this.pos = offset;
    this.end = offset + length;
    this.raw = raw;
  }

  /** Unpacks exactly one value from {@code length} bytes at {@code offset}. */
  static Object unpack(byte[] b, int offset, int length, boolean raw) {
    MsgPackReader r = new MsgPackReader(b, offset, length, raw);
    Object v = r.value(0);
    if (r.pos != r.end) {
      throw r.error("extra data after the value (" + (r.end - r.pos) + " bytes)");
    }
    return v;
  }

  private CodecException error(String what) {
    return new CodecException("invalid msgpack at byte " + (pos - start) + ": " + what);
  }

  private void need(long n) {
    if (n > end - pos) {
      throw error("incomplete input: " + n + " bytes needed, " + (end - pos) + " remain");
    }
  }

  private int u8() {
    need(1);
    return b[pos++] & 0xff;
  }

  private long be(int bytes) {
    need(bytes);
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v = (v << 8) | (b[pos++] & 0xff);
    }
    return v;
  }

  private Object value(int depth) {
    int m = u8();
    if (m <= 0x7f) {
      return (long) m;
    }
    if (m >= 0xe0) {
      return (long) (byte) m;
    }
    if (m <= 0x8f) {
      return map(m & 0x0f, depth + 1);
    }
    if (m <= 0x9f) {
      return array(m & 0x0f, depth + 1);
    }
    if (m <= 0xbf) {
      return string(m & 0x1f);
    }
    switch (m) {
      case 0xc0:
        return null;
      case 0xc2:
        return Boolean.FALSE;
      case 0xc3:
        return Boolean.TRUE;
      case 0xc4:
        return bytes(be(1));
      case 0xc5:
        return bytes(be(2));
      case 0xc6:
        return bytes(be(4));
      case 0xc7:
        return ext(be(1));
      case 0xc8:
        return ext(be(2));
      case 0xc9:
        return ext(be(4));
      case 0xca:
        return (double) Float.intBitsToFloat((int) be(4));
      case 0xcb:
        return Double.longBitsToDouble(be(8));
      case 0xcc:
        return be(1);
      case 0xcd:
        return be(2);
      case 0xce:
        return be(4);
      case 0xcf:
        {
          long v = be(8);
          return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
        }
      case 0xd0:
        return (long) (byte) be(1);
      case 0xd1:
        return (long) (short) be(2);
      case 0xd2:
        return (long) (int) be(4);
      case 0xd3:
        return be(8);
      case 0xd4:
        return ext(1);
      case 0xd5:
        return ext(2);
      case 0xd6:
        return ext(4);
      case 0xd7:
        return ext(8);
      case 0xd8:
        return ext(16);
      case 0xd9:
        return string(be(1));
      case 0xda:
        return string(be(2));
      case 0xdb:
        return string(be(4));
      case 0xdc:
        return array(be(2), depth + 1);
      case 0xdd:
        return array(be(4), depth + 1);
      case 0xde:
        return map(be(2), depth + 1);
      case 0xdf:
        return map(be(4), depth + 1);
      default:
        pos--;
        throw error("invalid marker byte 0x" + Integer.toHexString(m));
    }
  }

  private byte[] bytes(long n) {
    need(n);
    byte[] out = new byte[(int) n];
    System.arraycopy(b, pos, out, 0, out.length);
    pos += out.length;
    return out;
  }

  private Object string(long n) {
    need(n);
    if (raw) {
      return bytes(n);
    }
    String s = utf8.decode(b, pos, (int) n);
    if (s == null) {
      throw error("a string of " + n + " bytes is not valid UTF-8");
    }
    pos += (int) n;
    return s;
  }

  private List<Object> array(long n, int depth) {
    if (depth > MAX_DEPTH) {
      throw error("containers nested deeper than " + MAX_DEPTH + " levels");
    }
    // every item takes at least one byte: a larger count cannot be right
    need(n);
    List<Object> list = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      list.add(value(depth));
    }
    return list;
  }

  private Map<Object, Object> map(long n, int depth) {
    if (depth > MAX_DEPTH) {
      throw error("containers nested deeper than " + MAX_DEPTH + " levels");
    }
    need(2 * n);
    Map<Object, Object> map = new LinkedHashMap<>();
    for (long i = 0; i < n; i++) {
      int at = pos;
      Object key = value(depth);
      if (!(key instanceof String) && !(key instanceof byte[])) {
        pos = at;
        throw error(
            ObjectValues.describe(key) + " is not allowed for a map key (only str or bytes)");
      }
      map.put(key, value(depth));
    }
    return map;
  }

  private Object ext(long n) {
    int type = (byte) u8();
    need(n);
    byte[] data = bytes(n);
    if (type == -1) {
      return timestamp(data);
    }
    if (type < 0) {
      throw error("extension type " + type + " is not supported (code must be 0~127)");
    }
    return new MsgPackExtension(type, data);
  }

  private Instant timestamp(byte[] d) {
    long seconds;
    long nanos;
    switch (d.length) {
      case 4 -> {
        seconds = read(d, 0, 4);
        nanos = 0;
      }
      case 8 -> {
        long data64 = read(d, 0, 8);
        nanos = data64 >>> 34;
        seconds = data64 & 0x3ffffffffL;
      }
      case 12 -> {
        nanos = read(d, 0, 4);
        seconds = read(d, 4, 8);
      }
      default -> throw error("a timestamp of " + d.length + " bytes (expected 4, 8 or 12)");
    }
    if (nanos >= 1_000_000_000L) {
      throw error("timestamp nanoseconds " + nanos + " must be less than 10^9");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw error("timestamp of " + seconds + " seconds is outside Java's Instant range");
    }
  }

  private static long read(byte[] d, int at, int bytes) {
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v = (v << 8) | (d[at + i] & 0xff);
    }
    return v;
  }
}
