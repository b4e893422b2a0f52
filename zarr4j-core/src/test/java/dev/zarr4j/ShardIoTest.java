package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store requests of a sharded Zarr v3 array, counted through the public API: one inner chunk
 * costs two ranged reads of its shard (the index, then the chunk), a whole shard one read, and what
 * lands in the store is one object per shard with zarr-python 3's codec layout.
 */
class ShardIoTest {

  /** A logging memory store, for reading its record with {@link #log}. */
  static LoggingStore countingStore() {
    return new LoggingStore(new MemoryStore());
  }

  /**
   * What reached the store, one line per whole read ({@code get key}), ranged get ({@code get key
   * range}), read of an opened value ({@code read key @offset+length}; each range of a batched read
   * on its own line), set and delete; opens, checks and listings are left out.
   */
  static List<String> log(LoggingStore store) {
    List<String> out = new ArrayList<>();
    for (LoggingStore.Operation o : store.operations()) {
      switch (o.kind()) {
        case GET -> out.add("get " + o.key() + " " + o.range());
        case GET_INTO -> out.add("get " + o.key());
        case SET -> out.add("set " + o.key());
        case DELETE -> out.add("delete " + o.key());
        case READ -> {
          ByteRange.Bounded r = (ByteRange.Bounded) o.range();
          out.add("read " + o.key() + " @" + r.offset() + "+" + r.length());
        }
        default -> {}
      }
    }
    return out;
  }

  static ZarrArray sharded(LoggingStore store) {
    return Zarr.create(
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(64, 64)
            .chunks(8, 8)
            .shards(32, 32)
            .dtype("<i4")
            .compressor(Zstd.of(1))
            .build());
  }

  static NdArray data() {
    return NdArray.arange(DataType.parse("<i4"), 64 * 64, 64, 64);
  }

  /** Rows r0..r1, columns c0..c1 of {@link #data()}, zeros where {@code zeroed} says. */
  static NdArray window(int r0, int r1, int c0, int c1, boolean zeroTopLeftShard) {
    int[] v = new int[(r1 - r0) * (c1 - c0)];
    int k = 0;
    for (int r = r0; r < r1; r++) {
      for (int c = c0; c < c1; c++) {
        v[k++] = zeroTopLeftShard && r < 32 && c < 32 ? 0 : r * 64 + c;
      }
    }
    return NdArray.of(v, r1 - r0, c1 - c0);
  }

  @Test
  void oneInnerChunkCostsTheIndexAndTheChunk() {
    LoggingStore store = countingStore();
    ZarrArray z = sharded(store);
    z.set(data());
    store.reset();
    NdArray got = z.get("8:16, 40:48");
    assertThat(got).isEqualTo(window(8, 16, 40, 48, false));
    assertThat(log(store)).hasSize(2).allMatch(l -> l.startsWith("read c/0/1 @"));
  }

  @Test
  void aWholeShardCostsOneRead() {
    LoggingStore store = countingStore();
    ZarrArray z = sharded(store);
    z.set(data());
    store.reset();
    assertThat(z.get("32:64, 0:32")).isEqualTo(window(32, 64, 0, 32, false));
    // one read of the whole object (into a reused buffer; the partial decoder then decodes each
    // inner chunk straight into the result)
    assertThat(log(store)).containsExactly("get c/1/0");
  }

