package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ArrayToBytesCodec;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chunk's fixed-size elements as raw bytes, in C order, in a byte order (Zarr v3's {@code bytes}
 * codec; Zarr v2 stores every chunk this way before its filters and compressor, in the byte order
 * the data type names).
 *
 * <p>Its parts can be decoded alone: a box or a few elements of a chunk are element runs of the
 * encoded bytes, which the partial decoder reads packed from its input ({@link
 * ByteSource#readPacked}), so an uncompressed chunk in a store that serves ranges, or a Blosc
 * chunk, is decoded only where the selection is.
 *
 * @param endian the byte order of the encoded elements, or {@code null} for the byte order of the
 *     chunk's data type (Zarr v2)
 */
public record BytesCodec(ByteOrder endian) implements ArrayToBytesCodec {

  /** The codec name. */
  public static final String ID = "bytes";

  /** Elements in the byte order of the data type, as Zarr v2 stores them. */
  public static final BytesCodec AS_DATA_TYPE = new BytesCodec(null);

  /** Little-endian elements. */
  public static final BytesCodec LITTLE = new BytesCodec(ByteOrder.LITTLE_ENDIAN);

  /** Big-endian elements. */
  public static final BytesCodec BIG = new BytesCodec(ByteOrder.BIG_ENDIAN);

  /**
   * Builds the codec from its Zarr v3 configuration: {@code {"endian": "little"}} is {@link
   * #LITTLE}, {@code "big"} {@link #BIG}, and no {@code endian} (as for one-byte types) {@link
   * #AS_DATA_TYPE}, the byte order of the array's data type, which a Zarr v3 array's data types
   * have as little endian.
   *
   * @throws CodecException naming the key if the configuration has a key besides {@code endian} or
   *     an {@code endian} other than {@code "little"} or {@code "big"}
   */
  public static BytesCodec fromV3Config(Map<String, Object> configuration) {
    ConfigReader r = ConfigReader.of(ID, configuration, java.util.List.of("endian"));
    if (!r.has("endian")) {
      return AS_DATA_TYPE;
    }
    Object endian = configuration.get("endian");
    if ("little".equals(endian)) {
      return LITTLE;
    } else if ("big".equals(endian)) {
      return BIG;
    }
    throw r.bad("endian", endian, "'little' or 'big'");
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc} {@code {"name": "bytes", "configuration": {"endian": "little"}}} (or {@code
   * "big"}); {@link #AS_DATA_TYPE} writes no configuration, which Zarr v3 allows only for one-byte
   * types, so a v3 array of wider types should use {@link #LITTLE} or {@link #BIG}.
   */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", ID);
    if (endian != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("endian", endian == ByteOrder.BIG_ENDIAN ? "big" : "little");
      m.put("configuration", c);
    }
    return m;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    if (endian != null) {
      m.put("endian", endian == ByteOrder.BIG_ENDIAN ? "big" : "little");
    }
    return m;
  }

  @Override
  public BytesSpec resolve(ChunkSpec decoded) {
    DataType t = decoded.dtype();
    if (t.kind() == DataType.Kind.OBJECT) {
      throw new CodecException(
          "codec 'bytes' stores fixed-size elements; an object array needs an object codec");
    }
    return BytesSpec.exactly(decoded.byteSize(), storedType(t));
  }

  /** The data type of the encoded elements: {@code t} in this codec's byte order. */
  public DataType storedType(DataType t) {
    if (endian == null || t.byteOrder() == null || t.byteOrder().equals(endian)) {
      return t;
    }
    return t.withByteOrder(endian);
  }

  @Override
  public DataType rawElementType(ChunkSpec decoded) {
    return storedType(decoded.dtype());
  }

  @Override
  public ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
    ChunkArray c = decoded.contiguous();
    DataType from = c.spec().dtype();
    DataType to = storedType(from);
    ByteBuffer b = c.bytes();
    return to.equals(from) ? b : Layouts.convert(b, from, to);
  }

  @Override
  public ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
    DataType to = decoded.dtype();
    DataType from = storedType(to);
    if (encoded.remaining() != decoded.byteSize()) {
      throw new CodecException(
          "decoded to "
              + encoded.remaining()
              + " bytes but a chunk of shape "
              + java.util.Arrays.toString(decoded.shape())
              + " and type "
              + to
              + " has "
              + decoded.byteSize());
    }
    ByteBuffer b = from.equals(to) ? encoded : Layouts.convert(encoded, from, to);
    return ChunkArray.ofBytes(decoded, b);
  }

  /** {@inheritDoc} A box or a list of elements is a set of runs of the encoded bytes. */
  @Override
  public boolean decodesPartially(ChunkSpec decoded) {
    return true;
  }

  @Override
  public ArrayPartialDecoder partialDecoder(
      ByteSource encoded, ChunkSpec decoded, CodecOptions options) {
    resolve(decoded);
    return new RawPartialDecoder(encoded, decoded, storedType(decoded.dtype()), this, options);
  }

  @Override
  public String toString() {
    return endian == null
        ? "Bytes()"
        : "Bytes(endian=" + (endian == ByteOrder.BIG_ENDIAN ? "big" : "little") + ")";
  }
}
