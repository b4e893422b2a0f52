package dev.zarr4j.codec.object;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Categorical strings of an object array as integer codes (numcodecs id {@code "categorize"}, class
 * {@code Categorize}, with {@code dtype='|O'}): for arrays whose strings come from a known set of
 * labels. For fixed-width unicode arrays ({@code dtype='<U…'}) the same id builds a {@link
 * CategorizeUnicode}; {@link #fromConfig} returns whichever the configuration's {@code dtype} asks
 * for.
 *
 * <p>Encoding writes, per element in the chunk's memory order, code {@code i + 1} for an element
 * equal to {@code labels[i]} (the last position when a label repeats) and 0 for any other element,
 * {@code null} and non-strings included, as one {@code astype} item (integers wrap when there are
 * more labels than the type holds, as NumPy wraps them). The output is a flat array of {@code
 * astype} items, so the stages after this one see items of that type ({@link #encodedType()}).
 * Decoding maps code {@code i + 1} to {@code labels[i]} and every other code to {@code ""}:
 * elements outside the labels come back as empty strings, as in numcodecs.
 *
 * <p>Configuration (numcodecs' {@code get_config()}): {@code labels} (list of strings, required),
 * {@code dtype} ({@code "|O"} here), {@code astype} (default {@code "|u1"}; bool, integer or float
 * types). {@code toString()} is numcodecs' repr, e.g. {@code Categorize(dtype='|O', astype='|u1',
 * labels=['a', 'b'])}, listing at most three labels.
 */
public final class Categorize implements ObjectCodec {
  /** The numcodecs codec id. */
  public static final String ID = CategoryCodes.ID;

  /** The configuration keys besides {@code id}, in numcodecs' order. */
  public static final List<String> KEYS = CategoryCodes.KEYS;

  private final CategoryCodes codes;

  private Categorize(CategoryCodes codes) {
    this.codes = codes;
  }

  /**
   * A categorizing codec for object arrays of strings.
   *
   * @param labels the category labels; code {@code i + 1} stands for {@code labels.get(i)}
   * @param astype the code type, e.g. {@code "|u1"}, {@code "<u2"}, {@code "<i4"}, {@code "<f8"}
   * @throws CodecException if {@code astype} is not a bool, integer or float type
   */
  public static Categorize of(List<String> labels, String astype) {
    return new Categorize(
        new CategoryCodes(labels, DataType.OBJECT, ObjectValues.dtype(ID, "astype", astype)));
  }

  /**
   * A categorizing codec with {@code |u1} codes (numcodecs' default).
   *
   * @param labels the category labels
   */
  public static Categorize of(List<String> labels) {
    return of(labels, "|u1");
  }

  /**
   * Builds a categorize codec from a numcodecs configuration: a {@link Categorize} when {@code
   * dtype} is the object type, a {@link CategorizeUnicode} when it is a {@code U} type.
   *
   * @return a {@link Categorize} or a {@link CategorizeUnicode}
   * @throws CodecException naming the key and value if a key is unknown, missing or invalid
   */
  public static dev.zarr4j.codec.Codec fromConfig(Map<String, Object> config) {
    CategoryCodes c = CategoryCodes.fromConfig(config);
    return switch (c.dtype.kind()) {
      case OBJECT -> new Categorize(c);
      case UNICODE -> new CategorizeUnicode(c);
      default ->
          throw new CodecException(
              "codec '"
                  + ID
                  + "': invalid value '"
                  + c.dtype.typestr()
                  + "' for configuration key 'dtype' (only unicode ('U') and object ('O') dtypes"
                  + " are supported)");
    };
  }

  /** The labels, in order. */
  public List<String> labels() {
    return codes.labels;
  }

  /** The code type. */
  public DataType astype() {
    return codes.astype;
  }

  /** The decoded element type: always the object type. */
  public DataType dtype() {
    return codes.dtype;
  }

  /** The element type of the encoded output, {@code astype}: what a following compressor sees. */
  @Override
  public DataType encodedType() {
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

  @Override
  public ByteBuffer encodeObjects(Object[] elements, int[] shape) {
    int size = codes.astype.itemSize();
    byte[] out = new byte[ObjectValues.encodable(ID, (long) elements.length * size)];
    for (int i = 0; i < elements.length; i++) {
      int code = elements[i] instanceof String s ? codes.code(s) : 0;
      codes.write(out, i * size, code);
    }
    return ByteBuffer.wrap(out);
  }

  /** {@inheritDoc} Elements are {@link String}s: a label, or {@code ""} for unknown codes. */
  @Override
  public Object[] decodeObjects(ByteBuffer encoded, int count) {
    ByteSlice s = ByteSlice.of(encoded);
    int size = codes.astype.itemSize();
    if (s.length() % size != 0 || s.length() / size != count) {
      throw new CodecException(
          ID
              + ": the chunk has "
              + s.length()
              + " bytes, expected "
              + count
              + " codes of "
              + codes.astype.typestr()
              + " ("
              + (long) count * size
              + " bytes)");
    }
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      out[i] = codes.read(s.array(), s.offset() + i * size);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Categorize c && c.codes.equals(codes);
  }

  @Override
  public int hashCode() {
    return codes.hashCode();
  }

  /** numcodecs' repr, e.g. {@code Categorize(dtype='|O', astype='|u1', labels=['a', 'b'])}. */
  @Override
  public String toString() {
    return codes.repr();
  }
}
