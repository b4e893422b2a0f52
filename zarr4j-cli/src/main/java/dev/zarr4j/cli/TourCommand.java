package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Attributes;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zarr4j tour}: the first chapters of zarr-python's tutorial, run with zarr4j on directory
 * stores under {@code ./data}. Each step prints the zarr-python statement it mirrors and zarr4j's
 * result, so the two can be compared line by line.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Walks the first chapters of zarr-python's tutorial (creating arrays, reading and writing,"
          + " persistence, resizing and appending, attributes, chunk options, datetimes, empty"
          + " chunks, Zarr v3 with sharding) on directory stores under DIR, printing each step as the zarr-python"
          + " statement and zarr4j's result. Arrays from an earlier tour are replaced.",
      "",
      "Example: zarr4j tour --dir /tmp/zarr-tour"
    })
final class TourCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where the tour's stores go (default: ./data, created if missing).")
  Path dir = Path.of("data");

  @Option(
      names = "--timings",
      hidden = true,
      description = "Print each chapter's duration on stderr.")
  boolean timings;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  private PrintWriter out;

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    out.println(
        "zarr4j tour: each step shows the zarr-python statement (>>>) and zarr4j's result.");
    out.println("Stores are written under " + dir + "/.");
    timed("creating, reading and writing", this::creatingAndReadWrite);
    timed("persistent arrays", this::persistent);
    timed("resizing and appending", this::resizeAndAppend);
    timed("user attributes", this::attributes);
    timed("chunk optimizations", this::chunkOptions);
    timed("chunk memory layout", this::memoryLayout);
    timed("datetimes", this::datetimes);
    timed("empty chunks", this::emptyChunks);
    timed("zarr v3 and sharding", this::v3Sharding);
    out.println();
    out.printf("Tour finished in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }

  // ---------------------------------------------------------------------------- helpers

  private void timed(String what, Runnable chapter) {
    long t = System.nanoTime();
    chapter.run();
    if (timings) {
      spec.commandLine()
          .getErr()
          .printf("tour: %s took %.2f s%n", what, (System.nanoTime() - t) / 1e9);
    }
  }

  private void section(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  private void step(String statement) {
    out.println(">>> " + statement);
  }

  private void step(String statement, Object result) {
    out.println(">>> " + statement);
    out.println(result);
  }

  /** How the tour names a store: under DIR as the user gave it. */
  private String store(String name) {
    return dir.resolve(name).toString();
  }

  /** Where a store really is (DIR resolved against the working directory). */
  private Path location(String name) {
    return main.resolve(dir).resolve(name);
  }

  private ArrayOptions.Builder at(String name) {
    return ArrayOptions.builder().store(location(name)).overwrite(true);
  }

  private static NdArray arange(DataType dtype, int n) {
    return NdArray.arange(dtype, n);
  }

  // ---------------------------------------------------------------------------- chapters

  private void creatingAndReadWrite() {
    section("Creating an array");
    String s = store("zeros.zarr");
    ZarrArray z =
        Zarr.zeros(at("zeros.zarr").shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
    step(
        "z = zarr.zeros((10000, 10000), chunks=(1000, 1000), dtype='i4', store='"
            + s
            + "', overwrite=True)");
    step("z", z);
    step("z.nchunks", z.nchunks());

    section("Reading and writing data");
    z.set(42);
    step("z[:] = 42");
    z.set("0, :", arange(DataType.INT32, 10000));
    step("z[0, :] = np.arange(10000)");
    z.set(":, 0", arange(DataType.INT32, 10000));
    step("z[:, 0] = np.arange(10000)");
    step("z[0, 0]", Text.scalar(z.get("0, 0")));
    step("z[-1, -1]", Text.scalar(z.get("-1, -1")));
    step("z[0, :]", Text.array(z.get("0, :")));
    step("z[:, 0]", Text.array(z.get(":, 0")));
    step("z[:3, :3]", Text.array(z.get(":3, :3")));
    step("z[-3:, -3:]", Text.array(z.get("-3:, -3:")));
    step("z.info");
    out.print(z.info());
  }

  private void persistent() {
    section("Persistent arrays");
    String s = store("example.zarr");
    ZarrArray z1 =
        Zarr.openArray(
            location("example.zarr"),
            OpenMode.WRITE,
            ArrayOptions.builder().shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
    step(
        "z1 = zarr.open('"
            + s
            + "', mode='w', shape=(10000, 10000), chunks=(1000, 1000), dtype='i4')");
    z1.set(42);
    step("z1[:] = 42");
    z1.set("0, :", arange(DataType.INT32, 10000));
    step("z1[0, :] = np.arange(10000)");
    z1.set(":, 0", arange(DataType.INT32, 10000));
    step("z1[:, 0] = np.arange(10000)");
    ZarrArray z2 = Zarr.openArray(location("example.zarr"), OpenMode.READ, ArrayOptions.defaults());
    step("z2 = zarr.open('" + s + "', mode='r')");
    step("z2", z2);
    step("np.all(z1[:] == z2[:])", equalByBlocks(z1, z2) ? "True" : "False");
    step("z2[0, :5]", Text.array(z2.get("0, :5")));
  }

  /** Compares two arrays of one shape block by block (a few chunk rows at a time). */
  private static boolean equalByBlocks(ZarrArray a, ZarrArray b) {
    if (!java.util.Arrays.equals(a.shape(), b.shape()) || !a.dtype().equals(b.dtype())) {
      return false;
    }
    long[] shape = a.shape();
    long[] granule = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      granule[d] = a.chunks()[d];
    }
    BlockPlan plan =
        BlockPlan.cOrder(
            shape,
            a.dtype().itemSize(),
            Budget.effective(Budget.DEFAULT),
            granule,
            new long[shape.length]);
    for (BlockPlan.Block block : plan) {
      Object[] sel = new Object[shape.length];
      for (int d = 0; d < shape.length; d++) {
        sel[d] = Slice.of(block.start()[d], block.start()[d] + block.count()[d]);
      }
      BasicSelection selection = BasicSelection.of(sel);
      if (!a.get(selection).equals(b.get(selection))) {
        return false;
      }
    }
    return true;
  }

  private void resizeAndAppend() {
    section("Resizing and appending");
    String s = store("resize.zarr");
    ZarrArray z = Zarr.zeros(at("resize.zarr").shape(10000, 10000).chunks(1000, 1000).build());
    step(
        "z = zarr.zeros(shape=(10000, 10000), chunks=(1000, 1000), store='"
            + s
            + "', overwrite=True)");
    z.set(42.0);
    step("z[:] = 42");
    step(
        "z.nchunks, z.nchunks_initialized",
        "(" + z.nchunks() + ", " + z.nchunksInitialized() + ")");
    z.resize(20000, 10000);
    step("z.resize(20000, 10000)");
    step("z.shape", PythonText.tuple(z.shape()));
    step(
        "z.nchunks, z.nchunks_initialized",
        "(" + z.nchunks() + ", " + z.nchunksInitialized() + ")");
    z.resize(5000, 5000);
    step("z.resize(5000, 5000)  # chunks outside the new shape are deleted");
    step(
        "z.nchunks, z.nchunks_initialized",
        "(" + z.nchunks() + ", " + z.nchunksInitialized() + ")");

    String s2 = store("append.zarr");
    NdArray a = NdArray.arange(DataType.INT32, 10000000, 10000, 1000);
    step("a = np.arange(10000000, dtype='i4').reshape(10000, 1000)");
    ZarrArray za = Zarr.array(a, at("append.zarr").chunks(1000, 100).build());
    step("z = zarr.array(a, chunks=(1000, 100), store='" + s2 + "', overwrite=True)");
    step("z.shape", PythonText.tuple(za.shape()));
    step("z.append(a)", PythonText.tuple(za.append(a)));
    NdArray twice = NdArray.zeros(DataType.INT32, 20000, 1000);
    int[] src = (int[]) a.data();
    int[] dst = (int[]) twice.data();
    System.arraycopy(src, 0, dst, 0, src.length);
    System.arraycopy(src, 0, dst, src.length, src.length);
    step("z.append(np.vstack([a, a]), axis=1)", PythonText.tuple(za.append(twice, 1)));
    step("z.shape", PythonText.tuple(za.shape()));
    step("z.nchunks", za.nchunks());
    step("z[9998:10002, 998:1002]", Text.array(za.get("9998:10002, 998:1002")));
  }

  private void attributes() {
    section("User attributes");
    String s = store("attrs.zarr");
    Store st = Zarr.directoryStore(location("attrs.zarr"));
    Attributes rootAttrs = Zarr.group(st, GroupOptions.builder().overwrite(true).build()).attrs();
    step("root = zarr.group('" + s + "', overwrite=True)");
    rootAttrs.put("foo", "bar");
    step("root.attrs['foo'] = 'bar'");
    ZarrArray z =
        Zarr.zeros(ArrayOptions.builder().store(st).path("zzz").shape(10000, 10000).build());
    step("z = root.zeros('zzz', shape=(10000, 10000))");
    z.attrs().put("baz", 42);
    step("z.attrs['baz'] = 42");
    z.attrs().put("qux", List.of(1, 4, 7, 12));
    step("z.attrs['qux'] = [1, 4, 7, 12]");
    step("sorted(root.attrs)", Text.py(new ArrayList<>(new TreeSet<>(rootAttrs.keys()))));
    step("'foo' in root.attrs", Text.py(rootAttrs.contains("foo")));
    step("root.attrs['foo']", Text.py(rootAttrs.get("foo")));
    step("sorted(z.attrs)", Text.py(new ArrayList<>(new TreeSet<>(z.attrs().keys()))));
    step("z.attrs['baz']", Text.py(z.attrs().get("baz")));
    step("z.attrs['qux']", Text.py(z.attrs().get("qux")));
    z.attrs().update(Map.of("units", "m/s"));
    step("z.attrs.update(units='m/s')");
    step("z.attrs.asdict()", Text.py(z.attrs().asMap()));
  }

  private void chunkOptions() {
    section("Chunk optimizations");
    Object[][] cases = {
      {"chunks=(100, -1)", new long[] {100, -1}},
      {"chunks=(None, 100)", new long[] {-1, 100}},
      {"chunks=(1000, 1000)", new long[] {1000, 1000}},
      {"chunks=True", Boolean.TRUE},
      {"chunks=False", Boolean.FALSE},
    };
    int i = 1;
    for (Object[] c : cases) {
      String name = "chunks" + i + ".zarr";
      ArrayOptions.Builder b = at(name).shape(10000, 10000).dtype("i4");
      if (c[1] instanceof long[] l) {
        b.chunks(l);
      } else {
        b.chunks((Boolean) c[1]);
      }
      ZarrArray z = Zarr.zeros(b.build());
      step(
          "z"
              + i
              + " = zarr.zeros((10000, 10000), "
              + c[0]
              + ", dtype='i4', store='"
              + store(name)
              + "', overwrite=True)");
      step("z" + i + ".chunks", PythonText.tuple(z.chunks()));
      i++;
    }
  }

  private void memoryLayout() {
    section("Chunk memory layout");
    // The tutorial's 10000 x 10000 example, scaled down tenfold per side to keep the tour quick.
    int n = 1000;
    NdArray a = NdArray.zeros(DataType.INT32, n, n);
    int[] d = (int[]) a.data();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i * n + j] = j * n + i; // arange(n * n).reshape(n, n).T
      }
    }
    step("a = np.arange(1000000, dtype='i4').reshape(1000, 1000).T");
    ZarrArray c = Zarr.array(a, at("order_c.zarr").chunks(100, 100).build());
    step(
        "c = zarr.array(a, chunks=(100, 100), store='"
            + store("order_c.zarr")
            + "', overwrite=True)");
    step("c.info");
    out.print(c.info());
    ZarrArray f = Zarr.array(a, at("order_f.zarr").chunks(100, 100).order("F").build());
    step(
        "f = zarr.array(a, chunks=(100, 100), order='F', store='"
            + store("order_f.zarr")
            + "', overwrite=True)");
    step("f.info");
    out.print(f.info());
    step("c.nbytes_stored > f.nbytes_stored", Text.py(c.nbytesStored() > f.nbytesStored()));
  }

  private void datetimes() {
    section("Datetimes and timedeltas");
    DataType day = DataType.parse("M8[D]");
    NdArray dates = NdArray.zeros(day, 3);
    String[] text = {"2007-07-13", "2006-01-13", "2010-08-13"};
    for (int i = 0; i < 3; i++) {
      dates.set(text[i], i);
    }
    ZarrArray z = Zarr.array(dates, at("datetimes.zarr").dtype(day).build());
    step(
        "z = zarr.array(['2007-07-13', '2006-01-13', '2010-08-13'], dtype='M8[D]', store='"
            + store("datetimes.zarr")
            + "', overwrite=True)");
    step("z", z);
    step("z[:]", Text.array(z.get()));
    step("z[0]", Text.scalar(z.get("0")));
    z.setValue("1999-12-31", 0);
    step("z[0] = '1999-12-31'");
    step("z[:]", Text.array(z.get()));
  }

  private void emptyChunks() {
    section("Empty chunks");
    int chunk = 8192;
    int len = chunk * 64;
    NdArray random = NdArray.zeros(DataType.INT64, len);
    long[] r = (long[]) random.data();
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < len; i++) {
      r[i] = rnd.nextInt(1, 255);
    }
    for (boolean write : new boolean[] {true, false}) {
      String py = write ? "True" : "False";
      String name = "empty_" + py.toLowerCase(java.util.Locale.ROOT) + ".zarr";
      ZarrArray z =
          Zarr.zeros(at(name).shape(len).chunks(chunk).dtype("i8").writeEmptyChunks(write).build());
      step(
          "z = zarr.zeros("
              + len
              + ", chunks="
              + chunk
              + ", dtype='i8', write_empty_chunks="
              + py
              + ", store='"
              + store(name)
              + "', overwrite=True)");
      z.set(random);
      step("z[:] = np.random.randint(1, 255, " + len + ")");
      step("z.nchunks_initialized", z.nchunksInitialized());
      z.set(0);
      step("z[:] = 0  # the fill value");
      step("z.nchunks_initialized", z.nchunksInitialized());
    }
  }

  private void v3Sharding() {
    section("Zarr v3 and sharding");
    String name = "sharded.zarr";
    ZarrArray z =
        Zarr.zeros(
            at(name)
                .format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
                .shape(2000, 2000)
                .chunks(100, 100)
                .shards(500, 500)
                .dtype("i4")
                .build());
    step(
        "z = zarr.create_array(store='"
            + store(name)
            + "', shape=(2000, 2000), chunks=(100, 100), shards=(500, 500), dtype='i4',"
            + " zarr_format=3, fill_value=0, overwrite=True)");
    step("z.chunks", PythonText.tuple(z.chunks()));
    step("z.shards", PythonText.tuple(z.shards()));
    step("z.nchunks", z.nchunks());
    z.set(42);
    step("z[:] = 42");
    z.set("0, :", arange(DataType.INT32, 2000));
    step("z[0, :] = np.arange(2000)");
    step("z.nchunks_initialized  # 16 shards of 25 chunks", z.nchunksInitialized());
    step("z[0, 995:1005]", Text.array(z.get("0, 995:1005")));
    step("z.info");
    out.print(z.info());
  }
}
