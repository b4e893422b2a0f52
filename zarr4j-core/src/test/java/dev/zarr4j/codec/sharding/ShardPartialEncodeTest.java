package dev.zarr4j.codec.sharding;

import static dev.zarr4j.codec.sharding.ShardTestSupport.bytes;
import static dev.zarr4j.codec.sharding.ShardTestSupport.bytesLe;
import static dev.zarr4j.codec.sharding.ShardTestSupport.entriesAtEnd;
import static dev.zarr4j.codec.sharding.ShardTestSupport.toNdArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.ChunkWrite;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.layout.TransposeCodec;
import dev.zarr4j.codec.sharding.ShardTestSupport.CountingSource;
import dev.zarr4j.codec.sharding.ShardingCodec.IndexLocation;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ValueParts;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sharding codec's partial encoder ({@link ShardingCodec#encodePartially}) at the codec level:
 * random writes of boxes and points against a model, the bytes it keeps, what it reads, and what it
 * refuses.
 */
class ShardPartialEncodeTest {
  private static final CodecOptions OPTIONS = CodecOptions.processDefault();

  static LongStream seeds() {
    return LongStream.range(0, 250);
  }

  /** Random values of {@code spec}'s type and a shape, as an array of the type's storage. */
  private static NdArray values(ChunkSpec spec, int[] shape, SplittableRandom rnd) {
    ChunkSpec s = spec.withShape(shape);
    if (s.size() == 0) {
      return NdArray.zeros(spec.dtype(), shape);
    }
    // some elements equal the fill value, so inner chunks can become fill again
    return toNdArray(ShardTestSupport.randomShard(s, shape, rnd.nextInt(4) == 0 ? 1 : 0, rnd));
  }

  /** A random write of {@code spec}'s chunk: a strided box (maybe a broadcast value) or points. */
  private static ChunkWrite randomWrite(ChunkSpec spec, SplittableRandom rnd) {
    int nd = spec.ndim();
    if (rnd.nextInt(3) == 0) {
      int n = rnd.nextInt(0, 12);
      int[] pos = new int[n * nd];
      for (int k = 0; k < n; k++) {
        for (int d = 0; d < nd; d++) {
          pos[k * nd + d] = rnd.nextInt(spec.shape(d));
        }
      }
      NdArray v = values(spec, new int[] {n}, rnd);
      long[] offs = new long[n];
      for (int k = 0; k < n; k++) {
        offs[k] = rnd.nextInt(4) == 0 ? rnd.nextInt(n) : k; // a value may repeat
      }
      return ChunkWrite.points(pos, v.data(), offs);
    }
    int[] start = new int[nd];
    int[] step = new int[nd];
    long[] count = new long[nd];
    int[] shape = new int[nd];
    boolean whole = rnd.nextInt(6) == 0;
    for (int d = 0; d < nd; d++) {
      int len = spec.shape(d);
      step[d] = whole ? 1 : rnd.nextInt(1, 4);
      start[d] = whole ? 0 : rnd.nextInt(len);
      count[d] = whole ? len : rnd.nextLong(1, (len - start[d] + step[d] - 1) / step[d] + 1);
      shape[d] = (int) count[d];
    }
    StridedBox box = new StridedBox(start, step, count);
    if (rnd.nextInt(4) == 0) {
      // a broadcast scalar: the fill value or another
      NdArray one =
          rnd.nextBoolean()
              ? toNdArray(ChunkArray.filled(spec.withShape(new int[0])))
              : values(spec, new int[0], rnd);
      return ChunkWrite.box(box, new StridedView(one.data(), 0, new long[nd]));
    }
    NdArray v = values(spec, shape, rnd);
    return ChunkWrite.box(box, StridedView.of(v));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomWritesAgreeWithTheModelAndWithAWholeEncode(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003 + 11);
    int nd = rnd.nextInt(1, 4);
    int[] inner = new int[nd];
    int[] shape = new int[nd];
    for (int d = 0; d < nd; d++) {
      inner[d] = rnd.nextInt(1, 5);
      shape[d] = inner[d] * rnd.nextInt(1, 4);
    }
    DataType t = ShardTestSupport.DTYPES.get(rnd.nextInt(ShardTestSupport.DTYPES.size()));
    ChunkSpec spec = new ChunkSpec(shape, t, ShardTestSupport.fillValue(t, rnd));
    List<List<Codec>> chains = ShardTestSupport.innerChains();
    IndexLocation location = rnd.nextBoolean() ? IndexLocation.START : IndexLocation.END;
    // the outer chain: the sharding codec alone, or after a transpose (the write is reordered, and
    // the sharding codec sees the shard, and cuts it, with its axes reversed)
    boolean transposed = nd > 1 && rnd.nextInt(4) == 0;
    int[] codecInner = inner.clone();
    if (transposed) {
      for (int d = 0; d < nd; d++) {
        codecInner[d] = inner[nd - 1 - d];
      }
    }
    ShardingCodec codec =
        new ShardingCodec(
            codecInner,
            CodecChain.of(chains.get(rnd.nextInt(chains.size()))),
            ShardingCodec.defaultIndexCodecs(),
            location);
    CodecChain outer =
        transposed ? CodecChain.of(TransposeCodec.reversed(nd), codec) : CodecChain.of(codec);
    assertThat(outer.encodesPartially(spec)).isTrue();

    ChunkArray model;
    byte[] stored;
    if (rnd.nextBoolean()) {
      model = ChunkArray.filled(spec);
      stored = null;
    } else {
      model = ShardTestSupport.randomShard(spec, inner, rnd.nextDouble(), rnd);
      stored = bytes(outer.encode(model, OPTIONS));
    }
    for (int op = 0; op < 8; op++) {
      ChunkWrite w = randomWrite(spec, rnd);
      ByteSource src =
          stored == null
              ? null
              : rnd.nextBoolean()
                  ? ByteSource.of(ByteBuffer.wrap(stored))
                  : new CountingSource(stored);
      Optional<ByteBuffer> out =
          outer.encodePartially(src, spec, w, OPTIONS).map(ValueParts::toBuffer);
      w.applyTo(model);
      String what = "seed " + seed + " op " + op + " " + w + " " + outer;
      if (out.isEmpty()) {
        assertThat(model.isFilledWith(spec.fillValue())).as(what).isTrue();
        stored = null;
        continue;
      }
      stored = bytes(out.get());
      assertThat(toNdArray(outer.decode(ByteBuffer.wrap(stored), spec, OPTIONS)))
          .as(what)
          .isEqualTo(toNdArray(model));
      // inner chunks in C order, untouched ones copied: the bytes of a whole encode
      assertThat(stored).as(what).isEqualTo(bytes(outer.encode(model, OPTIONS)));
    }
  }

