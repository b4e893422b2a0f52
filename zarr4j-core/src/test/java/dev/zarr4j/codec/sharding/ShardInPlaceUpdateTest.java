package dev.zarr4j.codec.sharding;

import static dev.zarr4j.codec.sharding.ShardTestSupport.toNdArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.ChunkWrite;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.sharding.ShardingCodec.IndexLocation;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.InPlaceUpdate;
import dev.zarr4j.store.ValueParts;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-place alternative of a partial shard write ({@link InPlaceUpdate}), applied to a shard's
 * bytes as a store would: after every prefix of its writes the shard decodes to the old values (a
 * process killed there leaves the old shard), after all of them to the new ones; a publishing write
 * cut in half fails the index's checksum instead of decoding to wrong values; the shard never grows
 * past twice its live bytes (plus a page), the point where the codec asks for a whole write
 * instead.
 */
class ShardInPlaceUpdateTest {
  private static final CodecOptions OPTIONS = CodecOptions.processDefault();

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  /** A write of a random box (whole inner chunks or parts), random values. */
  private static ChunkWrite randomBox(ChunkSpec spec, SplittableRandom rnd) {
    int nd = spec.ndim();
    int[] start = new int[nd];
    int[] step = new int[nd];
    long[] count = new long[nd];
    int[] shape = new int[nd];
    for (int d = 0; d < nd; d++) {
      int len = spec.shape(d);
      step[d] = 1;
      start[d] = rnd.nextInt(len);
      count[d] = rnd.nextLong(1, Math.min(len - start[d], len / 2 + 1) + 1);
      shape[d] = (int) count[d];
    }
    ChunkArray v = ShardTestSupport.randomShard(spec.withShape(shape), shape, 0, rnd);
    return ChunkWrite.box(new StridedBox(start, step, count), StridedView.of(toNdArray(v)));
  }

  private static byte[] apply(byte[] shard, List<InPlaceUpdate.Write> writes, int count) {
    byte[] out = shard.clone();
    for (int k = 0; k < count; k++) {
      InPlaceUpdate.Write w = writes.get(k);
      int end = (int) (w.offset() + w.bytes().remaining());
      if (end > out.length) {
        out = Arrays.copyOf(out, end); // a file grows with zeros where nothing was written
      }
      w.bytes().duplicate().get(out, (int) w.offset(), w.bytes().remaining());
    }
    return out;
  }

  private static NdArray decode(ShardingCodec codec, ChunkSpec spec, byte[] shard) {
    return toNdArray(codec.decode(ByteBuffer.wrap(shard), spec, OPTIONS));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyPrefixOfAnUpdateDecodesToTheOldOrTheNewShard(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7_919 + 3);
    int[] inner = {rnd.nextInt(16, 33), rnd.nextInt(16, 33)};
    int[] shape = {inner[0] * rnd.nextInt(2, 4), inner[1] * rnd.nextInt(2, 4)};
    List<DataType> types = List.of(DataType.parse("<i4"), DataType.parse("<f8"));
    DataType t = types.get(rnd.nextInt(types.size()));
    ChunkSpec spec = new ChunkSpec(shape, t, ShardTestSupport.fillValue(t, rnd));
    List<List<Codec>> chains = ShardTestSupport.innerChains();
    ShardingCodec codec =
        new ShardingCodec(
            inner,
            CodecChain.of(chains.get(rnd.nextInt(chains.size()))),
            ShardingCodec.defaultIndexCodecs(),
            IndexLocation.END);
    ChunkArray model = ShardTestSupport.randomShard(spec, inner, 0.2, rnd);
    byte[] stored = ShardTestSupport.bytes(codec.encode(model, OPTIONS));
    long max = codec.maxEncodedSize(spec);
    int inPlace = 0;
    for (int op = 0; op < 12; op++) {
      ChunkWrite w = randomBox(spec, rnd);
      NdArray before = toNdArray(model.copy());
      Optional<ValueParts> parts =
          codec.encodePartially(ByteSource.of(ByteBuffer.wrap(stored)), spec, w, OPTIONS);
      w.applyTo(model);
      NdArray after = toNdArray(model);
      String what = "seed " + seed + " op " + op + " " + codec;
      if (parts.isEmpty()) {
        assertThat(model.isFilledWith(spec.fillValue())).as(what).isTrue();
        return;
      }
      Optional<InPlaceUpdate> update = parts.get().inPlaceUpdate();
      if (update.isEmpty()) {
        // the shard would grow past twice its live bytes: stored whole and compact
        stored = ShardTestSupport.bytes(parts.get().toBuffer());
        assertThat(stored).as(what).isEqualTo(ShardTestSupport.bytes(codec.encode(model, OPTIONS)));
        continue;
      }
      inPlace++;
      InPlaceUpdate u = update.get();
      List<InPlaceUpdate.Write> writes = u.writes();
      assertThat(u.baseSize()).isEqualTo(stored.length);
      assertThat(u.publishAt()).as(what).isEqualTo(writes.size() - 1);
      for (InPlaceUpdate.Write x : writes) {
        assertThat(x.offset())
            .as(what + ": writes only past the stored shard")
            .isGreaterThanOrEqualTo(stored.length);
      }
      for (int k = 0; k <= u.publishAt(); k++) {
        assertThat(decode(codec, spec, apply(stored, writes, k)))
            .as(what + " after " + k + " writes")
            .isEqualTo(before);
      }
      // the publishing write cut short: the checksum refuses the mixed index
      InPlaceUpdate.Write last = writes.get(u.publishAt());
      byte[] torn = apply(stored, writes, u.publishAt());
      int half = last.bytes().remaining() / 2;
      last.bytes().duplicate().limit(half).get(torn, (int) last.offset(), half);
      if (!Arrays.equals(torn, apply(stored, writes, u.publishAt()))) {
        byte[] tornShard = torn;
        assertThatThrownBy(() -> decode(codec, spec, tornShard))
            .as(what)
            .isInstanceOf(CodecException.class)
            .hasMessageContaining("shard index");
      }
      stored = apply(stored, writes, writes.size());
      assertThat((long) stored.length).as(what).isEqualTo(u.sizeAfter()).isLessThanOrEqualTo(max);
      assertThat((stored.length - last.bytes().remaining()) % ShardPartialEncoder.INDEX_ALIGNMENT)
          .as(what + ": the index starts a page")
          .isZero();
      assertThat(decode(codec, spec, stored)).as(what).isEqualTo(after);
    }
    assertThat(inPlace).as("seed " + seed + ": some writes went in place").isPositive();
  }