  @Test
  void theStoreHoldsOneObjectPerShardWithZarrPython3sLayout() {
    LoggingStore store = countingStore();
    ZarrArray z = sharded(store);
    z.set(data());
    assertThat(store.listPrefix(""))
        .containsExactly("c/0/0", "c/0/1", "c/1/0", "c/1/1", "zarr.json");
    ByteBuffer raw = store.get("zarr.json").orElseThrow();
    byte[] b = new byte[raw.remaining()];
    raw.get(b);
    Map<String, Object> doc = PythonJson.parseObject(b, "zarr.json");
    assertThat(doc.get("chunk_grid"))
        .isEqualTo(
            Map.of("name", "regular", "configuration", Map.of("chunk_shape", List.of(32L, 32L))));
    assertThat(doc.get("codecs"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "sharding_indexed",
                    "configuration",
                    Map.of(
                        "chunk_shape",
                        List.of(8L, 8L),
                        "codecs",
                        List.of(
                            Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                            Map.of(
                                "name",
                                "zstd",
                                "configuration",
                                Map.of("level", 1L, "checksum", false))),
                        "index_codecs",
                        List.of(
                            Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                            Map.of("name", "crc32c")),
                        "index_location",
                        "end"))));
    // inner chunks of the fill value are left out: a shard written with zeros only is not stored
    z.set("0:32, 0:32", 0);
    assertThat(store.listPrefix("c")).containsExactly("c/0/1", "c/1/0", "c/1/1");
    assertThat(Zarr.openArray(store, OpenMode.READ).get()).isEqualTo(window(0, 64, 0, 64, true));
  }

  @Test
  void chunksShardsAndCountsAreZarrPython3s() {
    LoggingStore store = countingStore();
    ZarrArray z = sharded(store);
    assertThat(z.chunks()).containsExactly(8, 8);
    assertThat(z.shards()).containsExactly(32, 32);
    assertThat(z.nchunks()).isEqualTo(64);
    assertThat(z.nchunksInitialized()).isZero();
    z.set("0:1, 0:1", 7);
    // one stored shard holds 16 inner chunks
    assertThat(z.nchunksInitialized()).isEqualTo(16);
    assertThat(z.compressor()).isEqualTo(Zstd.of(1));
    assertThat(z.info().get("Chunk shape")).isEqualTo("(8, 8)");
    assertThat(z.info().get("Shard shape")).isEqualTo("(32, 32)");
    assertThat(z.info().get("Chunks initialized")).isEqualTo("16/64");
    // block selections address shards, the stored objects, as zarr-python 3's blocks do
    assertThat(z.blocks().get("1, 0").shape()).containsExactly(32, 32);
    ZarrArray plain =
        Zarr.create(
            ArrayOptions.builder()
                .store(countingStore())
                .format(NodeFormats.named("zarr-v3"))
                .shape(64, 64)
                .chunks(8, 8)
                .build());
    assertThat(plain.shards()).isNull();
    assertThat(plain.nchunks()).isEqualTo(64);
  }

  @Test
  void copiesKeepShardsInV3AndBecomePlainChunksInV2() {
    LoggingStore store = countingStore();
    ZarrGroup src =
        Zarr.group(store, GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    ZarrArray z =
        src.create(
            "a",
            ArrayOptions.builder()
                .shape(64, 64)
                .chunks(8, 8)
                .shards(32, 32)
                .dtype("<i4")
                .compressor(Zstd.of(1))
                .build());
    z.set(data());
    ZarrGroup v2 = Zarr.group(new dev.zarr4j.store.MemoryStore());
    dev.zarr4j.convenience.Convenience.copyAll(
        src, v2, dev.zarr4j.convenience.CopyOptions.builder().build());
    ZarrArray inV2 = v2.getArray("a");
    assertThat(inV2.format().name()).isEqualTo("zarr-v2");
    assertThat(inV2.chunks()).containsExactly(8, 8);
    assertThat(inV2.shards()).isNull();
    assertThat(inV2.compressor()).isEqualTo(Zstd.of(1));
    assertThat(inV2.get()).isEqualTo(data());
    ZarrGroup v3 =
        Zarr.group(
            new dev.zarr4j.store.MemoryStore(),
            GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    dev.zarr4j.convenience.Convenience.copyAll(
        src, v3, dev.zarr4j.convenience.CopyOptions.builder().build());
    assertThat(v3.getArray("a").shards()).containsExactly(32, 32);
    assertThat(v3.getArray("a").get()).isEqualTo(data());
    // and back from v2 into v3: plain chunks, same values
    ZarrGroup back =
        Zarr.group(
            new dev.zarr4j.store.MemoryStore(),
            GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    dev.zarr4j.convenience.Convenience.copyAll(
        v2, back, dev.zarr4j.convenience.CopyOptions.builder().build());
    assertThat(back.getArray("a").format().name()).isEqualTo("zarr-v3");
    assertThat(back.getArray("a").get()).isEqualTo(data());
  }

  @Test
  void aCorruptShardIndexIsReportedByKeyAndAFailedWriteChangesNothing() {
    LoggingStore store = countingStore();
    ZarrArray z = sharded(store);
    z.set(data());
    ByteBuffer stored = store.inner().get("c/0/1").orElseThrow();
    byte[] bytes = new byte[stored.remaining()];
    stored.get(bytes);
    bytes[bytes.length - 1] ^= 0x55; // the index's crc32c, at the end
    store.inner().set("c/0/1", bytes.clone());
    assertThatThrownBy(() -> z.get("0:32, 32:64"))
        .hasMessageContaining("c/0/1")
        .hasMessageContaining("shard index")
        .hasMessageContaining("crc32c");
    assertThatThrownBy(() -> z.get("3, 40"))
        .hasMessageContaining("c/0/1")
        .hasMessageContaining("crc32c");
    // a write into the corrupt shard fails and leaves it as it was; other shards still work
    assertThatThrownBy(() -> z.set("0:2, 32:34", 1)).hasMessageContaining("c/0/1");
    ByteBuffer after = store.inner().get("c/0/1").orElseThrow();
    byte[] afterBytes = new byte[after.remaining()];
    after.get(afterBytes);
    assertThat(afterBytes).isEqualTo(bytes);
    assertThat(z.get("32:64, 0:32")).isEqualTo(window(32, 64, 0, 32, false));
  }
}
