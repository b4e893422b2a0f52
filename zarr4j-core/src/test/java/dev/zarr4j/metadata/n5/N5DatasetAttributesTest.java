package dev.zarr4j.metadata.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.codec.n5.N5Compression;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.RegularChunkGrid;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * A dataset's reserved attributes: N5's reversed dimension order, the data type names, the
 * compression, the defaults N5 Java applies, round trips through JSON, and the refusals of new
 * arrays N5 cannot hold (zarr-python's messages).
 */
class N5DatasetAttributesTest {

  private static Map<String, Object> parse(String s) {
    return N5Attributes.parse(s.getBytes(StandardCharsets.UTF_8), "a/attributes.json");
  }

  @Test
  void readsWhatZarrPythonWrites() {
    N5DatasetAttributes a =
        N5DatasetAttributes.fromAttributes(
            parse(
                "{\"blockSize\": [3, 2], \"compression\": {\"type\": \"raw\"}, \"dataType\":"
                    + " \"uint16\", \"dimensions\": [7, 5], \"foo\": [1, 2]}"),
            "a/attributes.json");
    assertThat(a.shape()).containsExactly(5, 7);
    assertThat(a.blockSize()).containsExactly(2, 3);
    assertThat(a.dataType()).isEqualTo(DataType.UINT16);
    assertThat(a.compression()).isEqualTo(N5Compression.RAW);
    assertThat(a.chunkGrid())
        .isEqualTo(new RegularChunkGrid(new int[] {2, 3}, RegularChunkGrid.EdgeChunks.CLIPPED));
    assertThat(a.chunkKeyEncoding().encode(new long[] {2, 1})).isEqualTo("1/2");
    assertThat(a.fillValue()).isEqualTo(0L);
    assertThat(a.chunkSpec(new long[] {2, 2}).shape()).containsExactly(1, 1);
    assertThat(a.chunkSpec(new long[] {0, 0}).shape()).containsExactly(2, 3);
    assertThat(a.blockCodec().blockSize()).containsExactly(2, 3);
  }

  @Test
  void readsTheZ5pyFixtureSpelling() {
    N5DatasetAttributes a =
        N5DatasetAttributes.fromAttributes(
            parse(
                "{\"dataType\": \"uint8\", \"dimensions\": [3, 512, 512], \"blockSize\": [1, 100,"
                    + " 100], \"compression\": {\"type\": \"gzip\", \"level\": 5}}"),
            null);
    assertThat(a.shape()).containsExactly(512, 512, 3);
    assertThat(a.blockSize()).containsExactly(100, 100, 1);
    assertThat(a.compression().codec()).isEqualTo(GZip.of(5));
  }

  @Test
  void n5JavaDefaults() {
    N5DatasetAttributes noBlock =
        N5DatasetAttributes.fromAttributes(
            parse(
                "{\"dataType\": \"int8\", \"dimensions\": [4, 0], \"compressionType\": \"bzip2\"}"),
            null);
    assertThat(noBlock.blockSize()).containsExactly(1, 4);
    assertThat(noBlock.compression().type()).isEqualTo("bzip2");
  }

  @Test
  void badDocumentsNameWhatIsWrong() {
    String ok = "\"compression\": {\"type\": \"raw\"}";
    assertBad("{\"dataType\": \"uint8\", " + ok + "}", "has no 'dimensions'");
    assertBad("{\"dimensions\": [2], " + ok + "}", "'dataType' must be a string, got null");
    assertBad(
        "{\"dimensions\": [2], \"dataType\": \"string\", " + ok + "}", "N5 dataType 'string'");
    assertBad("{\"dimensions\": [2], \"dataType\": \"<i4\", " + ok + "}", "N5 dataType '<i4'");
    assertBad(
        "{\"dimensions\": 2, \"dataType\": \"int8\", " + ok + "}", "must be a list of integers");
    assertBad(
        "{\"dimensions\": [2.5], \"dataType\": \"int8\", " + ok + "}",
        "must be a list of integers");
    assertBad("{\"dimensions\": [-2], \"dataType\": \"int8\", " + ok + "}", "negative value -2");
    assertBad(
        "{\"dimensions\": [99999999999999999999], \"dataType\": \"int8\", " + ok + "}",
        "does not fit a long");
    assertBad(
        "{\"dimensions\": [2], \"blockSize\": [0], \"dataType\": \"int8\", " + ok + "}",
        "must hold integers in [1, 2^31 - 1]");
    assertBad(
        "{\"dimensions\": [2, 2], \"blockSize\": [2], \"dataType\": \"int8\", " + ok + "}",
        "must have one entry per dimension");
    assertBad(
        "{\"dimensions\": [2], \"blockSize\": [2], \"dataType\": \"int8\"}",
        "neither 'compression' nor");
    assertBad(
        "{\"dimensions\": [2], \"dataType\": \"int8\", \"compression\": {\"type\": \"jpeg\"}}",
        "attribute 'compression': N5 compression type 'jpeg'");
    assertBad(
        "{\"dimensions\": [100000, 100000], \"blockSize\": [100000, 100000], \"dataType\":"
            + " \"int8\", "
            + ok
            + "}",
        "2 GiB");
  }

  private static void assertBad(String json, String message) {
    assertThatThrownBy(() -> N5DatasetAttributes.fromAttributes(parse(json), "a/attributes.json"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("a/attributes.json")
        .hasMessageContaining(message);
  }

  @Test
  void dataTypeNames() {
    Map<String, DataType> names =
        Map.ofEntries(
            Map.entry("bool", DataType.BOOL),
            Map.entry("int8", DataType.INT8),
            Map.entry("uint8", DataType.UINT8),
            Map.entry("int16", DataType.INT16),
            Map.entry("uint32", DataType.UINT32),
            Map.entry("int64", DataType.INT64),
            Map.entry("uint64", DataType.UINT64),
            Map.entry("float16", DataType.FLOAT16),
            Map.entry("float32", DataType.FLOAT32),
            Map.entry("float64", DataType.FLOAT64),
            Map.entry("datetime64[ns]", DataType.parse("<M8[ns]")),
            Map.entry("timedelta64[10s]", DataType.parse("<m8[10s]")));
    names.forEach(
        (n, t) -> {
          assertThat(N5DataTypes.parse(n)).as(n).isEqualTo(t);
          assertThat(N5DataTypes.name(t)).isEqualTo(n);
          assertThat(N5DataTypes.name(t.withByteOrder(ByteOrder.BIG_ENDIAN))).isEqualTo(n);
        });
    for (String bad :
        List.of(
            "object",
            "string",
            "bytes56",
            "str160",
            "void48",
            "int24",
            "i4",
            "complex64",
            "complex128")) {
      assertThatThrownBy(() -> N5DataTypes.parse(bad)).isInstanceOf(InvalidArrayException.class);
    }
    for (String t : List.of("|S5", "<U3", "|V8", "O", "<c8", "<c16")) {
      assertThat(N5DataTypes.isSupported(DataType.parse(t))).as(t).isFalse();
    }
  }

  /** Seeded round trips: attributes → JSON text → attributes. */
  @RepeatedTest(40)
  void roundTripsThroughJson(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0xA77L + info.getCurrentRepetition());
    int nd = rnd.nextInt(5);
    long[] shape = new long[nd];
    int[] block = new int[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 40) : rnd.nextInt(1000);
      block[d] = 1 + rnd.nextInt(64);
    }
    List<String> types =
        List.of("uint8", "int16", "uint32", "int64", "float32", "float64", "bool", "float16");
    DataType t = N5DataTypes.parse(types.get(rnd.nextInt(types.size())));
    List<N5Compression> cs =
        List.of(
            N5Compression.RAW,
            N5Compression.fromCodec(GZip.of(rnd.nextInt(10))),
            N5Compression.fromCodec(Zlib.of(rnd.nextInt(10))),
            N5Compression.fromCodec(Blosc.DEFAULT),
            N5Compression.fromJson(Map.of("type", "lz4", "blockSize", 1 << (6 + rnd.nextInt(10)))),
            N5Compression.fromJson(Map.of("type", "xz")));
    N5DatasetAttributes a =
        new N5DatasetAttributes(shape, block, t, cs.get(rnd.nextInt(cs.size())));
    boolean root = rnd.nextBoolean();
    Map<String, Object> doc = N5Attributes.withDataset(Map.of("user", "value"), a, root);
    byte[] bytes = N5Attributes.toBytes(doc);
    Map<String, Object> back = N5Attributes.parse(bytes, "x");
    assertThat(N5DatasetAttributes.fromAttributes(back, "x")).isEqualTo(a);
    assertThat(N5Attributes.userAttributes(back)).isEqualTo(Map.of("user", "value"));
    assertThat(back.containsKey("n5")).isEqualTo(root);
    // N5 order on disk
    @SuppressWarnings("unchecked")
    List<Object> dims = (List<Object>) back.get("dimensions");
    for (int d = 0; d < nd; d++) {
      assertThat(dims.get(nd - 1 - d)).isEqualTo(shape[d]);
    }
    // and the text is a fixed point of zarr-python's json_dumps
    assertThat(PythonJson.writePython(PythonJson.parse(bytes)))
        .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void newArraysRefuseWhatN5CannotHold() {
    long[] s = {10, 10};
    int[] c = {5, 5};
    N5DatasetAttributes ok =
        N5DatasetAttributes.create(
            s, c, DataType.FLOAT64, 0.0, MemoryOrder.C, List.of(), GZip.of(1));
    assertThat(ok.compression().toJson())
        .isEqualTo(Map.of("type", "gzip", "level", 1L, "useZlib", false));
    N5DatasetAttributes.create(s, c, DataType.FLOAT64, -0.0, MemoryOrder.C, null, null);
    N5DatasetAttributes.create(s, c, DataType.FLOAT64, null, null, null, null);
    N5DatasetAttributes.create(s, c, DataType.BOOL, false, MemoryOrder.C, null, null);
    N5DatasetAttributes.create(s, c, DataType.parse("<M8[ns]"), 0L, MemoryOrder.C, null, null);
    // zarr-python can neither create nor open complex N5 arrays
    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(
                    s, c, DataType.COMPLEX64, new Complex(0, 0), MemoryOrder.C, null, null))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("N5 cannot hold data type complex64");
    N5DatasetAttributes.create(s, c, DataType.INT32, 0L, MemoryOrder.C, null, null);

    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(s, c, DataType.FLOAT64, 1.5, MemoryOrder.C, null, null))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessage("Received fill_value = 1.5, but N5 only supports fill_value = 0");
    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(
                    s, c, DataType.FLOAT64, Double.NaN, MemoryOrder.C, null, null))
        .hasMessageContaining("fill_value = NaN");
    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(
                    s, c, DataType.COMPLEX64, new Complex(0, 1), MemoryOrder.C, null, null))
        .hasMessageContaining("N5 only supports fill_value = 0");
    assertThatThrownBy(
            () -> N5DatasetAttributes.create(s, c, DataType.INT8, 0L, MemoryOrder.F, null, null))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessage("Received order = F, but N5 only supports order = C");
    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(
                    s, c, DataType.INT8, 0L, MemoryOrder.C, List.of(Delta.of("<i1")), null))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessage("Received filters, but N5 storage does not support zarr filters");
    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(
                    s, c, DataType.parse("|S4"), null, MemoryOrder.C, null, null))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("N5 cannot hold data type |S4");
    assertThatThrownBy(
            () ->
                N5DatasetAttributes.create(
                    new long[] {4}, new int[] {0}, DataType.INT8, 0L, MemoryOrder.C, null, null))
        .isInstanceOf(InvalidArrayException.class);
  }
}
