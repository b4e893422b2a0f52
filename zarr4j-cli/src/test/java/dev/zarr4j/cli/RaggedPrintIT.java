package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.python.PythonJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ragged arrays ({@code vlen-array} object arrays of 1-d integer and float arrays) and record
 * arrays with sub-array fields, written by zarr-python from seeded random values (inner arrays
 * empty, short, wrapping over several lines, and past the summary threshold; outer arrays 1-d and
 * 2-d, some summarised; fields of 0 to 2 dimensions, some of more than 1,000 items), printed by
 * {@code zarr4j cat} and by NumPy's {@code str}, and by {@link NumpyPrint#repr} and NumPy's {@code
 * repr}: the texts must be equal.
 */
class RaggedPrintIT {
  @TempDir Path dir;

  private static final String SCRIPT =
      """
      import json, random, sys
      import numpy as np, zarr, numcodecs
      out = sys.argv[1]
      rnd = random.Random(20261207)
      INNER = ["i1", "<i2", "<i4", "<i8", "u1", "<u2", "<f4", "<f8"]
      def values(dt, n):
          if dt.kind == "f":
              style = rnd.randrange(4)
              def one():
                  if style == 0: return rnd.randrange(-50, 50) / 4
                  if style == 1: return rnd.choice([float("nan"), float("inf"), 1e-5, 1e10, -0.0, 2.5])
                  if style == 2: return rnd.uniform(-1e6, 1e6)
                  return rnd.uniform(0, 1)
              return np.array([one() for _ in range(n)], dtype=dt)
          info = np.iinfo(dt)
          lo, hi = (info.min, info.max) if rnd.random() < 0.3 else (max(info.min, -100), min(info.max, 100))
          return np.array([rnd.randint(lo, hi) for _ in range(n)], dtype=dt)
      def inner_len():
          k = rnd.randrange(20)
          if k == 0: return rnd.randrange(1001, 1100)
          if k < 4: return rnd.randrange(13, 40)
          return rnd.randrange(0, 13)
      texts = []
      for c in range(40):
          if c % 10 == 9: shape = (rnd.randrange(1001, 1100),)
          elif rnd.random() < 0.6: shape = (rnd.randrange(1, 20),)
          else: shape = (rnd.randrange(1, 5), rnd.randrange(1, 5))
          dt = np.dtype(rnd.choice(INNER))
          a = np.empty(shape, dtype=object)
          for idx in np.ndindex(shape):
              a[idx] = values(dt, inner_len())
          z = zarr.open_array("%s/r%d.zarr" % (out, c), mode="w", shape=shape, chunks=shape,
                              dtype=object, object_codec=numcodecs.VLenArray(dt))
          z[...] = a
          texts.append([str(z[...]), repr(z[...])])
      FIELD = ["<i4", "u1", "<f8", "<f4", "?", "<i8"]
      for c in range(40):
          fields = []
          for f in range(rnd.randrange(1, 4)):
              k = rnd.randrange(6)
              if k == 0: sub = ()
              elif k < 3: sub = (rnd.randrange(1, 5),)
              elif k < 5: sub = (rnd.randrange(1, 4), rnd.randrange(1, 4))
              else: sub = (rnd.randrange(1001, 1050),) if c % 4 == 0 else (rnd.randrange(1, 9),)
              fields.append(("f%d" % f, rnd.choice(FIELD), sub))
          dt = np.dtype(fields)
          shape = (rnd.randrange(1, 12),) if c % 8 != 7 else (rnd.randrange(1001, 1050),)
          a = np.zeros(shape, dtype=dt)
          for name, _, _ in fields:
              col = a[name]
              col[...] = values(col.dtype, col.size).reshape(col.shape) if col.dtype.kind != "b" else (np.arange(col.size) % 3 == 0).reshape(col.shape)
          z = zarr.open_array("%s/s%d.zarr" % (out, c), mode="w", shape=shape, chunks=shape, dtype=dt, fill_value=None)
          z[...] = a
          texts.append([str(z[...]), repr(z[...])])
      print(json.dumps(texts))
      """;

  @Test
  void catPrintsRaggedArraysAndSubArrayFieldsAsNumPy() throws Exception {
    ZarrPython.require();
    Path script = dir.resolve("ragged.py");
    Files.writeString(script, SCRIPT);
    ZarrPython.Result r = ZarrPython.run(List.of(script.toString(), dir.toString()), 300);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<?> expected = (List<?>) PythonJson.parse(r.output().strip());
    assertThat(expected).hasSize(80);
    List<String> strs = expected.stream().map(e -> String.valueOf(((List<?>) e).get(0))).toList();
    List<String> reprs = expected.stream().map(e -> String.valueOf(((List<?>) e).get(1))).toList();
    List<String> ragged = strs.subList(0, 40);
    List<String> records = strs.subList(40, 80);
    // the cases reach empty inner arrays, summaries inside and outside, inner arrays over several
    // lines, and sub-array fields of one and two dimensions
    assertThat(ragged)
        .anyMatch(t -> t.contains("array([], dtype="))
        .anyMatch(t -> t.contains(", ..., "))
        .anyMatch(t -> t.contains("\n ...\n"))
        .anyMatch(t -> t.contains("       dtype="))
        .anyMatch(t -> t.contains("nan"));
    assertThat(records)
        .anyMatch(t -> t.contains("[[") && t.contains("]]"))
        .anyMatch(t -> t.contains("\n ...\n"))
        .anyMatch(t -> t.contains("True"));
    for (int c = 0; c < expected.size(); c++) {
      String name = (c < 40 ? "r" + c : "s" + (c - 40)) + ".zarr";
      Run cat = Run.inProcess(dir, "cat", name);
      assertThat(cat.status()).as("%s: %s", name, cat.err()).isZero();
      assertThat(cat.out()).as(name).isEqualTo(strs.get(c) + "\n");
      // and NumPy's repr, as the tour prints arrays
      ZarrArray z = Zarr.openArray(dir.resolve(name));
      assertThat(NumpyPrint.repr(NumpyPrint.edges(z.get(), false), z.shape()))
          .as("repr of %s", name)
          .isEqualTo(reprs.get(c));
    }
    assertThat(reprs)
        .anyMatch(t -> t.endsWith("dtype=object)"))
        .anyMatch(t -> t.contains(", (2,))") || t.contains(", (1,))") || t.contains(", (3,))"));
  }
}
