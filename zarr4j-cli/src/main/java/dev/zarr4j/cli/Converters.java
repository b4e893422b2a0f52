package dev.zarr4j.cli;

import dev.zarr4j.Chunks;
import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for option values, so a malformed value is a usage error naming the option
 * before anything is read or written.
 */
final class Converters {
  private Converters() {}

  /** A basic selection in NumPy's text form, e.g. {@code "0:10, ::2"}. */
  static final class SelectionConverter implements ITypeConverter<Selection> {
    @Override
    public Selection convert(String value) {
      try {
        return Selection.parse(value);
      } catch (ZarrException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A data type: a v2 type string ({@code <f4}, {@code int32}) or the JSON list form of records.
   */
  static final class DataTypeConverter implements ITypeConverter<DataType> {
    @Override
    public DataType convert(String value) {
      DataType t;
      try {
        t = DataType.parse(value);
      } catch (ZarrException e) {
        throw new TypeConversionException(e.getMessage());
      }
      if (t.kind() == DataType.Kind.OBJECT) {
        throw new TypeConversionException(
            "object data types are not supported yet (object codecs are missing from the core)");
      }
      return t;
    }
  }

  /**
   * A chunk shape: comma-separated lengths ({@code -1}: the whole dimension; fewer lengths than
   * dimensions: the rest whole), {@code auto} (or {@code true}) to guess as zarr-python does, or
   * {@code whole} (or {@code false}) for one chunk.
   */
  static final class ChunksConverter implements ITypeConverter<Chunks> {
    @Override
    public Chunks convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      switch (v) {
        case "auto":
        case "true":
          return Chunks.auto();
        case "whole":
        case "false":
          return Chunks.whole();
        default:
          break;
      }
      if (v.startsWith("(") && v.endsWith(")")) {
        v = v.substring(1, v.length() - 1);
      }
      String[] parts = v.split(",", -1);
      List<Long> lengths = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.isEmpty() && i == parts.length - 1 && i > 0) {
          break; // "10," as in a Python tuple
        }
        long n;
        try {
          n = Long.parseLong(p);
        } catch (NumberFormatException e) {
          throw new TypeConversionException(
              "'"
                  + value
                  + "' is not a chunk shape: '"
                  + p
                  + "' is not an integer"
                  + " (give lengths like 100,-1, or auto, or whole)");
        }
        if (n < 1 && n != -1) {
          throw new TypeConversionException(
              "'"
                  + value
                  + "' is not a chunk shape: length "
                  + n
                  + " must be at least 1, or -1 for a whole dimension");
        }
        lengths.add(n);
      }
      return Chunks.of(lengths.stream().mapToLong(Long::longValue).toArray());
    }
  }

