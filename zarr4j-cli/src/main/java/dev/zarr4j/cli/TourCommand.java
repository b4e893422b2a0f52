package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Attributes;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.codec.object.JsonCodec;
import dev.zarr4j.codec.object.VLenArray;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyOptions;
import dev.zarr4j.convenience.CopyResult;
import dev.zarr4j.convenience.CopyStoreOptions;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.NestedDirectoryStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import dev.zarr4j.store.ZipStore;
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
 * {@code zarr4j tour}: the chapters of zarr-python's tutorial, run with zarr4j on stores under
 * {@code ./data} (directories, zip archives, N5 containers) and in memory. Each step prints the
 * zarr-python statement it mirrors and zarr4j's result, so the two can be compared line by line.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Walks the chapters of zarr-python's tutorial (creating arrays, reading and writing,"
          + " persistence, resizing and appending, attributes, chunk options, datetimes, empty"
          + " chunks, Zarr v3 with sharding, compressors and filters, object and ragged arrays,"
          + " groups, advanced indexing,"
          + " storage alternatives, consolidated metadata, copying data, N5) on stores under DIR,"
          + " printing each step as the zarr-python statement and zarr4j's result. Stores from an"
          + " earlier tour are replaced.",
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
    timed("compressors and filters", this::compressors);
    timed("object and ragged arrays", this::objectArrays);
    timed("groups", this::groups);
    timed("advanced indexing", this::advancedIndexing);
    timed("storage alternatives", this::storageAlternatives);
    timed("consolidating metadata", this::consolidating);
    timed("copying and migrating data", this::copying);
    timed("n5", this::n5);
    out.println();
    out.printf("Tour finished in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }

  // ---------------------------------------------------------------------------- helpers

  private void timed(String what, Runnable chapter) {
    long t = System.nanoTime();
    long cpu = processCpuNanos();
    chapter.run();
    if (timings) {
      // the process's CPU time too: on a shared machine the wall time says little
      spec.commandLine()
          .getErr()
          .printf(
              "tour: %s took %.2f s (%.2f s of CPU)%n",
              what, (System.nanoTime() - t) / 1e9, (processCpuNanos() - cpu) / 1e9);
    }
  }

  /** The CPU time this JVM has used, all threads together (0 where the platform does not say). */
  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
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

  /** The tutorial's 10000 x 10000 {@code arange}, scaled down tenfold per side for speed. */
  private static NdArray arange1000x1000() {
    return NdArray.arange(DataType.INT32, 1000000, 1000, 1000);
  }

  private void compressors() {
    section("Compressors");
    // the tutorial's 10000 x 10000 arrays, scaled down tenfold per side to keep the tour quick
    NdArray data = arange1000x1000();
    step("data = np.arange(1000000, dtype='i4').reshape(1000, 1000)");
    Blosc blosc = Blosc.of(BloscCompressor.ZSTD, 3, BloscShuffle.BITSHUFFLE, 0);
    step("compressor = Blosc(cname='zstd', clevel=3, shuffle=Blosc.BITSHUFFLE)");
    ZarrArray z =
        Zarr.array(data, at("blosc_zstd.zarr").chunks(100, 100).compressor(blosc).build());
    step(
        "z = zarr.array(data, chunks=(100, 100), compressor=compressor, store='"
            + store("blosc_zstd.zarr")
            + "', overwrite=True)");
    step("z.compressor", z.compressor());
    step("z.info");
    out.print(z.info());
    List<String> cnames = new ArrayList<>();
    for (BloscCompressor c : BloscCompressor.values()) {
      cnames.add(c.cname());
    }
    step("blosc.list_compressors()", Text.py(cnames));
    ZarrArray zstd =
        Zarr.array(data, at("zstd.zarr").chunks(100, 100).compressor(Zstd.of(1)).build());
    step(
        "z = zarr.array(data, chunks=(100, 100), compressor=Zstd(level=1), store='"
            + store("zstd.zarr")
            + "', overwrite=True)");
    step("z.compressor", zstd.compressor());
    List<Map<String, Object>> lzmaFilters =
        List.of(
            Map.of("id", Lzma.FILTER_DELTA, "dist", 4L),
            Map.of("id", Lzma.FILTER_LZMA2, "preset", 1L));
    step(
        "lzma_filters = [dict(id=lzma.FILTER_DELTA, dist=4), dict(id=lzma.FILTER_LZMA2, preset=1)]");
    Lzma lzma = Lzma.of(Lzma.FORMAT_XZ, -1, null, lzmaFilters);
    step("compressor = LZMA(filters=lzma_filters)");
    // larger chunks than the others: each LZMA chunk sets up an encoder of its own
    ZarrArray zl = Zarr.array(data, at("lzma.zarr").chunks(500, 500).compressor(lzma).build());
    step(
        "z = zarr.array(data, chunks=(500, 500), compressor=compressor, store='"
            + store("lzma.zarr")
            + "', overwrite=True)");
    step("z.compressor", zl.compressor());
    step("z[999, 995:]", Text.array(zl.get("999, 995:")));
    step("z.nbytes_stored < z.nbytes / 20", Text.py(zl.nbytesStored() < zl.nbytes() / 20));
    ZarrArray none =
        Zarr.zeros(at("uncompressed.zarr").shape(100000).chunks(10000).compressor(null).build());
    step(
        "z = zarr.zeros(100000, chunks=10000, compressor=None, store='"
            + store("uncompressed.zarr")
            + "', overwrite=True)");
    step("z.compressor is None", Text.py(none.compressor() == null));

    section("Filters");
    step("filters = [Delta(dtype='i4')]");
    Blosc zstd1 = Blosc.of(BloscCompressor.ZSTD, 1, BloscShuffle.SHUFFLE, 0);
    step("compressor = Blosc(cname='zstd', clevel=1, shuffle=Blosc.SHUFFLE)");
    ZarrArray zd =
        Zarr.array(
            data,
            at("delta.zarr")
                .chunks(100, 100)
                .filters(List.of(Delta.of("<i4")))
                .compressor(zstd1)
                .build());
    step(
        "z = zarr.array(data, chunks=(100, 100), filters=filters, compressor=compressor, store='"
            + store("delta.zarr")
            + "', overwrite=True)");
    step("z.info");
    out.print(zd.info());
    step("z[0, :5]", Text.array(zd.get("0, :5")));
  }

  private void groups() {
    section("Groups");
    String s = store("group.zarr");
    ZarrGroup root =
        Zarr.group(location("group.zarr"), GroupOptions.builder().overwrite(true).build());
    step("root = zarr.group(store='" + s + "', overwrite=True)");
    step("root", root);
    ZarrGroup foo = root.createGroup("foo");
    step("foo = root.create_group('foo')");
    ZarrGroup bar = foo.createGroup("bar");
    step("bar = foo.create_group('bar')");
    ArrayOptions big =
        ArrayOptions.builder().shape(10000, 10000).chunks(1000, 1000).dtype("i4").build();
    ZarrArray z1 = bar.zeros("baz", big);
    step("z1 = bar.zeros('baz', shape=(10000, 10000), chunks=(1000, 1000), dtype='i4')");
    step("z1", z1);
    ZarrArray quux = bar.createDataset("quux", big);
    step("z = bar.create_dataset('quux', shape=(10000, 10000), chunks=(1000, 1000), dtype='i4')");
    step("z", quux);
    step("root['foo']", root.get("foo"));
    step("root['foo/bar']", root.get("foo/bar"));
    step("root['foo/bar/baz']", root.get("foo/bar/baz"));
    step(
        "foo.require_group('bar') == bar  # the existing group",
        Text.py(foo.requireGroup("bar").equals(bar)));
    step("root.require_group('spam')  # created: it did not exist", root.requireGroup("spam"));
    step(
        "root.require_group('spam') == root['spam']",
        Text.py(root.requireGroup("spam").equals(root.get("spam"))));
    step("root.tree()", root.tree());

    section("Array and group diagnostics");
    String d = store("diagnostics.zarr");
    ZarrGroup droot =
        Zarr.group(location("diagnostics.zarr"), GroupOptions.builder().overwrite(true).build());
    step("root = zarr.group(store='" + d + "', overwrite=True)");
    ZarrGroup dfoo = droot.createGroup("foo");
    step("foo = root.create_group('foo')");
    ZarrArray dbar =
        dfoo.zeros("bar", ArrayOptions.builder().shape(1000000).chunks(100000).dtype("i8").build());
    step("bar = foo.zeros('bar', shape=1000000, chunks=100000, dtype='i8')");
    dbar.set(42);
    step("bar[:] = 42");
    ZarrArray dbaz =
        dfoo.zeros(
            "baz", ArrayOptions.builder().shape(1000, 1000).chunks(100, 100).dtype("f4").build());
    step("baz = foo.zeros('baz', shape=(1000, 1000), chunks=(100, 100), dtype='f4')");
    dbaz.set(4.2);
    step("baz[:] = 4.2");
    step("root.info");
    out.print(droot.info());
    step("foo.info");
    out.print(dfoo.info());
    step("bar.info");
    out.print(dbar.info());
    step("baz.info");
    out.print(dbaz.info());
    step("root.tree()", droot.tree());
  }

  /** {@code np.arange(n) ** 2} as int64. */
  private static NdArray squares(int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = (long) i * i;
    }
    return NdArray.of(v, n);
  }

  /** A fresh in-memory array of {@code data} with default options (zarr.array(data)). */
  private static ZarrArray inMemory(NdArray data, ArrayOptions.Builder options) {
    return Zarr.array(data, options.build());
  }

  private void advancedIndexing() {
    section("Indexing with coordinate arrays");
    ZarrArray z = inMemory(squares(10), ArrayOptions.builder());
    step("z = zarr.array(np.arange(10) ** 2)");
    step("z[:]", Text.array(z.get()));
    step("z.get_coordinate_selection([2, 5])", Text.array(z.vindex().get(new long[] {2, 5})));
    z.vindex().set(NdArray.of(new long[] {-1, -2}, 2), new long[] {2, 5});
    step("z.set_coordinate_selection([2, 5], [-1, -2])");
    step("z[:]", Text.array(z.get()));
    NdArray grid = NdArray.arange(DataType.INT64, 15, 3, 5);
    z = inMemory(grid, ArrayOptions.builder());
    step("z = zarr.array(np.arange(15).reshape(3, 5))");
    step("z[:]", Text.array(z.get()));
    step(
        "z.get_coordinate_selection(([0, 2], [1, 3]))",
        Text.array(z.vindex().get(new long[] {0, 2}, new long[] {1, 3})));
    z.vindex().set(NdArray.of(new long[] {-1, -2}, 2), new long[] {0, 2}, new long[] {1, 3});
    step("z.set_coordinate_selection(([0, 2], [1, 3]), [-1, -2])");
    step("z[:]", Text.array(z.get()));
    step("z.vindex[[0, 2], [1, 3]]", Text.array(z.vindex().get("[0, 2], [1, 3]")));
    z.vindex().set("[0, 2], [1, 3]", NdArray.of(new long[] {-3, -4}, 2));
    step("z.vindex[[0, 2], [1, 3]] = [-3, -4]");
    step("z[:]", Text.array(z.get()));
    step("z[[0, 2], [1, 3]]", Text.array(z.get("[0, 2], [1, 3]")));
    step("z[1, [1, 3]]", Text.array(z.get("1, [1, 3]")));

    section("Indexing with a mask array");
    z = inMemory(squares(10), ArrayOptions.builder());
    step("z = zarr.array(np.arange(10) ** 2)");
    NdArray sel = NdArray.zeros(DataType.BOOL, 10);
    sel.set(true, 2);
    sel.set(true, 5);
    step("sel = np.zeros_like(z, dtype=bool); sel[2] = True; sel[5] = True");
    step("z.get_mask_selection(sel)", Text.array(z.getMaskSelection(sel)));
    z.setMaskSelection(sel, NdArray.of(new long[] {-1, -2}, 2));
    step("z.set_mask_selection(sel, [-1, -2])");
    step("z[:]", Text.array(z.get()));
    z = inMemory(grid, ArrayOptions.builder());
    step("z = zarr.array(np.arange(15).reshape(3, 5))");
    NdArray sel2 = NdArray.zeros(DataType.BOOL, 3, 5);
    sel2.set(true, 0, 1);
    sel2.set(true, 2, 3);
    step("sel = np.zeros_like(z, dtype=bool); sel[0, 1] = True; sel[2, 3] = True");
    step("z.vindex[sel]", Text.array(z.vindex().get(sel2)));
    z.vindex().set(NdArray.of(new long[] {-3, -4}, 2), sel2);
    step("z.vindex[sel] = [-3, -4]");
    step("z[:]", Text.array(z.get()));

    section("Orthogonal indexing");
    z = inMemory(grid, ArrayOptions.builder());
    step("z = zarr.array(np.arange(15).reshape(3, 5))");
    step(
        "z.oindex[[0, 2], :]  # select first and third rows",
        Text.array(z.oindex().get("[0, 2], :")));
    step(
        "z.oindex[:, [1, 3]]  # select second and fourth columns",
        Text.array(z.oindex().get(":, [1, 3]")));
    step("z.oindex[[0, 2], [1, 3]]", Text.array(z.oindex().get("[0, 2], [1, 3]")));
    z.oindex().set("[0, 2], [1, 3]", NdArray.of(new long[] {-1, -2, -3, -4}, 2, 2));
    step("z.oindex[[0, 2], [1, 3]] = [[-1, -2], [-3, -4]]");
    step("z[:]", Text.array(z.get()));
    step(
        "z.oindex[[True, False, True], 1::2]  # Boolean arrays and slices mix",
        Text.array(z.oindex().get("[True, False, True], 1::2")));

    section("Block indexing");
    z = inMemory(NdArray.arange(DataType.INT64, 100, 10, 10), ArrayOptions.builder().chunks(3, 3));
    step("z = zarr.array(np.arange(100).reshape(10, 10), chunks=(3, 3))");
    step("z.get_block_selection(1)", Text.array(z.blocks().get("1")));
    step("z[3:6]", Text.array(z.get("3:6")));
    step("z.blocks[0, 1:3]", Text.array(z.blocks().get("0, 1:3")));
    z = Zarr.zeros(ArrayOptions.builder().shape(6, 6).dtype("i8").chunks(2, 2).build());
    step("z = zarr.zeros((6, 6), dtype=int, chunks=2)");
    z.blocks().set("1, 0", 1);
    step("z.set_block_selection((1, 0), 1)");
    z.blocks().set(":, 2", 7);
    step("z.blocks[:, 2] = 7");
    step("z[...]", Text.array(z.get("...")));
    step("z.blocks[2, 1:3]", Text.array(z.blocks().get("2, 1:3")));

    section("Indexing fields in structured arrays");
    DataType record =
        DataType.parse("[[\"foo\", \"|S3\"], [\"bar\", \"<i4\"], [\"baz\", \"<f8\"]]");
    NdArray a = NdArray.zeros(record, 3);
    NdArray foos = NdArray.zeros(DataType.parse("|S3"), 3);
    String[] text = {"aaa", "bbb", "ccc"};
    for (int i = 0; i < 3; i++) {
      foos.set(text[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII), i);
    }
    a.setFields(foos, "foo");
    a.setFields(NdArray.of(new int[] {1, 2, 3}, 3), "bar");
    a.setFields(NdArray.of(new double[] {4.2, 8.4, 12.6}, 3), "baz");
    z = inMemory(a, ArrayOptions.builder());
    step(
        "z = zarr.array(np.array([(b'aaa', 1, 4.2), (b'bbb', 2, 8.4), (b'ccc', 3, 12.6)],"
            + " dtype=[('foo', 'S3'), ('bar', 'i4'), ('baz', 'f8')]))");
    step("z['foo']", Text.array(z.get("'foo'")));
    step("z['baz']", Text.array(z.get("'baz'")));
    step(
        "z.get_basic_selection(slice(0, 2), fields='bar')",
        Text.array(z.getBasicSelection(BasicSelection.of(Slice.of(0, 2)), "bar")));
    step(
        "z.get_coordinate_selection([0, 2], fields=['foo', 'baz'])",
        Text.array(
            z.getCoordinateSelection(CoordinateSelection.of(new long[] {0, 2}), "foo", "baz")));
  }

  private void storageAlternatives() {
    section("Storage alternatives");
    Path zip = location("example.zip");
    String zs = store("example.zip");
    ZipStore writing = new ZipStore(zip, ZipStore.Mode.WRITE);
    step("store = zarr.ZipStore('" + zs + "', mode='w')");
    ZarrGroup root = Zarr.group(writing);
    step("root = zarr.group(store=store)");
    ZarrArray z =
        root.zeros(
            "foo/bar",
            ArrayOptions.builder().shape(1000, 1000).chunks(100, 100).dtype("i4").build());
    step("z = root.zeros('foo/bar', shape=(1000, 1000), chunks=(100, 100), dtype='i4')");
    z.set(42);
    step("z[:] = 42");
    writing.close();
    step("store.close()");
    try (ZipStore reading = new ZipStore(zip, ZipStore.Mode.READ)) {
      step("store = zarr.ZipStore('" + zs + "', mode='r')");
      ZarrGroup again = Zarr.openGroup(reading, OpenMode.READ);
      step("root = zarr.open_group(store=store, mode='r')");
      ZarrArray back = again.getArray("foo/bar");
      step("z = root['foo/bar']");
      step("z[:]", Text.array(back.get()));
      step("sorted(store.keys())[:4]", Text.py(sortedKeys(reading).subList(0, 4)));
    }
    step("store.close()");

    // zarr4j's own addition: a directory store zipped as the docs suggest doing with 7z
    ZipStore.pack(location("group.zarr"), location("group.zip"));
    step(
        "ZipStore.pack(Path.of('"
            + store("group.zarr")
            + "'), Path.of('"
            + store("group.zip")
            + "'))  # zarr4j: zip a directory store");
    try (ZipStore packed = new ZipStore(location("group.zip"), ZipStore.Mode.READ)) {
      step(
          "zarr.open_group(zarr.ZipStore('" + store("group.zip") + "', mode='r'), mode='r').tree()",
          Zarr.openGroup(packed, OpenMode.READ).tree());
    }

    section("Nested directory store");
    Path nested = location("nested.zarr");
    Store ns = new NestedDirectoryStore(nested);
    ZarrArray zn =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(ns)
                .overwrite(true)
                .shape(1000, 1000)
                .chunks(100, 100)
                .dtype("i4")
                .build());
    step("store = zarr.NestedDirectoryStore('" + store("nested.zarr") + "')");
    step(
        "z = zarr.zeros((1000, 1000), chunks=(100, 100), dtype='i4', store=store, overwrite=True)");
    zn.set("0:200, 0:200", 7);
    step("z[0:200, 0:200] = 7");
    step("sorted(os.listdir('" + store("nested.zarr") + "'))", Text.py(listing(nested)));
    step(
        "sorted(os.listdir('" + store("nested.zarr") + "/1'))",
        Text.py(listing(nested.resolve("1"))));
    step("z.dimension_separator", Text.py(zn.dimensionSeparator()));
    step("z[199:201, 199:201]", Text.array(zn.get("199:201, 199:201")));

    section("Stores on the class path");
    step(
        "Stores.schemes()  # zarr4j: URL schemes that zarr4j.store.Stores.open understands here",
        Text.py(new ArrayList<>(Stores.schemes())));
    ReadableStore viaUrl = Stores.open(zip.toUri().toString().replaceFirst("^file:", "zip::file:"));
    step(
        "zarr.open_group('zip::" + zs + "', mode='r')['foo/bar'][0, :3]  # a URL of a zip",
        Text.array(
            Zarr.openGroup(viaUrl, GroupOptions.defaults()).getArray("foo/bar").get("0, :3")));
    closeQuietly(viaUrl);
  }

  /** A zip store's keys, sorted. */
  private static List<String> sortedKeys(ZipStore zip) {
    List<String> keys = new ArrayList<>(zip.listPrefix(""));
    java.util.Collections.sort(keys);
    return keys;
  }

  /** A directory's entries, sorted (Python's {@code sorted(os.listdir(dir))}). */
  private static List<String> listing(Path directory) {
    try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void closeQuietly(Object o) {
    if (o instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // a read-only store: nothing to lose
      }
    }
  }

  private void consolidating() {
    section("Consolidating metadata");
    Path group = location("group.zarr");
    String s = store("group.zarr");
    Convenience.consolidateMetadata(group);
    step("zarr.consolidate_metadata('" + s + "')");
    step(
        "'.zmetadata' in os.listdir('" + s + "')",
        Text.py(java.nio.file.Files.isRegularFile(group.resolve(".zmetadata"))));
    ZarrNode root = Convenience.openConsolidated(group, OpenMode.READ_WRITE);
    step("root = zarr.open_consolidated('" + s + "', mode='r+')");
    step("root.tree()", ((ZarrGroup) root).tree());
    try {
      ((ZarrGroup) root).createGroup("later");
      step("root.create_group('later')", "(created: the metadata were not read-only)");
    } catch (dev.zarr4j.exceptions.ZarrException e) {
      step(
          "root.create_group('later')  # the structure is read-only",
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    ZarrArray baz = ((ZarrGroup) root).getArray("foo/bar/baz");
    baz.set("0, 0:3", NdArray.of(new int[] {1, 2, 3}, 3));
    step("root['foo/bar/baz'][0, 0:3] = [1, 2, 3]  # data values can still be updated");
    step("root['foo/bar/baz'][0, 0:4]", Text.array(baz.get("0, 0:4")));
  }

  private void copying() {
    section("Copying/migrating data");
    Store store1 = Zarr.directoryStore(location("copy_source.zarr"));
    ZarrGroup root = Zarr.group(store1, GroupOptions.builder().overwrite(true).build());
    step("store1 = zarr.DirectoryStore('" + store("copy_source.zarr") + "')");
    step("root = zarr.group(store1, overwrite=True)");
    root.createDataset(
        "foo/bar/baz",
        NdArray.arange(DataType.INT64, 100),
        ArrayOptions.builder().chunks(50).build());
    step("baz = root.create_dataset('foo/bar/baz', data=np.arange(100), chunks=(50,))");
    root.createDataset(
        "spam",
        NdArray.of(java.util.stream.LongStream.range(100, 200).toArray(), 100),
        ArrayOptions.builder().chunks(30).build());
    step("spam = root.create_dataset('spam', data=np.arange(100, 200), chunks=(30,))");
    step("root.tree()", root.tree());
    ZarrGroup dest =
        Zarr.openGroup(location("copy_dest.zarr"), OpenMode.WRITE, GroupOptions.defaults());
    step("dest = zarr.open_group('" + store("copy_dest.zarr") + "', mode='w')");
    step("zarr.copy(root['foo'], dest, log=stdout)");
    CopyResult r =
        Convenience.copy(root.get("foo"), dest, CopyOptions.builder().log(out::println).build());
    out.println(r);
    step("dest.tree()  # N.B., no spam", dest.tree());
    ZarrGroup dest2 =
        Zarr.openGroup(location("copy_all.zarr"), OpenMode.WRITE, GroupOptions.defaults());
    step("dest = zarr.open_group('" + store("copy_all.zarr") + "', mode='w')");
    step("zarr.copy_all(root, dest, log=stdout)");
    out.println(Convenience.copyAll(root, dest2, CopyOptions.builder().log(out::println).build()));
    step("dest.tree()", dest2.tree());
    Path zip = location("copy_store.zip");
    try (ZipStore store2 = new ZipStore(zip, ZipStore.Mode.WRITE)) {
      step("store2 = zarr.ZipStore('" + store("copy_store.zip") + "', mode='w')");
      step("zarr.copy_store(store1, store2, log=stdout)");
      out.println(
          Convenience.copyStore(
              store1, store2, CopyStoreOptions.builder().log(out::println).build()));
      step("store2.close()  # ZIP stores need to be closed");
    }
    try (ZipStore store2 = new ZipStore(zip, ZipStore.Mode.READ)) {
      ZarrGroup newRoot = Zarr.openGroup(store2, OpenMode.READ);
      step(
          "new_root = zarr.open_group(zarr.ZipStore('" + store("copy_store.zip") + "', mode='r'))");
      step("new_root.tree()", newRoot.tree());
      step("new_root['foo/bar/baz'][:]", Text.array(newRoot.getArray("foo/bar/baz").get()));
    }
  }

  private void n5() {
    section("N5");
    String s = store("example.n5");
    ZarrGroup root =
        Zarr.group(location("example.n5"), GroupOptions.builder().overwrite(true).build());
    step("root = zarr.open('" + s + "', mode='w')  # N5 is chosen by the .n5 name");
    ZarrArray z =
        root.zeros(
            "foo/bar",
            ArrayOptions.builder().shape(1000, 1000).chunks(100, 100).dtype("i4").build());
    step("z = root.zeros('foo/bar', shape=(1000, 1000), chunks=(100, 100), dtype='i4')");
    z.set(42);
    step("z[:] = 42");
    step("root.tree()", root.tree());
    Path doc = location("example.n5").resolve("foo/bar/attributes.json");
    step(
        "json.load(open('" + s + "/foo/bar/attributes.json'))",
        Text.py(dev.zarr4j.python.PythonJson.parse(readText(doc))));
    step(
        "sorted(os.listdir('" + s + "/foo/bar'))[:4]  # blocks in N5's nested layout",
        Text.py(listing(location("example.n5").resolve("foo/bar")).subList(0, 4)));
    ZarrArray back =
        Zarr.openArray(
            location("example.n5").resolve("foo/bar"), OpenMode.READ, ArrayOptions.defaults());
    step("z2 = zarr.open('" + s + "/foo/bar', mode='r')");
    step("z2", back);
    step("z2[998:, 998:]", Text.array(back.get("998:, 998:")));
  }

  private static String readText(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void objectArrays() {
    section("Object arrays");
    ZarrArray z =
        Zarr.empty(
            ArrayOptions.builder()
                .shape(5)
                .dtype(DataType.OBJECT)
                .objectCodec(JsonCodec.DEFAULT)
                .build());
    step("z = zarr.empty(5, dtype=object, object_codec=numcodecs.JSON())");
    z.setValue(42L, 0);
    step("z[0] = 42");
    z.setValue("foo", 1);
    step("z[1] = 'foo'");
    z.setValue(List.of("bar", "baz", "qux"), 2);
    step("z[2] = ['bar', 'baz', 'qux']");
    Map<String, Object> ab = new java.util.LinkedHashMap<>();
    ab.put("a", 1L);
    ab.put("b", 2.2);
    z.setValue(ab, 3);
    step("z[3] = {'a': 1, 'b': 2.2}");
    step("z[:]", Text.array(z.get()));

    section("Ragged arrays");
    ZarrArray r =
        Zarr.empty(
            ArrayOptions.builder()
                .shape(4)
                .dtype(DataType.OBJECT)
                .objectCodec(VLenArray.of("<i8"))
                .build());
    step("z = zarr.empty(4, dtype=object, object_codec=numcodecs.VLenArray(int))");
    step("z", r);
    step(
        "z.filters  # zarr4j: z.objectCodec(), its filters() hold the others",
        "[" + r.objectCodec() + "]");
    r.setValue(NdArray.of(new long[] {1, 3, 5}, 3), 0);
    step("z[0] = np.array([1, 3, 5])");
    r.setValue(NdArray.of(new long[] {4}, 1), 1);
    step("z[1] = np.array([4])");
    r.setValue(NdArray.of(new long[] {7, 9, 14}, 3), 2);
    step("z[2] = np.array([7, 9, 14])");
    step("z[:]", Text.array(r.get()));
  }
}
