package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ArrayToBytesCodec;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zarr v3's {@code packbits} codec (zarr-extensions): an array-to-bytes stage that stores each
 * element in only the bits it needs, so an {@code int4} chunk takes half a byte per element and a
 * {@code bool} chunk one bit.
 *
 * <p>Each component of an element (two for complex numbers, else one) is read as an {@code N}-bit
 * value, {@code N} being the type's {@link DataType#bits()} (for complex types the {@link
 * DataType#componentType()}'s bits), from its little-endian bytes; bits {@code firstBit..lastBit}
 * of it are kept. The kept bits of all components, in C order, form one bit sequence, least
 * significant bit first in each byte (as zarrs writes it), padded with zero bits to whole bytes.
 * Decoding shifts the bits back to {@code firstBit} and sign-extends signed integers (and
 * datetimes) to their whole bytes, zero-extending the others.
 *
 * <p>Data types: {@code bool}, every integer and float type (Zarr v3's {@code int2}, {@code int4},
 * {@code uint2}, {@code uint4}, {@code bfloat16}, {@code float8_*}, {@code float6_*}, {@code
 * float4_e2m1fn} included), {@code complex64}, {@code complex128}, {@code numpy.datetime64} and
 * {@code numpy.timedelta64}.
 *
 * @param padding how the number of padding bits is recorded
 * @param firstBit the lowest bit of a component that is kept, or {@code null} for 0
 * @param lastBit the highest bit of a component that is kept, or {@code null} for its top bit
 */
