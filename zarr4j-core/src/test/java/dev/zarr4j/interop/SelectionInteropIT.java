package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advanced selections against the real zarr-python: on arrays zarr-python wrote, every selection
 * kind read here equals zarr-python's own result for the same selection text; and arrays written
 * here through every setter kind read back equal in zarr-python.
 */
class SelectionInteropIT {
  static final List<Object> DTYPES =
      List.of(
          "<i4",
          ">f8",
          "<f2",
          "|b1",
          "|S5",
          "<U3",
          "<M8[ns]",
          "<c16",
          ">u2",
          List.of(List.of("a", "<i4"), List.of("b", ">f8", List.of(2))));

  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/selection_interop.py", dir);
  }

  record Sel(String via, String text, String javaVia, String javaText) {}

  static String boolList(SplittableRandom rnd, long n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(rnd.nextBoolean() ? "True" : "False");
    }
    return sb.append(']').toString();
  }

  static String intList(SplittableRandom rnd, long bound, int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      long v = rnd.nextLong(-bound, bound);
      sb.append(i > 0 ? ", " : "").append(v);
    }
    return sb.append(']').toString();
  }

  @Test
  void selectionsOfZarrPythonArraysMatchZarrPythonsResults() throws IOException {
    Path out = Files.createDirectories(dir.resolve("select"));
    SplittableRandom rnd = new SplittableRandom(11);
    List<Object> cases = new ArrayList<>();
    Map<String, List<Sel>> sels = new LinkedHashMap<>();
    int n = 0;
    for (Object dt : DTYPES) {
      for (long[][] geometry :
          List.of(new long[][] {{17, 23}, {5, 4}}, new long[][] {{6, 7, 5}, {4, 3, 2}})) {
        long[] shape = geometry[0];
        long[] chunks = geometry[1];
        String id = "s" + n++;
        List<Sel> list = new ArrayList<>();
        if (shape.length == 2) {
          list.add(new Sel("get", "3:15:3, ::4", "get", "3:15:3, ::4"));
          list.add(new Sel("get", "-1, 2:", "get", "-1, 2:"));
          list.add(
              new Sel(
                  "get", "[0, 16, 3, 3], [1, 22, 1, 5]", "get", "[0, 16, 3, 3], [1, 22, 1, 5]"));
          String rows = intList(rnd, 17, 5);
          list.add(new Sel("oindex", rows + ", 2:19:5", "oindex", rows + ", 2:19:5"));
          String mask = boolList(rnd, 23);
          list.add(new Sel("oindex", "1:9, " + mask, "oindex", "1:9, " + mask));
          String r = intList(rnd, 17, 7);
          String c = intList(rnd, 23, 7);
          list.add(new Sel("vindex", r + ", " + c, "vindex", r + ", " + c));
          list.add(
              new Sel(
                  "get", "5:10, 8:16", "blocks", "1, 2:4")); // blocks: zarr-python 2.13 has none
          list.add(new Sel("mask", id + "_mask.npy", "mask", id + "_mask.npy"));
        } else {
          list.add(new Sel("get", "..., 3", "get", "..., 3"));
          list.add(new Sel("get", "2, [0, 6, 1], [4, 4, 0]", "get", "2, [0, 6, 1], [4, 4, 0]"));
          list.add(new Sel("oindex", "[5, 0], :, [1, 3]", "oindex", "[5, 0], :, [1, 3]"));
          list.add(
              new Sel(
                  "vindex",
                  "[1, 5, 1], [6, 0, 6], [4, 2, 4]",
                  "vindex",
                  "[1, 5, 1], [6, 0, 6], [4, 2, 4]"));
          list.add(new Sel("get", "4:6, 0:3, 2:5", "blocks", "1, 0, 1:"));
          list.add(new Sel("mask", id + "_mask.npy", "mask", id + "_mask.npy"));
        }
        if (dt instanceof List) {
          list.add(new Sel("get", "1:4, 'b'", "get", "1:4, 'b'"));
        }
        NdArray mask = NdArray.zeros(DataType.BOOL, toInts(shape));
        for (int i = 0; i < mask.size(); i++) {
          mask.setFlat(i, rnd.nextInt(4) == 0);
        }
        Npy.write(out.resolve(id + "_mask.npy"), mask);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("dtype", dt);
        c.put("shape", longs(shape));
        c.put("chunks", longs(chunks));
        c.put("order", rnd.nextBoolean() ? "C" : "F");
        c.put("seed", rnd.nextLong(1, Long.MAX_VALUE));
        List<Object> sj = new ArrayList<>();
        for (Sel s : list) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("via", s.via());
          m.put("text", s.text());
          sj.add(m);
        }
        c.put("selections", sj);
        cases.add(c);
        sels.put(id, list);
      }
    }
    Path casesFile = dir.resolve("select.json");
    Files.writeString(casesFile, PythonJson.writePython(cases), StandardCharsets.US_ASCII);
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(script.toString(), "select", casesFile.toString(), out.toString()), 600);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, List<Sel>> e : sels.entrySet()) {
      ZarrArray z =
          Zarr.openArray(new DirectoryStore(out.resolve(e.getKey() + ".zarr")), OpenMode.READ);
      for (int i = 0; i < e.getValue().size(); i++) {
        Sel s = e.getValue().get(i);
        try {
          NdArray expected = Npy.read(out.resolve(e.getKey() + "__" + i + ".npy"));
          NdArray got =
              switch (s.javaVia()) {
                case "get" -> z.get(s.javaText());
                case "oindex" -> z.oindex().get(s.javaText());
                case "vindex" -> z.vindex().get(s.javaText());
                case "blocks" -> z.blocks().get(s.javaText());
                default -> z.getMaskSelection(Npy.read(out.resolve(s.javaText())));
              };
          if (!got.equals(expected)) {
            failures.add(e.getKey() + " " + s + ": got " + got + " expected " + expected);
          }
        } catch (RuntimeException ex) {
          failures.add(e.getKey() + " " + s + ": " + ex);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void arraysWrittenThroughEverySetterReadBackInZarrPython() throws IOException {
    Path out = Files.createDirectories(dir.resolve("verify"));
    SplittableRandom rnd = new SplittableRandom(12);
    List<Object> cases = new ArrayList<>();
    int n = 0;
    for (Object dt : DTYPES) {
      DataType dtype = DataType.fromJson(dt);
      String id = "w" + n++;
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(new DirectoryStore(out.resolve(id + ".zarr")))
                  .shape(13, 11)
                  .chunks(4, 3)
                  .dtype(dtype)
                  .order(rnd.nextBoolean() ? "C" : "F")
                  .build());
      z.set("2:9:2, 1:", values(rnd, dtype, 4, 10));
      z.setOrthogonalSelection(
          OrthogonalSelection.of(
              new long[] {12, 0, 5},
              new boolean[] {
                true, false, true, true, false, false, false, false, false, false, true
              }),
          values(rnd, dtype, 3, 4));
      z.setCoordinateSelection(
          CoordinateSelection.of(new long[] {1, 7, 7, -1}, new long[] {0, 10, 10, -2}),
          values(rnd, dtype, 4));
      NdArray mask = NdArray.zeros(DataType.BOOL, 13, 11);
      for (int i = 0; i < mask.size(); i++) {
        mask.setFlat(i, rnd.nextInt(9) == 0);
      }
      int count = 0;
      for (int i = 0; i < mask.size(); i++) {
        count += mask.getBoolean(i / 11, i % 11) ? 1 : 0;
      }
      z.setMaskSelection(mask, values(rnd, dtype, count));
      z.setBlockSelection(BlockSelection.of(3, Slice.of(1, 3)), values(rnd, dtype, 1, 6));
      ZarrArray source =
          Zarr.array(values(rnd, dtype, 2, 11), ArrayOptions.builder().chunks(1, 5).build());
      z.set("5:7, :", source);
      if (dtype.isStructured()) {
        z.set("0:3, 'a'", NdArray.of(new int[] {7, 8, 9}, 3, 1));
      }
      Npy.write(out.resolve(id + ".npy"), z.get());
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", id);
      cases.add(c);
    }
    Path casesFile = dir.resolve("verify.json");
    Files.writeString(casesFile, PythonJson.writePython(cases), StandardCharsets.US_ASCII);
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(script.toString(), "verify", casesFile.toString(), out.toString()), 600);
    assertThat(r.output()).doesNotContain("FAIL");
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  static NdArray values(SplittableRandom rnd, DataType dtype, int... shape) {
    NdArray v = NdArray.zeros(dtype, shape);
    for (int i = 0; i < v.size(); i++) {
      v.setFlat(i, V2InteropIT.randomValue(rnd, dtype));
    }
    return v;
  }

  static List<Object> longs(long[] a) {
    List<Object> l = new ArrayList<>();
    for (long x : a) {
      l.add(x);
    }
    return l;
  }

  static int[] toInts(long[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (int) a[i];
    }
    return out;
  }
}
