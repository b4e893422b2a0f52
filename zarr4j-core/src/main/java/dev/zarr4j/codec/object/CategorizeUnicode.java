package dev.zarr4j.codec.object;

import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Categorical fixed-width unicode strings as integer codes (numcodecs id {@code "categorize"} with
 * a {@code U} dtype such as {@code '<U5'}): a Zarr v2 filter over the flat chunk buffer, as every
 * numcodecs filter on a non-object array is.
 *
 * <p>Each {@code dtype} item (UTF-32 code points in the type's byte order, NUL-padded) is compared,
 * trailing NULs removed as NumPy compares them, with the labels; code {@code i + 1} is written for
 * {@code labels[i]} (the last position when a label repeats) and 0 for any other value, as one
 * {@code astype} item. Decoding writes {@code labels[i]} for code {@code i + 1}, cut to the type's
 * width as NumPy cuts it, and the empty string for every other code. The codes are items of {@code
 * astype}, which {@link #encodedType(DataType)} reports to the next stage.
 *
 * <p>Configuration and {@code toString()} as for {@link Categorize}, e.g. {@code
 * Categorize(dtype='<U5', astype='|u1', labels=['a', 'b'])}.
 */
public final class CategorizeUnicode implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = CategoryCodes.ID;

  private final CategoryCodes codes;
  private final int width; // code points per item
  private final boolean big;

  CategorizeUnicode(CategoryCodes codes) {
    if (codes.dtype.kind() != DataType.Kind.UNICODE) {
      throw new CodecException(
          "codec '" + ID + "': dtype must be a unicode ('U') type, got " + codes.dtype.typestr());
    }
    this.codes = codes;
    this.width = codes.dtype.itemSize() / 4;
    this.big = codes.dtype.isBigEndian();
  }

  /**
   * A categorizing filter for fixed-width unicode arrays.
   *
   * @param labels the category labels; code {@code i + 1} stands for {@code labels.get(i)}
   * @param dtype the array's unicode type, e.g. {@code "<U5"}
   * @param astype the code type, e.g. {@code "|u1"}
   * @throws CodecException if {@code dtype} is not a unicode type or {@code astype} not a bool,
   *     integer or float type
   */
  public static CategorizeUnicode of(List<String> labels, String dtype, String astype) {
    return new CategorizeUnicode(
        new CategoryCodes(
            labels,
            ObjectValues.dtype(ID, "dtype", dtype),
            ObjectValues.dtype(ID, "astype", astype)));
  }

  /** The labels, in order. */
  public List<String> labels() {
    return codes.labels;
  }

  /** The unicode type of the decoded items. */
  public DataType dtype() {
    return codes.dtype;
  }

  /** The code type. */
  public DataType astype() {
    return codes.astype;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    return codes.toConfig();
  }

  /** {@inheritDoc} The items are read as {@code dtype}; {@code itemSize} is ignored. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int inSize = codes.dtype.itemSize();
    if (in.length() % inSize != 0) {
      throw new CodecException(
          ID
              + ": a buffer of "
              + in.length()
              + " bytes is not a whole number of '"
              + codes.dtype.typestr()
              + "' items ("
              + inSize
              + " bytes each)");
    }
    int n = in.length() / inSize;
    int outSize = codes.astype.itemSize();
    byte[] out = new byte[ObjectValues.encodable(ID, (long) n * outSize)];
    StringBuilder sb = new StringBuilder(width);
    for (int i = 0; i < n; i++) {
      String s = item(in.array(), in.offset() + i * inSize, sb);
      codes.write(out, i * outSize, s == null ? 0 : codes.code(s));
    }
    return ByteBuffer.wrap(out);
  }

  /** The item's text without trailing NULs, or null if it holds no valid code point sequence. */
  private String item(byte[] b, int at, StringBuilder sb) {
    int len = width;
    while (len > 0 && codePoint(b, at + 4 * (len - 1)) == 0) {
      len--;
    }
    sb.setLength(0);
    for (int k = 0; k < len; k++) {
      long cp = codePoint(b, at + 4 * k);
      if (cp > Character.MAX_CODE_POINT) {
        return null; // not a character: equal to no label
      }
      sb.appendCodePoint((int) cp);
    }
    return sb.toString();
  }

  private long codePoint(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int shift = 8 * (big ? 3 - i : i);
      v |= (b[at + i] & 0xffL) << shift;
    }
    return v;
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    int codeSize = codes.astype.itemSize();
    if (in.length() % codeSize != 0) {
      throw new CodecException(
          ID
              + ": a buffer of "
              + in.length()
              + " bytes is not a whole number of '"
              + codes.astype.typestr()
              + "' codes ("
              + codeSize
              + " bytes each)");
    }
    int n = in.length() / codeSize;
    int outSize = codes.dtype.itemSize();
    long total = (long) n * outSize;
    if (total > maxDecodedSize) {
      throw new CodecException(
          ID
              + ": decoded size "
              + total
              + " bytes exceeds the limit of "
              + maxDecodedSize
              + " bytes");
    }
    byte[] out = new byte[(int) total];
    for (int i = 0; i < n; i++) {
      String label = codes.read(in.array(), in.offset() + i * codeSize);
      int at = i * outSize;
      int k = 0;
      for (int j = 0; j < label.length() && k < width; k++) {
        int cp = label.codePointAt(j);
        j += Character.charCount(cp);
        for (int byteIndex = 0; byteIndex < 4; byteIndex++) {
          int shift = 8 * (big ? 3 - byteIndex : byteIndex);
          out[at + 4 * k + byteIndex] = (byte) (cp >>> shift);
        }
      }
    }
    return ByteBuffer.wrap(out);
  }

  /** {@inheritDoc} numcodecs reads the buffer as {@code dtype}. */
  @Override
  public DataType decodedView(DataType incoming) {
    return codes.dtype;
  }

  /** The codes are items of {@code astype}. */
  @Override
  public DataType encodedType(DataType decodedType) {
    return codes.astype;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategorizeUnicode c && c.codes.equals(codes);
  }

  @Override
  public int hashCode() {
    return 31 * codes.hashCode() + 1;
  }

  /** numcodecs' repr, e.g. {@code Categorize(dtype='<U5', astype='|u1', labels=['a', 'b'])}. */
  @Override
  public String toString() {
    return codes.repr();
  }
}
