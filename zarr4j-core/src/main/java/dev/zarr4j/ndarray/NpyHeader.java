package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.python.PythonFloat;
import dev.zarr4j.python.PythonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header of a NumPy {@code .npy} file: data type, memory order and shape, and where the element
 * data starts.
 *
 * <p>The file layout is the magic string {@code \x93NUMPY}, a major and minor version byte, the
 * header length (2 bytes little-endian in format 1.0, 4 bytes in 2.0 and 3.0), then the header: the
 * text of a Python dictionary literal such as {@code {'descr': '<f8', 'fortran_order': False,
 * 'shape': (3, 4), }}, padded with spaces and ended by a newline so that the data starts at a
 * multiple of 64 bytes. Formats 1.0 and 2.0 encode the text as Latin-1, format 3.0 as UTF-8.
 *
 * <p>{@code descr} is kept as the plain Java form of the Python value in the header:
 *
 * <ul>
 *   <li>a {@link String} for simple types, for example {@code "<f4"}, {@code "|S5"}, {@code "<U3"},
 *       {@code "<M8[ns]"}, {@code "|O"}, {@code "|V8"};
 *   <li>for structured types, a {@link List} of fields, each field a {@code List} of two or three
 *       items {@code [name, descr]} or {@code [name, descr, shape]}: the name a {@code String} (or
 *       a two-string list {@code [title, name]}), the field's descr a {@code String} or, for a
 *       nested structure, again a list of fields, and the optional subarray shape a {@code
 *       List<Long>}.
 * </ul>
 *
 * <p>So NumPy's {@code [('a', '<i4'), ('b', '<f8', (2,))]} is {@code List.of(List.of("a", "<i4"),
 * List.of("b", "<f8", List.of(2L)))}. The components are immutable: the constructor validates and
 * copies {@code descr} and {@code shape}.
 *
 * <p>{@link #toBytes()} produces byte for byte the header NumPy 1.24's {@code np.save} writes for
 * the same descr, order and shape, including the spare spaces NumPy leaves so the first (or, in
 * Fortran order, last) dimension can grow in place.
 *
 * @param descr the data type description, as above
 * @param fortranOrder {@code true} if elements are stored in Fortran (column-major) order
 * @param shape the array's dimensions, each {@code >= 0}; empty for a 0-d array
 * @param version the format's major version, 1, 2 or 3: as read from a file, or for {@link #of} the
 *     version {@code np.save} would choose
 * @param dataOffset the number of bytes from the start of the magic string to the first data byte:
 *     as read from a file, or for {@link #of} the length of {@link #toBytes()}
 */
public record NpyHeader(
    Object descr, boolean fortranOrder, long[] shape, int version, long dataOffset) {

  /**
   * Longest header text accepted when reading (NumPy itself needs {@code allow_pickle} past 10000).
   */
  public static final int MAX_HEADER_LENGTH = 1 << 24;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  /**
   * Validates and copies the components.
   *
   * @param descr the data type description
   * @param fortranOrder whether the data is in Fortran order
   * @param shape the dimensions
   * @param version the format's major version
   * @param dataOffset where the data starts
   * @throws NpyFormatException if {@code descr} does not have the form described above, a dimension
   *     is negative, {@code version} is not 1, 2 or 3, or {@code dataOffset} is negative
   */
  public NpyHeader {
    descr = normalizeDescr(descr, 0);
    Objects.requireNonNull(shape, "shape");
    shape = shape.clone();
    checkShape(shape);
    if (version < 1 || version > 3) {
      throw new NpyFormatException("unsupported .npy format version " + version + ".0");
    }
    if (dataOffset < 0) {
      throw new NpyFormatException("negative .npy data offset " + dataOffset);
    }
  }

  /**
   * A header as {@code np.save} would write it for an array of this type, order and shape: the
   * version is the oldest that can hold the header and the data offset is the length of {@link
   * #toBytes()}.
   *
   * @param descr the data type description (see the class comment)
   * @param fortranOrder whether the data is in Fortran order
   * @param shape the dimensions
   * @return the header
   * @throws NpyFormatException if {@code descr} or {@code shape} is invalid
   */
  public static NpyHeader of(Object descr, boolean fortranOrder, long... shape) {
    Object d = normalizeDescr(descr, 0);
    Objects.requireNonNull(shape, "shape");
    checkShape(shape);
    Encoded e = encode(d, fortranOrder, shape);
    return new NpyHeader(d, fortranOrder, shape, e.version, e.bytes.length);
  }

  /**
   * @return a copy of the dimensions
   */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * @return the number of dimensions
   */
  public int ndim() {
    return shape.length;
  }

  /**
   * The number of elements: the product of the dimensions (1 for a 0-d array).
   *
   * @return the element count
   * @throws NpyFormatException if it exceeds {@link Long#MAX_VALUE}
   */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      if (d == 0) {
        return 0;
      }
    }
    for (long d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new NpyFormatException(
            "shape " + PythonText.tuple(shape) + " has more than " + Long.MAX_VALUE + " elements");
      }
    }
    return n;
  }

  /**
   * The length of the data in bytes: {@link #elementCount()} times {@code itemSize}.
   *
   * @param itemSize bytes per element, {@code >= 0}
   * @return the data length
   * @throws IllegalArgumentException if {@code itemSize} is negative
   * @throws NpyFormatException if the length exceeds {@link Long#MAX_VALUE}
   */
  public long dataLength(long itemSize) {
    if (itemSize < 0) {
      throw new IllegalArgumentException("negative item size " + itemSize);
    }
    long n = elementCount();
    try {
      return Math.multiplyExact(n, itemSize);
    } catch (ArithmeticException e) {
      throw new NpyFormatException(
          "shape "
              + PythonText.tuple(shape)
              + " with "
              + itemSize
              + "-byte items has more than "
              + Long.MAX_VALUE
              + " bytes");
    }
  }

  /**
   * The header's dictionary as Python text, without padding, for example {@code {'descr': '<f8',
   * 'fortran_order': False, 'shape': (3, 4), }}.
   *
   * @return the dictionary literal
   */
  public String dictLiteral() {
    return dictLiteral(descr, fortranOrder, shape);
  }

  /**
   * The header bytes {@code np.save} (NumPy 1.24) writes for this descr, order and shape: magic,
   * version, length and padded dictionary, ending where the data starts. The version is the oldest
   * that can hold the header (1.0, else 2.0 if the text is Latin-1, else 3.0) whatever {@link
   * #version()} says, and the length may differ from {@link #dataOffset()} when this header was
   * read from a file another writer produced.
   *
   * @return the encoded header
   */
  public byte[] toBytes() {
    return encode(descr, fortranOrder, shape).bytes;
  }

  /**
   * Writes {@link #toBytes()} to a stream; the caller then writes the data.
   *
   * @param out where to write
   * @throws StoreException if the stream fails
   */
  public void write(OutputStream out) {
    try {
      out.write(toBytes());
    } catch (IOException e) {
      throw new StoreException("cannot write .npy header: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Reads a header from a stream, consuming exactly {@link #dataOffset()} bytes so that the stream
   * is left at the first data byte.
   *
   * @param in the stream, at the start of the file
   * @return the header
   * @throws NpyFormatException if the bytes are not a valid {@code .npy} header
   * @throws StoreException if the stream fails
   */
  public static NpyHeader read(InputStream in) {
    Objects.requireNonNull(in, "in");
    return read(
        (n, what) -> {
          try {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
              throw truncated(what, n, b.length);
            }
            return b;
          } catch (IOException e) {
            throw new StoreException("cannot read .npy " + what + ": " + e.getMessage(), e);
          }
        });
  }

  /**
   * Reads a header from the start of a file, whatever the channel's position, which is left
   * unchanged. The data starts at {@link #dataOffset()}.
   *
   * @param channel the file
   * @return the header
   * @throws NpyFormatException if the file does not start with a valid {@code .npy} header
   * @throws StoreException if reading fails
   */
  public static NpyHeader read(FileChannel channel) {
    Objects.requireNonNull(channel, "channel");
    long[] position = {0};
    return read(
        (n, what) -> {
          ByteBuffer buf = ByteBuffer.allocate(n);
          try {
            while (buf.hasRemaining()) {
              int got = channel.read(buf, position[0] + buf.position());
              if (got < 0) {
                throw truncated(what, n, buf.position());
              }
            }
          } catch (IOException e) {
            throw new StoreException("cannot read .npy " + what + ": " + e.getMessage(), e);
          }
          position[0] += n;
          return buf.array();
        });
  }

  /**
   * Reads a header from a buffer, starting at its position and advancing the position to the first
   * data byte. {@link #dataOffset()} is relative to the starting position.
   *
   * @param buffer the bytes of the file (or at least of its header)
   * @return the header
   * @throws NpyFormatException if the bytes are not a valid {@code .npy} header
   */
  public static NpyHeader read(ByteBuffer buffer) {
    Objects.requireNonNull(buffer, "buffer");
    return read(
        (n, what) -> {
          if (buffer.remaining() < n) {
            throw truncated(what, n, buffer.remaining());
          }
          byte[] b = new byte[n];
          buffer.get(b);
          return b;
        });
  }

  private interface Source {
    byte[] read(int n, String what);
  }

  private static NpyFormatException truncated(String what, int wanted, int got) {
    return new NpyFormatException(
        "truncated .npy file: the "
            + what
            + " needs "
            + wanted
            + " bytes but only "
            + got
            + (got == 1 ? " was" : " were")
            + " left");
  }

  private static NpyHeader read(Source source) {
    byte[] prefix = source.read(MAGIC.length + 2, "magic string and version");
    for (int i = 0; i < MAGIC.length; i++) {
      if (prefix[i] != MAGIC[i]) {
        throw new NpyFormatException(
            "not a .npy file: it should start with the magic string \\x93NUMPY but starts with "
                + escapeBytes(Arrays.copyOf(prefix, MAGIC.length)));
      }
    }
    int major = prefix[6] & 0xff;
    int minor = prefix[7] & 0xff;
    if (minor != 0 || major < 1 || major > 3) {
      throw new NpyFormatException(
          "unsupported .npy format version "
              + major
              + "."
              + minor
              + " (versions 1.0, 2.0 and 3.0 are supported)");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] lb = source.read(lengthBytes, "header length");
    long length = 0;
    for (int i = lengthBytes - 1; i >= 0; i--) {
      length = (length << 8) | (lb[i] & 0xff);
    }
    if (length > MAX_HEADER_LENGTH) {
      throw new NpyFormatException(
          "the .npy header is "
              + length
              + " bytes long, more than the "
              + MAX_HEADER_LENGTH
              + " accepted");
    }
    byte[] hb = source.read((int) length, "header");
    String text;
    if (major < 3) {
      text = new String(hb, StandardCharsets.ISO_8859_1);
    } else {
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(hb))
                .toString();
      } catch (CharacterCodingException e) {
        throw new NpyFormatException("the .npy format 3.0 header is not valid UTF-8", e);
      }
    }
    long dataOffset = MAGIC.length + 2 + lengthBytes + length;
    return fromDict(NpyLiteral.parse(text, major < 3), text, major, dataOffset);
  }

  private static NpyHeader fromDict(Object parsed, String text, int version, long dataOffset) {
    if (!(parsed instanceof Map)) {
      throw new NpyFormatException(
          "the .npy header is not a dictionary: " + NpyLiteral.excerpt(text));
    }
    Map<?, ?> dict = (Map<?, ?>) parsed;
    if (!dict.keySet().equals(KEYS)) {
      Set<String> found = new TreeSet<>();
      for (Object k : dict.keySet()) {
        found.add(pyRepr(k));
      }
      throw new NpyFormatException(
          "the .npy header must have exactly the keys 'descr', 'fortran_order' and 'shape', but"
              + " has "
              + found
              + ": "
              + NpyLiteral.excerpt(text));
    }
    Object order = dict.get("fortran_order");
    if (!(order instanceof Boolean)) {
      throw new NpyFormatException(
          "the .npy header's fortran_order is not True or False: " + pyRepr(order));
    }
    long[] shape = shapeFromPython(dict.get("shape"));
    Object descr;
    try {
      descr = normalizeDescr(descrFromPython(dict.get("descr")), 0);
    } catch (NpyFormatException e) {
      throw new NpyFormatException(
          "the .npy header's descr is not a valid dtype description ("
              + e.getMessage()
              + "): "
              + pyRepr(dict.get("descr")),
          e);
    }
    return new NpyHeader(descr, (Boolean) order, shape, version, dataOffset);
  }

  private static long[] shapeFromPython(Object value) {
    if (!(value instanceof NpyLiteral.Tuple)) {
      throw new NpyFormatException(
          "the .npy header's shape is not a tuple of integers: " + pyRepr(value));
    }
    List<Object> items = ((NpyLiteral.Tuple) value).items();
    long[] shape = new long[items.size()];
    for (int i = 0; i < shape.length; i++) {
      Object item = items.get(i);
      if (!(item instanceof BigInteger)) {
        throw new NpyFormatException(
            "the .npy header's shape is not a tuple of integers: " + pyRepr(value));
      }
      BigInteger b = (BigInteger) item;
      if (b.signum() < 0) {
        throw new NpyFormatException(
            "the .npy header's shape "
                + pyRepr(value)
                + " has a negative dimension "
                + b
                + " at axis "
                + i);
      }
      if (b.bitLength() > 63) {
        throw new NpyFormatException(
            "the .npy header's shape "
                + pyRepr(value)
                + " has a dimension "
                + b
                + " larger than "
                + Long.MAX_VALUE
                + " at axis "
                + i);
      }
      shape[i] = b.longValue();
    }
    return shape;
  }

  private static Object descrFromPython(Object value) {
    if (value instanceof String) {
      return value;
    }
    if (value instanceof List) {
      List<Object> fields = new ArrayList<>();
      for (Object f : (List<?>) value) {
        List<?> items = sequence(f);
        if (items == null || items.size() < 2 || items.size() > 3) {
          throw new NpyFormatException(
              "a field must be a (name, descr) or (name, descr, shape) tuple, not " + pyRepr(f));
        }
        List<Object> field = new ArrayList<>(3);
        Object name = items.get(0);
        List<?> titled = sequence(name);
        if (titled != null) {
          if (titled.size() != 2) {
            throw new NpyFormatException(
                "a titled field name must be (title, name): " + pyRepr(name));
          }
          field.add(new ArrayList<>(titled));
        } else {
          field.add(name);
        }
        field.add(descrFromPython(items.get(1)));
        if (items.size() == 3) {
          Object shape = items.get(2);
          if (shape instanceof BigInteger) {
            field.add(List.of(shape));
          } else {
            List<?> dims = sequence(shape);
            if (!(shape instanceof NpyLiteral.Tuple) || dims == null) {
              throw new NpyFormatException("a field shape must be a tuple, not " + pyRepr(shape));
            }
            field.add(dims);
          }
        }
        fields.add(field);
      }
      return fields;
    }
    if (value instanceof NpyLiteral.Tuple) {
      throw new NpyFormatException("(base, shape) subarray descriptions are not supported");
    }
    throw new NpyFormatException("expected a string or a list of fields, not " + pyRepr(value));
  }

  private static List<?> sequence(Object o) {
    if (o instanceof NpyLiteral.Tuple) {
      return ((NpyLiteral.Tuple) o).items();
    }
    if (o instanceof List) {
      return (List<?>) o;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Validation of the Java form

  private static Object normalizeDescr(Object descr, int depth) {
    if (depth > NpyLiteral.MAX_DEPTH) {
      throw new NpyFormatException("descr is nested deeper than " + NpyLiteral.MAX_DEPTH);
    }
    if (descr instanceof String) {
      return descr;
    }
    if (!(descr instanceof List)) {
      throw new NpyFormatException(
          "descr must be a String or a List of fields, not "
              + (descr == null ? "null" : descr.getClass().getName() + " " + descr));
    }
    List<Object> fields = new ArrayList<>();
    for (Object f : (List<?>) descr) {
      if (!(f instanceof List) || ((List<?>) f).size() < 2 || ((List<?>) f).size() > 3) {
        throw new NpyFormatException(
            "a descr field must be a List [name, descr] or [name, descr, shape], not " + f);
      }
      List<?> items = (List<?>) f;
      Object name = items.get(0);
      if (name instanceof List) {
        List<?> pair = (List<?>) name;
        if (pair.size() != 2
            || !(pair.get(0) instanceof String)
            || !(pair.get(1) instanceof String)) {
          throw new NpyFormatException(
              "a titled field name must be a List of two Strings [title, name], not " + name);
        }
        name = List.copyOf(pair);
      } else if (!(name instanceof String)) {
        throw new NpyFormatException(
            "a field name must be a String or a List [title, name], not " + name);
      }
      Object sub = normalizeDescr(items.get(1), depth + 1);
      if (items.size() == 2) {
        fields.add(List.of(name, sub));
      } else {
        fields.add(List.of(name, sub, fieldShape(items.get(2))));
      }
    }
    return Collections.unmodifiableList(fields);
  }

  private static List<Long> fieldShape(Object shape) {
    List<?> dims = shape instanceof List ? (List<?>) shape : null;
    if (dims == null) {
      if (shape instanceof Number) {
        dims = List.of(shape);
      } else {
        throw new NpyFormatException("a field shape must be a List of integers, not " + shape);
      }
    }
    Long[] out = new Long[dims.size()];
    for (int i = 0; i < out.length; i++) {
      Object d = dims.get(i);
      long v;
      if (d instanceof Long || d instanceof Integer || d instanceof Short || d instanceof Byte) {
        v = ((Number) d).longValue();
      } else if (d instanceof BigInteger && ((BigInteger) d).bitLength() <= 63) {
        v = ((BigInteger) d).longValue();
      } else {
        throw new NpyFormatException("a field shape must be a List of integers, not " + shape);
      }
      if (v < 0) {
        throw new NpyFormatException("a field shape has a negative dimension: " + shape);
      }
      out[i] = v;
    }
    return List.of(out);
  }

  private static void checkShape(long[] shape) {
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new NpyFormatException(
            "shape "
                + PythonText.tuple(shape)
                + " has a negative dimension "
                + shape[i]
                + " at axis "
                + i);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  private record Encoded(int version, byte[] bytes) {}

  private static Encoded encode(Object descr, boolean fortranOrder, long[] shape) {
    StringBuilder sb = new StringBuilder(dictLiteral(descr, fortranOrder, shape));
    if (shape.length > 0) {
      long growing = shape[fortranOrder ? shape.length - 1 : 0];
      int spaces = GROWTH_AXIS_MAX_DIGITS - Long.toString(growing).length();
      for (int i = 0; i < spaces; i++) {
        sb.append(' ');
      }
    }
    String text = sb.toString();
    boolean latin1 = text.chars().allMatch(c -> c <= 0xff);
    byte[] body = text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    int version;
    if (!latin1) {
      version = 3;
    } else if (paddedLength(body.length, 2) <= 0xffff) {
      version = 1;
    } else {
      version = 2;
    }
    int lengthBytes = version == 1 ? 2 : 4;
    long padded = paddedLength(body.length, lengthBytes);
    int prefix = MAGIC.length + 2 + lengthBytes;
    long total = prefix + padded;
    if (total > Integer.MAX_VALUE - 8) {
      throw new NpyFormatException("the .npy header would be too long: " + total + " bytes");
    }
    byte[] out = new byte[(int) total];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = (byte) version;
    out[7] = 0;
    for (int i = 0; i < lengthBytes; i++) {
      out[8 + i] = (byte) (padded >>> (8 * i));
    }
    System.arraycopy(body, 0, out, prefix, body.length);
    Arrays.fill(out, prefix + body.length, out.length - 1, (byte) ' ');
    out[out.length - 1] = '\n';
    return new Encoded(version, out);
  }

  /** The header length field: text, spaces and newline, so that the data is 64-byte aligned. */
  private static long paddedLength(int textLength, int lengthBytes) {
    long withNewline = textLength + 1L;
    long pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + withNewline) % ALIGN);
    return withNewline + pad;
  }

  private static String dictLiteral(Object descr, boolean fortranOrder, long[] shape) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{'descr': ");
    descrRepr(descr, sb);
    sb.append(", 'fortran_order': ").append(fortranOrder ? "True" : "False");
    sb.append(", 'shape': ").append(PythonText.tuple(shape)).append(", }");
    return sb.toString();
  }

  private static void descrRepr(Object descr, StringBuilder sb) {
    if (descr instanceof String) {
      sb.append(NpyLiteral.repr((String) descr));
      return;
    }
    sb.append('[');
    boolean first = true;
    for (Object f : (List<?>) descr) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      List<?> field = (List<?>) f;
      sb.append('(');
      Object name = field.get(0);
      if (name instanceof List) {
        List<?> pair = (List<?>) name;
        sb.append('(')
            .append(NpyLiteral.repr((String) pair.get(0)))
            .append(", ")
            .append(NpyLiteral.repr((String) pair.get(1)))
            .append(')');
      } else {
        sb.append(NpyLiteral.repr((String) name));
      }
      sb.append(", ");
      descrRepr(field.get(1), sb);
      if (field.size() == 3) {
        List<?> dims = (List<?>) field.get(2);
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = (Long) dims.get(i);
        }
        sb.append(", ").append(PythonText.tuple(d));
      }
      sb.append(')');
    }
    sb.append(']');
  }

  /** Python's repr of a parsed literal, for error messages. */
  private static String pyRepr(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof String) {
      return NpyLiteral.repr((String) o);
    }
    if (o instanceof Boolean) {
      return ((Boolean) o) ? "True" : "False";
    }
    if (o instanceof Double) {
      return PythonFloat.repr((Double) o);
    }
    if (o instanceof NpyLiteral.Tuple) {
      List<Object> items = ((NpyLiteral.Tuple) o).items();
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(pyRepr(items.get(i)));
      }
      return sb.append(items.size() == 1 ? ",)" : ")").toString();
    }
    if (o instanceof List) {
      StringBuilder sb = new StringBuilder("[");
      List<?> items = (List<?>) o;
      for (int i = 0; i < items.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(pyRepr(items.get(i)));
      }
      return sb.append(']').toString();
    }
    if (o instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        sb.append(first ? "" : ", ")
            .append(pyRepr(e.getKey()))
            .append(": ")
            .append(pyRepr(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    return String.valueOf(o);
  }

  private static String escapeBytes(byte[] b) {
    StringBuilder sb = new StringBuilder("b'");
    for (byte x : b) {
      int c = x & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append('\'').toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Value semantics for the array component

  /** Headers are equal when all components are, comparing shapes element by element. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NpyHeader)) {
      return false;
    }
    NpyHeader h = (NpyHeader) o;
    return fortranOrder == h.fortranOrder
        && version == h.version
        && dataOffset == h.dataOffset
        && descr.equals(h.descr)
        && Arrays.equals(shape, h.shape);
  }

  /**
   * @return a hash over all components, the shape by content
   */
  @Override
  public int hashCode() {
    return Objects.hash(descr, fortranOrder, Arrays.hashCode(shape), version, dataOffset);
  }

  /**
   * @return the components, with the descr and shape in Python notation
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("NpyHeader[descr=");
    descrRepr(descr, sb);
    return sb.append(", fortranOrder=")
        .append(fortranOrder)
        .append(", shape=")
        .append(PythonText.tuple(shape))
        .append(", version=")
        .append(version)
        .append(", dataOffset=")
        .append(dataOffset)
        .append(']')
        .toString();
  }
}