public record PackBitsCodec(Padding padding, Integer firstBit, Integer lastBit)
    implements ArrayToBytesCodec {

  /** The Zarr v3 codec name. */
  public static final String ID = "packbits";

  /** Every bit of every component, no padding byte (the registry's defaults). */
  public static final PackBitsCodec DEFAULT = new PackBitsCodec(Padding.NONE, null, null);

  /** Where the number of padding bits is recorded ({@code padding_encoding}). */
  public enum Padding {
    /** {@code "none"}: not recorded. */
    NONE("none"),
    /** {@code "first_byte"}: in a byte before the packed bits (numcodecs' packbits does so). */
    FIRST_BYTE("first_byte"),
    /** {@code "last_byte"}: in a byte after the packed bits. */
    LAST_BYTE("last_byte");

    private final String json;

    Padding(String json) {
      this.json = json;
    }

    /** The configuration's spelling. */
    public String json() {
      return json;
    }
  }

  /**
   * Checks the bit range.
   *
   * @throws CodecException naming the key if a bit index is negative or {@code lastBit < firstBit}
   */
  public PackBitsCodec {
    java.util.Objects.requireNonNull(padding, "padding");
    if (firstBit != null && firstBit < 0) {
      throw new CodecException("codec 'packbits': first_bit must be >= 0, got " + firstBit);
    }
    if (lastBit != null && lastBit < 0) {
      throw new CodecException("codec 'packbits': last_bit must be >= 0, got " + lastBit);
    }
    if (firstBit != null && lastBit != null && lastBit < firstBit) {
      throw new CodecException(
          "codec 'packbits': last_bit " + lastBit + " is less than first_bit " + firstBit);
    }
  }

  /**
   * Builds the codec from its Zarr v3 configuration: {@code padding_encoding} ({@code "none"},
   * {@code "first_byte"}, {@code "last_byte"}; the registry's schema spells the last two {@code
   * "start_byte"} and {@code "end_byte"}, read as the same), {@code first_bit} and {@code last_bit}
   * (integers or {@code null}; the schema's {@code start_bit} and {@code end_bit} are read too).
   *
   * @throws CodecException naming the key if one is unknown or has an invalid value
   */
  public static PackBitsCodec fromV3Config(Map<String, Object> configuration) {
    List<String> keys =
        List.of("padding_encoding", "first_bit", "last_bit", "start_bit", "end_bit");
    for (String k : configuration.keySet()) {
      if (!keys.contains(k)) {
        throw new CodecException(
            "codec 'packbits': unknown configuration key '" + k + "' (known: " + keys + ")");
      }
    }
    Object p = configuration.get("padding_encoding");
    Padding padding;
    if (p == null || "none".equals(p)) {
      padding = Padding.NONE;
    } else if ("first_byte".equals(p) || "start_byte".equals(p)) {
      padding = Padding.FIRST_BYTE;
    } else if ("last_byte".equals(p) || "end_byte".equals(p)) {
      padding = Padding.LAST_BYTE;
    } else {
      throw new CodecException(
          "codec 'packbits': padding_encoding must be 'none', 'first_byte' or 'last_byte', got "
              + p);
    }
    return new PackBitsCodec(
        padding,
        bit(configuration, "first_bit", "start_bit"),
        bit(configuration, "last_bit", "end_bit"));
  }

  private static Integer bit(Map<String, Object> configuration, String key, String alias) {
    if (configuration.containsKey(key) && configuration.containsKey(alias)) {
      throw new CodecException("codec 'packbits': give " + key + " or " + alias + ", not both");
    }
    String k = configuration.containsKey(key) ? key : alias;
    Object v = configuration.get(k);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < 0
        || n.longValue() > 63) {
      throw new CodecException("codec 'packbits': " + k + " must be an integer 0..63, got " + v);
    }
    return n.intValue();
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} The Zarr v3 configuration's keys under {@code "id": "packbits"}. */
  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.putAll(configuration());
    return m;
  }

  /**
   * {@inheritDoc} {@code {"name": "packbits", "configuration": {"padding_encoding": ...}}}, with
   * {@code first_bit} and {@code last_bit} when they are set.
   */
  @Override
  public Map<String, Object> toV3Config() {
    return Codec.v3Object(ID, configuration());
  }

  private Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("padding_encoding", padding.json());
    if (firstBit != null) {
      c.put("first_bit", firstBit);
    }
    if (lastBit != null) {
      c.put("last_bit", lastBit);
    }
    return c;
  }

  /** How the elements of one data type are packed. */
  private record Layout(
      int components, int componentBytes, int componentBits, int first, int kept, boolean signed) {
    long packedBits(long elements) {
      return elements * components * kept;
    }
  }

  private Layout layout(DataType t) {
    int componentBits;
    int components = 1;
    boolean signed = false;
    switch (t.kind()) {
      case BOOL:
        componentBits = 1;
        break;
      case INT:
      case DATETIME:
      case TIMEDELTA:
        componentBits = t.bits();
        signed = true;
        break;
      case UINT:
      case FLOAT:
        componentBits = t.bits();
        break;
      case COMPLEX:
        componentBits = t.componentType().bits();
        components = 2;
        break;
      default:
        throw new CodecException(
            "codec 'packbits' packs booleans, numbers and datetimes, not data type " + t);
    }
    int first = firstBit == null ? 0 : firstBit;
    int last = lastBit == null ? componentBits - 1 : lastBit;
    if (last >= componentBits || first > last) {
      throw new CodecException(
          "codec 'packbits': bits "
              + first
              + ".."
              + last
              + " are outside the "
              + componentBits
              + "-bit components of data type "
              + t);
    }
    return new Layout(
        components, t.itemSize() / components, componentBits, first, last - first + 1, signed);
  }

  private int paddingBytes() {
    return padding == Padding.NONE ? 0 : 1;
  }

  @Override
  public BytesSpec resolve(ChunkSpec decoded) {
    Layout l = layout(decoded.dtype());
    return BytesSpec.exactly(
        (l.packedBits(decoded.size()) + 7) / 8 + paddingBytes(), DataType.UINT8);
  }

  @Override
  public ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
    ChunkSpec spec = decoded.spec();
    DataType t = spec.dtype();
    Layout l = layout(t);
    ByteBuffer in = decoded.contiguous().bytes();
    ByteOrder order = t.byteOrder() == null ? ByteOrder.LITTLE_ENDIAN : t.byteOrder();
    long count = spec.size() * l.components();
    long bits = l.packedBits(spec.size());
    int packedBytes = (int) ((bits + 7) / 8);
    byte[] out = new byte[packedBytes + paddingBytes()];
    int base = padding == Padding.FIRST_BYTE ? 1 : 0;
    int pad = (int) (packedBytes * 8L - bits);
    if (padding == Padding.FIRST_BYTE) {
      out[0] = (byte) pad;
    } else if (padding == Padding.LAST_BYTE) {
      out[packedBytes] = (byte) pad;
    }
    long mask = l.kept() == 64 ? -1L : (1L << l.kept()) - 1;
    int pos = in.position();
    long bit = 0;
    for (long c = 0; c < count; c++) {
      long v =
          (read(in, pos + (int) (c * l.componentBytes()), l.componentBytes(), order) >>> l.first())
              & mask;
      for (int b = 0; b < l.kept(); b++, bit++) {
        if (((v >>> b) & 1) != 0) {
          out[base + (int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    return ByteBuffer.wrap(out);
  }

  @Override
  public ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
    DataType t = decoded.dtype();
    Layout l = layout(t);
    long bits = l.packedBits(decoded.size());
    int packedBytes = (int) ((bits + 7) / 8);
    if (encoded.remaining() != packedBytes + paddingBytes()) {
      throw new CodecException(
          "codec 'packbits': a chunk of shape "
              + java.util.Arrays.toString(decoded.shape())
              + " and type "
              + t
              + " packs to "
              + (packedBytes + paddingBytes())
              + " bytes, got "
              + encoded.remaining());
    }
    int start = encoded.position();
    int pad = (int) (packedBytes * 8L - bits);
    if (padding != Padding.NONE) {
      int at = start + (padding == Padding.FIRST_BYTE ? 0 : packedBytes);
      if ((encoded.get(at) & 0xff) != pad) {
        throw new CodecException(
            "codec 'packbits': the padding byte says "
                + (encoded.get(at) & 0xff)
                + " bits, a chunk of "
                + decoded.size()
                + " elements has "
                + pad);
      }
    }
    int base = start + dataOffset();
    Unpacker u = new Unpacker(t, l);
    byte[] out = new byte[(int) decoded.byteSize()];
    int item = t.itemSize();
    long bit = 0;
    for (long e = 0; e < decoded.size(); e++) {
      bit = u.unpack(encoded, base, bit, out, (int) (e * item));
    }
    return ChunkArray.ofBytes(decoded, ByteBuffer.wrap(out));
  }

  /** Where the packed bits start in an encoded chunk: after the padding byte, if it is first. */
  int dataOffset() {
    return padding == Padding.FIRST_BYTE ? 1 : 0;
  }

  /** The decoder of single elements of type {@code t} from packed bits. */
  Unpacker unpacker(DataType t) {
    return new Unpacker(t, layout(t));
  }

  /**
   * Decodes single elements of one data type from packed bits: each element takes {@link
   * #bitsPerElement()} bits, starting at any bit of the packed bytes.
   */
  static final class Unpacker {
    private final Layout l;
    private final ByteOrder order;
    private final int widthBits;
    private final int topBit;

    private Unpacker(DataType t, Layout l) {
      this.l = l;
      this.order = t.byteOrder() == null ? ByteOrder.LITTLE_ENDIAN : t.byteOrder();
      this.widthBits = l.componentBytes() * 8;
      this.topBit = l.first() + l.kept() - 1; // the sign bit of a signed component
    }

    /** The packed bits of one element (all its components). */
    int bitsPerElement() {
      return l.components() * l.kept();
    }

    /**
     * Decodes the element whose bits start at bit {@code bit} of {@code packed} (counted from byte
     * {@code base}, least significant bit first) into {@code out[off..off + itemSize)}.
     *
     * @return the bit after the element's last
     */
    long unpack(ByteBuffer packed, int base, long bit, byte[] out, int off) {
      for (int c = 0; c < l.components(); c++) {
        long v = 0;
        for (int b = 0; b < l.kept(); b++, bit++) {
          if ((packed.get(base + (int) (bit >>> 3)) >>> (bit & 7) & 1) != 0) {
            v |= 1L << b;
          }
        }
        v <<= l.first();
        if (l.signed() && topBit < 63) {
          int unused = 63 - topBit;
          v = (v << unused) >> unused; // sign-extend to the component's whole bytes
        }
        if (widthBits < 64) {
          v &= (1L << widthBits) - 1;
        }
        write(out, off + c * l.componentBytes(), l.componentBytes(), order, v);
      }
      return bit;
    }
  }

  /**
   * {@inheritDoc} An element's bits lie in one or two bytes of the encoded chunk (a few more for
   * wide types), so a box or a list of elements is a set of byte runs of it.
   */
  @Override
  public boolean decodesPartially(ChunkSpec decoded) {
    return true;
  }

  @Override
  public ArrayPartialDecoder partialDecoder(
      ByteSource encoded, ChunkSpec decoded, CodecOptions options) {
    resolve(decoded);
    return new PackBitsPartialDecoder(encoded, decoded, this, options);
  }

  private static long read(ByteBuffer b, int off, int width, ByteOrder order) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (width - 1 - i);
      v |= (b.get(off + i) & 0xffL) << shift;
    }
    return v;
  }

  private static void write(byte[] out, int off, int width, ByteOrder order, long v) {
    for (int i = 0; i < width; i++) {
      int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (width - 1 - i);
      out[off + i] = (byte) (v >>> shift);
    }
  }

  @Override
  public String toString() {
    return "PackBits(padding="
        + padding.json()
        + (firstBit == null ? "" : ", first_bit=" + firstBit)
        + (lastBit == null ? "" : ", last_bit=" + lastBit)
        + ")";
  }
}
