package dev.zarr4j.codec.object;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Variable-length UTF-8 strings (numcodecs id {@code "vlen-utf8"}, class {@code VLenUTF8}): what
 * zarr-python uses for {@code dtype=str}.
 *
 * <p>Layout: a little-endian {@code uint32} element count, then per element a little-endian {@code
 * uint32} byte length and the string's UTF-8 bytes, in the chunk's memory order.
 *
 * <p>Elements are {@link String}s. As in numcodecs 0.11, {@code null} (Python's {@code None}) and
 * values equal to 0 ({@code 0}, {@code 0.0}, {@code false}: zarr-python's default fill value) are
 * written as the empty string, so it decodes as {@code ""}; any other type, and a string holding an
 * unpaired surrogate (which has no UTF-8 form), fails with a {@link CodecException} naming the
 * element. Decoding is strict: bytes that are not valid UTF-8 fail (numcodecs raises {@code
 * UnicodeDecodeError}) rather than being replaced.
 *
 * <p>Configuration: none besides the id. {@code toString()} is numcodecs' repr, {@code VLenUTF8()}.
 */
public final class VLenUtf8 implements ObjectCodec {
  /** The numcodecs codec id. */
  public static final String ID = "vlen-utf8";

  /** The codec (it has no parameters). */
  public static final VLenUtf8 INSTANCE = new VLenUtf8();

  private VLenUtf8() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException if the configuration has a key other than {@code id}
   */
  public static VLenUtf8 fromConfig(Map<String, Object> config) {
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
   * {@inheritDoc} {@code {"name": "vlen-utf8", "configuration": {}}}, as zarr-python 3 writes it.
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
      if (!(e instanceof String s)) {
        throw new CodecException(
            ID + ": element " + i + " is a " + ObjectValues.describe(e) + ", expected a String");
      }
      byte[] b = Utf8.encode(s);
      if (b == null) {
        throw new CodecException(ID + ": element " + i + ": " + Utf8.surrogateMessage(s));
      }
      items[i] = b;
    }
    return VLenFrame.write(ID, items);
  }

  /** {@inheritDoc} Elements are {@link String}s. */
  @Override
  public Object[] decodeObjects(ByteBuffer encoded, int count) {
    VLenFrame.Reader r = VLenFrame.read(ID, encoded, count);
    Utf8.Decoder utf8 = new Utf8.Decoder();
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      r.next();
      out[i] = utf8.decodeOrFail(ID, "item " + i, r.array(), r.offset(), r.length());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VLenUtf8;
  }

  @Override
  public int hashCode() {
    return ID.hashCode();
  }

  /** numcodecs' repr: {@code VLenUTF8()}. */
  @Override
  public String toString() {
    return "VLenUTF8()";
  }
}
