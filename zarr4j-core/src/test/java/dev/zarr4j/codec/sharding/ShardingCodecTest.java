package dev.zarr4j.codec.sharding;

import static dev.zarr4j.codec.sharding.ShardTestSupport.bytes;
import static dev.zarr4j.codec.sharding.ShardTestSupport.bytesLe;
import static dev.zarr4j.codec.sharding.ShardTestSupport.indexBytes;
import static dev.zarr4j.codec.sharding.ShardTestSupport.toNdArray;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.sharding.ShardTestSupport.CountingSource;
import dev.zarr4j.codec.sharding.ShardingCodec.IndexLocation;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The sharding codec's format, configuration, round trips and partial decodes, as seeded random
 * properties against a simple reference: the shard decoded whole, copied out by {@link
 * ChunkArray#copyTo}.
 */
class ShardingCodecTest {
  private static final CodecOptions OPTIONS = CodecOptions.processDefault();

  /** A random case: shard spec, inner shape, codec. */
  private record Case(ChunkSpec spec, int[] inner, ShardingCodec codec) {}

  private static Case randomCase(SplittableRandom rnd) {
    int nd = 1 + rnd.nextInt(3);
    int[] inner = new int[nd];
    int[] shape = new int[nd];
    for (int d = 0; d < nd; d++) {
      inner[d] = 1 + rnd.nextInt(nd == 1 ? 9 : 4);
      shape[d] = inner[d] * (1 + rnd.nextInt(4));
    }
    DataType t = ShardTestSupport.DTYPES.get(rnd.nextInt(ShardTestSupport.DTYPES.size()));
    ChunkSpec spec = new ChunkSpec(shape, t, ShardTestSupport.fillValue(t, rnd));
    List<List<Codec>> chains = ShardTestSupport.innerChains();
    CodecChain innerChain = CodecChain.of(chains.get(rnd.nextInt(chains.size())));
    IndexLocation loc = rnd.nextBoolean() ? IndexLocation.END : IndexLocation.START;
    CodecChain index =
        rnd.nextInt(4) == 0
            ? CodecChain.of(bytesLe()) // an index without checksum
            : ShardingCodec.defaultIndexCodecs();
    return new Case(spec, inner, new ShardingCodec(inner, innerChain, index, loc));
  }

  /**
   * A shard encoded on a chunk pool's worker, its inner chunks shared with the pool's other
   * workers, has exactly the bytes the same encode gives on an application thread (in one piece).
   */
  @RepeatedTest(40)
  void encodingOnAPoolWorkerInPiecesGivesTheSameBytes(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0x7E11 + info.getCurrentRepetition());
    Case c = randomCase(rnd);
    ChunkArray shard = ShardTestSupport.randomShard(c.spec, c.inner, rnd.nextDouble(), rnd);
    byte[] inOnePiece = bytes(c.codec.encode(shard, OPTIONS));
    java.util.List<byte[]> onWorkers =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    dev.zarr4j.internal.ChunkExecutor.shared(3)
        .forEach(
            java.util.stream.IntStream.range(0, 16).iterator(),
            i -> {
              if (i < 3) {
                // once the other items are done, so that one worker is idle and takes pieces
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                onWorkers.add(bytes(c.codec.encode(shard, OPTIONS)));
              }
            });
    assertThat(onWorkers).hasSize(3);
    for (byte[] b : onWorkers) {
      assertThat(b).as("%s on %s", c.codec, c.spec).isEqualTo(inOnePiece);
    }
  }

  @RepeatedTest(200)
  void roundTripsRandomShards(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0x5A4D + info.getCurrentRepetition());
    Case c = randomCase(rnd);
    ChunkArray shard = ShardTestSupport.randomShard(c.spec, c.inner, rnd.nextDouble(), rnd);
    assertThat(c.codec.resolve(c.spec).isBounded()).isFalse();
    ByteBuffer enc = c.codec.encode(shard, OPTIONS);
    ChunkArray dec = c.codec.decode(enc, c.spec, OPTIONS);
    assertThat(bytes(dec.contiguous().bytes()))
        .as("%s on %s", c.codec, c.spec)
        .isEqualTo(bytes(shard.bytes()));
    // through a partial decoder over a ranged source: decodeAll reads once
    CountingSource src = new CountingSource(bytes(enc));
    try (ArrayPartialDecoder d = c.codec.partialDecoder(src, c.spec, OPTIONS)) {
      assertThat(bytes(d.decodeAll().contiguous().bytes())).isEqualTo(bytes(shard.bytes()));
    }
    assertThat(src.reads).isEqualTo(1);
  }

  /**
   * Shards of several MiB, larger than the encoder's first buffer, whose inner chunks encode to
   * very different sizes (runs of constant chunks that compress to a few bytes, then random ones
   * that do not compress, in a random order): the buffer grows by estimates from the chunks written
   * so far, and whatever the estimate, the shard decodes to what was encoded and its chunks lie end
   * to end in it.
   */
  @RepeatedTest(6)
  void largeShardsOfUnevenChunksRoundTrip(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0x6A0 + info.getCurrentRepetition());
    int[] inner = {64, 64};
    int side = 64 * (8 + rnd.nextInt(9)); // 8 to 16 inner chunks a side: 2 to 8 MiB of int32
    ChunkSpec spec = new ChunkSpec(new int[] {side, side}, DataType.parse("<i4"), 0);
    int[] raw = new int[side * side];
    boolean[] constantRows = new boolean[side / 64];
    for (int r = 0; r < constantRows.length; r++) {
      constantRows[r] = rnd.nextInt(3) > 0;
    }
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        raw[i * side + j] = constantRows[i / 64] ? 7 : rnd.nextInt();
      }
    }
    ByteBuffer b = ByteBuffer.allocate(raw.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(raw);
    ChunkArray shard = ChunkArray.ofBytes(spec, b);
    IndexLocation loc = rnd.nextBoolean() ? IndexLocation.END : IndexLocation.START;
    ShardingCodec codec =
        new ShardingCodec(
            inner,
            CodecChain.of(
                List.of(bytesLe(), ShardTestSupport.v3("numcodecs.zstd", Map.of("level", 1)))),
            ShardingCodec.defaultIndexCodecs(),
            loc);
    ByteBuffer enc = codec.encode(shard, OPTIONS);
    ChunkArray dec = codec.decode(enc, spec, OPTIONS);
    assertThat(bytes(dec.contiguous().bytes())).as("%s, side %d", loc, side).isEqualTo(bytes(b));
    // the chunks lie end to end between the index's place and the end
    long indexSize = codec.indexSize(spec);
    ByteBuffer idx =
        enc.duplicate()
            .position(loc == IndexLocation.START ? 0 : enc.remaining() - (int) indexSize)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    int count = (side / 64) * (side / 64);
    long sum = 0;
    for (int k = 0; k < count; k++) {
      sum += idx.getLong(16 * k + 8);
    }
    assertThat(enc.remaining()).isEqualTo(sum + indexSize);
  }

  @RepeatedTest(200)
  void partialDecodesMatchTheWholeDecode(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0xB0C5 + info.getCurrentRepetition());
    Case c = randomCase(rnd);
    ChunkArray shard = ShardTestSupport.randomShard(c.spec, c.inner, rnd.nextDouble() * 0.7, rnd);
    byte[] enc = bytes(c.codec.encode(shard, OPTIONS));
    ChunkArray whole = c.codec.decode(ByteBuffer.wrap(enc), c.spec, OPTIONS);
    int nd = c.spec.ndim();
    CountingSource src = new CountingSource(enc);
    try (ArrayPartialDecoder d = c.codec.partialDecoder(src, c.spec, OPTIONS)) {
      for (int round = 0; round < 6; round++) {
        // a random strided box, written into the middle of a larger output
        int[] start = new int[nd];
        int[] step = new int[nd];
        long[] count = new long[nd];
        int[] outShape = new int[nd];
        for (int dd = 0; dd < nd; dd++) {
          int len = c.spec.shape(dd);
          start[dd] = rnd.nextInt(len);
          step[dd] = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 4);
          long max = (len - 1 - start[dd]) / step[dd] + 1;
          count[dd] = rnd.nextInt(3) == 0 ? max : 1 + rnd.nextLong(max);
          outShape[dd] = (int) count[dd] + 2;
        }
        StridedBox box = new StridedBox(start, step, count);
        NdArray got = NdArray.zeros(c.spec.dtype(), outShape);
        NdArray want = NdArray.zeros(c.spec.dtype(), outShape);
        d.decodeBox(box, inner(got));
        whole.copyTo(box, inner(want));
        assertThat(ShardTestSupport.sameStorage(got.data(), want.data()))
            .as("box %s of %s through %s", box, c.spec, c.codec)
            .isTrue();
        // random points, repeats allowed, to scattered output slots
        int npts = 1 + rnd.nextInt(40);
        int[] positions = new int[npts * nd];
        for (int k = 0; k < npts; k++) {
          for (int dd = 0; dd < nd; dd++) {
            positions[k * nd + dd] = rnd.nextInt(c.spec.shape(dd));
          }
        }
        // distinct output slots in a shuffled order (a slot written twice would depend on order)
        long[] outOffsets = new long[npts];
        for (int k = 0; k < npts; k++) {
          outOffsets[k] = k + 3;
        }
        for (int k = npts - 1; k > 0; k--) {
          int j = rnd.nextInt(k + 1);
          long t = outOffsets[k];
          outOffsets[k] = outOffsets[j];
          outOffsets[j] = t;
        }
        NdArray gotP = NdArray.zeros(c.spec.dtype(), npts + 3);
        NdArray wantP = NdArray.zeros(c.spec.dtype(), npts + 3);
        d.decodePoints(positions, gotP.data(), outOffsets);
        whole.copyPointsTo(positions, wantP.data(), outOffsets);
        assertThat(ShardTestSupport.sameStorage(gotP.data(), wantP.data()))
            .as("points of %s through %s", c.spec, c.codec)
            .isTrue();
      }
    }
    // the index was read once, whatever the parts asked; or, when the first box was the whole
    // shard, the shard was read once and nothing else after it
    long indexSize = c.codec.indexSize(c.spec);
    long indexAt = c.codec.indexLocation() == IndexLocation.START ? 0 : enc.length - indexSize;
    if (src.ranges.get(0)[0] == 0 && src.ranges.get(0)[1] == enc.length) {
      assertThat(src.ranges).hasSize(1);
    } else {
      assertThat(src.ranges.get(0)).containsExactly(indexAt, indexSize);
      assertThat(src.ranges.stream().filter(r -> r[0] == indexAt && r[1] == indexSize)).hasSize(1);
    }
  }

  /** The view of index (1, ..., 1) onward of an array: parts land inside, not at its origin. */
  private static StridedView inner(NdArray a) {
    int[] shape = a.shape();
    long[] strides = ChunkArray.cStrides(shape);
    long off = 0;
    for (long s : strides) {
      off += s;
    }
    return new StridedView(a.data(), off, strides);
  }

  @Test
  void layoutIsTheSpecs() {
    // int16 [4] in inner chunks of [2]: chunk 0 = 1, 2; chunk 1 = fill (0): missing
    ChunkSpec spec = new ChunkSpec(new int[] {6}, DataType.parse("<i2"), 0);
    ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    raw.putShort((short) 1).putShort((short) 2).putShort((short) 0).putShort((short) 0);
    raw.putShort((short) 5).putShort((short) -1).flip();
    ChunkArray shard = ChunkArray.ofBytes(spec, raw);
    ShardingCodec end = ShardingCodec.of(new int[] {2}, List.of(bytesLe()));
    byte[] data = {1, 0, 2, 0, 5, 0, -1, -1};
    byte[] index = indexBytes(new long[] {0, 4, -1, -1, 4, 4});
    byte[] expected = new byte[data.length + index.length];
    System.arraycopy(data, 0, expected, 0, data.length);
    System.arraycopy(index, 0, expected, data.length, index.length);
    assertThat(bytes(end.encode(shard, OPTIONS))).isEqualTo(expected);
    assertThat(end.indexSize(spec)).isEqualTo(3 * 16 + 4);

    ShardingCodec start =
        new ShardingCodec(
            new int[] {2},
            CodecChain.of(bytesLe()),
            ShardingCodec.defaultIndexCodecs(),
            IndexLocation.START);
    byte[] index2 = indexBytes(new long[] {52, 4, -1, -1, 56, 4});
    byte[] expected2 = new byte[index2.length + data.length];
    System.arraycopy(index2, 0, expected2, 0, index2.length);
    System.arraycopy(data, 0, expected2, index2.length, data.length);
    assertThat(bytes(start.encode(shard, OPTIONS))).isEqualTo(expected2);
    assertThat(bytes(start.decode(ByteBuffer.wrap(expected2), spec, OPTIONS).bytes()))
        .isEqualTo(bytes(shard.bytes()));
  }

  @Test
  void aShardOfFillValuesIsTheIndexAloneAndAsksToBeOmitted() {
    ChunkSpec spec = new ChunkSpec(new int[] {4, 4}, DataType.parse("<f8"), 1.5);
    ShardingCodec codec = ShardingCodec.of(new int[] {2, 2}, List.of(bytesLe()));
    ChunkArray fill = ChunkArray.filled(spec);
    byte[] enc = bytes(codec.encode(fill, OPTIONS));
    assertThat(enc).isEqualTo(indexBytes(new long[] {-1, -1, -1, -1, -1, -1, -1, -1}));
    assertThat(bytes(codec.decode(ByteBuffer.wrap(enc), spec, OPTIONS).bytes()))
        .isEqualTo(bytes(fill.bytes()));
    assertThat(codec.omitsFillValueChunks(spec)).isTrue();
    assertThat(CodecChain.of(codec).omitsFillValueChunks(spec)).isTrue();
    assertThat(CodecChain.of(bytesLe()).omitsFillValueChunks(spec)).isFalse();
  }

  @Test
  void configRoundTrips() {
    Map<String, Object> config =
        Map.of(
            "name",
            "sharding_indexed",
            "configuration",
            Map.of(
                "chunk_shape",
                List.of(2, 3),
                "codecs",
                List.of(
                    Map.of("name", "transpose", "configuration", Map.of("order", List.of(1, 0))),
                    Map.of("name", "bytes", "configuration", Map.of("endian", "big")),
                    Map.of("name", "numcodecs.zstd", "configuration", Map.of("level", 3))),
                "index_codecs",
                List.of(
                    Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                    Map.of("name", "crc32c")),
                "index_location",
                "start"));
    Codec c = CodecRegistry.fromV3Config(config);
    assertThat(c).isInstanceOf(ShardingCodec.class);
    ShardingCodec s = (ShardingCodec) c;
    assertThat(s.chunkShape()).containsExactly(2, 3);
    assertThat(s.indexLocation()).isEqualTo(IndexLocation.START);
    assertThat(s.codecs().codecs()).hasSize(3);
    Map<String, Object> v3 = s.toV3Config();
    assertThat(v3.get("name")).isEqualTo("sharding_indexed");
    assertThat(CodecRegistry.fromV3Config(v3)).isEqualTo(s);
    @SuppressWarnings("unchecked")
    Map<String, Object> conf = (Map<String, Object>) v3.get("configuration");
    assertThat(conf.keySet())
        .containsExactly("chunk_shape", "codecs", "index_codecs", "index_location");
    assertThat(conf.get("index_codecs"))
        .isEqualTo(
            List.of(
                Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                Map.of("name", "crc32c")));
    assertThat(s.toConfig().get("id")).isEqualTo("sharding_indexed");
    assertThat(s.toConfig()).containsAllEntriesOf(conf);
    // defaults: index at the end, bytes + crc32c
    ShardingCodec d =
        (ShardingCodec)
            CodecRegistry.fromV3Config(
                Map.of(
                    "name",
                    "sharding_indexed",
                    "configuration",
                    Map.of("chunk_shape", List.of(4), "codecs", List.of(Map.of("name", "bytes")))));
    assertThat(d.indexLocation()).isEqualTo(IndexLocation.END);
    assertThat(d.indexCodecs()).isEqualTo(ShardingCodec.defaultIndexCodecs());
    assertThat(CodecRegistry.knownV3Names()).contains("sharding_indexed");
    assertThat(s.hashCode()).isEqualTo(((ShardingCodec) CodecRegistry.fromV3Config(v3)).hashCode());
  }

  @Test
  void nestedShardingRoundTrips() {
    SplittableRandom rnd = new SplittableRandom(99);
    ChunkSpec spec = new ChunkSpec(new int[] {8, 8}, DataType.parse("<i4"), 0);
    ShardingCodec innerShard = ShardingCodec.of(new int[] {2, 2}, List.of(bytesLe()));
    ShardingCodec outer = ShardingCodec.of(new int[] {4, 4}, List.of(innerShard));
    ChunkArray shard = ShardTestSupport.randomShard(spec, new int[] {2, 2}, 0.4, rnd);
    byte[] enc = bytes(outer.encode(shard, OPTIONS));
    assertThat(bytes(outer.decode(ByteBuffer.wrap(enc), spec, OPTIONS).bytes()))
        .isEqualTo(bytes(shard.bytes()));
    ChunkArray whole = outer.decode(ByteBuffer.wrap(enc), spec, OPTIONS);
    StridedBox box = new StridedBox(new int[] {1, 3}, new int[] {1, 1}, new long[] {2, 3});
    NdArray got = NdArray.zeros(spec.dtype(), 2, 3);
    try (ArrayPartialDecoder d = outer.partialDecoder(new CountingSource(enc), spec, OPTIONS)) {
      d.decodeBox(box, StridedView.of(got));
    }
    NdArray want = NdArray.zeros(spec.dtype(), 2, 3);
    whole.copyTo(box, StridedView.of(want));
    assertThat(got).isEqualTo(want);
    assertThat(CodecRegistry.fromV3Config(outer.toV3Config())).isEqualTo(outer);
  }

  @Test
  void objectElementsShardToo() {
    ChunkSpec spec = new ChunkSpec(new int[] {4}, DataType.OBJECT, "");
    ShardingCodec codec =
        ShardingCodec.of(
            new int[] {2}, List.of(CodecRegistry.fromConfig(Map.of("id", "vlen-utf8"))));
    ChunkArray shard = ChunkArray.ofObjects(spec, new Object[] {"a", "bc", "", ""});
    byte[] enc = bytes(codec.encode(shard, OPTIONS));
    ChunkArray dec = codec.decode(ByteBuffer.wrap(enc), spec, OPTIONS);
    assertThat(dec.objects()).containsExactly("a", "bc", "", "");
    assertThat(toNdArray(dec).data()).isEqualTo(new Object[] {"a", "bc", "", ""});
  }
}
