package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.n5.N5BlockCodec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.n5.N5Attributes;
import dev.zarr4j.metadata.n5.N5ChunkKeyEncoding;
import dev.zarr4j.metadata.n5.N5DataTypes;
import dev.zarr4j.metadata.n5.N5DatasetAttributes;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.python.PythonJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * N5 interop with the real zarr-python 2.13, at the level of blocks and {@code attributes.json}
 * documents (the classes of {@code dev.zarr4j.metadata.n5} and {@code dev.zarr4j.codec.n5}, before
 * they are wired into arrays and groups), both directions and through both {@code zarr.N5Store} and
 * {@code zarr.N5FSStore}:
 *
 * <ul>
 *   <li>zarr-python writes a hierarchy with attributes and arrays of 14 dtypes x every compression
 *       numcodecs offers for N5 (edge blocks written at full size, unwritten blocks, a 0-d and an
 *       empty array, an array at the store root); zarr4j reads every {@code attributes.json} and
 *       block and gets the values, shapes, dtypes, compressor configurations and attributes
 *       zarr-python reports;
 *   <li>zarr4j writes the same kind of containers (blocks cut at the array's end, as N5 writes
 *       them) and zarr-python opens them as groups and arrays with the right values and attributes,
 *       and writes byte-identical {@code attributes.json} for the same nodes;
 *   <li>the z5py (C++) example of {@code ../shared/fixtures} reads as its recorded values.
 * </ul>
 */
