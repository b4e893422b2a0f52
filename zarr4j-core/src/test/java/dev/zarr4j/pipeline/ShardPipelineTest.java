package dev.zarr4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.sharding.ShardingCodec;
import dev.zarr4j.indexing.Indexer;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.RegularChunkGrid;
import dev.zarr4j.metadata.V2ChunkKeyEncoding;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded array through the chunk pipeline: writes and reads of selections (partial reads of
 * shards through the sharding codec's partial decoder), and shards of fill values deleted even
 * where empty chunks are written.
 */
class ShardPipelineTest {
  @TempDir Path dir;

  private static ArraySpec spec(long[] shape, int[] shard, ShardingCodec codec, Object fill) {
    return new ArraySpec(
        shape,
        DataType.parse("<i4"),
        new RegularChunkGrid(shard, RegularChunkGrid.EdgeChunks.PADDED),
        V2ChunkKeyEncoding.SLASH,
        fill,
        CodecChain.of(codec),
        null);
  }

  private static ChunkPipeline pipeline(Store store, ArraySpec spec, boolean writeEmpty) {
    return new ChunkPipeline(
        store, "", spec, ChunkExecutor.shared(2), CodecOptions.processDefault(), writeEmpty, null);
  }

  private static void write(ChunkPipeline p, String selection, NdArray value) {
    ArraySpec s = p.spec();
    Indexer ix = Indexer.of(Selection.parse(selection), s.shape(), s.chunkShape());
    long[] st = StridedCopy.cStrides(ix.selectionShape());
    p.write(
        ix.projections(),
        new ChunkPipeline.Source(value.data(), st, ix.selectionShape(), st, false));
  }

  private static NdArray read(ChunkPipeline p, String selection) {
    ArraySpec s = p.spec();
    Indexer ix = Indexer.of(Selection.parse(selection), s.shape(), s.chunkShape());
    long[] sel = ix.selectionShape();
    int[] shape = new int[sel.length];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) sel[i];
    }
    NdArray out = NdArray.zeros(s.dtype(), shape);
    p.read(ix.projections(), out.data(), StridedCopy.cStrides(sel));
    return out;
  }

  @Test
  void writesAndReadsSelections() {
    ShardingCodec codec =
        ShardingCodec.of(
            new int[] {4, 4},
            List.of(
                CodecRegistry.fromV3Config(
                    Map.of("name", "bytes", "configuration", Map.of("endian", "little"))),
                CodecRegistry.fromV3Config(
                    Map.of("name", "numcodecs.zstd", "configuration", Map.of("level", 1)))));
    ArraySpec spec = spec(new long[] {30, 30}, new int[] {16, 16}, codec, 0);
    try (DirectoryStore store = new DirectoryStore(dir)) {
      ChunkPipeline p = pipeline(store, spec, false);
      SplittableRandom rnd = new SplittableRandom(12);
      int[] model = new int[30 * 30];
      for (int round = 0; round < 20; round++) {
        int r0 = rnd.nextInt(30);
        int c0 = rnd.nextInt(30);
        int r1 = r0 + 1 + rnd.nextInt(30 - r0);
        int c1 = c0 + 1 + rnd.nextInt(30 - c0);
        int[] v = new int[(r1 - r0) * (c1 - c0)];
        for (int i = 0; i < v.length; i++) {
          v[i] = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt();
          model[(r0 + i / (c1 - c0)) * 30 + c0 + i % (c1 - c0)] = v[i];
        }
        String sel = r0 + ":" + r1 + ", " + c0 + ":" + c1;
        write(p, sel, NdArray.of(v, r1 - r0, c1 - c0));
        assertThat(read(p, "0:30, 0:30")).isEqualTo(NdArray.of(model.clone(), 30, 30));
        // a small part: decoded through the shard's partial decoder
        int a = rnd.nextInt(29);
        int b = rnd.nextInt(29);
        NdArray part = read(p, a + ":" + (a + 2) + ", " + b + ":" + (b + 1));
        assertThat(part)
            .isEqualTo(NdArray.of(new int[] {model[a * 30 + b], model[(a + 1) * 30 + b]}, 2, 1));
      }
    }
  }

  @Test
  void aShardOfFillValuesIsDeletedEvenWhereEmptyChunksAreWritten() {
    ShardingCodec codec =
        ShardingCodec.of(
            new int[] {2, 2},
            List.of(
                CodecRegistry.fromV3Config(
                    Map.of("name", "bytes", "configuration", Map.of("endian", "little")))));
    ArraySpec spec = spec(new long[] {8, 8}, new int[] {4, 4}, codec, 7);
    try (DirectoryStore store = new DirectoryStore(dir)) {
      ChunkPipeline p = pipeline(store, spec, true);
      int[] v = new int[16];
      java.util.Arrays.fill(v, 1);
      write(p, "0:4, 0:4", NdArray.of(v, 4, 4));
      assertThat(store.listPrefix("")).containsExactly("0/0");
      int[] fill = new int[16];
      java.util.Arrays.fill(fill, 7);
      write(p, "0:4, 0:4", NdArray.of(fill, 4, 4));
      write(p, "4:8, 4:8", NdArray.of(fill.clone(), 4, 4));
      assertThat(store.listPrefix("")).isEmpty();
      int[] all = new int[64];
      java.util.Arrays.fill(all, 7);
      assertThat(read(p, "0:8, 0:8")).isEqualTo(NdArray.of(all, 8, 8));
    }
  }
}