  // ------------------------------------------------------------------ what is kept

  /** An int32 shard of [16, 16] in [4, 4] inner chunks (4 x 4 of them), crc32c inside. */
  private static final ChunkSpec SPEC = new ChunkSpec(new int[] {16, 16}, DataType.parse("<i4"), 0);

  private static ShardingCodec crcCodec() {
    return ShardingCodec.of(
        new int[] {4, 4},
        List.of(
            bytesLe(),
            ShardTestSupport.v3("numcodecs.gzip", Map.of("level", 1)),
            CodecRegistry.fromV3Config("crc32c")));
  }

  private static byte[] innerBytes(byte[] shard, long[] entries, int i) {
    return Arrays.copyOfRange(
        shard, (int) entries[2 * i], (int) (entries[2 * i] + entries[2 * i + 1]));
  }

  /** A write of one element of inner chunk (1, 1): position (5, 6) of the shard. */
  private static ChunkWrite oneElement(int value) {
    return ChunkWrite.box(
        new StridedBox(new int[] {5, 6}, new int[] {1, 1}, new long[] {1, 1}),
        new StridedView(new int[] {value}, 0, new long[] {0, 0}));
  }

  @Test
  void untouchedInnerChunksKeepTheirEncodedBytesEvenCorruptOnes() {
    ShardingCodec codec = crcCodec();
    byte[] before =
        bytes(
            codec.encode(
                ShardTestSupport.randomShard(SPEC, new int[] {4, 4}, 0, new SplittableRandom(3)),
                OPTIONS));
    long[] e = entriesAtEnd(before, 16);
    // corrupt inner chunk 2's payload: decoding it would fail its crc32c
    before[(int) e[4] + 3] ^= 0x5A;
    byte[] after =
        bytes(
            codec
                .encodePartially(new CountingSource(before), SPEC, oneElement(-7), OPTIONS)
                .orElseThrow()
                .toBuffer());
    long[] f = entriesAtEnd(after, 16);
    for (int i = 0; i < 16; i++) {
      if (i == 5) {
        assertThat(innerBytes(after, f, i)).isNotEqualTo(innerBytes(before, e, i));
      } else {
        assertThat(innerBytes(after, f, i))
            .as("inner chunk %d", i)
            .isEqualTo(innerBytes(before, e, i));
      }
    }
    // the corrupt inner chunk was copied, never decoded: it still fails where it is read
    assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(after), SPEC, OPTIONS))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("inner chunk [0, 2]");
    int[] got = new int[1];
    try (var d = codec.partialDecoder(ByteSource.of(ByteBuffer.wrap(after)), SPEC, OPTIONS)) {
      d.decodeBox(
          new StridedBox(new int[] {5, 6}, new int[] {1, 1}, new long[] {1, 1}),
          new StridedView(got, 0, new long[] {1, 1}));
    }
    assertThat(got[0]).isEqualTo(-7);
  }

  // ------------------------------------------------------------------ what is read

  /** A float64 shard of [128, 128] in [64, 64] inner chunks of 32 KiB each, stored raw. */
  private static final ChunkSpec BIG =
      new ChunkSpec(new int[] {128, 128}, DataType.parse("<f8"), 0);

  private static final int INNER_BYTES = 64 * 64 * 8;

  private static ShardingCodec rawCodec(IndexLocation location) {
    return new ShardingCodec(
        new int[] {64, 64}, CodecChain.of(bytesLe()), ShardingCodec.defaultIndexCodecs(), location);
  }

  @Test
  void aPartWriteOfOneInnerChunkReadsTheIndexThenEveryInnerChunkAsOneRange() {
    for (IndexLocation location : IndexLocation.values()) {
      ShardingCodec codec = rawCodec(location);
      byte[] shard =
          bytes(
              codec.encode(
                  ShardTestSupport.randomShard(BIG, new int[] {64, 64}, 0, new SplittableRandom(5)),
                  OPTIONS));
      int index = 4 * 16 + 4;
      int data = location == IndexLocation.START ? index : 0;
      CountingSource src = new CountingSource(shard);
      // one element of inner chunk (0, 1)
      codec.encodePartially(
          src,
          BIG,
          ChunkWrite.box(
              new StridedBox(new int[] {3, 70}, new int[] {1, 1}, new long[] {1, 1}),
              new StridedView(new double[] {1.5}, 0, new long[] {0, 0})),
          OPTIONS);
      // the index, then one batch of one range: all four inner chunks, back to back
      assertThat(src.ranges)
          .containsExactly(
              new long[] {location == IndexLocation.START ? 0 : shard.length - index, index},
              new long[] {data, 4L * INNER_BYTES});
      assertThat(src.batches).isEqualTo(1);
    }
  }

  /** A counting source that says it transfers ranges without reading them, as a file does. */
  private static final class DirectSource extends CountingSource {
    DirectSource(byte[] bytes) {
      super(bytes);
    }

    @Override
    public boolean transfersDirectly() {
      return true;
    }
  }

  @Test
  void fromASourceThatTransfersDirectlyOnlyTheIndexAndTheMergedInnerChunkAreRead() {
    for (IndexLocation location : IndexLocation.values()) {
      ShardingCodec codec = rawCodec(location);
      ChunkArray model =
          ShardTestSupport.randomShard(BIG, new int[] {64, 64}, 0, new SplittableRandom(8));
      byte[] shard = bytes(codec.encode(model, OPTIONS));
      int index = 4 * 16 + 4;
      int data = location == IndexLocation.START ? index : 0;
      DirectSource src = new DirectSource(shard);
      // one element of inner chunk (0, 1)
      ChunkWrite w =
          ChunkWrite.box(
              new StridedBox(new int[] {3, 70}, new int[] {1, 1}, new long[] {1, 1}),
              new StridedView(new double[] {1.5}, 0, new long[] {0, 0}));
      ValueParts parts = codec.encodePartially(src, BIG, w, OPTIONS).orElseThrow();
      // the index, then one batch of one range: inner chunk (0, 1), which the write merges into;
      // the three others are ranges of the source in the new value, copied when it is stored
      assertThat(src.ranges)
          .containsExactly(
              new long[] {location == IndexLocation.START ? 0 : shard.length - index, index},
              new long[] {data + INNER_BYTES, INNER_BYTES});
      assertThat(src.batches).isEqualTo(1);
      assertThat(parts.size()).isEqualTo(shard.length);
      assertThat(parts.toString()).contains("4 parts", 3L * INNER_BYTES + " copied");
      w.applyTo(model);
      java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
      try {
        parts.writeTo(java.nio.channels.Channels.newChannel(sink));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      assertThat(sink.toByteArray()).isEqualTo(bytes(codec.encode(model, OPTIONS)));
    }
  }

  @Test
  void aWholeInnerChunkWriteDoesNotReadTheOldInnerChunk() {
    ShardingCodec codec = rawCodec(IndexLocation.END);
    ChunkArray model =
        ShardTestSupport.randomShard(BIG, new int[] {64, 64}, 0, new SplittableRandom(6));
    byte[] shard = bytes(codec.encode(model, OPTIONS));
    CountingSource src = new CountingSource(shard);
    // every element of inner chunk (0, 1): the shard's bytes [32 KiB, 64 KiB)
    double[] v = new double[64 * 64];
    Arrays.fill(v, 2.5);
    StridedBox box = new StridedBox(new int[] {0, 64}, new int[] {1, 1}, new long[] {64, 64});
    ChunkWrite w = ChunkWrite.box(box, new StridedView(v, 0, new long[] {64, 1}));
    byte[] out = bytes(codec.encodePartially(src, BIG, w, OPTIONS).orElseThrow().toBuffer());
    // the index, then one batch of two ranges: inner chunk (0, 0), and (1, 0) with (1, 1)
    assertThat(src.ranges)
        .containsExactly(
            new long[] {shard.length - 68, 68},
            new long[] {0, INNER_BYTES},
            new long[] {2L * INNER_BYTES, 2L * INNER_BYTES});
    assertThat(src.batches).isEqualTo(1);
    w.applyTo(model);
    assertThat(out).isEqualTo(bytes(codec.encode(model, OPTIONS)));
  }

  @Test
  void pointsInSeveralInnerChunksReadEachKeptOrMergedOneOnce() {
    ShardingCodec codec = rawCodec(IndexLocation.END);
    ChunkArray model =
        ShardTestSupport.randomShard(BIG, new int[] {64, 64}, 0, new SplittableRandom(7));
    byte[] shard = bytes(codec.encode(model, OPTIONS));
    CountingSource src = new CountingSource(shard);
    // points in inner chunks (0, 0), (1, 1) and (0, 0) again: the later value wins
    ChunkWrite w =
        ChunkWrite.points(
            new int[] {1, 1, 100, 100, 1, 1}, new double[] {1, 2, 3}, new long[] {0, 1, 2});
    byte[] out = bytes(codec.encodePartially(src, BIG, w, OPTIONS).orElseThrow().toBuffer());
    assertThat(src.ranges)
        .containsExactly(new long[] {shard.length - 68, 68}, new long[] {0, 4L * INNER_BYTES});
    w.applyTo(model);
    assertThat(out).isEqualTo(bytes(codec.encode(model, OPTIONS)));
    assertThat(toNdArray(codec.decode(ByteBuffer.wrap(out), BIG, OPTIONS)).get(1, 1))
        .isEqualTo(3.0);
  }

  @Test
  void aMissingShardReadsNothingAndAnEmptyResultIsNotStored() {
    ShardingCodec codec = crcCodec();
    // writing the fill value into a shard that is not stored leaves nothing to store
    assertThat(codec.encodePartially(null, SPEC, oneElement(0), OPTIONS)).isEmpty();
    byte[] one =
        bytes(codec.encodePartially(null, SPEC, oneElement(9), OPTIONS).orElseThrow().toBuffer());
    long[] e = entriesAtEnd(one, 16);
    for (int i = 0; i < 16; i++) {
      assertThat(e[2 * i] == ShardIndex.MISSING).as("inner chunk %d missing", i).isEqualTo(i != 5);
    }
    // writing the fill value back empties the shard
    CountingSource src = new CountingSource(one);
    assertThat(codec.encodePartially(src, SPEC, oneElement(0), OPTIONS)).isEmpty();
    // the index and the one stored inner chunk, partly written (decoded, merged, then left out)
    assertThat(src.ranges).hasSize(2);
    assertThat(src.ranges.get(0)).containsExactly(one.length - 260, 260);
  }

  @Test
  void aCorruptIndexFailsBeforeAnythingIsEncoded() {
    ShardingCodec codec = crcCodec();
    byte[] shard =
        bytes(
            codec.encode(
                ShardTestSupport.randomShard(SPEC, new int[] {4, 4}, 0, new SplittableRandom(8)),
                OPTIONS));
    shard[shard.length - 1] ^= 1; // the index's crc32c
    CountingSource src = new CountingSource(shard);
    assertThatThrownBy(() -> codec.encodePartially(src, SPEC, oneElement(1), OPTIONS))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("shard index");
    // the index only, read once more after the checksum failed (a writer updating the shard in
    // place may have been writing it)
    long[] index = {shard.length - 260, 260};
    assertThat(src.ranges).containsExactly(index, index);
  }

  @Test
  void aChainWithABytesStageDoesNotEncodePartially() {
    CodecChain c =
        CodecChain.of(new ArrayList<>(List.of(crcCodec(), CodecRegistry.fromV3Config("crc32c"))));
    assertThat(c.encodesPartially(SPEC)).isFalse();
    // the default path still applies the write: decode, merge, encode
    byte[] one =
        bytes(c.encodePartially(null, SPEC, oneElement(4), OPTIONS).orElseThrow().toBuffer());
    assertThat(toNdArray(c.decode(ByteBuffer.wrap(one), SPEC, OPTIONS)).get(5, 6)).isEqualTo(4L);
    assertThat(CodecChain.of(bytesLe()).encodesPartially(SPEC)).isFalse();
  }
}
