package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.python.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random arrays of every printable type (shapes from 0-d to 4-d, sizes on both sides of the
 * summary threshold, values from small integers to ones that need scientific notation, NaN,
 * infinities, negative zero, quotes in strings) printed by {@link NumpyPrint} and by the real
 * NumPy's {@code str} and {@code repr}: the texts must be equal.
 */
class NumpyPrintIT {
  static final String[] DTYPES = {
    "|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8", "|S4",
    "<U3", "<M8[D]", "<M8[s]", "<M8[ms]", "<M8[M]", "<m8[s]", "<m8[D]", "<c8", "<c16",
  };

  @TempDir Path dir;

  @Test
  void printsWhatNumPyPrints() throws IOException {
    ZarrPython.require();
    SplittableRandom rnd = new SplittableRandom(20261206);
    List<Map<String, Object>> cases = new ArrayList<>();
    List<NdArray> arrays = new ArrayList<>();
    List<Boolean> fulls = new ArrayList<>();
    for (int c = 0; c < 440; c++) {
      // 400 arrays of the plain types, then 40 of records of 1 to 3 of them
      DataType t = c < 400 ? DataType.parse(DTYPES[c % DTYPES.length]) : randomRecord(rnd);
      int[] shape = randomShape(rnd);
      NdArray a = NdArray.zeros(t, shape);
      int style = rnd.nextInt(6);
      if (t.isStructured()) {
        for (DataType.Field f : t.fields()) {
          NdArray column = a.fields(f.name());
          for (int i = 0; i < a.size(); i++) {
            column.setFlat(i, value(rnd, f.type(), style));
          }
        }
      } else {
        for (int i = 0; i < a.size(); i++) {
          a.setFlat(i, value(rnd, t, style));
        }
      }
      boolean full = rnd.nextInt(5) == 0 && a.size() <= 5000;
      String file = "a" + c + ".npy";
      Npy.write(dir.resolve(file), a);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file);
      m.put("full", full);
      cases.add(m);
      arrays.add(a);
      fulls.add(full);
    }
    Files.writeString(dir.resolve("cases.json"), PythonJson.writePython(cases));
    Path script = ZarrPython.script("/interop/numpy_print.py", dir);
    ZarrPython.Result r = ZarrPython.run(List.of(script.toString(), dir.toString()), 300);
    assertThat(r.exitCode()).as(r.output()).isZero();
    @SuppressWarnings("unchecked")
    List<Object> expected = (List<Object>) PythonJson.parse(r.output().strip());
    for (int c = 0; c < arrays.size(); c++) {
      NdArray a = arrays.get(c);
      NumpyPrint.Printed printed = NumpyPrint.edges(a, fulls.get(c));
      String got = NumpyPrint.str(printed);
      List<?> both = (List<?>) expected.get(c);
      long[] shape = new long[a.ndim()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = a.shape(d);
      }
      assertThat(NumpyPrint.repr(printed, shape))
          .as("repr of case %d: %s shape %s", c, a.dtype(), java.util.Arrays.toString(a.shape()))
          .isEqualTo(both.get(1));
      assertThat(got)
          .as(
              "case %d: %s shape %s full %s",
              c, a.dtype(), java.util.Arrays.toString(a.shape()), fulls.get(c))
          .isEqualTo(both.get(0));
    }
  }

  static final String[] FIELD_TYPES = {"<i4", "|u1", "<f8", ">f4", "|b1", "|S2", "<U2", "<c8"};

  /** A record type of 1 to 3 fields of distinct names. */
  static DataType randomRecord(SplittableRandom rnd) {
    List<DataType.Field> fields = new ArrayList<>();
    for (int f = rnd.nextInt(1, 4); f > 0; f--) {
      fields.add(
          new DataType.Field(
              "f" + fields.size(),
              DataType.parse(FIELD_TYPES[rnd.nextInt(FIELD_TYPES.length)]),
              List.of(),
              0));
    }
    return DataType.structured(fields);
  }

  static int[] randomShape(SplittableRandom rnd) {
    int nd = rnd.nextInt(5);
    int[] s = new int[nd];
    int budget = rnd.nextInt(4) == 0 ? 4000 : 200;
    for (int d = 0; d < nd; d++) {
      s[d] =
          rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(Math.max(1, (int) Math.pow(budget, 1.0 / nd)));
    }
    return s;
  }

  static Object value(SplittableRandom rnd, DataType t, int style) {
    switch (t.kind()) {
      case BOOL:
        return rnd.nextBoolean();
      case INT:
      case UINT:
        {
          long bits = 8L * t.itemSize();
          long v = style == 0 ? rnd.nextLong() : rnd.nextLong(-1000, 1000);
          if (t.kind() == DataType.Kind.UINT) {
            v = Math.abs(v);
          }
          if (bits < 64) {
            long mod = 1L << bits;
            v = Math.floorMod(v, mod);
            if (t.kind() == DataType.Kind.INT && v >= mod / 2) {
              v -= mod;
            }
          }
          return v;
        }
      case FLOAT:
        return floatValue(rnd, style);
      case COMPLEX:
        return new dev.zarr4j.ndarray.Complex(floatValue(rnd, style), floatValue(rnd, style));
      default:
        return otherValue(rnd, t, style);
    }
  }

  static double floatValue(SplittableRandom rnd, int style) {
    int k = rnd.nextInt(20);
    if (style == 5 && k == 0) {
      return Double.NaN;
    }
    if (style == 5 && k == 1) {
      return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (k == 2) {
      return -0.0;
    }
    return switch (style) {
      case 0 -> (double) rnd.nextInt(-100, 100);
      case 1 -> rnd.nextInt(-1000, 1000) / 8.0;
      case 2 -> rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-12, 12));
      case 3 -> rnd.nextDouble(0, 1000);
      case 4 -> rnd.nextGaussian() * 1e-3;
      default -> rnd.nextGaussian();
    };
  }

  static Object otherValue(SplittableRandom rnd, DataType t, int style) {
    switch (t.kind()) {
      case DATETIME:
      case TIMEDELTA:
        {
          if (rnd.nextInt(10) == 0) {
            return Long.MIN_VALUE; // NaT
          }
          String unit = t.unit();
          long span =
              switch (unit) {
                case "M" -> 2400;
                case "D" -> 60_000;
                case "s" -> 5_000_000_000L;
                default -> 5_000_000_000_000L;
              };
          return style == 0 ? rnd.nextLong(-50, 50) : rnd.nextLong(-span, span);
        }
      case BYTES:
        {
          StringBuilder sb = new StringBuilder();
          for (int i = rnd.nextInt(5); i > 0; i--) {
            String pool = "ab'\"\\ \n\u00e9z";
            sb.append(pool.charAt(rnd.nextInt(pool.length())));
          }
          return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
      default:
        {
          StringBuilder sb = new StringBuilder();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            String pool = "xy'\"\\\t\u00e9\u4e2d";
            sb.append(pool.charAt(rnd.nextInt(pool.length())));
          }
          return sb.toString();
        }
    }
  }
}