  /** An array shape: comma-separated non-negative lengths, e.g. {@code 100,100} or {@code 10,}. */
  static final class ShapeConverter implements ITypeConverter<Shape> {
    @Override
    public Shape convert(String value) {
      String v = value.strip();
      if (v.startsWith("(") && v.endsWith(")")) {
        v = v.substring(1, v.length() - 1);
      }
      if (v.isEmpty()) {
        return new Shape(new long[0]); // "()": a 0-dimensional array
      }
      String[] parts = v.split(",", -1);
      List<Long> lengths = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.isEmpty() && i == parts.length - 1 && i > 0) {
          break;
        }
        long n;
        try {
          n = Long.parseLong(p);
        } catch (NumberFormatException e) {
          throw new TypeConversionException(
              "'" + value + "' is not a shape: '" + p + "' is not an integer (give 100,100)");
        }
        if (n < 0) {
          throw new TypeConversionException(
              "'" + value + "' is not a shape: length " + n + " is negative");
        }
        lengths.add(n);
      }
      return new Shape(lengths.stream().mapToLong(Long::longValue).toArray());
    }
  }

  /** A parsed {@code --shape} (a record, so picocli takes it as one value, not a list). */
  record Shape(long[] lengths) {}

  /** A compressor as numcodecs' JSON configuration, or {@code null} for none. */
  static final class CompressorConverter implements ITypeConverter<CompressorChoice> {
    @Override
    public CompressorChoice convert(String value) {
      Object json = parseJson(value);
      return new CompressorChoice(json == null ? null : codec(json, value));
    }
  }

  /**
   * The compressor chosen on the command line.
   *
   * @param codec the compressor, or {@code null} to store chunks uncompressed
   */
  record CompressorChoice(BytesToBytesCodec codec) {}

  /**
   * A JSON list of numcodecs configurations, or {@code null} (or {@code []}) for no filters. As in
   * a {@code .zarray}, a filter may work on arrays ({@code delta}, {@code fixedscaleoffset}, a
   * plug-in's array codec) or on bytes; whether the list's order is valid is checked when the array
   * is created.
   */
  static final class FiltersConverter implements ITypeConverter<FiltersChoice> {
    @Override
    public FiltersChoice convert(String value) {
      Object json = parseJson(value);
      if (json == null) {
        return new FiltersChoice(Collections.emptyList());
      }
      if (!(json instanceof List<?> list)) {
        throw new TypeConversionException(
            "'" + value + "' is not a JSON list of codec configurations (or null)");
      }
      List<Codec> out = new ArrayList<>();
      for (Object item : list) {
        String text = PythonJson.writePython(item).replaceAll("\\s+", " ");
        Codec c = anyCodec(item, text);
        if (!(c instanceof ArrayToArrayCodec) && !(c instanceof BytesToBytesCodec)) {
          throw new TypeConversionException(
              "codec '" + c.id() + "' cannot be a filter (filters work on arrays or on bytes)");
        }
        out.add(c);
      }
      return new FiltersChoice(List.copyOf(out));
    }
  }

  /**
   * The filters chosen on the command line.
   *
   * @param filters the filters in encoding order, empty for none
   */
  record FiltersChoice(List<Codec> filters) {}

  /**
   * Any JSON value, kept as plain Java objects (for the fill value, decoded later by data type).
   */
  static final class JsonConverter implements ITypeConverter<JsonValue> {
    @Override
    public JsonValue convert(String value) {
      return new JsonValue(parseJson(value), value);
    }
  }

  /**
   * A parsed JSON value and the text it came from.
   *
   * @param value the value ({@code null} for JSON {@code null})
   * @param text the option's text
   */
  record JsonValue(Object value, String text) {}

  /**
   * A byte count: a number with an optional K, M or G suffix (powers of 1024), e.g. {@code 64M}.
   */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.strip().toUpperCase(Locale.ROOT);
      if (v.endsWith("IB")) {
        v = v.substring(0, v.length() - 2);
      } else if (v.endsWith("B")) {
        v = v.substring(0, v.length() - 1);
      }
      long unit = 1;
      if (!v.isEmpty()) {
        char last = v.charAt(v.length() - 1);
        int shift = last == 'K' ? 10 : last == 'M' ? 20 : last == 'G' ? 30 : 0;
        if (shift > 0) {
          unit = 1L << shift;
          v = v.substring(0, v.length() - 1).strip();
        }
      }
      try {
        long n = Long.parseLong(v);
        if (n < 1) {
          throw new TypeConversionException("size '" + value + "' must be positive");
        }
        return Math.multiplyExact(n, unit);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a size (give bytes, or a number with K, M or G, e.g. 64M)");
      }
    }
  }

  /** A chunk key separator: {@code /} or {@code .}. */
  static final class SeparatorConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.equals("/") && !value.equals(".")) {
        throw new TypeConversionException("'" + value + "' is not a separator (give / or .)");
      }
      return value;
    }
  }

  static Object parseJson(String text) {
    try {
      return PythonJson.parse(text);
    } catch (ZarrException e) {
      throw new TypeConversionException("'" + text + "' is not valid JSON: " + e.getMessage());
    }
  }

  private static BytesToBytesCodec codec(Object json, String text) {
    Codec codec = anyCodec(json, text);
    if (!(codec instanceof BytesToBytesCodec b)) {
      throw new TypeConversionException(
          "codec '" + codec.id() + "' is not a bytes-to-bytes codec and cannot be used here");
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  private static Codec anyCodec(Object json, String text) {
    if (!(json instanceof Map<?, ?> map)) {
      throw new TypeConversionException(
          "'" + text + "' is not a codec configuration (a JSON object with an \"id\")");
    }
    try {
      return CodecRegistry.fromConfig((Map<String, Object>) map);
    } catch (ZarrException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
