package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.python.PythonJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object arrays of JSON and MsgPack values written by zarr-python (seeded random nested values:
 * integers, floats small and large, text with quotes, None, booleans, lists and dicts; 1-d and 2-d,
 * some past the summary threshold) printed by {@code zarr4j cat} and by NumPy's {@code str}: the
 * texts must be equal.
 */
class ObjectPrintIT {
  @TempDir Path dir;

  private static final String SCRIPT =
      """
      import json, random, sys
      import numpy as np, zarr, numcodecs
      out = sys.argv[1]
      rnd = random.Random(20261206)
      def scalar():
          k = rnd.randrange(7)
          if k == 0: return rnd.randrange(-1000, 1000)
          if k == 1: return rnd.choice([0.5, 1e20, 1.5e-7, -2.25, 3.0, 123456.789])
          if k == 2: return rnd.choice(["x", "it's", 'a"b', "", "\\u00e9t\\u00e9", "tab\\there"])
          if k == 3: return None
          if k == 4: return rnd.random() < 0.5
          if k == 5: return rnd.randrange(-2**40, 2**40)
          return rnd.choice(["s", 7])
      def value(depth=0):
          k = rnd.randrange(4) if depth < 2 else 0
          if k == 1: return [value(depth + 1) for _ in range(rnd.randrange(4))]
          if k == 2: return {"k%d" % i: value(depth + 1) for i in range(rnd.randrange(3))}
          return scalar()
      texts = []
      for c in range(60):
          if c % 10 == 9: shape = (rnd.randrange(1001, 1300),)
          elif rnd.random() < 0.5: shape = (rnd.randrange(1, 30),)
          else: shape = (rnd.randrange(1, 6), rnd.randrange(1, 6))
          a = np.empty(shape, dtype=object)
          for idx in np.ndindex(shape):
              a[idx] = value()
          codec = numcodecs.JSON() if c % 2 == 0 else numcodecs.MsgPack()
          z = zarr.open_array("%s/o%d.zarr" % (out, c), mode="w", shape=shape, chunks=shape,
                              dtype=object, object_codec=codec)
          z[...] = a
          texts.append(str(z[...]))
      print(json.dumps(texts))
      """;

  @Test
  void catPrintsJsonAndMsgPackObjectArraysAsNumPy() throws Exception {
    ZarrPython.require();
    Path script = dir.resolve("objects.py");
    Files.writeString(script, SCRIPT);
    ZarrPython.Result r = ZarrPython.run(List.of(script.toString(), dir.toString()), 300);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<?> expected = (List<?>) PythonJson.parse(r.output().strip());
    assertThat(expected).hasSize(60);
    // the cases reach lists, dicts, text with quotes and summarised arrays
    assertThat(expected.stream().map(String::valueOf))
        .anyMatch(t -> t.contains("list(["))
        .anyMatch(t -> t.contains("{'k0': "))
        .anyMatch(t -> t.contains("\"it's\""))
        .anyMatch(t -> t.contains("..."))
        .anyMatch(t -> t.contains("1e+20"));
    for (int c = 0; c < expected.size(); c++) {
      Run cat = Run.inProcess(dir, "cat", "o" + c + ".zarr");
      assertThat(cat.status()).as("case %d: %s", c, cat.err()).isZero();
      assertThat(cat.out()).as("case %d", c).isEqualTo(expected.get(c) + "\n");
    }
  }
}