  @Test
  void anIndexLargerThanAPageIsNotUpdatedInPlace() {
    // 16 x 16 = 256 inner chunks: an index of 256 * 16 + 4 bytes, one more page than 4096
    ChunkSpec spec = new ChunkSpec(new int[] {64, 64}, DataType.parse("<i4"), 0);
    SplittableRandom rnd = new SplittableRandom(6);
    ChunkArray model = ShardTestSupport.randomShard(spec, new int[] {4, 4}, 0, rnd);
    for (int[] inner : List.of(new int[] {4, 4}, new int[] {4, 8})) {
      ShardingCodec codec =
          new ShardingCodec(
              inner,
              CodecChain.of(ShardTestSupport.bytesLe()),
              ShardingCodec.defaultIndexCodecs(),
              IndexLocation.END);
      byte[] stored = ShardTestSupport.bytes(codec.encode(model, OPTIONS));
      ChunkWrite w =
          ChunkWrite.box(
              new StridedBox(new int[] {0, 0}, new int[] {1, 1}, new long[] {1, 1}),
              new StridedView(new int[] {7}, 0, new long[] {0, 0}));
      ValueParts parts =
          codec
              .encodePartially(ByteSource.of(ByteBuffer.wrap(stored)), spec, w, OPTIONS)
              .orElseThrow();
      // 128 inner chunks (4 x 8) have an index of 2052 bytes: one page
      assertThat(parts.inPlaceUpdate().isPresent()).as(codec.toString()).isEqualTo(inner[1] == 8);
    }
  }

  @Test
  void anIndexAtTheStartOrWithoutAChecksumIsNotUpdatedInPlace() {
    ChunkSpec spec = new ChunkSpec(new int[] {64, 64}, DataType.parse("<i4"), 0);
    SplittableRandom rnd = new SplittableRandom(5);
    ChunkArray model = ShardTestSupport.randomShard(spec, new int[] {32, 32}, 0, rnd);
    CodecChain inner = CodecChain.of(ShardTestSupport.bytesLe());
    for (ShardingCodec codec :
        List.of(
            new ShardingCodec(
                new int[] {32, 32}, inner, ShardingCodec.defaultIndexCodecs(), IndexLocation.START),
            new ShardingCodec(
                new int[] {32, 32},
                inner,
                CodecChain.of(ShardTestSupport.bytesLe()),
                IndexLocation.END))) {
      byte[] stored = ShardTestSupport.bytes(codec.encode(model, OPTIONS));
      ChunkWrite w = randomBox(spec, rnd);
      ValueParts parts =
          codec
              .encodePartially(ByteSource.of(ByteBuffer.wrap(stored)), spec, w, OPTIONS)
              .orElseThrow();
      assertThat(parts.inPlaceUpdate()).as(codec.toString()).isEmpty();
    }
    // the same shard with the usual index (at the end, crc32c) is
    ShardingCodec usual =
        new ShardingCodec(
            new int[] {32, 32}, inner, ShardingCodec.defaultIndexCodecs(), IndexLocation.END);
    byte[] stored = ShardTestSupport.bytes(usual.encode(model, OPTIONS));
    assertThat(
            usual
                .encodePartially(
                    ByteSource.of(ByteBuffer.wrap(stored)), spec, randomBox(spec, rnd), OPTIONS)
                .orElseThrow()
                .inPlaceUpdate())
        .isPresent();
  }
}
