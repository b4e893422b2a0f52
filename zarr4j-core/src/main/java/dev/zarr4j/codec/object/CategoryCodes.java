package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.Float16;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What both Categorize codecs share: the labels, the code type {@code astype}, the mapping between
 * them as numcodecs computes it, the configuration and the repr.
 *
 * <p>Encoding gives code {@code i + 1} to a value equal to {@code labels[i]} (the last {@code i}
 * when a label repeats) and 0 to anything else, stored in {@code astype} as NumPy stores a Python
 * int there: integers wrap, booleans are {@code True}, floats round. Decoding maps a code equal to
 * {@code i + 1} to {@code labels[i]} and any other code to the empty string.
 */
final class CategoryCodes {
  static final String ID = "categorize";
  static final List<String> KEYS = List.of("labels", "dtype", "astype");

  final DataType dtype;
  final DataType astype;
  final List<String> labels;
  private final Map<String, Integer> codes;
  private final boolean big;

  CategoryCodes(List<String> labels, DataType dtype, DataType astype) {
    this.labels = List.copyOf(labels);
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.astype = Objects.requireNonNull(astype, "astype");
    DataType.Kind k = astype.kind();
    if (k == DataType.Kind.OBJECT) {
      throw new CodecException("codec '" + ID + "': encoding as object array not supported");
    }
    if (k != DataType.Kind.BOOL
        && k != DataType.Kind.INT
        && k != DataType.Kind.UINT
        && k != DataType.Kind.FLOAT) {
      throw new CodecException(
          "codec '"
              + ID
              + "': astype '"
              + astype.typestr()
              + "' is not supported by zarr4j (use a bool, integer or float type)");
    }
    this.big = astype.isBigEndian();
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < this.labels.size(); i++) {
      m.put(this.labels.get(i), i + 1);
    }
    this.codes = m;
  }

  /** Reads a configuration: {@code labels} and {@code dtype} required, {@code astype} '|u1'. */
  static CategoryCodes fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    Object l = ObjectValues.required(ID, config, "labels");
    if (!(l instanceof List<?> list)) {
      throw r.bad("labels", l, "a list of strings");
    }
    List<String> labels = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw r.bad("labels", l, "a list of strings (found " + ObjectValues.describe(o) + ")");
      }
      labels.add(s);
    }
    DataType dtype = ObjectValues.dtype(ID, "dtype", ObjectValues.required(ID, config, "dtype"));
    DataType astype =
        ObjectValues.dtype(
            ID, "astype", config.containsKey("astype") ? config.get("astype") : "u1");
    return new CategoryCodes(labels, dtype, astype);
  }

  /** The code of a value: {@code i + 1} for {@code labels[i]}, 0 for anything else. */
  int code(String value) {
    Integer c = value == null ? null : codes.get(value);
    return c == null ? 0 : c;
  }

  /** Writes {@code code} as an {@code astype} item at {@code at}. */
  void write(byte[] out, int at, int code) {
    int size = astype.itemSize();
    long bits;
    switch (astype.kind()) {
      case BOOL -> bits = code != 0 ? 1 : 0;
      case FLOAT ->
          bits =
              size == 2
                  ? Float16.fromDouble(code) & 0xffffL
                  : size == 4
                      ? Float.floatToRawIntBits(code) & 0xffffffffL
                      : Double.doubleToRawLongBits(code);
      default -> bits = code; // integers wrap to the low bytes, as NumPy 1.x does
    }
    for (int i = 0; i < size; i++) {
      int shift = 8 * (big ? size - 1 - i : i);
      out[at + i] = (byte) (bits >>> shift);
    }
  }

  /** The label of the {@code astype} item at {@code at}, or {@code ""} for any other code. */
  String read(byte[] in, int at) {
    int size = astype.itemSize();
    long bits = 0;
    for (int i = 0; i < size; i++) {
      int shift = 8 * (big ? size - 1 - i : i);
      bits |= (in[at + i] & 0xffL) << shift;
    }
    double value;
    switch (astype.kind()) {
      case BOOL -> value = bits != 0 ? 1 : 0;
      case FLOAT ->
          value =
              size == 2
                  ? Float16.toDouble((short) bits)
                  : size == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
      case INT -> {
        long v = size == 8 ? bits : (bits << (64 - 8 * size)) >> (64 - 8 * size);
        return label(v);
      }
      default -> {
        return bits < 0 ? "" : label(bits); // uint64 above 2^63 is no label's code
      }
    }
    if (value >= 1 && value <= labels.size() && value == Math.rint(value)) {
      return labels.get((int) value - 1);
    }
    return "";
  }

  private String label(long v) {
    return v >= 1 && v <= labels.size() ? labels.get((int) v - 1) : "";
  }

  Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("labels", labels);
    m.put("dtype", dtype.typestr());
    m.put("astype", astype.typestr());
    return Collections.unmodifiableMap(m);
  }

  /**
   * numcodecs' repr: {@code Categorize(dtype='|O', astype='|u1', labels=['a', 'b', 'c', ...])},
   * showing at most three labels.
   */
  String repr() {
    String l = PyRepr.strList(labels.subList(0, Math.min(3, labels.size())));
    if (labels.size() > 3) {
      l = l.substring(0, l.length() - 1) + ", ...]";
    }
    return "Categorize(dtype="
        + PyRepr.str(dtype.typestr())
        + ", astype="
        + PyRepr.str(astype.typestr())
        + ", labels="
        + l
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoryCodes c
        && c.labels.equals(labels)
        && c.dtype.equals(dtype)
        && c.astype.equals(astype);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, dtype, astype);
  }
}