class N5InteropIT {
  @TempDir static Path dir;
  static Path script;
  static List<Map<String, Object>> pythonNodes;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/n5_interop.py", dir);
    pythonNodes = asList(python("write", dir.toString()));
  }

  static String python(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(script.toString());
    cmd.addAll(List.of(args));
    ZarrPython.Result r = ZarrPython.run(cmd, 600);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> asList(String json) {
    String s = json.strip();
    return (List<Map<String, Object>>) PythonJson.parse(s.substring(s.lastIndexOf("\n[") + 1));
  }

  // ------------------------------------------------------------------ reading with zarr4j

  static Map<String, Object> document(Path node) {
    Path f = node.resolve(N5Attributes.FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return N5Attributes.parse(Files.readAllBytes(f), f.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(long[] a) {
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Math.toIntExact(a[i]);
    }
    return r;
  }

  /** Every grid position of a grid of {@code shape} (one, {@code []}, for 0 dimensions). */
  static List<long[]> positions(long[] grid) {
    List<long[]> out = new ArrayList<>();
    for (long g : grid) {
      if (g == 0) {
        return out;
      }
    }
    long[] idx = new long[grid.length];
    while (true) {
      out.add(idx.clone());
      int d = grid.length - 1;
      while (d >= 0 && ++idx[d] == grid[d]) {
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return out;
      }
    }
  }

  /** The view of {@code array} whose origin is {@code origin}. */
  static StridedView viewAt(NdArray array, long[] origin) {
    StridedView all = StridedView.of(array);
    long[] st = all.strides();
    long off = 0;
    for (int d = 0; d < st.length; d++) {
      off += origin[d] * st[d];
    }
    return new StridedView(array.data(), off, st);
  }

  /** A dataset read block by block with the N5 classes; also counts the stored blocks. */
  record Read(N5DatasetAttributes attrs, NdArray values, int blocks) {}

  static Read readDataset(Path node) throws IOException {
    N5DatasetAttributes ds = N5DatasetAttributes.fromAttributes(document(node), node.toString());
    NdArray out = NdArray.zeros(ds.dataType(), ints(ds.shape()));
    N5BlockCodec codec = ds.blockCodec();
    N5ChunkKeyEncoding keys = ds.chunkKeyEncoding();
    int blocks = 0;
    for (long[] c : positions(ds.chunkGrid().gridShape(ds.shape()))) {
      Path f = node.resolve(keys.encode(c));
      if (!Files.isRegularFile(f)) {
        continue;
      }
      blocks++;
      ChunkSpec spec = ds.chunkSpec(c);
      ChunkArray chunk =
          codec.decode(ByteBuffer.wrap(Files.readAllBytes(f)), spec, CodecOptions.AUTO);
      chunk.copyTo(StridedBox.all(spec.shape()), viewAt(out, ds.chunkGrid().chunkOrigin(c)));
    }
    // every file below the dataset is its document or a block key
    try (Stream<Path> files = Files.walk(node)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = node.relativize(p).toString().replace('\\', '/');
        assertThat(N5Attributes.isDocumentName(rel) || keys.isChunkKey(rel, ds.ndim()))
            .as("%s in %s", rel, node)
            .isTrue();
      }
    }
    return new Read(ds, out, blocks);
  }

  @TestFactory
  Stream<DynamicTest> zarr4jReadsWhatZarrPythonWrote() {
    return pythonNodes.stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.get("container") + ":" + e.get("path"), () -> checkPythonNode(e)));
  }

  @SuppressWarnings("unchecked")
  static void checkPythonNode(Map<String, Object> e) throws IOException {
    Path node = dir.resolve((String) e.get("container")).resolve((String) e.get("path"));
    Map<String, Object> doc = document(node);
    assertThat(N5Attributes.userAttributes(doc)).isEqualTo(e.get("attrs"));
    if (e.get("kind").equals("group")) {
      assertThat(N5Attributes.kind(doc)).isEqualTo(N5Attributes.NodeKind.GROUP);
      N5Attributes.checkGroup(doc, node.toString());
      return;
    }
    assertThat(N5Attributes.kind(doc)).isEqualTo(N5Attributes.NodeKind.ARRAY);
    Read r = readDataset(node);
    N5DatasetAttributes ds = r.attrs();
    assertThat(ds.shape()).containsExactly(longs((List<Object>) e.get("shape")));
    assertThat(ds.blockSize()).containsExactly(ints(longs((List<Object>) e.get("chunks"))));
    assertThat(N5DataTypes.name(ds.dataType())).isEqualTo(e.get("dtype"));
    assertThat(asJson(ds.blockCodec().toConfig().get("compressor_config")))
        .isEqualTo(e.get("compressor_config"));
    assertThat(ds.fillValue()).isEqualTo(NdArray.zeros(ds.dataType()).get());
    assertThat(((String) e.get("path")).isEmpty()).isEqualTo(doc.containsKey("n5"));
    NdArray expected = Npy.read(dir.resolve((String) e.get("npy")));
    assertThat(r.values()).as("values of %s", node).isEqualTo(expected);
  }

  /** A value as its JSON text reads back (integers as Long). */
  static Object asJson(Object v) {
    return PythonJson.parse(PythonJson.writePython(v));
  }

  static long[] longs(List<Object> l) {
    long[] r = new long[l.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = ((Number) l.get(i)).longValue();
    }
    return r;
  }

  /** zarr-python writes edge blocks at the full block size (N5 writers cut them). */
  @Test
  void zarrPythonWritesFullSizeEdgeBlocks() throws IOException {
    Path node = dir.resolve("py_n5store.n5/c/raw");
    Path array;
    try (Stream<Path> s = Files.list(node)) {
      array = s.filter(p -> p.getFileName().toString().startsWith("a0_")).findFirst().get();
    }
    N5DatasetAttributes ds = N5DatasetAttributes.fromAttributes(document(array), "a0");
    long[] grid = ds.chunkGrid().gridShape(ds.shape());
    long[] last = new long[grid.length];
    for (int d = 0; d < grid.length; d++) {
      last[d] = grid[d] - 1;
    }
    byte[] block = Files.readAllBytes(array.resolve(ds.chunkKeyEncoding().encode(last)));
    assertThat(dev.zarr4j.codec.n5.N5BlockHeader.read(ByteBuffer.wrap(block)).shape())
        .containsExactly(ds.blockSize());
    assertThat(ds.chunkSpec(last).shape()).isNotEqualTo(ds.blockSize());
  }

  // ------------------------------------------------------------------ writing with zarr4j

  static final List<String> DTYPES =
      List.of(
          "|u1", "|i1", ">i2", "<u2", "<i4", ">u4", "<i8", "<u8", "<f2", "<f4", ">f8", "|b1",
          "<M8[ns]", "<m8[s]");

  static final long[][] SHAPES = {{5, 7}, {4, 5, 6}, {11}, {6, 6}};
  static final int[][] CHUNKS = {{2, 3}, {3, 2, 4}, {4}, {3, 3}};

  static Map<String, BytesToBytesCodec> compressors() {
    Map<String, BytesToBytesCodec> m = new LinkedHashMap<>();
    m.put("raw", null);
    m.put("gzip", GZip.of(1));
    m.put("zlib", Zlib.of(5));
    m.put("bz2", Bz2.of(3));
    m.put("xz", Lzma.DEFAULT);
    m.put("xz3", Lzma.ofPreset(3));
    m.put("lzma_alone", Lzma.of(Lzma.FORMAT_ALONE, -1, null, null));
    m.put("blosc_lz4", Blosc.of(BloscCompressor.LZ4, 5, BloscShuffle.SHUFFLE, 0));
    m.put("blosc_zstd", Blosc.of(BloscCompressor.ZSTD, 3, BloscShuffle.BITSHUFFLE, 0));
    m.put("blosc_zlib", Blosc.of(BloscCompressor.ZLIB, 1, BloscShuffle.NOSHUFFLE, 0));
    m.put("zstd", Zstd.of(3));
    m.put("lz4", Lz4.DEFAULT);
    return m;
  }

  static NdArray randomValues(DataType t, int[] shape, SplittableRandom rnd) {
    NdArray a = NdArray.zeros(t, shape);
    for (int i = 0; i < a.size(); i++) {
      Object v;
      switch (t.kind()) {
        case BOOL:
          v = rnd.nextBoolean();
          break;
        case INT:
        case UINT:
          {
            long x = rnd.nextLong();
            int bits = 8 * t.itemSize();
            v =
                bits == 64
                    ? x
                    : t.kind() == DataType.Kind.INT ? (x >> (64 - bits)) : (x >>> (64 - bits));
            break;
          }
        case FLOAT:
          v = Math.rint(rnd.nextGaussian() * 1000) / 8;
          break;
        case COMPLEX:
          v = new Complex(rnd.nextGaussian(), rnd.nextGaussian());
          break;
        default: // datetime, timedelta
          v = rnd.nextLong(-(1L << 62), 1L << 62);
      }
      a.setFlat(i, v);
    }
    return a;
  }

  static void writeJson(Path f, Map<String, Object> doc) throws IOException {
    Files.createDirectories(f.getParent());
    Files.write(f, N5Attributes.toBytes(doc));
  }

  /** Writes a dataset with the N5 classes, leaving out the blocks {@code skip} rejects. */
  static void writeDataset(
      Path node,
      N5DatasetAttributes ds,
      Map<String, Object> attrs,
      boolean root,
      NdArray values,
      java.util.function.Predicate<long[]> skip)
      throws IOException {
    writeJson(
        node.resolve(N5Attributes.FILE),
        N5Attributes.withUserAttributes(N5Attributes.withDataset(null, ds, root), attrs));
    N5BlockCodec codec = ds.blockCodec();
    for (long[] c : positions(ds.chunkGrid().gridShape(ds.shape()))) {
      if (skip.test(c)) {
        continue;
      }
      ChunkSpec spec = ds.chunkSpec(c);
      ChunkArray chunk = ChunkArray.filled(spec);
      chunk.copyFrom(viewAt(values, ds.chunkGrid().chunkOrigin(c)), StridedBox.all(spec.shape()));
      ByteBuffer enc = codec.encode(chunk, CodecOptions.AUTO);
      Path f = node.resolve(ds.chunkKeyEncoding().encode(c));
      Files.createDirectories(f.getParent());
      byte[] b = new byte[enc.remaining()];
      enc.get(b);
      Files.write(f, b);
    }
  }

  /** The manifest entry of a dataset zarr4j wrote; its expected values go to an .npy file. */
  static Map<String, Object> arrayEntry(
      String container, String path, N5DatasetAttributes ds, Map<String, Object> attrs, NdArray v)
      throws IOException {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("container", container);
    e.put("path", path);
    e.put("kind", "array");
    e.put("attrs", attrs);
    List<Object> shape = new ArrayList<>();
    for (long s : ds.shape()) {
      shape.add(s);
    }
    List<Object> chunks = new ArrayList<>();
    for (int c : ds.blockSize()) {
      chunks.add((long) c);
    }
    e.put("shape", shape);
    e.put("chunks", chunks);
    e.put("dtype", N5DataTypes.name(ds.dataType()));
    // what zarr-python will report: the codec of the document as read back
    Map<String, Object> doc = document(dir.resolve(container).resolve(path));
    e.put(
        "compressor_config",
        N5DatasetAttributes.fromAttributes(doc, path)
            .blockCodec()
            .toConfig()
            .get("compressor_config"));
    String npy =
        "expected/" + container + "/" + (path.isEmpty() ? "root" : path.replace('/', '_')) + ".npy";
    Files.createDirectories(dir.resolve(npy).getParent());
    Npy.write(dir.resolve(npy), v);
    e.put("npy", npy);
    return e;
  }

  static Map<String, Object> groupEntry(
      String container, String path, Map<String, Object> attrs, List<String> members) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("container", container);
    e.put("path", path);
    e.put("kind", "group");
    e.put("attrs", attrs);
    e.put("members", members);
    return e;
  }

  @Test
  void zarrPythonReadsWhatZarr4jWrote() throws IOException {
    SplittableRandom rnd = new SplittableRandom(0x0A5E5L);
    List<Map<String, Object>> manifest = new ArrayList<>();
    String container = "java.n5";
    Path root = dir.resolve(container);

    Map<String, Object> rootAttrs = new LinkedHashMap<>();
    rootAttrs.put("title", "written by zarr4j");
    rootAttrs.put("nested", Map.of("list", List.of(1L, 2.5, "x"), "flag", true));
    rootAttrs.put("unicode", "r\u00e9f \u2713");
    writeJson(
        root.resolve(N5Attributes.FILE),
        N5Attributes.withUserAttributes(N5Attributes.withGroup(null), rootAttrs));
    writeJson(root.resolve("c").resolve(N5Attributes.FILE), N5Attributes.withGroup(null));
    List<String> cMembers = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, BytesToBytesCodec> comp : compressors().entrySet()) {
      String cname = comp.getKey();
      cMembers.add(cname);
      Map<String, Object> gAttrs = Map.of("compressor", cname);
      Path g = root.resolve("c").resolve(cname);
      writeJson(
          g.resolve(N5Attributes.FILE),
          N5Attributes.withUserAttributes(N5Attributes.withGroup(null), gAttrs));
      List<String> members = new ArrayList<>();
      boolean all = cname.equals("raw") || cname.equals("gzip");
      int n = all ? DTYPES.size() : 3;
      for (int k = 0; k < n; k++) {
        String dtypeText = all ? DTYPES.get(k) : DTYPES.get((i + 5 * k) % DTYPES.size());
        DataType t = DataType.parse(dtypeText);
        int s = (i + k) % SHAPES.length;
        String name = "a" + k + "_" + N5DataTypes.name(t).replace("[", "_").replace("]", "");
        members.add(name);
        N5DatasetAttributes ds =
            N5DatasetAttributes.create(
                SHAPES[s], CHUNKS[s], t, null, MemoryOrder.C, List.of(), comp.getValue());
        NdArray v = randomValues(t, ints(SHAPES[s]), rnd);
        boolean sparse = k % 3 == 2;
        long[] grid = ds.chunkGrid().gridShape(ds.shape());
        // a sparse array leaves out its last block: it reads as 0
        java.util.function.Predicate<long[]> skip =
            c -> {
              if (!sparse) {
                return false;
              }
              for (int d = 0; d < c.length; d++) {
                if (c[d] != grid[d] - 1) {
                  return false;
                }
              }
              return true;
            };
        NdArray expected = v.copy();
        if (sparse) {
          long[] last = new long[grid.length];
          for (int d = 0; d < grid.length; d++) {
            last[d] = grid[d] - 1;
          }
          ChunkSpec spec = ds.chunkSpec(last);
          ChunkArray.filled(spec)
              .copyTo(
                  StridedBox.all(spec.shape()), viewAt(expected, ds.chunkGrid().chunkOrigin(last)));
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("index", (long) k);
        attrs.put("dtype_requested", dtypeText);
        String path = "c/" + cname + "/" + name;
        writeDataset(root.resolve(path), ds, attrs, false, v, skip);
        manifest.add(arrayEntry(container, path, ds, attrs, expected));
      }
      manifest.add(groupEntry(container, "c/" + cname, gAttrs, members));
      i++;
    }
    manifest.add(groupEntry(container, "c", Map.of(), cMembers));

    // a 0-d array and an empty one
    N5DatasetAttributes scalar =
        N5DatasetAttributes.create(
            new long[0], new int[0], DataType.INT32, 0L, MemoryOrder.C, null, null);
    NdArray seven = NdArray.full(DataType.INT32, 7L);
    writeDataset(root.resolve("scalar"), scalar, Map.of(), false, seven, c -> false);
    manifest.add(arrayEntry(container, "scalar", scalar, Map.of(), seven));
    N5DatasetAttributes empty =
        N5DatasetAttributes.create(
            new long[] {0, 3},
            new int[] {2, 2},
            DataType.FLOAT64,
            0.0,
            MemoryOrder.C,
            null,
            Blosc.DEFAULT);
    writeDataset(
        root.resolve("empty"),
        empty,
        Map.of(),
        false,
        NdArray.zeros(DataType.FLOAT64, 0, 3),
        c -> false);
    manifest.add(
        arrayEntry(container, "empty", empty, Map.of(), NdArray.zeros(DataType.FLOAT64, 0, 3)));
    manifest.add(groupEntry(container, "", rootAttrs, List.of("c", "empty", "scalar")));

    // an array at the store root carries the n5 version, which zarr-python needs there
    N5DatasetAttributes rootArray =
        N5DatasetAttributes.create(
            new long[] {9, 4},
            new int[] {4, 3},
            DataType.parse(">i2"),
            0L,
            MemoryOrder.C,
            null,
            Zstd.of(1));
    NdArray rv = randomValues(DataType.parse(">i2"), new int[] {9, 4}, rnd);
    writeDataset(
        dir.resolve("java_root.n5"), rootArray, Map.of("root", true), true, rv, c -> false);
    assertThat(document(dir.resolve("java_root.n5"))).containsEntry("n5", "2.0.0");
    manifest.add(arrayEntry("java_root.n5", "", rootArray, Map.of("root", true), rv));

    Path manifestFile = dir.resolve("java_manifest.json");
    Files.writeString(manifestFile, PythonJson.writePython(manifest));
    String out = python("check", dir.toString(), manifestFile.toString()).strip();
    assertThat(out).isEqualTo("ok " + 2 * manifest.size());

    // and zarr4j reads back what it wrote
    for (Map<String, Object> e : manifest) {
      if (e.get("kind").equals("array")) {
        Read r =
            readDataset(dir.resolve((String) e.get("container")).resolve((String) e.get("path")));
        assertThat(r.values().astype(r.attrs().dataType()))
            .isEqualTo(Npy.read(dir.resolve((String) e.get("npy"))).astype(r.attrs().dataType()));
      }
    }
  }

  // ------------------------------------------------------------------ the z5py fixture

  @TestFactory
  Stream<DynamicTest> z5pyFixtureReadsAsRecorded() throws IOException {
    Path fixtures = FixturesIT.fixtures();
    assumeTrue(fixtures != null, "../shared/fixtures is not present");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cases =
        (List<Map<String, Object>>)
            ((Map<String, Object>)
                    PythonJson.parse(Files.readAllBytes(fixtures.resolve("manifest.json"))))
                .get("cases");
    List<DynamicTest> tests = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      if (!"n5".equals(c.get("store_kind"))) {
        continue;
      }
      tests.add(
          DynamicTest.dynamicTest(
              (String) c.get("id"),
              () -> {
                Path store = fixtures.resolve((String) c.get("store"));
                assertThat(N5Attributes.kind(document(store)))
                    .isEqualTo(N5Attributes.NodeKind.GROUP);
                Read r = readDataset(store.resolve((String) c.get("array_path")));
                NdArray expected = Npy.read(fixtures.resolve((String) c.get("expected")));
                assertThat(r.values()).isEqualTo(expected);
                assertThat(r.attrs().shape()).containsExactly(512, 512, 3);
                assertThat(r.blocks()).isEqualTo(6 * 6 * 3);
              }));
    }
    assertThat(tests).hasSize(2);
    return tests.stream();
  }

  /** Blocks are big-endian whatever the data type's byte order. */
  @Test
  void bigEndianDtypesWriteTheSameBlocks() {
    NdArray v = NdArray.of(new int[] {1, -2, 3}, 3);
    DataType le = DataType.INT32;
    DataType be = le.withByteOrder(ByteOrder.BIG_ENDIAN);
    N5DatasetAttributes a =
        N5DatasetAttributes.create(
            new long[] {3}, new int[] {3}, le, null, MemoryOrder.C, null, null);
    ChunkSpec sl = new ChunkSpec(new int[] {3}, le, 0L);
    ChunkSpec sb = new ChunkSpec(new int[] {3}, be, 0L);
    ChunkArray cl = ChunkArray.filled(sl);
    cl.copyFrom(StridedView.of(v), StridedBox.all(new int[] {3}));
    ChunkArray cb = ChunkArray.filled(sb);
    cb.copyFrom(StridedView.of(v), StridedBox.all(new int[] {3}));
    assertThat(a.blockCodec().encode(cl, CodecOptions.AUTO))
        .isEqualTo(a.blockCodec().encode(cb, CodecOptions.AUTO));
  }
}
