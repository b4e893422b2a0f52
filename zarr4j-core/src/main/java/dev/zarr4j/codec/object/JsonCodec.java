package dev.zarr4j.codec.object;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Objects as JSON (numcodecs id {@code "json2"}, class {@code JSON}): a general-purpose codec for
 * object arrays of strings, numbers, lists and dictionaries.
 *
 * <p>Layout: the text of Python's {@code json.dumps(items + ["|O", shape])} in the configured
 * {@code encoding}, where {@code items} are the chunk's elements nested one list per dimension (see
 * the package documentation for memory order) and {@code shape} the chunk's shape. With the default
 * configuration the bytes are identical to numcodecs': compact separators, keys sorted by code
 * point, non-ASCII escaped, {@code NaN} and {@code Infinity} allowed, floats written as Python's
 * {@code repr}.
 *
 * <p>Elements (encoding): {@code null}, {@link Boolean}, {@link String}, {@link Integer}, {@link
 * Long}, {@link Short}, {@link Byte}, {@link BigInteger}, {@link Double}, {@link Float} (written as
 * the double it equals), {@link List} or {@code Object[]} of these, and {@link Map}s whose keys are
 * strings (or integers, floats, booleans and {@code null}, which Python turns into strings).
 * Anything else fails with a {@link CodecException} naming the element, as Python's {@code
 * TypeError} does. Elements (decoding): {@code null}, {@link Boolean}, {@link String}, {@link Long}
 * (or {@link BigInteger} beyond 64 bits), {@link Double}, {@link java.util.ArrayList} and {@link
 * LinkedHashMap}{@code <String, Object>} in document order.
 *
 * <p>Configuration (numcodecs' {@code get_config()}, all written): {@code encoding} ({@code
 * "utf-8"}; also ASCII, Latin-1 and UTF-16/32 in an explicit byte order), {@code skipkeys} (false),
 * {@code ensure_ascii} (true), {@code check_circular} (true), {@code allow_nan} (true), {@code
 * indent} (null, an integer, a string or a boolean), {@code separators} ({@code [",", ":"]}, or
 * {@code [", ", ": "]} when an indent is given), {@code sort_keys} (true), {@code strict} (true:
 * control characters inside strings are refused when decoding). {@code toString()} is numcodecs'
 * repr, wrapped at 80 columns as numcodecs wraps it.
 */
public final class JsonCodec implements ObjectCodec {
  /** The numcodecs codec id. */
  public static final String ID = "json2";

  /** The configuration keys besides {@code id}, in numcodecs' order. */
  public static final List<String> KEYS =
      List.of(
          "encoding",
          "skipkeys",
          "ensure_ascii",
          "check_circular",
          "allow_nan",
          "indent",
          "separators",
          "sort_keys",
          "strict");

  /** The default configuration: {@code JSON()} in numcodecs. */
  public static final JsonCodec DEFAULT = builder().build();

  private final String encoding;
  private final Charset charset;
  private final boolean skipKeys;
  private final boolean ensureAscii;
  private final boolean checkCircular;
  private final boolean allowNan;
  private final Object indent; // null, Integer, String or Boolean
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean sortKeys;
  private final boolean strict;

  private JsonCodec(Builder b) {
    this.encoding = b.encoding;
    this.charset = charset(b.encoding);
    this.skipKeys = b.skipKeys;
    this.ensureAscii = b.ensureAscii;
    this.checkCircular = b.checkCircular;
    this.allowNan = b.allowNan;
    this.indent = b.indent;
    if (b.itemSeparator == null) {
      // numcodecs: the most compact form on one line, Python's old defaults when indenting
      this.itemSeparator = indent == null ? "," : ", ";
      this.keySeparator = indent == null ? ":" : ": ";
    } else {
      this.itemSeparator = b.itemSeparator;
      this.keySeparator = b.keySeparator;
    }
    this.sortKeys = b.sortKeys;
    this.strict = b.strict;
  }

