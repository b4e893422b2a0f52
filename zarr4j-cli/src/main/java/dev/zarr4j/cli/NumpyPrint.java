package dev.zarr4j.cli;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.Datetimes;
import dev.zarr4j.ndarray.Float16;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An array as NumPy 1.24's {@code str(a)} prints it with the default print options: elements
 * formatted alike across the array (integers right-aligned to one width; floats in positional
 * notation with at most 8 fractional digits, or scientific when the magnitudes call for it;
 * booleans; quoted strings; datetimes quoted in ISO form, timedeltas as counts), rows wrapped at 75
 * characters, and arrays of more than 1,000 elements summarised to their first and last 3 items
 * along each longer axis with {@code ...}.
 *
 * <p>The input is the part of the array that is printed: along each axis marked as elided it holds
 * the 3 leading and 3 trailing items of a longer axis ({@link #edges} builds it from a whole array;
 * a caller can also read just those items from a store).
 */
final class NumpyPrint {
  /** Arrays with more elements than this are summarised (NumPy's {@code threshold}). */
  static final int THRESHOLD = 1000;

  /** Items shown at each end of a summarised axis (NumPy's {@code edgeitems}). */
  static final int EDGE = 3;

  /** Where rows wrap (NumPy's {@code linewidth}). */
  static final int LINE_WIDTH = 75;

  /** Most fractional digits of a float (NumPy's {@code precision}). */
  static final int PRECISION = 8;

  private NumpyPrint() {}

  /** Whether arrays of this type can be printed. */
  static boolean supports(DataType t) {
    return switch (t.kind()) {
      case BOOL, INT, UINT, FLOAT, COMPLEX, BYTES, UNICODE, DATETIME, TIMEDELTA -> true;
      case VOID ->
          t.isStructured()
              && t.fields().stream().allMatch(f -> !f.type().isStructured() && supports(f.type()));
      default -> false;
    };
  }

  /** The items printed of an array: its edges along every axis longer than 6 when summarising. */
  record Printed(NdArray items, boolean[] elided) {}

  /**
   * What NumPy prints of {@code a}: all of it when it has at most {@link #THRESHOLD} elements (or
   * {@code full}), else the edges.
   */
  static Printed edges(NdArray a, boolean full) {
    int nd = a.ndim();
    boolean[] elided = new boolean[nd];
    if (full || a.size() <= THRESHOLD) {
      return new Printed(a, elided);
    }
    int[][] keep = new int[nd][];
    int[] shape = new int[nd];
    for (int d = 0; d < nd; d++) {
      keep[d] = edgeIndices(a.shape(d));
      elided[d] = keep[d].length < a.shape(d);
      shape[d] = keep[d].length;
    }
    NdArray out = NdArray.zeros(a.dtype(), shape);
    int[] at = new int[nd];
    int[] src = new int[nd];
    for (int i = 0; i < out.size(); i++) {
      for (int d = 0; d < nd; d++) {
        src[d] = keep[d][at[d]];
      }
      out.setFlat(i, a.get(src));
      for (int d = nd - 1; d >= 0 && ++at[d] == shape[d]; d--) {
        at[d] = 0;
      }
    }
    return new Printed(out, elided);
  }

  /** The positions printed of an axis of {@code length}: all, or the first and last 3. */
  static int[] edgeIndices(long length) {
    if (length <= 2 * EDGE) {
      int[] all = new int[(int) length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] e = new int[2 * EDGE];
    for (int i = 0; i < EDGE; i++) {
      e[i] = i;
      e[EDGE + i] = (int) (length - EDGE + i);
    }
    return e;
  }

  /** NumPy's {@code str} of the printed items. */
  static String str(Printed p) {
    NdArray a = p.items();
    if (a.ndim() > 0 && a.size() == 0) {
      return "[]";
    }
    if (a.ndim() == 0) {
      return scalar(a);
    }
    return layout(p, " ").recurse(0, 0, " ", LINE_WIDTH);
  }

  private static Layout layout(Printed p, String separator) {
    NdArray a = p.items();
    int[] strides = new int[a.ndim()];
    int stride = 1;
    for (int d = a.ndim() - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= a.shape(d);
    }
    return new Layout(a.shape(), strides, p.elided(), format(a), separator);
  }

  /**
   * NumPy's {@code repr} of the printed items: {@code array([1, 2, 3], dtype=int32)}, the data type
   * left out where NumPy implies it (native int64, float64, complex128, bool), long rows wrapped
   * under the opening bracket.
   *
   * @param shape the whole array's shape (shown for an empty array other than {@code (0,)})
   */
  static String repr(Printed p, long[] shape) {
    NdArray a = p.items();
    DataType t = a.dtype();
    boolean implied = impliedType(t) && a.size() > 0;
    String prefix = "array(";
    String suffix = implied ? ")" : ",";
    String list;
    if (a.size() > 0 || (shape.length == 1 && shape[0] == 0)) {
      list =
          a.ndim() == 0
              ? format(a)[0].strip()
              : a.size() == 0
                  ? "[]"
                  : layout(p, ", ")
                      .recurse(0, 0, " ".repeat(1 + prefix.length()), LINE_WIDTH - suffix.length());
    } else {
      list = "[], shape=" + PythonText.tuple(shape);
    }
    String text = prefix + list + suffix;
    if (implied) {
      return text;
    }
    String dtype = "dtype=" + shortTypeName(t) + ")";
    int lastLine = text.length() - (text.lastIndexOf('\n') + 1);
    String spacer =
        lastLine + dtype.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length()) : " ";
    return text + spacer + dtype;
  }

  /** NumPy's {@code dtype_is_implied}: the types whose repr needs no {@code dtype=}. */
  private static boolean impliedType(DataType t) {
    boolean nativeOrder =
        t.byteOrder() == null || t.byteOrder() == java.nio.ByteOrder.nativeOrder();
    return nativeOrder
        && t.fields().isEmpty()
        && switch (t.kind()) {
          case BOOL -> true;
          case INT, FLOAT -> t.itemSize() == 8;
          case COMPLEX -> t.itemSize() == 16;
          default -> false;
        };
  }

  /** NumPy's {@code dtype_short_repr}: {@code int32}, {@code 'datetime64[D]'}, {@code '<U3'}. */
  private static String shortTypeName(DataType t) {
    boolean nativeOrder =
        t.byteOrder() == null || t.byteOrder() == java.nio.ByteOrder.nativeOrder();
    boolean flexible =
        switch (t.kind()) {
          case BYTES, UNICODE, VOID -> true;
          default -> false;
        };
    if (t.isStructured()) {
      StringBuilder sb = new StringBuilder("[");
      for (DataType.Field f : t.fields()) {
        String code = f.type().typestr();
        code = code.equals("|b1") ? "?" : code.startsWith("|") ? code.substring(1) : code;
        sb.append(sb.length() == 1 ? "" : ", ")
            .append('(')
            .append(PythonText.repr(f.name()))
            .append(", '")
            .append(code)
            .append('\'');
        if (!f.shape().isEmpty()) {
          sb.append(", ").append(PythonText.tuple(f.shape().stream().mapToLong(x -> x).toArray()));
        }
        sb.append(')');
      }
      return sb.append(']').toString();
    }
    if (flexible || !nativeOrder) {
      return "'" + t.typestr() + "'";
    }
    String name = t.toString();
    return name.chars().allMatch(Character::isLetterOrDigit) ? name : "'" + name + "'";
  }

  /** NumPy's {@code str} of a 0-d array: the str of its scalar. */
  static String scalar(NdArray a) {
    Object v = a.getFlat(0);
    DataType t = a.dtype();
    return switch (t.kind()) {
      case BOOL -> (Boolean) v ? "True" : "False";
      case INT, UINT ->
          t.itemSize() == 8 && t.kind() == DataType.Kind.UINT
              ? Long.toUnsignedString((Long) v)
              : v.toString();
      case FLOAT -> floatScalar((Double) v, floatWidth(t));
      case COMPLEX -> complexScalar((Complex) v, floatWidth(t.componentType()));
      case VOID -> format(a)[0]; // a record: its fields as a 0-d array prints them
      case OBJECT -> v instanceof String s ? s : format(a)[0];
      case BYTES -> bytesRepr((byte[]) v);
      case UNICODE -> (String) v;
      case DATETIME -> Datetimes.format((Long) v, t.unit());
      case TIMEDELTA ->
          (Long) v == Datetimes.NAT ? "NaT" : v + " " + UNIT_NAMES.getOrDefault(t.unit(), t.unit());
      default -> throw new IllegalArgumentException("no NumPy format for " + t);
    };
  }

  /** How NumPy names a timedelta scalar's unit ({@code 5 seconds}). */
  private static final java.util.Map<String, String> UNIT_NAMES =
      java.util.Map.ofEntries(
          java.util.Map.entry("Y", "years"),
          java.util.Map.entry("M", "months"),
          java.util.Map.entry("W", "weeks"),
          java.util.Map.entry("D", "days"),
          java.util.Map.entry("h", "hours"),
          java.util.Map.entry("m", "minutes"),
          java.util.Map.entry("s", "seconds"),
          java.util.Map.entry("ms", "milliseconds"),
          java.util.Map.entry("us", "microseconds"),
          java.util.Map.entry("ns", "nanoseconds"),
          java.util.Map.entry("ps", "picoseconds"),
          java.util.Map.entry("fs", "femtoseconds"),
          java.util.Map.entry("as", "attoseconds"));

  /**
   * NumPy's {@code _TimelikeFormat}: datetimes quoted in ISO form for their unit, timedeltas as
   * counts, right-aligned to the width of the largest and smallest value ({@code 'NaT'} counts as
   * 5).
   */
  private static void formatTimes(NdArray a, String[] out) {
    DataType t = a.dtype();
    boolean dates = t.kind() == DataType.Kind.DATETIME;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean nat = false;
    for (int i = 0; i < out.length; i++) {
      long v = (Long) a.getFlat(i);
      if (v == Datetimes.NAT) {
        nat = true;
      } else {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    int width = 0;
    if (min <= max) {
      width =
          Math.max(
              timeText(max, t.unit(), dates).length(), timeText(min, t.unit(), dates).length());
    }
    if (nat) {
      width = Math.max(width, 5);
    }
    for (int i = 0; i < out.length; i++) {
      long v = (Long) a.getFlat(i);
      out[i] = pad(v == Datetimes.NAT ? "'NaT'" : timeText(v, t.unit(), dates), width);
    }
  }

  private static String timeText(long v, String unit, boolean dates) {
    return dates ? "'" + Datetimes.format(v, unit) + "'" : Long.toString(v);
  }

  /**
   * A NumPy float scalar's str: the shortest digits for its type, positional (with {@code .0} for
   * whole numbers) from 1e-4 up to 1e16, scientific ({@code 1e-05}, {@code 2.5e+16}) outside.
   */
  /**
   * The width whose shortest round-tripping digits print a float of {@code t}: its item size for
   * NumPy's floats; 4 for Zarr v3's bfloat16 and float8/6/4, whose every value is a float32 (so the
   * digits name the exact value, with float32's precision rather than the type's own).
   */
  static int floatWidth(DataType t) {
    return t.miniFloat() != null ? 4 : t.itemSize();
  }

  static String floatScalar(double x, int itemSize) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    String sign = Double.doubleToRawLongBits(x) < 0 ? "-" : "";
    double m = Math.abs(x);
    Decimal d = Decimal.shortest(m, itemSize);
    if (m == 0 || (m >= 1e-4 && m < 1e16)) {
      String plain = d.plain();
      return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
    String mantissa =
        d.digits().length() == 1
            ? d.digits()
            : d.digits().charAt(0) + "." + d.digits().substring(1);
    int e = d.exponent();
    return sign + mantissa + "e" + (e < 0 ? "-" : "+") + String.format("%02d", Math.abs(e));
  }

  /** NumPy's {@code _formatArray}: nested brackets, wrapped rows, summaries. */
  private record Layout(
      int[] shape, int[] strides, boolean[] elided, String[] words, String separator) {
    String recurse(int axis, int offset, String hanging, int width) {
      if (axis == shape.length) {
        return words[offset];
      }
      String nextHanging = hanging + " ";
      int nextWidth = width - 1;
      int len = shape[axis];
      boolean summary = elided[axis];
      int leading = summary ? EDGE : 0;
      int trailing = summary ? EDGE : len;
      StringBuilder s = new StringBuilder();
      if (axis == shape.length - 1) {
        int elemWidth = width - Math.max(separator.stripTrailing().length(), 1);
        StringBuilder line = new StringBuilder(hanging);
        for (int i = 0; i < leading; i++) {
          extend(
              s,
              line,
              recurse(axis + 1, offset + i * strides[axis], nextHanging, nextWidth),
              elemWidth,
              hanging);
          line.append(separator);
        }
        if (summary) {
          extend(s, line, "...", elemWidth, hanging);
          line.append(separator);
        }
        for (int i = trailing; i > 1; i--) {
          extend(
              s,
              line,
              recurse(axis + 1, offset + (len - i) * strides[axis], nextHanging, nextWidth),
              elemWidth,
              hanging);
          line.append(separator);
        }
        extend(
            s,
            line,
            recurse(axis + 1, offset + (len - 1) * strides[axis], nextHanging, nextWidth),
            elemWidth,
            hanging);
        s.append(line);
      } else {
        String lineSep = separator.stripTrailing() + "\n".repeat(shape.length - axis - 1);
        for (int i = 0; i < leading; i++) {
          s.append(hanging)
              .append(recurse(axis + 1, offset + i * strides[axis], nextHanging, nextWidth))
              .append(lineSep);
        }
        if (summary) {
          s.append(hanging).append("...").append(lineSep);
        }
        for (int i = trailing; i > 1; i--) {
          s.append(hanging)
              .append(recurse(axis + 1, offset + (len - i) * strides[axis], nextHanging, nextWidth))
              .append(lineSep);
        }
        s.append(hanging)
            .append(recurse(axis + 1, offset + (len - 1) * strides[axis], nextHanging, nextWidth));
      }
      return "[" + s.substring(hanging.length()) + "]";
    }

    /**
     * NumPy's {@code _extendLine_pretty}: wraps before a word that would pass the width; a word of
     * several lines (an array inside an object array) keeps its lines under its first one's column,
     * its last line padded to its longest.
     */
    private static void extend(
        StringBuilder s, StringBuilder line, String word, int width, String nextPrefix) {
      String[] lines = word.split("\n", -1);
      int longest = 0;
      for (String l : lines) {
        longest = Math.max(longest, l.length());
      }
      boolean wrap = line.length() + longest > width && line.length() > nextPrefix.length();
      if (wrap) {
        s.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
        line.append(nextPrefix);
      }
      if (lines.length == 1) {
        line.append(word);
        return;
      }
      String indent = " ".repeat(line.length());
      line.append(lines[0]);
      for (int i = 1; i < lines.length; i++) {
        s.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
        line.append(indent).append(lines[i]);
      }
      line.append(" ".repeat(longest - lines[lines.length - 1].length()));
    }
  }

  // ------------------------------------------------------------------ element formats

  /** Every element of {@code a} formatted alike, in flat C order. */
  static String[] format(NdArray a) {
    int n = a.size();
    String[] out = new String[n];
    DataType t = a.dtype();
    switch (t.kind()) {
      case BOOL -> {
        String yes = a.ndim() == 0 ? "True" : " True";
        for (int i = 0; i < n; i++) {
          out[i] = (Boolean) a.getFlat(i) ? yes : "False";
        }
      }
      case INT, UINT -> {
        boolean unsigned64 = t.kind() == DataType.Kind.UINT && t.itemSize() == 8;
        int width = 0;
        for (int i = 0; i < n; i++) {
          long v = ((Number) a.getFlat(i)).longValue();
          out[i] = unsigned64 ? Long.toUnsignedString(v) : Long.toString(v);
          width = Math.max(width, out[i].length());
        }
        for (int i = 0; i < n; i++) {
          out[i] = " ".repeat(width - out[i].length()) + out[i];
        }
      }
      case FLOAT -> {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = (Double) a.getFlat(i);
        }
        formatFloats(v, floatWidth(t), false, out);
      }
      case COMPLEX -> {
        // NumPy's ComplexFloatingFormat: the real parts as floats, the imaginary parts as floats
        // with a sign always, each formatted over all elements; "j" before the imaginary part's
        // trailing padding
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
          Complex c = (Complex) a.getFlat(i);
          re[i] = c.re();
          im[i] = c.im();
        }
        String[] r = new String[n];
        String[] j = new String[n];
        formatFloats(re, floatWidth(t.componentType()), false, r);
        formatFloats(im, floatWidth(t.componentType()), true, j);
        for (int i = 0; i < n; i++) {
          int sp = j[i].stripTrailing().length();
          out[i] = r[i] + j[i].substring(0, sp) + "j" + j[i].substring(sp);
        }
      }
      case DATETIME, TIMEDELTA -> formatTimes(a, out);
      case BYTES -> {
        for (int i = 0; i < n; i++) {
          out[i] = bytesRepr((byte[]) a.getFlat(i));
        }
      }
      case VOID -> {
        if (!supports(t)) {
          throw new IllegalArgumentException("no NumPy format for " + t);
        }
        // NumPy's StructuredVoidFormat: each field formatted over its whole column, then
        // "(a, b)" per record ("(a,)" for one field)
        // "(a, b)" per record ("(a,)" for one field); a field with a shape is formatted over all
        // its items and printed as nested lists ([1, 2])
        List<DataType.Field> fields = t.fields();
        String[][] columns = new String[fields.size()][];
        for (int f = 0; f < columns.length; f++) {
          columns[f] = format(a.fields(fields.get(f).name()));
        }
        for (int i = 0; i < n; i++) {
          StringBuilder sb = new StringBuilder("(");
          for (int f = 0; f < columns.length; f++) {
            List<Integer> sub = fields.get(f).shape();
            sb.append(f == 0 ? "" : ", ");
            if (sub.isEmpty()) {
              sb.append(columns[f][i]);
            } else {
              int[] subShape = sub.stream().mapToInt(Integer::intValue).toArray();
              int items = 1;
              for (int d : subShape) {
                items *= d;
              }
              new SubArray(columns[f], subShape).append(sb, 0, i * items);
            }
          }
          out[i] = sb.append(columns.length == 1 ? ",)" : ")").toString();
        }
      }
      case UNICODE -> {
        for (int i = 0; i < n; i++) {
          out[i] = PythonText.repr((String) a.getFlat(i));
        }
      }
      case OBJECT -> {
        // text and byte strings (Zarr v3's string and bytes, vlen-utf8 and vlen-bytes), the values
        // JSON and MsgPack decode to, and the numbers a fill value gives them: each element's
        // Python repr, unpadded, as NumPy prints object arrays
        for (int i = 0; i < n; i++) {
          out[i] = objectRepr(a.getFlat(i));
        }
      }
      default -> throw new IllegalArgumentException("no NumPy format for " + t);
    }
    return out;
  }

  /**
   * NumPy's text for an object array's element: Python's repr, except that a list, which NumPy
   * would otherwise take for a dimension, shows as {@code list([...])}.
   */
  private static String objectRepr(Object v) {
    if (v instanceof java.util.List<?> l) {
      return "list(" + pythonRepr(l) + ")";
    }
    if (v instanceof NdArray inner) {
      // a ragged array's element (vlen-array): NumPy's repr of that array, on its own terms
      long[] shape = new long[inner.ndim()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = inner.shape(d);
      }
      return repr(edges(inner, false), shape);
    }
    return pythonRepr(v);
  }

  /**
   * Python's repr of a decoded object element: text, bytes, None, numbers, booleans, and the lists
   * and dicts JSON or MsgPack objects decode to (nested to any depth).
   */
  private static String pythonRepr(Object v) {
    if (v instanceof java.util.List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(pythonRepr(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof java.util.Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ", ")
            .append(pythonRepr(e.getKey()))
            .append(": ")
            .append(pythonRepr(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    if (v instanceof java.math.BigInteger b) {
      return b.toString();
    }
    return scalarRepr(v);
  }

  /** Python's repr of a scalar element (text, bytes, None, a number or a boolean). */
  private static String scalarRepr(Object v) {
    if (v instanceof String s) {
      return PythonText.repr(s);
    }
    if (v instanceof byte[] b) {
      return bytesRepr(b);
    }
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double d) {
      return dev.zarr4j.python.PythonFloat.repr(d);
    }
    if (v instanceof Float f) {
      return dev.zarr4j.python.PythonFloat.repr(f.doubleValue()); // a Python float holds it
    }
    if (v instanceof Long || v instanceof Integer) {
      return v.toString();
    }
    throw new IllegalArgumentException(
        "no NumPy format here for an object element of " + v.getClass().getSimpleName());
  }

  /**
   * NumPy's {@code SubArrayFormat}: a record field's items (formatted alike over the whole column)
   * as nested lists, {@code [[0, 1], [2, 3]]}, every item shown (NumPy 1.24 does not summarise a
   * field, however many items it has).
   *
   * @param words the column's items, formatted, in C order
   * @param shape the field's shape
   */
  private record SubArray(String[] words, int[] shape) {
    /** Appends the items of axis {@code axis} and below, starting at {@code offset}. */
    void append(StringBuilder sb, int axis, int offset) {
      if (axis == shape.length) {
        sb.append(words[offset]);
        return;
      }
      int stride = 1;
      for (int d = axis + 1; d < shape.length; d++) {
        stride *= shape[d];
      }
      sb.append('[');
      for (int i = 0; i < shape[axis]; i++) {
        sb.append(i == 0 ? "" : ", ");
        append(sb, axis + 1, offset + i * stride);
      }
      sb.append(']');
    }
  }

  /** Python's {@code repr(bytes)}. */
  static String bytesRepr(byte[] b) {
    String latin1 = new String(b, StandardCharsets.ISO_8859_1);
    boolean single = latin1.indexOf('\'') >= 0 && latin1.indexOf('"') < 0;
    char quote = single ? '"' : '\'';
    StringBuilder sb = new StringBuilder("b").append(quote);
    for (byte x : b) {
      int c = x & 0xff;
      if (c == quote || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append(quote).toString();
  }

  /**
   * NumPy's {@code FloatingFormat} with {@code floatmode='maxprec'} and {@code sign='-'}, or {@code
   * sign='+'} when {@code plus} (every value signed, as the imaginary parts of complex numbers).
   */
  private static void formatFloats(double[] v, int itemSize, boolean plus, String[] out) {
    int n = v.length;
    double max = 0;
    double min = Double.POSITIVE_INFINITY;
    boolean anyFinite = false;
    boolean anyNonFinite = false;
    boolean negInf = false;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(v[i])) {
        anyFinite = true;
        double m = Math.abs(v[i]);
        if (m != 0) {
          max = Math.max(max, m);
          min = Math.min(min, m);
        }
      } else {
        anyNonFinite = true;
        negInf |= v[i] == Double.NEGATIVE_INFINITY;
      }
    }
    boolean exp = false;
    if (min != Double.POSITIVE_INFINITY) {
      // compared in the array's own precision, as NumPy compares its scalars with Python floats
      exp =
          max >= inType(1e8, itemSize)
              || min < inType(0.0001, itemSize)
              || inType(max / min, itemSize) > 1000.0;
    }
    String[] intPart = new String[n];
    String[] fracPart = new String[n];
    String[] expPart = new String[n];
    int padLeft = 0;
    int padRight = 0;
    int precision = 0;
    int expSize = 0;
    if (anyFinite) {
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(v[i])) {
          continue;
        }
        String sign = signOf(v[i], plus);
        Decimal d = Decimal.shortest(Math.abs(v[i]), itemSize);
        if (exp) {
          d = d.limitSignificant(PRECISION + 1, Math.abs(v[i]));
          intPart[i] = sign + d.digits().charAt(0);
          fracPart[i] = d.digits().substring(1);
          int e = d.exponent();
          expPart[i] = (e < 0 ? "-" : "+") + String.format("%02d", Math.abs(e));
          expSize = Math.max(expSize, expPart[i].length() - 1);
        } else {
          d = d.limitFraction(PRECISION, Math.abs(v[i]));
          String plain = d.plain();
          int dot = plain.indexOf('.');
          intPart[i] = sign + (dot < 0 ? plain : plain.substring(0, dot));
          fracPart[i] = dot < 0 ? "" : plain.substring(dot + 1);
        }
        padLeft = Math.max(padLeft, intPart[i].length());
        precision = Math.max(precision, fracPart[i].length());
      }
      padRight = exp ? expSize + 2 + precision : precision;
    }
    if (anyNonFinite) {
      int offset = padRight + 1;
      padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf || plus ? 1 : 0) - offset));
    }
    for (int i = 0; i < n; i++) {
      String s;
      if (Double.isNaN(v[i])) {
        s = pad(plus ? "+nan" : "nan", padLeft + padRight + 1);
      } else if (Double.isInfinite(v[i])) {
        s = pad(v[i] < 0 ? "-inf" : plus ? "+inf" : "inf", padLeft + padRight + 1);
      } else if (exp) {
        // Dragon4 with min_digits: past the unique digits, the exact value's own digits, rounded
        String sign = signOf(v[i], plus);
        BigDecimal r =
            new BigDecimal(Math.abs(v[i]))
                .round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        String digits = r.signum() == 0 ? "0" : r.unscaledValue().toString();
        int e = r.signum() == 0 ? 0 : digits.length() - 1 - r.scale();
        digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
        String ed = Integer.toString(Math.abs(e));
        s =
            pad(sign + digits.charAt(0), padLeft)
                + "."
                + digits.substring(1)
                + "e"
                + (e < 0 ? "-" : "+")
                + "0".repeat(Math.max(0, expSize - ed.length()))
                + ed;
      } else {
        s =
            pad(intPart[i], padLeft)
                + "."
                + fracPart[i]
                + " ".repeat(padRight - fracPart[i].length());
      }
      out[i] = s;
    }
  }

  /** The sign NumPy writes before a finite value: "-" when negative, "+" too when {@code plus}. */
  private static String signOf(double x, boolean plus) {
    return Double.doubleToRawLongBits(x) < 0 ? "-" : plus ? "+" : "";
  }

  /**
   * A NumPy complex scalar's str, as Python's {@code repr(complex)}: {@code 2j} when the real part
   * is +0, else {@code (1+2j)}, each part in the shortest digits of its float type without a
   * trailing {@code .0}.
   */
  static String complexScalar(Complex c, int partSize) {
    String im = complexPart(c.im(), partSize);
    if (c.re() == 0 && Double.doubleToRawLongBits(c.re()) == 0) {
      return im + "j";
    }
    String signedIm = im.startsWith("-") ? im : "+" + im;
    return "(" + complexPart(c.re(), partSize) + signedIm + "j)";
  }

  private static String complexPart(double x, int partSize) {
    String s = floatScalar(x, partSize);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }

  /** {@code x} rounded to the float type of {@code itemSize} bytes. */
  private static double inType(double x, int itemSize) {
    return switch (itemSize) {
      case 2 -> Float16.toDouble(Float16.fromDouble(x));
      case 4 -> (float) x;
      default -> x;
    };
  }

  /**
   * A positive decimal {@code 0.d1d2... * 10^(exponent + 1)}, that is {@code d1.d2... *
   * 10^exponent}: {@code digits} has no trailing zeros ({@code "0"} for zero).
   */
  record Decimal(String digits, int exponent) {
    static Decimal of(BigDecimal b) {
      if (b.signum() == 0) {
        return new Decimal("0", 0);
      }
      BigDecimal s = b.stripTrailingZeros();
      String d = s.unscaledValue().toString();
      return new Decimal(d, d.length() - 1 - s.scale());
    }

    /**
     * The shortest digits that read back as {@code x} in the float type of {@code itemSize} bytes
     * (Dragon4's unique mode), nearest to the exact value among those.
     */
    static Decimal shortest(double x, int itemSize) {
      if (x == 0) {
        return new Decimal("0", 0);
      }
      if (itemSize == 2) {
        return search(x, itemSize);
      }
      // Schubfach gives the shortest digits nearest the value, but at least two of them: where
      // one digit is enough (5e-324), that one is what NumPy prints
      Decimal d =
          parse(itemSize == 4 ? FloatToDecimal.toString((float) x) : DoubleToDecimal.toString(x));
      if (d.digits().length() == 2) {
        BigDecimal one = new BigDecimal(x).round(new MathContext(1, RoundingMode.HALF_EVEN));
        if (itemSize == 4 ? one.floatValue() == (float) x : one.doubleValue() == x) {
          return of(one);
        }
      }
      return d;
    }

    /** The digits of Java's shortest-decimal text of a positive value ({@code 1.25E-7}). */
    private static Decimal parse(String s) {
      int e = s.indexOf('E');
      String mantissa = e < 0 ? s : s.substring(0, e);
      int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
      int dot = mantissa.indexOf('.');
      String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
      int lead = 0;
      while (lead < all.length() - 1 && all.charAt(lead) == '0') {
        lead++;
      }
      int end = all.length();
      while (end > lead + 1 && all.charAt(end - 1) == '0') {
        end--;
      }
      return new Decimal(all.substring(lead, end), dot - 1 - lead + exp10);
    }

    /** The shortest round-tripping digits found by trying 1, 2, ... significant digits. */
    private static Decimal search(double x, int itemSize) {
      BigDecimal exact = new BigDecimal(x);
      for (int p = 1; p < 17; p++) {
        BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        boolean back =
            switch (itemSize) {
              case 2 -> Float16.fromDouble(r.doubleValue()) == Float16.fromDouble(x);
              case 4 -> r.floatValue() == (float) x;
              default -> r.doubleValue() == x;
            };
        if (back) {
          return of(r);
        }
      }
      return of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /** These digits, or {@code x} rounded to {@code n} significant digits if they are more. */
    Decimal limitSignificant(int n, double x) {
      if (digits.length() <= n || x == 0) {
        return this;
      }
      return of(new BigDecimal(x).round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    /** These digits, or {@code x} rounded to {@code n} fractional digits if they need more. */
    Decimal limitFraction(int n, double x) {
      if (digits.length() - 1 - exponent <= n || x == 0) {
        return this;
      }
      return of(new BigDecimal(x).setScale(n, RoundingMode.HALF_EVEN));
    }

    /** Positional notation without trailing zeros, e.g. {@code 0.25}, {@code 100}, {@code 1.5}. */
    String plain() {
      int n = digits.length();
      if (exponent >= n - 1) {
        return digits + "0".repeat(exponent - (n - 1));
      }
      if (exponent >= 0) {
        return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
      }
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
  }
}
