package dev.zarr4j.codec.object;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Variable-length byte strings (numcodecs id {@code "vlen-bytes"}, class {@code VLenBytes}): what
 * zarr-python uses for {@code dtype=bytes}.
 *
 * <p>Layout: a little-endian {@code uint32} element count, then per element a little-endian {@code
 * uint32} length and the bytes, in the chunk's memory order.
 *
 * <p>Elements are {@code byte[]} (not copied when encoding; fresh arrays when decoding). As in
 * numcodecs 0.11, {@code null} and values equal to 0 (zarr-python's default fill value) are written
 * as an empty byte string and so decodes as {@code new byte[0]}; any other type fails with a {@link
 * CodecException} naming the element (numcodecs too refuses {@code str} and {@code bytearray}).
 *
 * <p>Configuration: none besides the id. {@code toString()} is numcodecs' repr, {@code
 * VLenBytes()}.
 */
public final class VLenBytes implements ObjectCodec {
  /** The numcodecs codec id. */
  public static final String ID = "vlen-bytes";

  /** The codec (it has no parameters). */
  public static final VLenBytes INSTANCE = new VLenBytes();

  private VLenBytes() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException if the configuration has a key other than {@code id}
   */
  public static VLenBytes fromConfig(Map<String, Object> config) {
    ConfigReader.of(ID, config, List.of());
    return INSTANCE;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    return Map.of("id", ID);
  }

  /**
   * {@inheritDoc} {@code {"name": "vlen-bytes", "configuration": {}}}, as zarr-python 3 writes it.
   */
  @Override
  public Map<String, Object> toV3Config() {
    return dev.zarr4j.codec.Codec.v3Object(ID, new java.util.LinkedHashMap<>());
  }

  @Override
  public ByteBuffer encodeObjects(Object[] elements, int[] shape) {
    byte[][] items = new byte[elements.length][];
    for (int i = 0; i < elements.length; i++) {
      Object e = elements[i];
      if (ObjectValues.isNoneOrZero(e)) {
        continue; // numcodecs writes None and values equal to 0 (0, 0.0, False) as empty
      }
      if (!(e instanceof byte[] b)) {
        throw new CodecException(
            ID + ": element " + i + " is a " + ObjectValues.describe(e) + ", expected a byte[]");
      }
      items[i] = b;
    }
    return VLenFrame.write(ID, items);
  }

  /** {@inheritDoc} Elements are {@code byte[]}. */
  @Override
  public Object[] decodeObjects(ByteBuffer encoded, int count) {
    VLenFrame.Reader r = VLenFrame.read(ID, encoded, count);
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      r.next();
      byte[] b = new byte[r.length()];
      System.arraycopy(r.array(), r.offset(), b, 0, b.length);
      out[i] = b;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VLenBytes;
  }

  @Override
  public int hashCode() {
    return ID.hashCode();
  }

  /** numcodecs' repr: {@code VLenBytes()}. */
  @Override
  public String toString() {
    return "VLenBytes()";
  }
}
