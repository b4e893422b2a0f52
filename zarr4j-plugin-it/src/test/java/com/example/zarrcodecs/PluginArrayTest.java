package com.example.zarrcodecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrays whose filter is {@link ZigZagDelta} and whose compressor is {@link RunLength}, both found
 * through {@link java.util.ServiceLoader}, used through zarr4j's public API only: every selection
 * kind read and written against an in-memory model, partial writes, resizes, {@code
 * write_empty_chunks=false}, order F, reopening from a directory, and chains that cannot encode the
 * chunks refused when the array is created or opened.
 */
class PluginArrayTest {
  @TempDir Path tmp;

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everySelectionKindAgreesWithTheModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 6271 + 17);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    int[] chunks = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 10);
      chunks[d] = rnd.nextInt(1, 6);
    }
    DataType dtype = Chunks.randomIntType(rnd);
    long fill = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1, 100);
    boolean writeEmpty = rnd.nextBoolean();
    ZigZagDelta filter = new ZigZagDelta(rnd.nextInt(-ndim, ndim));
    RunLength compressor = new RunLength(rnd.nextInt(3, 8));
    List<Codec> filters = new ArrayList<>(List.of(filter));
    if (rnd.nextInt(4) == 0) {
      filters.add(CodecRegistry.fromConfig(Map.of("id", "crc32"))); // a bytes filter of zarr4j's
    }
    boolean onDisk = rnd.nextInt(4) == 0;
    Store store = onDisk ? new DirectoryStore(tmp.resolve("a.zarr")) : new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(shape)
                .chunks(toLongs(chunks))
                .dtype(dtype)
                .fillValue(fill)
                .order(rnd.nextBoolean() ? "C" : "F")
                .filters(filters)
                .compressor(compressor)
                .writeEmptyChunks(writeEmpty)
                .build());
    Model model = new Model(dtype, fill, shape);

    for (int op = 0; op < 14; op++) {
      if (rnd.nextInt(12) == 0) {
        long[] grown = model.shape.clone();
        int d = rnd.nextInt(ndim);
        grown[d] += rnd.nextInt(0, 4);
        z.resize(grown);
        model.resize(grown);
        continue;
      }
      Model.Kind kind = Model.Kind.values()[rnd.nextInt(Model.Kind.values().length)];
      Model.Drawn sel = model.draw(kind, rnd, chunks);
      if (rnd.nextBoolean()) {
        if (rnd.nextInt(4) == 0) {
          long v = rnd.nextInt(3) == 0 ? fill : rnd.nextInt(0, 120);
          Model.write(z, sel.selection(), v, rnd);
          model.writeScalar(sel, v);
        } else {
          NdArray value = Chunks.randomInts(rnd, dtype, sel.shape());
          if (rnd.nextInt(5) == 0) {
            value.fill(NdArray.scalar(dtype, fill).get()); // writes of the fill value
          }
          Model.write(z, sel.selection(), value, rnd);
          model.write(sel, value);
        }
      } else {
        assertThat(Model.read(z, sel.selection(), rnd))
            .as("seed %d: %s %s", seed, kind, sel.selection())
            .isEqualTo(model.read(sel));
      }
    }
    assertThat(z.get()).as("seed %d full read", seed).isEqualTo(model.all());

    // write_empty_chunks=false stores exactly the chunks holding something besides the fill
    long nonEmpty = nonEmptyChunks(model, chunks);
    if (writeEmpty) {
      assertThat(z.nchunksInitialized()).isGreaterThanOrEqualTo(nonEmpty);
    } else {
      assertThat(z.nchunksInitialized()).as("seed %d", seed).isEqualTo(nonEmpty);
    }

    // reopened from the store, the codecs are built again from .zarray by ServiceLoader
    Store again = onDisk ? new DirectoryStore(tmp.resolve("a.zarr")) : store;
    ZarrArray back = Zarr.openArray(again, OpenMode.READ);
    assertThat(back.filters()).isEqualTo(filters);
    assertThat(back.compressor()).isEqualTo(compressor);
    assertThat(back.get()).as("seed %d reopened", seed).isEqualTo(model.all());
    // and with the pure-Java option for every call
    assertThat(back.withConfig(back.config().withPureJava(true)).get()).isEqualTo(model.all());
  }

  private static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** The number of chunks of the model's shape with an element other than the fill value. */
  private static long nonEmptyChunks(Model m, int[] chunks) {
    Set<List<Long>> keys = new HashSet<>();
    for (int i = 0; i < m.values.length; i++) {
      if (!m.values[i].equals(m.fill)) {
        long[] p = m.unravel(i);
        List<Long> k = new ArrayList<>();
        for (int d = 0; d < p.length; d++) {
          k.add(p[d] / chunks[d]);
        }
        keys.add(k);
      }
    }
    return keys.size();
  }

  // ------------------------------------------------------------------ fixed scenarios

  private static byte[] stored(Store store, String key) {
    ByteBuffer b = store.get(key).orElseThrow(() -> new AssertionError("no key " + key));
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  @Test
  void partialWritesAndReopeningFromADirectory() throws Exception {
    Path dir = tmp.resolve("d.zarr");
    ZigZagDelta filter = new ZigZagDelta(0);
    RunLength compressor = new RunLength(4);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(new DirectoryStore(dir))
                .shape(20, 30)
                .chunks(7, 8)
                .dtype(">i4")
                .filters(List.of(filter))
                .compressor(compressor)
                .build());
    NdArray data = NdArray.arange(DataType.INT32, 600, 20, 30).astype(DataType.parse(">i4"));
    z.set(data);
    NdArray patch = NdArray.full(DataType.parse(">i4"), -7, 5, 9);
    z.set("3:8, 5:14", patch);
    Model model = new Model(DataType.parse(">i4"), 0L, new long[] {20, 30});
    for (int i = 0; i < 600; i++) {
      model.values[i] = data.getFlat(i);
    }
    for (int r = 3; r < 8; r++) {
      for (int c = 5; c < 14; c++) {
        model.values[r * 30 + c] = -7;
      }
    }
    assertThat(z.get()).isEqualTo(model.all());

    // the .zarray names the codecs by their configurations
    @SuppressWarnings("unchecked")
    Map<String, Object> zarray =
        (Map<String, Object>) PythonJson.parse(Files.readString(dir.resolve(".zarray")));
    assertThat(zarray.get("filters")).isEqualTo(Chunks.json(List.of(filter.toConfig())));
    assertThat(zarray.get("compressor")).isEqualTo(Chunks.json(compressor.toConfig()));

    // the chunks really went through both codecs: RLE frames of zig-zag deltas down axis 0
    byte[] chunk = stored(z.store(), "1.1");
    assertThat(new String(chunk, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("RL");
    ChunkSpec spec = new ChunkSpec(new int[] {7, 8}, DataType.parse(">i4"), 0);
    ByteBuffer raw =
        compressor.decode(
            ByteBuffer.wrap(chunk),
            BytesSpec.exactly(spec.byteSize(), spec.dtype()),
            CodecOptions.AUTO);
    NdArray expectedChunk = NdArray.zeros(DataType.parse(">i4"), 7, 8);
    for (int r = 0; r < 7; r++) {
      for (int c = 0; c < 8; c++) {
        expectedChunk.set(model.values[(7 + r) * 30 + 8 + c], r, c);
      }
    }
    ChunkArray enc =
        filter.encode(
            Chunks.chunkOf(expectedChunk, false, new SplittableRandom(0)), CodecOptions.AUTO);
    assertThat(raw).isEqualTo(enc.bytes());

    // a new store object over the same directory: the codecs come back from .zarray
    ZarrArray back = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ);
    assertThat(back.filters()).containsExactly(filter);
    assertThat(back.compressor()).isEqualTo(compressor);
    assertThat(back.get()).isEqualTo(model.all());
    NdArray part = NdArray.zeros(DataType.parse(">i4"), 10, 10);
    for (int r = 0; r < 10; r++) {
      for (int c = 0; c < 10; c++) {
        part.set(model.values[(10 + r) * 30 + 3 * c], r, c);
      }
    }
    assertThat(back.get("10:20, ::3")).isEqualTo(part);
  }

  @Test
  void resizeKeepsValuesAndDropsChunksOutside() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(10, 10)
                .chunks(4, 4)
                .dtype("<u2")
                .fillValue(9)
                .filters(List.of(ZigZagDelta.lastAxis()))
                .compressor(RunLength.defaults())
                .build());
    NdArray data = NdArray.arange(DataType.INT32, 100, 10, 10).astype(DataType.UINT16);
    z.set(data);
    z.resize(5, 12);
    assertThat(z.shape()).containsExactly(5, 12);
    assertThat(z.get("0:5, 0:10"))
        .isEqualTo(NdArray.arange(DataType.INT32, 50, 5, 10).astype(DataType.UINT16));
    assertThat(z.get("0:5, 10:12")).isEqualTo(NdArray.full(DataType.UINT16, 9, 5, 2));
    assertThat(store.contains("2.0")).isFalse(); // rows 8..9 are gone
    z.set("0:5, 10:12", NdArray.full(DataType.UINT16, 3, 5, 2));
    z.resize(9, 12);
    // row 8's chunks were deleted by the shrink, so it reads as the fill value (rows 5-7 are in
    // chunks that stayed, and show what those hold, as in zarr-python)
    assertThat(z.get("8, :")).isEqualTo(NdArray.full(DataType.UINT16, 9, 12));
    assertThat(z.get("0:5, 10:12")).isEqualTo(NdArray.full(DataType.UINT16, 3, 5, 2));
    assertThat(Zarr.openArray(store, OpenMode.READ).get()).isEqualTo(z.get());
  }

  @Test
  void emptyChunksAreNotStoredWhenAskedSo() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(8, 8)
                .chunks(4, 4)
                .dtype("<i8")
                .fillValue(-1)
                .filters(List.of(ZigZagDelta.lastAxis()))
                .compressor(RunLength.defaults())
                .writeEmptyChunks(false)
                .build());
    z.set("0:4, 0:4", NdArray.full(DataType.INT64, -1L, 4, 4));
    assertThat(store.contains("0.0")).isFalse();
    z.set("0:2, 0:3", NdArray.full(DataType.INT64, 5L, 2, 3));
    assertThat(store.contains("0.0")).isTrue();
    z.set("0:2, 0:3", -1L);
    assertThat(store.contains("0.0")).isFalse();
    z.set("4:8, 4:8", NdArray.arange(DataType.INT64, 16, 4, 4));
    assertThat(z.nchunksInitialized()).isEqualTo(1);
    assertThat(z.get("4:8, 4:8")).isEqualTo(NdArray.arange(DataType.INT64, 16, 4, 4));
    assertThat(z.get("0:4, :4").allEqual(-1L)).isTrue();
  }

  @Test
  void orderFHandsTheCodecTheTransposedChunk() {
    MemoryStore store = new MemoryStore();
    ZigZagDelta filter = ZigZagDelta.lastAxis();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(6, 5)
                .chunks(6, 5)
                .dtype("<i2")
                .order("F")
                .filters(List.of(filter))
                .compressor(RunLength.defaults())
                .build());
    NdArray data = Chunks.randomInts(new SplittableRandom(5), DataType.INT16, 6, 5);
    z.set(data);
    assertThat(z.get()).isEqualTo(data);
    // order F: the chain transposes first, so the codec's last axis is the array's first, and
    // the stored elements are in Fortran order
    ByteBuffer raw = RunLength.defaults().decode(ByteBuffer.wrap(stored(store, "0.0")), 60);
    NdArray deltas =
        Chunks.valuesOf(
            new ZigZagDelta(0)
                .encode(Chunks.chunkOf(data, false, new SplittableRandom(1)), CodecOptions.AUTO));
    ByteBuffer le = raw.order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < 5; c++) {
        assertThat(le.getShort((c * 6 + r) * 2))
            .as("(%d, %d)", r, c)
            .isEqualTo(((Number) deltas.get(r, c)).shortValue());
      }
    }
    assertThat(Zarr.openArray(store, OpenMode.READ).get()).isEqualTo(data);
  }

  // ------------------------------------------------------------------ chains that cannot work

  private static ArrayOptions.Builder opts(Store store) {
    return ArrayOptions.builder().store(store).shape(10, 10).chunks(5, 5);
  }

  @Test
  void aChainThatCannotEncodeTheChunksFailsWhenTheArrayIsCreated() {
    assertThatThrownBy(
            () ->
                Zarr.create(
                    opts(new MemoryStore())
                        .dtype("<f8")
                        .filters(List.of(ZigZagDelta.lastAxis()))
                        .compressor(RunLength.defaults())
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining("float64");
    assertThatThrownBy(
            () ->
                Zarr.create(
                    opts(new MemoryStore())
                        .dtype("<i4")
                        .filters(List.of(new ZigZagDelta(2)))
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining("axis 2 is outside a 2-dimensional chunk");
    assertThatThrownBy(
            () ->
                Zarr.create(
                    ArrayOptions.builder()
                        .store(new MemoryStore())
                        .shape()
                        .dtype("<i4")
                        .filters(List.of(ZigZagDelta.lastAxis()))
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining("0-dimensional");
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(
            () ->
                Zarr.create(
                    opts(store).dtype("|b1").filters(List.of(ZigZagDelta.lastAxis())).build()))
        .hasMessageContaining("'example.zigzag_delta'");
    assertThat(store.contains(".zarray")).as("nothing was written").isFalse();
  }

  /** A .zarray as another program might have written it. */
  private static void putZarray(
      Store store, String dtype, List<Object> filters, Object compressor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chunks", List.of(5, 5));
    m.put("compressor", compressor);
    m.put("dtype", dtype);
    m.put("fill_value", 0);
    m.put("filters", filters);
    m.put("order", "C");
    m.put("shape", List.of(10, 10));
    m.put("zarr_format", 2);
    store.set(".zarray", ByteBuffer.wrap(PythonJson.writePythonBytes(m)));
  }

  @Test
  void aChainThatCannotEncodeTheChunksFailsWhenTheArrayIsOpened() {
    MemoryStore store = new MemoryStore();
    putZarray(
        store, "<f8", List.of(ZigZagDelta.lastAxis().toConfig()), RunLength.defaults().toConfig());
    // a chunk is there, and garbage: the failure comes from the metadata, before any chunk read
    store.set("0.0", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ))
        .isInstanceOf(ZarrException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining("float64");

    putZarray(
        store,
        "<i4",
        List.of(Map.of("id", ZigZagDelta.ID, "axis", -1, "stride", 2)),
        RunLength.defaults().toConfig());
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining("unknown configuration key 'stride'");

    putZarray(store, "<i4", List.of(), Map.of("id", RunLength.ID, "min_run", 1));
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("'example.rle'")
        .hasMessageContaining("'min_run'");

    // the same metadata with a type the codec takes opens, and the garbage chunk fails on read
    putZarray(
        store, "<i4", List.of(ZigZagDelta.lastAxis().toConfig()), RunLength.defaults().toConfig());
    ZarrArray z = Zarr.openArray(store, OpenMode.READ);
    assertThatThrownBy(() -> z.get("0:5, 0:5"))
        .isInstanceOf(ZarrException.class)
        .hasMessageContaining("'example.rle'");
    assertThat(z.get("5:, 5:")).isEqualTo(NdArray.zeros(DataType.INT32, 5, 5));
  }

  @Test
  void theArrayCodecCannotFollowABytesFilterInAZarrV2FilterList() {
    // ZigZagDelta works on the chunk's shape (its axis), so it is not a FlatArrayCodec and has no
    // bytes form: after a bytes filter it is refused, where zarr4j's flat filters run on bytes
    List<Codec> misordered = List.of(RunLength.defaults(), ZigZagDelta.lastAxis());
    assertThat(ZigZagDelta.lastAxis()).isNotInstanceOf(FlatArrayCodec.class);
    assertThatThrownBy(
            () -> Zarr.create(opts(new MemoryStore()).dtype("<i4").filters(misordered).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining(
            "filter 'example.zigzag_delta' works on arrays and cannot follow a filter on bytes");
    MemoryStore store = new MemoryStore();
    List<Object> configs = new ArrayList<>();
    for (Codec c : misordered) {
      configs.add(c.toConfig());
    }
    putZarray(store, "<i4", configs, null);
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining(
            "filter 'example.zigzag_delta' works on arrays and cannot follow a filter on bytes");

    // zarr4j's own flat filter in the same place runs on the bytes
    Codec delta = CodecRegistry.fromConfig(Map.of("id", "delta", "dtype", "|u1"));
    ZarrArray z =
        Zarr.create(
            opts(new MemoryStore())
                .dtype("<i4")
                .filters(List.of(ZigZagDelta.lastAxis(), RunLength.defaults(), delta))
                .compressor(RunLength.defaults())
                .build());
    NdArray data = NdArray.arange(DataType.INT32, 100, 10, 10);
    z.set(data);
    assertThat(z.get()).isEqualTo(data);
  }
}
