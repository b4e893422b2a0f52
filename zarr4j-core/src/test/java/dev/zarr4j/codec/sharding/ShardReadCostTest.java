package dev.zarr4j.codec.sharding;

import static dev.zarr4j.codec.sharding.ShardTestSupport.bytes;
import static dev.zarr4j.codec.sharding.ShardTestSupport.bytesLe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.sharding.ShardTestSupport.CountingSource;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How many requests parts of a shard cost, counted on the source. */
class ShardReadCostTest {
  private static final CodecOptions OPTIONS = CodecOptions.processDefault();
  private static final Codec GZIP = ShardTestSupport.v3("numcodecs.gzip", Map.of("level", 1));

  /** An int32 shard of [8, 8] in inner chunks of [4, 4], every one stored, gzip inside. */
  private static final ChunkSpec SPEC = new ChunkSpec(new int[] {8, 8}, DataType.parse("<i4"), 0);

  private static ShardingCodec gzipCodec() {
    return ShardingCodec.of(new int[] {4, 4}, List.of(bytesLe(), GZIP));
  }

  private static ChunkArray shard(ChunkSpec spec, long seed) {
    return ShardTestSupport.randomShard(spec, new int[] {4, 4}, 0, new SplittableRandom(seed));
  }

  private static void checkBox(
      ShardingCodec codec, ChunkSpec spec, byte[] enc, ArrayPartialDecoder d, StridedBox box) {
    int[] shape = new int[box.ndim()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) box.count()[i];
    }
    NdArray got = NdArray.zeros(spec.dtype(), shape);
    d.decodeBox(box, StridedView.of(got));
    NdArray want = NdArray.zeros(spec.dtype(), shape);
    codec.decode(ByteBuffer.wrap(enc), spec, OPTIONS).copyTo(box, StridedView.of(want));
    assertThat(got).isEqualTo(want);
  }

  @Test
  void oneInnerChunkCostsTheIndexAndTheChunk() {
    ShardingCodec codec = gzipCodec();
    byte[] enc = bytes(codec.encode(shard(SPEC, 1), OPTIONS));
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = codec.partialDecoder(src, SPEC, OPTIONS)) {
      checkBox(
          codec,
          SPEC,
          enc,
          d,
          new StridedBox(new int[] {5, 1}, new int[] {1, 1}, new long[] {2, 2}));
      assertThat(src.reads).isEqualTo(2);
      assertThat(src.ranges.get(0)).containsExactly(enc.length - codec.indexSize(SPEC), 4 * 16 + 4);
      // the index is not read again
      checkBox(
          codec,
          SPEC,
          enc,
          d,
          new StridedBox(new int[] {0, 6}, new int[] {1, 1}, new long[] {1, 1}));
      assertThat(src.reads).isEqualTo(3);
      // points in one inner chunk: one more read
      int[] pos = {0, 0, 1, 2, 3, 3};
      int[] got = new int[3];
      d.decodePoints(pos, got, new long[] {0, 1, 2});
      assertThat(src.reads).isEqualTo(4);
    }
  }

  @Test
  void decodeAllCostsOneRead() {
    ShardingCodec codec = gzipCodec();
    ChunkArray shard = shard(SPEC, 2);
    byte[] enc = bytes(codec.encode(shard, OPTIONS));
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = codec.partialDecoder(src, SPEC, OPTIONS)) {
      assertThat(bytes(d.decodeAll().bytes())).isEqualTo(bytes(shard.bytes()));
    }
    assertThat(src.reads).isEqualTo(1);
    assertThat(src.bytesRead).isEqualTo(enc.length);
  }

  @Test
  void neighboursAdjacentInTheShardAreReadAsOneRange() {
    ShardingCodec codec = gzipCodec();
    byte[] enc = bytes(codec.encode(shard(SPEC, 3), OPTIONS));
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = codec.partialDecoder(src, SPEC, OPTIONS)) {
      // rows 1-2, columns 2-5: inner chunks [0, 0] and [0, 1], stored one after the other
      checkBox(
          codec,
          SPEC,
          enc,
          d,
          new StridedBox(new int[] {1, 2}, new int[] {1, 1}, new long[] {2, 4}));
    }
    assertThat(src.reads).isEqualTo(2);
    long[] entries = ShardTestSupport.entriesAtEnd(enc, 4);
    assertThat(src.ranges.get(1)).containsExactly(entries[0], entries[1] + entries[3]);
  }

  @Test
  void distantInnerChunksAreAskedForInOneBatch() {
    // 1-d int64 shard of 4 inner chunks of 4096 random (incompressible) elements: 32 KiB each
    ChunkSpec spec = new ChunkSpec(new int[] {4 * 4096}, DataType.parse("<i8"), 0);
    ShardingCodec codec = ShardingCodec.of(new int[] {4096}, List.of(bytesLe(), GZIP));
    ChunkArray shard =
        ShardTestSupport.randomShard(spec, new int[] {4096}, 0, new SplittableRandom(4));
    byte[] enc = bytes(codec.encode(shard, OPTIONS));
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = codec.partialDecoder(src, spec, OPTIONS)) {
      // elements 0 and 8192: inner chunks 0 and 2, more than MAX_GAP apart
      checkBox(
          codec, spec, enc, d, new StridedBox(new int[] {0}, new int[] {8192}, new long[] {2}));
    }
    assertThat(src.batches).isEqualTo(1);
    assertThat(src.reads).isEqualTo(3); // index, then two ranges in one batch
    assertThat(src.bytesRead).isLessThan(enc.length * 3L / 4);
  }

  @Test
  void missingInnerChunksCostNothingButTheIndex() {
    ShardingCodec codec = gzipCodec();
    ChunkSpec spec = new ChunkSpec(new int[] {8, 8}, DataType.parse("<i4"), 7);
    ChunkArray shard = ChunkArray.filled(spec);
    shard.copyRegionFrom(shard(spec.withShape(4, 4), 5), new int[] {0, 0}); // only [0, 0] stored
    byte[] enc = bytes(codec.encode(shard, OPTIONS));
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = codec.partialDecoder(src, spec, OPTIONS)) {
      checkBox(
          codec,
          spec,
          enc,
          d,
          new StridedBox(new int[] {4, 2}, new int[] {1, 1}, new long[] {4, 6}));
      int[] got = new int[2];
      d.decodePoints(new int[] {7, 7, 5, 0}, got, new long[] {0, 1});
      assertThat(got).containsExactly(7, 7);
    }
    assertThat(src.reads).isEqualTo(1);
  }

  @Test
  void aSmallPartOfARawInnerChunkReadsOnlyItsBytes() {
    // uncompressed inner chunks of [64, 64] int16 (8 KiB): a 2 x 3 box reads its two rows' runs
    ChunkSpec spec = new ChunkSpec(new int[] {128, 128}, DataType.parse("<i2"), 0);
    ShardingCodec codec = ShardingCodec.of(new int[] {64, 64}, List.of(bytesLe()));
    ChunkArray shard =
        ShardTestSupport.randomShard(spec, new int[] {64, 64}, 0, new SplittableRandom(6));
    byte[] enc = bytes(codec.encode(shard, OPTIONS));
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = codec.partialDecoder(src, spec, OPTIONS)) {
      checkBox(
          codec,
          spec,
          enc,
          d,
          new StridedBox(new int[] {70, 10}, new int[] {1, 1}, new long[] {2, 3}));
    }
    assertThat(src.bytesRead).isEqualTo(4 * 16 + 4 + 2 * 3 * 2);
    assertThat(src.reads).isEqualTo(3); // the index and one run per row
  }
}
