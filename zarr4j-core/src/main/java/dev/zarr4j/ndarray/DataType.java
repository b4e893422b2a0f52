package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.io.Serializable;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of an array's elements, mirroring NumPy's dtype as Zarr v2 records it: a kind, an item
 * size, a byte order, a datetime unit, or named fields for structured (record) types.
 *
 * <p>Parse one with {@link #parse(String)} (any spelling NumPy accepts for the supported kinds:
 * {@code "<i4"}, {@code "i4"}, {@code "int32"}, {@code ">f8"}, {@code "bool"}, {@code "S10"},
 * {@code "<U5"}, {@code "M8[ns]"}, {@code "datetime64[D]"}, {@code "complex64"}, {@code "|V8"},
 * {@code "object"}) or from {@code .zarray}'s JSON with {@link #fromJson(Object)}; print it with
 * {@link #toJson()} (the {@code .zarray} form) or {@link #toString()} (NumPy's {@code str(dtype)}).
 *
 * <p>Instances are immutable and compare by value.
 */
public final class DataType implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The family of a data type, named by NumPy's one-letter kind code. */
  public enum Kind {
    /** {@code b}: boolean, one byte 0 or 1. */
    BOOL('b'),
    /** {@code i}: signed integer of 1, 2, 4 or 8 bytes. */
    INT('i'),
    /** {@code u}: unsigned integer of 1, 2, 4 or 8 bytes. */
    UINT('u'),
    /** {@code f}: IEEE float of 2, 4 or 8 bytes. */
    FLOAT('f'),
    /**
     * {@code c}: complex of two floats, 8 or 16 bytes; in Zarr v3 also 4 ({@code complex_float16},
     * {@code complex_bfloat16}) or 2 ({@code complex_float8_*}, ...).
     */
    COMPLEX('c'),
    /** {@code S}: fixed-length byte string, NUL-padded. */
    BYTES('S'),
    /** {@code U}: fixed-length unicode string, UTF-32 code points, NUL-padded. */
    UNICODE('U'),
    /** {@code M}: datetime64, 8-byte count of units since the epoch. */
    DATETIME('M'),
    /** {@code m}: timedelta64, 8-byte count of units. */
    TIMEDELTA('m'),
    /** {@code V}: raw bytes, or a structured record when it has fields. */
    VOID('V'),
    /** {@code O}: arbitrary objects, encoded by an object codec. */
    OBJECT('O');

    private final char code;

    Kind(char code) {
      this.code = code;
    }

    /** NumPy's one-letter kind code. */
    public char code() {
      return code;
    }
  }

  /** How the elements of this type are held in a Java array by {@link NdArray}. */
  public enum Storage {
    /** {@code boolean[]}. */
    BOOLEAN(1),
    /**
     * {@code byte[]}, one element per entry (int8, uint8; int2, int4, uint2, uint4 as the value;
     * float8, float6, float4 as raw bits; their complex types as interleaved pairs).
     */
    BYTE(1),
    /**
     * {@code short[]} (int16, uint16, float16 and bfloat16 as raw bits; complex_float16 and
     * complex_bfloat16 as interleaved pairs).
     */
    SHORT(2),
    /** {@code int[]} (int32, uint32). */
    INT(4),
    /** {@code long[]} (int64, uint64, datetime64, timedelta64). */
    LONG(8),
    /** {@code float[]} (float32; complex64 as interleaved pairs). */
    FLOAT(4),
    /** {@code double[]} (float64; complex128 as interleaved pairs). */
    DOUBLE(8),
    /** {@code byte[]} with {@link DataType#itemSize()} bytes per element (S, U, V, records). */
    FIXED_BYTES(1),
    /** {@code Object[]} (object dtype). */
    OBJECT(0);

    private final int slotBytes;

    Storage(int slotBytes) {
      this.slotBytes = slotBytes;
    }

    /** Bytes one slot of the Java array occupies when encoded (0 for objects). */
    public int slotBytes() {
      return slotBytes;
    }

    /** The Java array class holding elements of this kind: {@code float[].class}, ... */
    public Class<?> arrayClass() {
      return NdArray.storageClass(this);
    }
  }

  /**
   * One named field of a structured type.
   *
   * @param name field name
   * @param type the field's element type
   * @param shape sub-array shape ({@code []} for a scalar field)
   * @param offset byte offset of the field inside a record
   */
  public record Field(String name, DataType type, List<Integer> shape, int offset)
      implements Serializable {
    /** Copies the shape defensively. */
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      shape = List.copyOf(shape);
    }

    /** Size in bytes of this field in a record (item size times sub-array element count). */
    public int byteSize() {
      int n = type.itemSize();
      for (int s : shape) {
        n *= s;
      }
      return n;
    }
  }

  private static final Pattern TYPESTR =
      Pattern.compile("^([<>|=]?)([biufcSUMmVO?])(\\d*)(?:\\[(\\d*)([A-Za-z]+)\\])?$");
  private static final Pattern UNIT = Pattern.compile("^(\\d*)([A-Za-z]+)$");
  private static final List<String> DATETIME_UNITS =
      List.of("Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as");

  private final Kind kind;
  private final int itemSize;
  private final char order; // '<', '>' or '|' (byte order does not apply)
  private final String unit; // datetime unit incl. multiplier, e.g. "ns", "10s"; null otherwise
  private final List<Field> fields; // empty unless structured
  private final MiniFloat miniFloat; // the small float format, or null
  private final int intBits; // 2 or 4 for int2, int4, uint2, uint4; else 0

  private DataType(Kind kind, int itemSize, ByteOrder byteOrder, String unit, List<Field> fields) {
    this(kind, itemSize, byteOrder, unit, fields, null, 0);
  }

  private DataType(
      Kind kind,
      int itemSize,
      ByteOrder byteOrder,
      String unit,
      List<Field> fields,
      MiniFloat miniFloat,
      int intBits) {
    this.kind = kind;
    this.itemSize = itemSize;
    this.order = byteOrder == null ? '|' : ByteOrder.BIG_ENDIAN.equals(byteOrder) ? '>' : '<';
    this.unit = unit;
    this.fields = fields;
    this.miniFloat = miniFloat;
    this.intBits = intBits;
  }

  // ---------------------------------------------------------------- common constants

  /** {@code |b1}. */
  public static final DataType BOOL = new DataType(Kind.BOOL, 1, null, null, List.of());

  /** {@code |i1}. */
  public static final DataType INT8 = new DataType(Kind.INT, 1, null, null, List.of());

  /** {@code <i2}. */
  public static final DataType INT16 = numeric(Kind.INT, 2);

  /** {@code <i4}. */
  public static final DataType INT32 = numeric(Kind.INT, 4);

  /** {@code <i8}. */
  public static final DataType INT64 = numeric(Kind.INT, 8);

  /** {@code |u1}. */
  public static final DataType UINT8 = new DataType(Kind.UINT, 1, null, null, List.of());

  /** {@code <u2}. */
  public static final DataType UINT16 = numeric(Kind.UINT, 2);

  /** {@code <u4}. */
  public static final DataType UINT32 = numeric(Kind.UINT, 4);

  /** {@code <u8}. */
  public static final DataType UINT64 = numeric(Kind.UINT, 8);

  /** {@code <f2}. */
  public static final DataType FLOAT16 = numeric(Kind.FLOAT, 2);

  /** {@code <f4}. */
  public static final DataType FLOAT32 = numeric(Kind.FLOAT, 4);

  /** {@code <f8}. */
  public static final DataType FLOAT64 = numeric(Kind.FLOAT, 8);

  /** {@code <c8}. */
  public static final DataType COMPLEX64 = numeric(Kind.COMPLEX, 8);

  /** {@code <c16}. */
  public static final DataType COMPLEX128 = numeric(Kind.COMPLEX, 16);

  /** {@code |O}. */
  public static final DataType OBJECT = new DataType(Kind.OBJECT, 8, null, null, List.of());

  // Zarr v3's small number types (zarr-extensions), which NumPy has no type of its own for

  /** Zarr v3's {@code bfloat16}, held little-endian (the {@code bytes} codec picks the order). */
  public static final DataType BFLOAT16 = miniFloat(MiniFloat.BFLOAT16);

  /** Zarr v3's {@code float8_e3m4}. */
  public static final DataType FLOAT8_E3M4 = miniFloat(MiniFloat.FLOAT8_E3M4);

  /** Zarr v3's {@code float8_e4m3}. */
  public static final DataType FLOAT8_E4M3 = miniFloat(MiniFloat.FLOAT8_E4M3);

  /** Zarr v3's {@code float8_e4m3b11fnuz}. */
  public static final DataType FLOAT8_E4M3B11FNUZ = miniFloat(MiniFloat.FLOAT8_E4M3B11FNUZ);

  /** Zarr v3's {@code float8_e4m3fnuz}. */
  public static final DataType FLOAT8_E4M3FNUZ = miniFloat(MiniFloat.FLOAT8_E4M3FNUZ);

  /** Zarr v3's {@code float8_e5m2}. */
  public static final DataType FLOAT8_E5M2 = miniFloat(MiniFloat.FLOAT8_E5M2);

  /** Zarr v3's {@code float8_e5m2fnuz}. */
  public static final DataType FLOAT8_E5M2FNUZ = miniFloat(MiniFloat.FLOAT8_E5M2FNUZ);

  /** Zarr v3's {@code float8_e8m0fnu}. */
  public static final DataType FLOAT8_E8M0FNU = miniFloat(MiniFloat.FLOAT8_E8M0FNU);

  /** Zarr v3's {@code float6_e2m3fn}, one byte per value (the low 6 bits). */
  public static final DataType FLOAT6_E2M3FN = miniFloat(MiniFloat.FLOAT6_E2M3FN);

  /** Zarr v3's {@code float6_e3m2fn}, one byte per value (the low 6 bits). */
  public static final DataType FLOAT6_E3M2FN = miniFloat(MiniFloat.FLOAT6_E3M2FN);

  /** Zarr v3's {@code float4_e2m1fn}, one byte per value (the low 4 bits). */
  public static final DataType FLOAT4_E2M1FN = miniFloat(MiniFloat.FLOAT4_E2M1FN);

  /** Zarr v3's {@code int2} (-2..1), one byte per value (the low 2 bits). */
  public static final DataType INT2 = new DataType(Kind.INT, 1, null, null, List.of(), null, 2);

  /** Zarr v3's {@code int4} (-8..7), one byte per value (the low 4 bits). */
  public static final DataType INT4 = new DataType(Kind.INT, 1, null, null, List.of(), null, 4);

  /** Zarr v3's {@code uint2} (0..3), one byte per value (the low 2 bits). */
  public static final DataType UINT2 = new DataType(Kind.UINT, 1, null, null, List.of(), null, 2);

  /** Zarr v3's {@code uint4} (0..15), one byte per value (the low 4 bits). */
  public static final DataType UINT4 = new DataType(Kind.UINT, 1, null, null, List.of(), null, 4);

  private static final List<DataType> SMALL_NUMBERS =
      List.of(
          BFLOAT16,
          FLOAT8_E3M4,
          FLOAT8_E4M3,
          FLOAT8_E4M3B11FNUZ,
          FLOAT8_E4M3FNUZ,
          FLOAT8_E5M2,
          FLOAT8_E5M2FNUZ,
          FLOAT8_E8M0FNU,
          FLOAT6_E2M3FN,
          FLOAT6_E3M2FN,
          FLOAT4_E2M1FN,
          INT2,
          INT4,
          UINT2,
          UINT4);

  // The registry's complex types whose parts are small floats (or float16, which NumPy has no
  // complex type of): held as interleaved (real, imaginary) raw bits, like complex64's floats

  /** Zarr v3's {@code complex_float16}: two {@code float16} parts, held little-endian. */
  public static final DataType COMPLEX_FLOAT16 =
      new DataType(Kind.COMPLEX, 4, ByteOrder.LITTLE_ENDIAN, null, List.of(), null, 0);

  /** Zarr v3's {@code complex_bfloat16}: two {@code bfloat16} parts, held little-endian. */
  public static final DataType COMPLEX_BFLOAT16 = complexMiniFloat(MiniFloat.BFLOAT16);

  /** Zarr v3's {@code complex_float8_e3m4}. */
  public static final DataType COMPLEX_FLOAT8_E3M4 = complexMiniFloat(MiniFloat.FLOAT8_E3M4);

  /** Zarr v3's {@code complex_float8_e4m3}. */
  public static final DataType COMPLEX_FLOAT8_E4M3 = complexMiniFloat(MiniFloat.FLOAT8_E4M3);

  /** Zarr v3's {@code complex_float8_e4m3b11fnuz}. */
  public static final DataType COMPLEX_FLOAT8_E4M3B11FNUZ =
      complexMiniFloat(MiniFloat.FLOAT8_E4M3B11FNUZ);

  /** Zarr v3's {@code complex_float8_e4m3fnuz}. */
  public static final DataType COMPLEX_FLOAT8_E4M3FNUZ =
      complexMiniFloat(MiniFloat.FLOAT8_E4M3FNUZ);

  /** Zarr v3's {@code complex_float8_e5m2}. */
  public static final DataType COMPLEX_FLOAT8_E5M2 = complexMiniFloat(MiniFloat.FLOAT8_E5M2);

  /** Zarr v3's {@code complex_float8_e5m2fnuz}. */
  public static final DataType COMPLEX_FLOAT8_E5M2FNUZ =
      complexMiniFloat(MiniFloat.FLOAT8_E5M2FNUZ);

  /** Zarr v3's {@code complex_float8_e8m0fnu}. */
  public static final DataType COMPLEX_FLOAT8_E8M0FNU = complexMiniFloat(MiniFloat.FLOAT8_E8M0FNU);

  /** Zarr v3's {@code complex_float6_e2m3fn}, one byte per part (the low 6 bits). */
  public static final DataType COMPLEX_FLOAT6_E2M3FN = complexMiniFloat(MiniFloat.FLOAT6_E2M3FN);

  /** Zarr v3's {@code complex_float6_e3m2fn}, one byte per part (the low 6 bits). */
  public static final DataType COMPLEX_FLOAT6_E3M2FN = complexMiniFloat(MiniFloat.FLOAT6_E3M2FN);

  /** Zarr v3's {@code complex_float4_e2m1fn}, one byte per part (the low 4 bits). */
  public static final DataType COMPLEX_FLOAT4_E2M1FN = complexMiniFloat(MiniFloat.FLOAT4_E2M1FN);

  private static final List<DataType> COMPLEX_SMALL_FLOATS =
      List.of(
          COMPLEX_FLOAT16,
          COMPLEX_BFLOAT16,
          COMPLEX_FLOAT8_E3M4,
          COMPLEX_FLOAT8_E4M3,
          COMPLEX_FLOAT8_E4M3B11FNUZ,
          COMPLEX_FLOAT8_E4M3FNUZ,
          COMPLEX_FLOAT8_E5M2,
          COMPLEX_FLOAT8_E5M2FNUZ,
          COMPLEX_FLOAT8_E8M0FNU,
          COMPLEX_FLOAT6_E2M3FN,
          COMPLEX_FLOAT6_E3M2FN,
          COMPLEX_FLOAT4_E2M1FN);

  private static DataType complexMiniFloat(MiniFloat f) {
    return f.bits() > 8
        ? new DataType(Kind.COMPLEX, 4, ByteOrder.LITTLE_ENDIAN, null, List.of(), f, 0)
        : new DataType(Kind.COMPLEX, 2, null, null, List.of(), f, 0);
  }

  /**
   * Zarr v3's complex types whose parts NumPy has no complex type for: {@link #COMPLEX_FLOAT16},
   * {@link #COMPLEX_BFLOAT16} and the {@code complex_float8}, {@code complex_float6} and {@code
   * complex_float4} formats. Their values are {@link Complex}; each part is converted as the part's
   * type ({@link #componentType()}) converts a {@code Double}.
   */
  public static List<DataType> complexSmallFloatTypes() {
    return COMPLEX_SMALL_FLOATS;
  }

  /**
   * The type of each of the two parts of a complex type ({@code float32} for {@code complex64},
   * {@code bfloat16} for {@code complex_bfloat16}, ...), in this type's byte order; {@code null}
   * for every other kind.
   */
  public DataType componentType() {
    if (kind != Kind.COMPLEX) {
      return null;
    }
    if (miniFloat != null) {
      DataType part = miniFloat(miniFloat);
      return byteOrder() == null ? part : part.withByteOrder(byteOrder());
    }
    int size = itemSize / 2;
    return new DataType(Kind.FLOAT, size, byteOrder(), null, List.of());
  }

  private static DataType miniFloat(MiniFloat f) {
    return f.bits() > 8
        ? new DataType(Kind.FLOAT, 2, ByteOrder.LITTLE_ENDIAN, null, List.of(), f, 0)
        : new DataType(Kind.FLOAT, 1, null, null, List.of(), f, 0);
  }

  /**
   * Zarr v3's small number types, which NumPy has no type of its own for: {@link #BFLOAT16}, the
   * {@code float8}, {@code float6} and {@code float4} formats, {@link #INT2}, {@link #INT4}, {@link
   * #UINT2}, {@link #UINT4}.
   */
  public static List<DataType> smallNumberTypes() {
    return SMALL_NUMBERS;
  }

  private static DataType numeric(Kind kind, int size) {
    return new DataType(kind, size, ByteOrder.LITTLE_ENDIAN, null, List.of());
  }

  // ---------------------------------------------------------------- factories

  /** Fixed-length byte strings of {@code length} bytes ({@code |S<length>}). */
  public static DataType bytes(int length) {
    requirePositive(length, "S");
    return new DataType(Kind.BYTES, length, null, null, List.of());
  }

  /**
   * Fixed-length little-endian unicode strings of {@code length} code points ({@code <U<length>}).
   */
  public static DataType unicode(int length) {
    return unicode(length, ByteOrder.LITTLE_ENDIAN);
  }

  /** Fixed-length unicode strings of {@code length} code points in the given byte order. */
  public static DataType unicode(int length, ByteOrder order) {
    requirePositive(length, "U");
    if (length > Integer.MAX_VALUE / 4) {
      throw new InvalidArrayException("unicode length " + length + " is too large");
    }
    return new DataType(Kind.UNICODE, length * 4, Objects.requireNonNull(order), null, List.of());
  }

  /** Raw bytes of {@code size} bytes ({@code |V<size>}). */
  public static DataType rawBytes(int size) {
    requirePositive(size, "V");
    return new DataType(Kind.VOID, size, null, null, List.of());
  }

  /**
   * Little-endian {@code datetime64} with a unit such as {@code "ns"}, {@code "D"} or {@code
   * "10s"}.
   */
  public static DataType datetime(String unit) {
    return new DataType(Kind.DATETIME, 8, ByteOrder.LITTLE_ENDIAN, checkUnit(unit), List.of());
  }

  /** Little-endian {@code timedelta64} with a unit. */
  public static DataType timedelta(String unit) {
    return new DataType(Kind.TIMEDELTA, 8, ByteOrder.LITTLE_ENDIAN, checkUnit(unit), List.of());
  }

  /**
   * A structured (record) type whose fields are packed in order without padding, as NumPy builds
   * one from a list of {@code (name, type[, shape])} tuples.
   *
   * @param fields name, type and sub-array shape of each field; offsets are ignored and recomputed
   */
  public static DataType structured(List<Field> fields) {
    if (fields.isEmpty()) {
      throw new InvalidArrayException("a structured data type needs at least one field");
    }
    List<Field> placed = new ArrayList<>(fields.size());
    int offset = 0;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Field f : fields) {
      if (!names.add(f.name())) {
        throw new InvalidArrayException(
            "structured data type has duplicate field '" + f.name() + "'");
      }
      if (f.type().kind == Kind.OBJECT) {
        throw new InvalidArrayException(
            "structured field '" + f.name() + "' may not have object type");
      }
      for (int s : f.shape()) {
        if (s < 0) {
          throw new InvalidArrayException(
              "structured field '" + f.name() + "' has negative shape " + f.shape());
        }
      }
      Field p = new Field(f.name(), f.type(), f.shape(), offset);
      placed.add(p);
      long next = (long) offset + p.byteSize();
      if (next > Integer.MAX_VALUE) {
        throw new InvalidArrayException("structured data type is larger than 2 GiB");
      }
      offset = (int) next;
    }
    return new DataType(Kind.VOID, offset, null, null, Collections.unmodifiableList(placed));
  }

  /**
   * The same type with the given byte order (a no-op for types where byte order does not apply).
   */
  public DataType withByteOrder(ByteOrder newOrder) {
    if (order == '|' || byteOrder().equals(newOrder)) {
      return this;
    }
    return new DataType(kind, itemSize, newOrder, unit, fields, miniFloat, intBits);
  }

  // ---------------------------------------------------------------- parsing

  /**
   * Parses a NumPy dtype spelling: a type string ({@code "<i4"}, {@code "|S5"}, {@code "M8[ns]"},
   * with or without byte-order character; no character means little-endian), a type name ({@code
   * "int32"}, {@code "float64"}, {@code "bool"}, {@code "complex128"}, {@code "datetime64[ms]"},
   * {@code "object"}, {@code "str"} is not accepted), or the JSON list form of a structured type.
   *
   * @throws InvalidArrayException naming the text if it is not a supported data type
   */
  public static DataType parse(String text) {
    if (text == null) {
      throw new InvalidArrayException("data type must not be null");
    }
    String t = text.strip();
    if (t.startsWith("[")) {
      Object json;
      try {
        json = new com.fasterxml.jackson.databind.ObjectMapper().readValue(t, Object.class);
      } catch (java.io.IOException e) {
        throw new InvalidArrayException("invalid structured data type JSON '" + text + "'", e);
      }
      return fromJson(json);
    }
    DataType named = fromName(t);
    if (named != null) {
      return named;
    }
    return parseTypestr(t, text);
  }

  /**
   * Builds the data type a {@code .zarray} {@code dtype} value describes: a type string or, for
   * structured types, a list of {@code [name, type]} or {@code [name, type, shape]} lists.
   *
   * @throws InvalidArrayException naming the value if it is not a supported data type
   */
  public static DataType fromJson(Object json) {
    if (json instanceof String s) {
      return parseTypestr(s.strip(), s);
    }
    if (json instanceof List<?> list) {
      List<Field> fields = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof List<?> tuple) || tuple.size() < 2 || tuple.size() > 3) {
          throw new InvalidArrayException(
              "structured data type field must be [name, type] or [name, type, shape], got "
                  + item);
        }
        if (!(tuple.get(0) instanceof String name)) {
          throw new InvalidArrayException("structured field name must be a string, got " + tuple);
        }
        DataType type = fromJson(tuple.get(1));
        List<Integer> shape = List.of();
        if (tuple.size() == 3) {
          if (!(tuple.get(2) instanceof List<?> dims)) {
            throw new InvalidArrayException(
                "structured field '" + name + "' shape must be a list, got " + tuple.get(2));
          }
          List<Integer> s = new ArrayList<>();
          for (Object d : dims) {
            if (!(d instanceof Number n)
                || n.longValue() < 0
                || n.longValue() > Integer.MAX_VALUE) {
              throw new InvalidArrayException(
                  "structured field '" + name + "' has invalid shape " + dims);
            }
            s.add(n.intValue());
          }
          shape = s;
        }
        fields.add(new Field(name, type, shape, 0));
      }
      return structured(fields);
    }
    throw new InvalidArrayException("data type must be a string or a list of fields, got " + json);
  }

  private static DataType fromName(String name) {
    switch (name) {
      case "bool":
      case "bool_":
      case "?":
        return BOOL;
      case "int8":
        return INT8;
      case "int16":
        return INT16;
      case "int32":
        return INT32;
      case "int64":
      case "int":
        return INT64;
      case "uint8":
        return UINT8;
      case "uint16":
        return UINT16;
      case "uint32":
        return UINT32;
      case "uint64":
        return UINT64;
      case "float16":
      case "half":
        return FLOAT16;
      case "float32":
      case "single":
        return FLOAT32;
      case "float64":
      case "float":
      case "double":
        return FLOAT64;
      case "complex64":
        return COMPLEX64;
      case "complex128":
      case "complex":
        return COMPLEX128;
      case "object":
      case "O":
      case "|O":
        return OBJECT;
      default:
        break;
    }
    for (DataType t : SMALL_NUMBERS) {
      if (t.toString().equals(name)) {
        return t;
      }
    }
    for (DataType t : COMPLEX_SMALL_FLOATS) {
      if (t.toString().equals(name)) {
        return t;
      }
    }
    if (name.equals(">bfloat16") || name.equals("<bfloat16")) {
      return BFLOAT16.withByteOrder(
          name.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }
    for (DataType t : List.of(COMPLEX_FLOAT16, COMPLEX_BFLOAT16)) {
      if (name.equals(">" + t) || name.equals("<" + t)) {
        return t.withByteOrder(
            name.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      }
    }
    Matcher m = Pattern.compile("^(datetime64|timedelta64)\\[(\\d*[A-Za-z]+)\\]$").matcher(name);
    if (m.matches()) {
      return m.group(1).equals("datetime64") ? datetime(m.group(2)) : timedelta(m.group(2));
    }
    return null;
  }

  private static DataType parseTypestr(String t, String original) {
    Matcher m = TYPESTR.matcher(t);
    if (!m.matches()) {
      throw new InvalidArrayException("unsupported data type '" + original + "'");
    }
    char orderChar = m.group(1).isEmpty() ? '=' : m.group(1).charAt(0);
    char code = m.group(2).charAt(0);
    String sizeText = m.group(3);
    String unitMult = m.group(4);
    String unitName = m.group(5);
    ByteOrder order = (orderChar == '>') ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    int size;
    try {
      size = sizeText.isEmpty() ? -1 : Integer.parseInt(sizeText);
    } catch (NumberFormatException e) {
      throw new InvalidArrayException("data type '" + original + "' has an invalid size");
    }
    if (unitName != null && code != 'M' && code != 'm') {
      throw new InvalidArrayException(
          "data type '" + original + "': only datetime64 (M8) and timedelta64 (m8) take a unit");
    }
    DataType result;
    switch (code) {
      case 'b':
      case '?':
        if (size != -1 && size != 1) {
          throw invalidSize(original);
        }
        result = BOOL;
        break;
      case 'i':
      case 'u':
        {
          Kind k = code == 'i' ? Kind.INT : Kind.UINT;
          if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw invalidSize(original);
          }
          result =
              size == 1
                  ? (k == Kind.INT ? INT8 : UINT8)
                  : new DataType(k, size, order, null, List.of());
          break;
        }
      case 'f':
        if (size != 2 && size != 4 && size != 8) {
          throw invalidSize(original);
        }
        result = new DataType(Kind.FLOAT, size, order, null, List.of());
        break;
      case 'c':
        if (size != 8 && size != 16) {
          throw invalidSize(original);
        }
        result = new DataType(Kind.COMPLEX, size, order, null, List.of());
        break;
      case 'S':
        if (size <= 0) {
          throw new InvalidArrayException(
              "data type '" + original + "': byte strings need a positive length, e.g. S10");
        }
        result = bytes(size);
        break;
      case 'U':
        if (size <= 0) {
          throw new InvalidArrayException(
              "data type '" + original + "': unicode strings need a positive length, e.g. U10");
        }
        result = unicode(size, order);
        break;
      case 'V':
        if (size <= 0) {
          throw new InvalidArrayException(
              "data type '" + original + "': raw bytes need a positive size, e.g. V8");
        }
        result = rawBytes(size);
        break;
      case 'M':
      case 'm':
        if (size != -1 && size != 8) {
          throw invalidSize(original);
        }
        if (unitName == null) {
          throw new InvalidArrayException(
              "data type '"
                  + original
                  + "': datetime64 and timedelta64 need a unit, e.g. M8[ns] or m8[D]");
        }
        String unitText = (unitMult == null ? "" : unitMult) + unitName;
        String unit;
        try {
          unit = checkUnit(unitText);
        } catch (InvalidArrayException e) {
          throw new InvalidArrayException("data type '" + original + "': " + e.getMessage());
        }
        result =
            new DataType(code == 'M' ? Kind.DATETIME : Kind.TIMEDELTA, 8, order, unit, List.of());
        break;
      case 'O':
        if (size != -1 && size != 8) {
          throw invalidSize(original);
        }
        result = OBJECT;
        break;
      default:
        throw new InvalidArrayException("unsupported data type '" + original + "'");
    }
    return result;
  }

  private static InvalidArrayException invalidSize(String original) {
    return new InvalidArrayException("data type '" + original + "' has an unsupported item size");
  }

  private static String checkUnit(String unit) {
    Matcher m = UNIT.matcher(unit == null ? "" : unit);
    if (!m.matches() || !DATETIME_UNITS.contains(m.group(2))) {
      throw new InvalidArrayException(
          "unknown datetime unit '" + unit + "' (expected one of " + DATETIME_UNITS + ")");
    }
    if (!m.group(1).isEmpty()) {
      long mult = Long.parseLong(m.group(1));
      if (mult <= 0 || mult > Integer.MAX_VALUE) {
        throw new InvalidArrayException("invalid datetime unit multiplier in '" + unit + "'");
      }
      if (mult == 1) {
        return m.group(2);
      }
    }
    return unit;
  }

  private static void requirePositive(int n, String code) {
    if (n <= 0) {
      throw new InvalidArrayException(code + " data types need a positive size, got " + n);
    }
  }

  // ---------------------------------------------------------------- accessors

  /** The kind of this type. */
  public Kind kind() {
    return kind;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /**
   * The byte order of multi-byte elements, or {@code null} when it does not apply (one-byte types,
   * byte strings, raw bytes, records, objects).
   */
  public ByteOrder byteOrder() {
    return order == '|' ? null : order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * The number of bits that hold one value: {@code 8 * itemSize()}, except for the sub-byte types
   * of Zarr v3 ({@code int2}, {@code uint2}: 2; {@code int4}, {@code uint4}, {@code float4_e2m1fn}:
   * 4; {@code float6_*}: 6), which take one byte per value in memory and in the {@code bytes}
   * codec, of which only the low {@code bits()} count.
   */
  public int bits() {
    if (kind == Kind.COMPLEX) {
      return 2 * componentType().bits();
    }
    return miniFloat != null ? miniFloat.bits() : intBits != 0 ? intBits : itemSize * 8;
  }

  /**
   * The small float format of a {@code bfloat16}, {@code float8_*}, {@code float6_*} or {@code
   * float4_*} type or of each part of such a complex type ({@code complex_bfloat16}, {@code
   * complex_float8_*}, ...), or {@code null} for every other type.
   */
  public MiniFloat miniFloat() {
    return miniFloat;
  }

  /**
   * Whether NumPy itself has this type, so that Zarr v2, N5, {@code .npy} files and numcodecs'
   * filters can hold it: every type but Zarr v3's small number types ({@link #smallNumberTypes()})
   * and complex types of small floats ({@link #complexSmallFloatTypes()}).
   */
  public boolean isNumpyType() {
    return miniFloat == null && intBits == 0 && !(kind == Kind.COMPLEX && itemSize == 4);
  }

  /** The datetime unit such as {@code "ns"} or {@code "10s"}, or {@code null} for other kinds. */
  public String unit() {
    return unit;
  }

  /** The fields of a structured type, in order; empty for every other type. */
  public List<Field> fields() {
    return fields;
  }

  /** Whether this is a structured (record) type. */
  public boolean isStructured() {
    return !fields.isEmpty();
  }

  /** Whether this type holds numbers: bool, int, uint, float or complex. */
  public boolean isNumeric() {
    return kind == Kind.BOOL
        || kind == Kind.INT
        || kind == Kind.UINT
        || kind == Kind.FLOAT
        || kind == Kind.COMPLEX;
  }

  /** The Java array kind {@link NdArray} uses for elements of this type. */
  public Storage storage() {
    switch (kind) {
      case BOOL:
        return Storage.BOOLEAN;
      case INT:
      case UINT:
        switch (itemSize) {
          case 1:
            return Storage.BYTE;
          case 2:
            return Storage.SHORT;
          case 4:
            return Storage.INT;
          default:
            return Storage.LONG;
        }
      case FLOAT:
        if (itemSize == 1) {
          return Storage.BYTE; // float8, float6, float4: the bit pattern
        }
        return itemSize == 2 ? Storage.SHORT : itemSize == 4 ? Storage.FLOAT : Storage.DOUBLE;
      case COMPLEX: // two parts: float8/6/4 bits, float16/bfloat16 bits, float32, float64
        return itemSize == 2
            ? Storage.BYTE
            : itemSize == 4 ? Storage.SHORT : itemSize == 8 ? Storage.FLOAT : Storage.DOUBLE;
      case DATETIME:
      case TIMEDELTA:
        return Storage.LONG;
      case OBJECT:
        return Storage.OBJECT;
      default:
        return Storage.FIXED_BYTES;
    }
  }

  /**
   * How many slots of the storage array one element takes: 2 for complex, the item size for fixed
   * bytes, else 1.
   */
  public int slotsPerElement() {
    switch (storage()) {
      case FIXED_BYTES:
        return itemSize;
      default:
        return kind == Kind.COMPLEX ? 2 : 1;
    }
  }

  /** The byte-order character of the type string: {@code <}, {@code >} or {@code |}. */
  public char byteOrderChar() {
    return order;
  }

  /**
   * NumPy's type string ({@code dtype.str}): {@code "<i4"}, {@code "|b1"}, {@code "<U5"}, {@code
   * ">M8[ns]"}. For structured types this is {@code "|V<size>"}; use {@link #toJson()} for their
   * full description. A type NumPy does not have ({@link #isNumpyType()}) gives its Zarr v3 name
   * ({@code "bfloat16"}).
   */
  public String typestr() {
    if (!isNumpyType()) {
      return toString();
    }
    int size = kind == Kind.UNICODE ? itemSize / 4 : itemSize;
    StringBuilder sb = new StringBuilder();
    sb.append(byteOrderChar()).append(kind.code());
    if (kind != Kind.OBJECT) {
      sb.append(size);
    }
    if (unit != null) {
      sb.append('[').append(unit).append(']');
    }
    return sb.toString();
  }

  /**
   * The value {@code .zarray} stores for this type: the type string, or for structured types a list
   * of {@code [name, type]} / {@code [name, type, shape]} lists.
   *
   * @throws dev.zarr4j.exceptions.UnsupportedByFormatException naming the type if NumPy (and so
   *     Zarr v2) has no spelling for it ({@link #isNumpyType()})
   */
  public Object toJson() {
    if (!isNumpyType()) {
      throw new dev.zarr4j.exceptions.UnsupportedByFormatException(
          "Zarr v2 and NumPy have no data type for "
              + this
              + ", a Zarr v3 data type (use format zarr-v3)");
    }
    if (!isStructured()) {
      return typestr();
    }
    List<Object> out = new ArrayList<>(fields.size());
    for (Field f : fields) {
      List<Object> tuple = new ArrayList<>(3);
      tuple.add(f.name());
      tuple.add(f.type().toJson());
      if (!f.shape().isEmpty()) {
        tuple.add(new ArrayList<Object>(f.shape()));
      }
      out.add(tuple);
    }
    return out;
  }

  /**
   * NumPy's {@code str(dtype)}: the type name for native (little-endian) numbers ({@code int32},
   * {@code float64}, {@code bool}, {@code datetime64[ns]}), the type string otherwise ({@code >i4},
   * {@code <U5}, {@code |S3}), {@code object}, and the field list for records ({@code [('a',
   * '<i4'), ('b', '<f8', (2,))]}).
   */
  @Override
  public String toString() {
    if (isStructured()) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        if (i > 0) {
          sb.append(", ");
        }
        sb.append("('").append(f.name()).append("', ");
        if (f.type().isStructured()) {
          sb.append(f.type());
        } else {
          sb.append('\'').append(f.type().typestr()).append('\'');
        }
        if (!f.shape().isEmpty()) {
          sb.append(", (");
          for (int j = 0; j < f.shape().size(); j++) {
            if (j > 0) {
              sb.append(", ");
            }
            sb.append(f.shape().get(j));
          }
          if (f.shape().size() == 1) {
            sb.append(',');
          }
          sb.append(')');
        }
        sb.append(')');
      }
      return sb.append(']').toString();
    }
    boolean nativeOrder = order != '>';
    if (kind == Kind.COMPLEX && itemSize <= 4) {
      String name = "complex_" + (miniFloat != null ? miniFloat.zarrName() : "float16");
      return nativeOrder ? name : ">" + name;
    }
    if (miniFloat != null) {
      return nativeOrder ? miniFloat.zarrName() : ">" + miniFloat.zarrName();
    }
    if (intBits != 0) {
      return (kind == Kind.INT ? "int" : "uint") + intBits;
    }
    switch (kind) {
      case BOOL:
        return "bool";
      case INT:
      case UINT:
      case FLOAT:
        return nativeOrder
            ? (kind == Kind.INT ? "int" : kind == Kind.UINT ? "uint" : "float") + itemSize * 8
            : typestr();
      case COMPLEX:
        return nativeOrder ? "complex" + itemSize * 8 : typestr();
      case DATETIME:
        return nativeOrder ? "datetime64[" + unit + "]" : typestr();
      case TIMEDELTA:
        return nativeOrder ? "timedelta64[" + unit + "]" : typestr();
      case OBJECT:
        return "object";
      default:
        return typestr();
    }
  }

  /** Number of code points of a unicode type, or bytes of a byte-string type. */
  public int length() {
    return kind == Kind.UNICODE ? itemSize / 4 : itemSize;
  }

  /** Whether element bytes are stored big-endian. */
  public boolean isBigEndian() {
    return order == '>';
  }

  /** Looks up a field of a structured type by name. */
  public Field field(String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new InvalidArrayException(
        "data type " + this + " has no field '" + name + "' (fields: " + fieldNames() + ")");
  }

  private List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      names.add(f.name());
    }
    return names;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DataType d)) {
      return false;
    }
    return kind == d.kind
        && itemSize == d.itemSize
        && order == d.order
        && Objects.equals(unit, d.unit)
        && fields.equals(d.fields)
        && miniFloat == d.miniFloat
        && intBits == d.intBits;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, itemSize, order, unit, fields, miniFloat, intBits);
  }
}
