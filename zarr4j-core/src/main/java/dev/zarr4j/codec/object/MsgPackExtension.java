package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A MessagePack extension value of an application-defined type: Python msgpack's {@code
 * ExtType(code, data)}. (Type -1, the MessagePack timestamp, is read and written as {@link
 * java.time.Instant} instead.)
 *
 * @param type the extension type, 0 to 127 as Python's {@code ExtType} requires
 * @param data the payload (not copied; do not modify it after construction)
 */
public record MsgPackExtension(int type, byte[] data) {
  /**
   * Checks the type range and the payload.
   *
   * @throws CodecException if {@code type} is outside 0..127
   */
  public MsgPackExtension {
    if (type < 0 || type > 127) {
      throw new CodecException("msgpack extension type must be 0~127, got " + type);
    }
    java.util.Objects.requireNonNull(data, "data");
  }

  /** Equal when the types and payload bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MsgPackExtension e && e.type == type && Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(data);
  }

  /** As Python's repr, e.g. {@code ExtType(code=5, data=<616263>)} with the payload in hex. */
  @Override
  public String toString() {
    return "ExtType(code=" + type + ", data=<" + HexFormat.of().formatHex(data) + ">)";
  }
}
