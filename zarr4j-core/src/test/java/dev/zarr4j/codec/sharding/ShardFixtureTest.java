package dev.zarr4j.codec.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes the shards zarr-python 3 wrote for zarrita.js's fixtures ({@code
 * ../shared/fixtures/zarrita-js-fixtures/fixtures/v3/data.zarr}) with the codec their {@code
 * zarr.json} describes, built through {@link CodecRegistry#fromV3Config}, and compares the array
 * they assemble with the values recorded beside them. Only the codec is used: no Zarr v3 metadata
 * reading. Skipped when {@code ../shared/fixtures} is absent.
 */
class ShardFixtureTest {
  private static final CodecOptions OPTIONS = CodecOptions.processDefault();

  static Path fixtures() {
    return dev.zarr4j.testutil.SharedFixtures.root();
  }

  @TestFactory
  Stream<DynamicTest> zarrPython3ShardsDecode() throws Exception {
    Path root = fixtures();
    assumeTrue(root != null, "../shared/fixtures is not present");
    Path data = root.resolve("zarrita-js-fixtures/fixtures/v3/data.zarr");
    assumeTrue(Files.isDirectory(data), data + " is not present");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(data)) {
      for (Path dir : dirs.sorted().toList()) {
        Path meta = dir.resolve("zarr.json");
        Path expected =
            root.resolve(
                "expected/zarrita-js-v3-fixture/zarrita-v3__" + dir.getFileName() + ".npy");
        if (Files.isRegularFile(meta)
            && Files.isRegularFile(expected)
            && Files.readString(meta).contains("sharding_indexed")) {
          tests.add(
              DynamicTest.dynamicTest(
                  dir.getFileName().toString(), () -> check(dir, meta, expected)));
        }
      }
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  @SuppressWarnings("unchecked")
  private static void check(Path dir, Path meta, Path expected) throws Exception {
    Map<String, Object> m = (Map<String, Object>) PythonJson.parse(Files.readAllBytes(meta));
    List<Object> codecs = (List<Object>) m.get("codecs");
    assertThat(codecs).hasSize(1);
    Codec codec = CodecRegistry.fromV3Config(withKnownNames(codecs.get(0)));
    assertThat(codec).isInstanceOf(ShardingCodec.class);
    ShardingCodec sharding = (ShardingCodec) codec;
    DataType dtype = DataType.parse((String) m.get("data_type"));
    Object fill = m.get("fill_value");
    int[] shape = ints((List<Object>) m.get("shape"));
    Map<String, Object> grid = (Map<String, Object>) m.get("chunk_grid");
    int[] chunk =
        ints((List<Object>) ((Map<String, Object>) grid.get("configuration")).get("chunk_shape"));
    ChunkSpec spec = new ChunkSpec(chunk, dtype, fill);
    sharding.resolve(spec);

    NdArray out = NdArray.full(dtype, fill, shape);
    long[] strides = ChunkArray.cStrides(shape);
    int nd = shape.length;
    int[] gridShape = new int[nd];
    int shards = 1;
    for (int d = 0; d < nd; d++) {
      gridShape[d] = (shape[d] + chunk[d] - 1) / chunk[d];
      shards *= gridShape[d];
    }
    int read = 0;
    for (int s = 0; s < shards; s++) {
      int[] c = new int[nd];
      int rest = s;
      for (int d = nd - 1; d >= 0; d--) {
        c[d] = rest % gridShape[d];
        rest /= gridShape[d];
      }
      StringBuilder key = new StringBuilder("c");
      for (int x : c) {
        key.append('/').append(x);
      }
      Path file = dir.resolve(key.toString());
      if (!Files.isRegularFile(file)) {
        continue; // a shard not written holds the fill value
      }
      byte[] bytes = Files.readAllBytes(file);
      read++;
      long off = 0;
      long[] count = new long[nd];
      for (int d = 0; d < nd; d++) {
        off += (long) c[d] * chunk[d] * strides[d];
        count[d] = Math.min(chunk[d], shape[d] - (long) c[d] * chunk[d]);
      }
      StridedBox inBounds = new StridedBox(new int[nd], ones(nd), count);
      ChunkArray decoded = sharding.decode(ByteBuffer.wrap(bytes), spec, OPTIONS);
      decoded.copyTo(inBounds, new StridedView(out.data(), off, strides));
      // the partial decoder gives the same elements, box by box
      NdArray whole = NdArray.zeros(dtype, chunk);
      try (ArrayPartialDecoder d =
          sharding.partialDecoder(ByteSource.of(ByteBuffer.wrap(bytes)), spec, OPTIONS)) {
        d.decodeBox(StridedBox.all(chunk), StridedView.of(whole));
      }
      NdArray ref = NdArray.zeros(dtype, chunk);
      decoded.copyTo(StridedBox.all(chunk), StridedView.of(ref));
      assertThat(whole).isEqualTo(ref);
    }
    assertThat(read).as("shards read in %s", dir).isPositive();
    NdArray want = Npy.read(expected);
    assertThat(out.shape()).isEqualTo(want.shape());
    assertThat(java.util.Objects.deepEquals(out.data(), want.astype(dtype).data()))
        .as("%s: %s vs %s", dir.getFileName(), out, want)
        .isTrue();
  }

  /**
   * The codec object with the names of numcodecs compressors that zarr4j does not register under
   * their Zarr v3 names yet ({@code gzip}, ...) spelled {@code numcodecs.<id>}: their
   * configurations are the same.
   */
  @SuppressWarnings("unchecked")
  private static Object withKnownNames(Object codec) {
    if (codec instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = e.getValue();
        if ("name".equals(e.getKey())
            && v instanceof String name
            && !CodecRegistry.knownV3Names().contains(name)
            && CodecRegistry.isKnown(name)) {
          v = CodecRegistry.NUMCODECS_PREFIX + name;
        }
        out.put((String) e.getKey(), withKnownNames(v));
      }
      return out;
    }
    if (codec instanceof List<?> list) {
      return list.stream().map(ShardFixtureTest::withKnownNames).toList();
    }
    return codec;
  }

  private static int[] ints(List<Object> list) {
    int[] a = new int[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) list.get(i)).intValue();
    }
    return a;
  }

  private static int[] ones(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }
}