  /** A builder starting from numcodecs' defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the codec from a numcodecs configuration; absent keys take numcodecs' defaults.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static JsonCodec fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    Builder b = builder();
    b.encoding(r.getString("encoding", "utf-8"));
    b.skipKeys(r.getBoolean("skipkeys", false));
    b.ensureAscii(r.getBoolean("ensure_ascii", true));
    b.checkCircular(r.getBoolean("check_circular", true));
    b.allowNan(r.getBoolean("allow_nan", true));
    b.sortKeys(r.getBoolean("sort_keys", true));
    b.strict(r.getBoolean("strict", true));
    Object indent = config.get("indent");
    if (indent instanceof Long || indent instanceof Integer || indent instanceof BigInteger) {
      b.indent(r.getInt("indent", 0, -MAX_INDENT, MAX_INDENT));
    } else if (indent == null || indent instanceof String || indent instanceof Boolean) {
      b.indent = indent;
    } else {
      throw r.bad("indent", indent, "null, an integer, a string or a boolean");
    }
    Object sep = config.get("separators");
    if (sep != null) {
      if (!(sep instanceof List<?> l)
          || l.size() != 2
          || !(l.get(0) instanceof String)
          || !(l.get(1) instanceof String)) {
        throw r.bad("separators", sep, "null or a list of two strings [item, key]");
      }
      b.separators((String) l.get(0), (String) l.get(1));
    }
    return b.build();
  }

  /** The largest indent accepted (Python accepts any; a larger one only wastes space). */
  static final int MAX_INDENT = 1 << 16;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("encoding", encoding);
    m.put("skipkeys", skipKeys);
    m.put("ensure_ascii", ensureAscii);
    m.put("check_circular", checkCircular);
    m.put("allow_nan", allowNan);
    m.put("indent", indent);
    m.put("separators", List.of(itemSeparator, keySeparator));
    m.put("sort_keys", sortKeys);
    m.put("strict", strict);
    return Collections.unmodifiableMap(m);
  }

  /** The text encoding, as configured (e.g. {@code "utf-8"}). */
  public String encoding() {
    return encoding;
  }

  /** The indent: {@code null}, an {@link Integer}, a {@link String} or a {@link Boolean}. */
  public Object indent() {
    return indent;
  }

  /** Python's {@code separators}: the item separator then the key separator. */
  public List<String> separators() {
    return List.of(itemSeparator, keySeparator);
  }

  /** Whether object keys are sorted when encoding. */
  public boolean sortKeys() {
    return sortKeys;
  }

  /** Whether non-ASCII characters are escaped when encoding. */
  public boolean ensureAscii() {
    return ensureAscii;
  }

  /** Whether NaN and infinities may be written. */
  public boolean allowNan() {
    return allowNan;
  }

  /** Whether map keys of unsupported types are skipped rather than refused. */
  public boolean skipKeys() {
    return skipKeys;
  }

  /** Whether containers are checked for cycles (a cycle fails either way in zarr4j). */
  public boolean checkCircular() {
    return checkCircular;
  }

  /** Whether control characters inside strings are refused when decoding. */
  public boolean strict() {
    return strict;
  }

  /**
   * The JSON text of one value as this codec's encoder writes it (no chunk framing); useful to see
   * what an element becomes.
   *
   * @throws CodecException if the value cannot be written
   */
  public String dumps(Object value) {
    return writer().write(value);
  }

  private PyJsonWriter writer() {
    String ind = null;
    if (indent instanceof String s) {
      ind = s;
    } else if (indent instanceof Integer n) {
      ind = " ".repeat(Math.max(0, n));
    } else if (indent instanceof Boolean bool) {
      ind = bool ? " " : "";
    }
    return new PyJsonWriter(
        skipKeys, ensureAscii, checkCircular, allowNan, ind, itemSeparator, keySeparator, sortKeys);
  }

  @Override
  public ByteBuffer encodeObjects(Object[] elements, int[] shape) {
    List<Object> doc = Nesting.document(ID, elements, shape);
    String text;
    try {
      text = writer().write(doc);
    } catch (CodecException e) {
      throw new CodecException(ID + ": " + e.getMessage() + where(elements, e), e);
    }
    try {
      ByteBuffer b =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return ByteBuffer.wrap(out);
    } catch (CharacterCodingException e) {
      throw new CodecException(
          ID + ": the JSON text cannot be encoded in '" + encoding + "' (" + e + ")", e);
    }
  }

  /** Finds which element a failure came from, by encoding the elements one at a time. */
  private String where(Object[] elements, CodecException failure) {
    for (int i = 0; i < elements.length; i++) {
      try {
        writer().write(elements[i]);
      } catch (CodecException e) {
        return " (element " + i + ")";
      }
    }
    return "";
  }

  /**
   * {@inheritDoc} Elements are JSON values; the recorded shape must hold {@code count} elements.
   */
  @Override
  public Object[] decodeObjects(ByteBuffer encoded, int count) {
    String text;
    try {
      text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(encoded.duplicate())
              .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException(ID + ": the chunk is not valid '" + encoding + "' text", e);
    }
    Object doc;
    try {
      doc = PyJsonReader.parse(text, strict);
    } catch (CodecException e) {
      throw new CodecException(ID + ": corrupt chunk, " + e.getMessage(), e);
    }
    return Nesting.elements(ID, doc, count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonCodec j
        && j.encoding.equals(encoding)
        && j.skipKeys == skipKeys
        && j.ensureAscii == ensureAscii
        && j.checkCircular == checkCircular
        && j.allowNan == allowNan
        && Objects.equals(j.indent, indent)
        && j.itemSeparator.equals(itemSeparator)
        && j.keySeparator.equals(keySeparator)
        && j.sortKeys == sortKeys
        && j.strict == strict;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        encoding,
        skipKeys,
        ensureAscii,
        checkCircular,
        allowNan,
        indent,
        itemSeparator,
        keySeparator,
        sortKeys,
        strict);
  }

  /**
   * numcodecs' repr: the parameters, encoder options sorted by name, wrapped at 80 columns with a
   * five-space continuation indent, e.g.
   *
   * <pre>
   * JSON(encoding='utf-8', allow_nan=True, check_circular=True, ensure_ascii=True,
   *      indent=None, separators=(',', ':'), skipkeys=False, sort_keys=True,
   *      strict=True)
   * </pre>
   */
  @Override
  public String toString() {
    String indentRepr =
        indent == null
            ? "None"
            : indent instanceof String s
                ? PyRepr.str(s)
                : indent instanceof Boolean bool ? PyRepr.bool(bool) : indent.toString();
    String r =
        "JSON(encoding="
            + PyRepr.str(encoding)
            + ", allow_nan="
            + PyRepr.bool(allowNan)
            + ", check_circular="
            + PyRepr.bool(checkCircular)
            + ", ensure_ascii="
            + PyRepr.bool(ensureAscii)
            + ", indent="
            + indentRepr
            + ", separators=("
            + PyRepr.str(itemSeparator)
            + ", "
            + PyRepr.str(keySeparator)
            + "), skipkeys="
            + PyRepr.bool(skipKeys)
            + ", sort_keys="
            + PyRepr.bool(sortKeys)
            + ", strict="
            + PyRepr.bool(strict)
            + ")";
    return TextWrap.fill(r, 80, "     ");
  }

  /**
   * The Java charset for a Python codec name. Only encodings whose bytes Java and Python agree on
   * are accepted: UTF-8, ASCII, Latin-1, and UTF-16 and UTF-32 with an explicit byte order
   * (Python's plain {@code utf-16} writes a native-order byte-order mark, which Java's does not).
   */
  private static Charset charset(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return switch (n) {
      case "utf_8", "utf8", "u8", "utf" -> StandardCharsets.UTF_8;
      case "ascii", "us_ascii", "646" -> StandardCharsets.US_ASCII;
      case "latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819" ->
          StandardCharsets.ISO_8859_1;
      case "utf_16_le", "utf_16le" -> StandardCharsets.UTF_16LE;
      case "utf_16_be", "utf_16be" -> StandardCharsets.UTF_16BE;
      case "utf_32_le", "utf_32le" -> Charset.forName("UTF-32LE");
      case "utf_32_be", "utf_32be" -> Charset.forName("UTF-32BE");
      default ->
          throw new CodecException(
              "codec '"
                  + ID
                  + "': invalid value '"
                  + name
                  + "' for configuration key 'encoding' (supported: utf-8, ascii, latin-1,"
                  + " utf-16-le, utf-16-be, utf-32-le, utf-32-be)");
    };
  }

  /** Builds a {@link JsonCodec}; every option starts at numcodecs' default. */
  public static final class Builder {
    private String encoding = "utf-8";
    private boolean skipKeys;
    private boolean ensureAscii = true;
    private boolean checkCircular = true;
    private boolean allowNan = true;
    private Object indent;
    private String itemSeparator;
    private String keySeparator;
    private boolean sortKeys = true;
    private boolean strict = true;

    private Builder() {}

    /** The text encoding, a Python codec name such as {@code "utf-8"} or {@code "latin-1"}. */
    public Builder encoding(String encoding) {
      this.encoding = Objects.requireNonNull(encoding, "encoding");
      return this;
    }

    /** Python's {@code skipkeys}: skip map keys of unsupported types instead of failing. */
    public Builder skipKeys(boolean skipKeys) {
      this.skipKeys = skipKeys;
      return this;
    }

    /** Python's {@code ensure_ascii}: escape every non-ASCII character. */
    public Builder ensureAscii(boolean ensureAscii) {
      this.ensureAscii = ensureAscii;
      return this;
    }

    /** Python's {@code check_circular} (recorded in the configuration; cycles always fail). */
    public Builder checkCircular(boolean checkCircular) {
      this.checkCircular = checkCircular;
      return this;
    }

    /** Python's {@code allow_nan}: write NaN and infinities as {@code NaN}, {@code Infinity}. */
    public Builder allowNan(boolean allowNan) {
      this.allowNan = allowNan;
      return this;
    }

    /** Python's {@code indent} as a number of spaces per level. */
    public Builder indent(int spaces) {
      if (Math.abs((long) spaces) > MAX_INDENT) {
        throw new CodecException(
            "codec '"
                + ID
                + "': invalid value "
                + spaces
                + " for configuration key 'indent'"
                + " (expected at most "
                + MAX_INDENT
                + ")");
      }
      this.indent = spaces;
      return this;
    }

    /** Python's {@code indent} as the string repeated per level ({@code null}: one line). */
    public Builder indent(String perLevel) {
      this.indent = perLevel;
      return this;
    }

    /** Python's {@code separators}: e.g. {@code (",", ":")}. */
    public Builder separators(String item, String key) {
      this.itemSeparator = Objects.requireNonNull(item, "item separator");
      this.keySeparator = Objects.requireNonNull(key, "key separator");
      return this;
    }

    /** Python's {@code sort_keys}: sort map keys. */
    public Builder sortKeys(boolean sortKeys) {
      this.sortKeys = sortKeys;
      return this;
    }

    /** Python's {@code strict}: refuse control characters inside strings when decoding. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * The codec.
     *
     * @throws CodecException if the encoding is not supported
     */
    public JsonCodec build() {
      return new JsonCodec(this);
    }
  }
}
