package dev.zarr4j.codec.object;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Objects as MessagePack (numcodecs id {@code "msgpack2"}, class {@code MsgPack}): a compact
 * general-purpose codec for object arrays of strings, byte strings, numbers, lists and maps.
 *
 * <p>Layout: Python's {@code msgpack.packb(items + ["|O", shape], use_bin_type=...,
 * use_single_float=...)}, where {@code items} are the chunk's elements nested one list per
 * dimension (see the package documentation for memory order) and {@code shape} the chunk's shape.
 * The bytes are identical to numcodecs' for the same values: zarr4j's own packer follows msgpack
 * 1.0's format choices (smallest integer format, non-negative integers in unsigned formats, {@code
 * str8} only with {@code use_bin_type}, map entries in iteration order).
 *
 * <p>Elements (encoding): {@code null}, {@link Boolean}, {@link Integer}, {@link Long}, {@link
 * Short}, {@link Byte}, {@link BigInteger} (from -2^63 to 2^64-1), {@link Double}, {@link Float}
 * (as the double it equals, which {@code use_single_float} rounds to float32), {@link String},
 * {@code byte[]}, {@link List} or {@code Object[]}, {@link Map} (any packable keys, in iteration
 * order), {@link Instant} (the timestamp extension) and {@link MsgPackExtension}. Anything else
 * fails with a {@link CodecException} naming the element. Elements (decoding): see {@link
 * #decodeObjects}.
 *
 * <p>Configuration (numcodecs' {@code get_config()}, all written): {@code raw} (false: strings
 * decode to {@link String}; true: to {@code byte[]}), {@code use_single_float} (false), {@code
 * use_bin_type} (true). {@code toString()} is numcodecs' repr, e.g. {@code MsgPack(raw=False,
 * use_bin_type=True, use_single_float=False)}.
 */
public final class MsgPack implements ObjectCodec {
  /** The numcodecs codec id. */
  public static final String ID = "msgpack2";

  /** The configuration keys besides {@code id}, in numcodecs' order. */
  public static final List<String> KEYS = List.of("raw", "use_single_float", "use_bin_type");

  /** The default configuration: {@code MsgPack()} in numcodecs. */
  public static final MsgPack DEFAULT = new MsgPack(false, false, true);

  private final boolean raw;
  private final boolean useSingleFloat;
  private final boolean useBinType;

  private MsgPack(boolean raw, boolean useSingleFloat, boolean useBinType) {
    this.raw = raw;
    this.useSingleFloat = useSingleFloat;
    this.useBinType = useBinType;
  }

  /**
   * A MessagePack codec.
   *
   * @param raw decode strings to {@code byte[]} instead of {@link String}
   * @param useSingleFloat pack floats as {@code float32}
   * @param useBinType pack {@code byte[]} as {@code bin} (and allow {@code str8}); otherwise as raw
   *     strings, which read back as strings
   */
  public static MsgPack of(boolean raw, boolean useSingleFloat, boolean useBinType) {
    return new MsgPack(raw, useSingleFloat, useBinType);
  }

  /**
   * Builds the codec from a numcodecs configuration; absent keys take numcodecs' defaults.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static MsgPack fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    return new MsgPack(
        r.getBoolean("raw", false),
        r.getBoolean("use_single_float", false),
        r.getBoolean("use_bin_type", true));
  }

  /** Whether strings decode to {@code byte[]}. */
  public boolean raw() {
    return raw;
  }

  /** Whether floats are packed as {@code float32}. */
  public boolean useSingleFloat() {
    return useSingleFloat;
  }

  /** Whether {@code byte[]} is packed as {@code bin}. */
  public boolean useBinType() {
    return useBinType;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("raw", raw);
    m.put("use_single_float", useSingleFloat);
    m.put("use_bin_type", useBinType);
    return Collections.unmodifiableMap(m);
  }

  /**
   * The packed bytes of one value as this codec's packer writes it (no chunk framing).
   *
   * @throws CodecException if the value cannot be packed
   */
  public byte[] packb(Object value) {
    return new MsgPackWriter(useBinType, useSingleFloat).write(value);
  }

  /**
   * Unpacks one value as this codec's unpacker reads it (no chunk framing).
   *
   * @throws CodecException if the bytes are not exactly one valid value
   */
  public Object unpackb(byte[] packed) {
    return MsgPackReader.unpack(packed, 0, packed.length, raw);
  }

  @Override
  public ByteBuffer encodeObjects(Object[] elements, int[] shape) {
    List<Object> doc = Nesting.document(ID, elements, shape);
    try {
      return ByteBuffer.wrap(packb(doc));
    } catch (CodecException e) {
      throw new CodecException(ID + ": " + e.getMessage() + where(elements), e);
    }
  }

  private String where(Object[] elements) {
    for (int i = 0; i < elements.length; i++) {
      try {
        packb(elements[i]);
      } catch (CodecException e) {
        return " (element " + i + ")";
      }
    }
    return "";
  }

  /**
   * {@inheritDoc} Elements are {@code null}, {@link Boolean}, {@link Long} (or {@link BigInteger}
   * above {@link Long#MAX_VALUE}), {@link Double}, {@link String} (or {@code byte[]} when {@code
   * raw}), {@code byte[]}, {@link java.util.ArrayList}, {@link LinkedHashMap} with {@link String}
   * or {@code byte[]} keys, {@link Instant} and {@link MsgPackExtension}. The recorded shape must
   * hold {@code count} elements.
   */
  @Override
  public Object[] decodeObjects(ByteBuffer encoded, int count) {
    ByteSlice s = ByteSlice.of(encoded);
    Object doc;
    try {
      doc = MsgPackReader.unpack(s.array(), s.offset(), s.length(), raw);
    } catch (CodecException e) {
      throw new CodecException(ID + ": corrupt chunk, " + e.getMessage(), e);
    }
    return Nesting.elements(ID, doc, count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MsgPack m
        && m.raw == raw
        && m.useSingleFloat == useSingleFloat
        && m.useBinType == useBinType;
  }

  @Override
  public int hashCode() {
    return Objects.hash(raw, useSingleFloat, useBinType);
  }

  /**
   * numcodecs' repr, e.g. {@code MsgPack(raw=False, use_bin_type=True, use_single_float=False)}.
   */
  @Override
  public String toString() {
    return "MsgPack(raw="
        + PyRepr.bool(raw)
        + ", use_bin_type="
        + PyRepr.bool(useBinType)
        + ", use_single_float="
        + PyRepr.bool(useSingleFloat)
        + ")";
  }
}
