package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
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
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
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
 * N5 interop with the real zarr-python 2.13, both directions and through both {@code zarr.N5Store}
 * and {@code zarr.N5FSStore}, at two levels: the public API (groups and arrays opened and created
 * with {@code Zarr} and {@code Convenience} on directories named {@code *.n5}), and blocks and
 * {@code attributes.json} documents (the classes of {@code dev.zarr4j.metadata.n5} and {@code
 * dev.zarr4j.codec.n5} on their own):
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
 *   <li>the same through the API: zarr4j opens every node zarr-python wrote with {@code
 *       Convenience.open} (values, selections across the full-size edge blocks, attributes,
 *       members), and zarr-python reads a hierarchy zarr4j built with groups, attributes,
 *       compressions, dtypes, partial writes, a resize, an append, 0-d and empty arrays and a root
 *       array;
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

  // ------------------------------------------------------------------ through the public API

  /**
   * zarr4j opens every node zarr-python wrote through the public API (a directory named {@code
   * *.n5} opens as N5): kinds, members, attributes, shapes, chunks, dtypes, compressors, values.
   */
  @TestFactory
  Stream<DynamicTest> zarr4jApiReadsWhatZarrPythonWrote() {
    return pythonNodes.stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    "api " + e.get("container") + ":" + e.get("path"), () -> checkThroughApi(e)));
  }

  @SuppressWarnings("unchecked")
  static void checkThroughApi(Map<String, Object> e) {
    String container = (String) e.get("container");
    String path = (String) e.get("path");
    ZarrNode node =
        Convenience.open(
            dir.resolve(container), OpenMode.READ, ArrayOptions.builder().path(path).build());
    try {
      assertThat(node.attrs().asMap()).isEqualTo(e.get("attrs"));
      if (e.get("kind").equals("group")) {
        ZarrGroup g = node.asGroup();
        assertThat(g.format().name()).isEqualTo("n5");
        List<String> children = new ArrayList<>();
        for (Map<String, Object> o : pythonNodes) {
          String p = (String) o.get("path");
          if (o.get("container").equals(container) && !p.isEmpty() && parent(p).equals(path)) {
            children.add(p.substring(p.lastIndexOf('/') + 1));
          }
        }
        assertThat(g.keys()).containsExactlyInAnyOrderElementsOf(children);
        return;
      }
      ZarrArray z = node.asArray();
      assertThat(z.format().name()).isEqualTo("n5");
      assertThat(z.shape()).containsExactly(longs((List<Object>) e.get("shape")));
      assertThat(z.chunks()).containsExactly(ints(longs((List<Object>) e.get("chunks"))));
      assertThat(N5DataTypes.name(z.dtype())).isEqualTo(e.get("dtype"));
      assertThat(asJson(z.compressor() == null ? null : z.compressor().toConfig()))
          .isEqualTo(e.get("compressor_config"));
      assertThat(z.fillValue()).isEqualTo(NdArray.zeros(z.dtype()).get());
      NdArray expected = Npy.read(dir.resolve((String) e.get("npy")));
      assertThat(z.get())
          .as("values of %s:%s", container, path)
          .isEqualTo(expected.astype(z.dtype()));
      if (z.ndim() > 0 && z.size() > 0) {
        // a selection across the edge blocks zarr-python wrote at full size
        Object[] items = new Object[z.ndim()];
        for (int d = 0; d < items.length; d++) {
          items[d] = Slice.of(z.shape()[d] / 2, z.shape()[d]);
        }
        NdArray part = z.get(BasicSelection.of(items));
        assertThat(part.size()).isGreaterThan(0);
        assertThat(part.getFlat(part.size() - 1))
            .isEqualTo(expected.astype(z.dtype()).getFlat(expected.size() - 1));
      }
    } finally {
      if (node instanceof ZarrGroup g) {
        g.close();
      }
    }
  }

  static String parent(String p) {
    int i = p.lastIndexOf('/');
    return i < 0 ? "" : p.substring(0, i);
  }

  /** The box {@code [0, stop)} of {@code v} as its own array. */
  static NdArray head(NdArray v, int[] stop) {
    NdArray out = NdArray.zeros(v.dtype(), stop);
    for (int i = 0; i < out.size(); i++) {
      long[] pos = unravel(i, stop);
      int flat = 0;
      for (int d = 0; d < pos.length; d++) {
        flat = flat * v.shape(d) + (int) pos[d];
      }
      out.setFlat(i, v.getFlat(flat));
    }
    return out;
  }

  static long[] unravel(int flat, int[] shape) {
    long[] pos = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      pos[d] = flat % shape[d];
      flat /= shape[d];
    }
    return pos;
  }

  static N5DatasetAttributes datasetAt(Path node) {
    return N5DatasetAttributes.fromAttributes(document(node), node.toString());
  }

  /**
   * zarr4j writes N5 through the public API only (groups, attributes, every compression and many
   * dtypes, edge blocks, unwritten blocks, a resized and an appended array, 0-d and empty arrays, a
   * root array) and zarr-python reads it through {@code N5Store} and {@code N5FSStore}: kinds,
   * members, attributes, shapes, chunks, dtypes, compressors and values, and byte-identical {@code
   * attributes.json} for each node.
   */
  @Test
  void zarrPythonReadsWhatZarr4jWroteThroughTheApi() throws IOException {
    SplittableRandom rnd = new SplittableRandom(0xA91L);
    List<Map<String, Object>> manifest = new ArrayList<>();
    String container = "java_api.n5";
    Path root = dir.resolve(container);
    Map<String, Object> rootAttrs = new LinkedHashMap<>();
    rootAttrs.put("title", "written through the zarr4j API");
    rootAttrs.put("nested", Map.of("list", List.of(1L, 2.5, "x"), "flag", true));
    try (ZarrGroup g = Zarr.group(root)) {
      assertThat(g.format().name()).isEqualTo("n5");
      g.attrs().update(rootAttrs);
      ZarrGroup c = g.createGroup("c");
      List<String> cMembers = new ArrayList<>();
      int i = 0;
      for (Map.Entry<String, BytesToBytesCodec> comp : compressors().entrySet()) {
        String cname = comp.getKey();
        cMembers.add(cname);
        ZarrGroup cg = c.createGroup(cname);
        cg.attrs().put("compressor", cname);
        List<String> members = new ArrayList<>();
        boolean all = cname.equals("raw") || cname.equals("gzip");
        int n = all ? DTYPES.size() : 3;
        for (int k = 0; k < n; k++) {
          String dtypeText = all ? DTYPES.get(k) : DTYPES.get((i + 5 * k) % DTYPES.size());
          DataType t = DataType.parse(dtypeText);
          int s = (i + k + 1) % SHAPES.length;
          String name = "a" + k + "_" + N5DataTypes.name(t).replace("[", "_").replace("]", "");
          members.add(name);
          ZarrArray z =
              cg.zeros(
                  name,
                  ArrayOptions.builder()
                      .shape(SHAPES[s])
                      .chunks(toLongs(CHUNKS[s]))
                      .dtype(t)
                      .compressor(comp.getValue())
                      .build());
          NdArray v = randomValues(t, ints(SHAPES[s]), rnd);
          NdArray expected;
          if (k % 3 == 2) {
            // only the first half along each dimension: the last blocks stay unwritten
            int[] stop = ints(SHAPES[s]);
            Object[] box = new Object[stop.length];
            for (int d = 0; d < stop.length; d++) {
              stop[d] = Math.max(1, stop[d] / 2);
              box[d] = Slice.of(0, stop[d]);
            }
            NdArray part = head(v, stop);
            z.set(BasicSelection.of(box), part);
            expected = NdArray.zeros(t, ints(SHAPES[s]));
            for (int f = 0; f < part.size(); f++) {
              long[] pos = unravel(f, stop);
              int flat = 0;
              for (int d = 0; d < pos.length; d++) {
                flat = flat * (int) SHAPES[s][d] + (int) pos[d];
              }
              expected.setFlat(flat, part.getFlat(f));
            }
            assertThat(z.nchunksInitialized()).isLessThan(z.nchunks());
          } else {
            z.set(v);
            expected = v;
          }
          Map<String, Object> attrs = new LinkedHashMap<>();
          attrs.put("index", (long) k);
          attrs.put("dtype_requested", dtypeText);
          z.attrs().update(attrs);
          String path = "c/" + cname + "/" + name;
          manifest.add(arrayEntry(container, path, datasetAt(root.resolve(path)), attrs, expected));
        }
        manifest.add(groupEntry(container, "c/" + cname, Map.of("compressor", cname), members));
        i++;
      }
      manifest.add(groupEntry(container, "c", Map.of(), cMembers));

      // resized: the old edge blocks are re-cut, and zarr-python reads the new shape
      ZarrArray resized =
          g.zeros(
              "resized",
              ArrayOptions.builder()
                  .shape(5, 7)
                  .chunks(2, 3)
                  .dtype("<i4")
                  .compressor(GZip.of(1))
                  .build());
      NdArray rv = randomValues(DataType.INT32, new int[] {5, 7}, rnd);
      resized.set(rv);
      resized.resize(4, 9);
      NdArray rexp = NdArray.zeros(DataType.INT32, 4, 9);
      for (int r = 0; r < 4; r++) {
        for (int col = 0; col < 7; col++) {
          rexp.set(rv.get(r, col), r, col);
        }
      }
      assertThat(resized.get()).isEqualTo(rexp);
      manifest.add(
          arrayEntry(container, "resized", datasetAt(root.resolve("resized")), Map.of(), rexp));
      // appended along the last axis
      ZarrArray appended =
          g.zeros("appended", ArrayOptions.builder().shape(3, 2).chunks(2, 2).dtype("<f8").build());
      NdArray av = randomValues(DataType.FLOAT64, new int[] {3, 2}, rnd);
      appended.set(av);
      NdArray more = randomValues(DataType.FLOAT64, new int[] {3, 3}, rnd);
      appended.append(more, 1);
      NdArray aexp = NdArray.zeros(DataType.FLOAT64, 3, 5);
      for (int r = 0; r < 3; r++) {
        for (int col = 0; col < 5; col++) {
          aexp.set(col < 2 ? av.get(r, col) : more.get(r, col - 2), r, col);
        }
      }
      manifest.add(
          arrayEntry(container, "appended", datasetAt(root.resolve("appended")), Map.of(), aexp));
      // 0-d and empty
      ZarrArray scalar = g.zeros("scalar", ArrayOptions.builder().shape().dtype("<i4").build());
      scalar.set((Object) 7L);
      manifest.add(
          arrayEntry(
              container,
              "scalar",
              datasetAt(root.resolve("scalar")),
              Map.of(),
              NdArray.full(DataType.INT32, 7L)));
      g.zeros("empty", ArrayOptions.builder().shape(0, 3).chunks(2, 2).dtype("<f8").build());
      manifest.add(
          arrayEntry(
              container,
              "empty",
              datasetAt(root.resolve("empty")),
              Map.of(),
              NdArray.zeros(DataType.FLOAT64, 0, 3)));
      manifest.add(
          groupEntry(
              container, "", rootAttrs, List.of("appended", "c", "empty", "resized", "scalar")));
    }

    // an array at the root of a container, created by opening a path named *.n5
    ZarrArray rootArray =
        Zarr.openArray(
            dir.resolve("java_api_root.n5"),
            OpenMode.WRITE,
            ArrayOptions.builder()
                .shape(9, 4)
                .chunks(4, 3)
                .dtype(">i2")
                .compressor(Zstd.of(1))
                .build());
    NdArray rootValues = randomValues(DataType.parse(">i2"), new int[] {9, 4}, rnd);
    rootArray.set(rootValues);
    rootArray.attrs().put("root", true);
    manifest.add(
        arrayEntry(
            "java_api_root.n5",
            "",
            datasetAt(dir.resolve("java_api_root.n5")),
            Map.of("root", true),
            rootValues));

    Path manifestFile = dir.resolve("java_api_manifest.json");
    Files.writeString(manifestFile, PythonJson.writePython(manifest));
    String out = python("check", dir.toString(), manifestFile.toString()).strip();
    assertThat(out).isEqualTo("ok " + 2 * manifest.size());
  }

  static long[] toLongs(int[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i];
    }
    return r;
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
