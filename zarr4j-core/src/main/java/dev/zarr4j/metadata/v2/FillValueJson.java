package dev.zarr4j.metadata.v2;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.metadata.FillValueText;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.Base64;
import java.util.List;

/**
 * The {@code fill_value} of {@code .zarray} as zarr-python encodes it: numbers as JSON numbers,
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} for non-finite floats, {@code [re, im]}
 * for complex, base64 for byte strings, raw bytes and records, the text for unicode, the integer
 * count for datetimes, and {@code null} for none.
 */
public final class FillValueJson {
  private FillValueJson() {}

  /**
   * Encodes a fill value (a Java value as {@link NdArray#get} returns it, or {@code null}) into its
   * JSON form.
   */
  public static Object encode(Object value, DataType dtype) {
    if (value == null) {
      return null;
    }
    if (dtype.kind() == DataType.Kind.VOID) {
      return Base64.getEncoder().encodeToString((byte[]) NdArray.scalar(dtype, value).get());
    }
    Object scalar = FillValueText.scalar(value, dtype);
    return scalar != null ? scalar : value;
  }

  /**
   * Decodes the JSON {@code fill_value} into a Java value of the data type.
   *
   * @throws MetadataException naming the value if the data type cannot hold it
   */
  public static Object decode(Object json, DataType dtype) {
    if (json == null) {
      return null;
    }
    try {
      switch (dtype.kind()) {
        case BOOL:
          if (json instanceof Boolean) {
            return json;
          }
          if (json instanceof Number n) {
            return n.doubleValue() != 0;
          }
          break;
        case INT:
        case UINT:
        case DATETIME:
        case TIMEDELTA:
          if (json instanceof Number n) {
            if (n instanceof Double d && d != Math.rint(d)) {
              break;
            }
            return NdArray.scalar(dtype, n).get();
          }
          if (json instanceof String s
              && (dtype.kind() == DataType.Kind.DATETIME || dtype.kind() == DataType.Kind.TIMEDELTA)
              && s.equals("NaT")) {
            return Long.MIN_VALUE;
          }
          break;
        case FLOAT:
          return decodeFloat(json);
        case COMPLEX:
          if (json instanceof List<?> l && l.size() == 2) {
            return new Complex(decodeFloat(l.get(0)), decodeFloat(l.get(1)));
          }
          if (json instanceof Number || json instanceof String) {
            return new Complex(decodeFloat(json), 0);
          }
          break;
        case UNICODE:
          if (json instanceof String s) {
            return s;
          }
          if (json instanceof Number n) {
            // older zarr-python wrote 0 for unicode arrays; NumPy reads a number as its text
            String text =
                n instanceof Double d ? dev.zarr4j.python.PythonFloat.repr(d) : n.toString();
            return NdArray.scalar(dtype, text).get();
          }
          break;
        case BYTES:
        case VOID:
          if (json instanceof String s) {
            byte[] b = Base64.getDecoder().decode(s);
            if (dtype.kind() == DataType.Kind.VOID && b.length != dtype.itemSize()) {
              throw new MetadataException(
                  "fill_value '"
                      + s
                      + "' decodes to "
                      + b.length
                      + " bytes but data type "
                      + dtype
                      + " has "
                      + dtype.itemSize());
            }
            return NdArray.scalar(dtype, b).get();
          }
          if (json instanceof Number n && n.doubleValue() == 0) {
            return NdArray.scalar(dtype, new byte[0]).get();
          }
          break;
        default:
          return json;
      }
    } catch (IllegalArgumentException e) {
      throw new MetadataException(
          "fill_value "
              + describe(json)
              + " is not valid for data type "
              + dtype
              + ": "
              + e.getMessage(),
          e);
    } catch (dev.zarr4j.exceptions.InvalidArrayException e) {
      throw new MetadataException(
          "fill_value "
              + describe(json)
              + " is not valid for data type "
              + dtype
              + ": "
              + e.getMessage(),
          e);
    }
    throw new MetadataException(
        "fill_value " + describe(json) + " is not valid for data type " + dtype);
  }

  private static double decodeFloat(Object json) {
    Double d = FillValueText.floatingOf(json);
    if (d != null) {
      return d;
    }
    throw new MetadataException(
        "float fill_value must be a number, \"NaN\", \"Infinity\" or \"-Infinity\", got "
            + describe(json));
  }

  private static String describe(Object json) {
    return json instanceof String s ? "\"" + s + "\"" : String.valueOf(json);
  }
}
