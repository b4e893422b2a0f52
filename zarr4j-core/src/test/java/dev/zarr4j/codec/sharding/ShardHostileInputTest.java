package dev.zarr4j.codec.sharding;

import static dev.zarr4j.codec.sharding.ShardTestSupport.bytes;
import static dev.zarr4j.codec.sharding.ShardTestSupport.bytesLe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Corrupt shards and invalid configurations: each fails with a {@link CodecException} whose message
 * names what is at fault, on the whole decode and the partial decoder alike.
 */
class ShardHostileInputTest {
  private static final CodecOptions OPTIONS = CodecOptions.processDefault();
  private static final ChunkSpec SPEC = new ChunkSpec(new int[] {4, 4}, DataType.parse("<i2"), 0);
  private static final ShardingCodec CODEC = ShardingCodec.of(new int[] {2, 2}, List.of(bytesLe()));

  private static byte[] validShard() {
    return bytes(
        CODEC.encode(
            ShardTestSupport.randomShard(SPEC, new int[] {2, 2}, 0, new SplittableRandom(8)),
            OPTIONS));
  }

  /** Asserts both decode paths fail on {@code shard} with a message passing {@code check}. */
  private static void bothFail(
      byte[] shard, Consumer<AbstractThrowableAssert<?, ? extends Throwable>> check) {
    check.accept(
        assertThatThrownBy(() -> CODEC.decode(ByteBuffer.wrap(shard), SPEC, OPTIONS))
            .isInstanceOf(CodecException.class));
    check.accept(
        assertThatThrownBy(
                () -> {
                  try (ArrayPartialDecoder d =
                      CODEC.partialDecoder(
                          new ShardTestSupport.CountingSource(shard), SPEC, OPTIONS)) {
                    d.decodeBox(
                        new StridedBox(new int[] {0, 0}, new int[] {1, 1}, new long[] {4, 4}),
                        StridedView.of(NdArray.zeros(SPEC.dtype(), 4, 4)));
                  }
                })
            .isInstanceOf(CodecException.class));
  }

  @Test
  void corruptIndexChecksum() {
    byte[] shard = validShard();
    shard[shard.length - 10] ^= 0x40; // inside the index entries
    bothFail(
        shard,
        t ->
            t.hasMessageContaining("shard index").hasMessageContaining("crc32c checksum mismatch"));
  }

  @Test
  void offsetPastTheEnd() {
    byte[] shard = validShard();
    long[] e = ShardTestSupport.entriesAtEnd(shard, 4);
    e[2] = shard.length + 100; // inner chunk [0, 1]
    bothFail(
        ShardTestSupport.withIndexAtEnd(shard, e),
        t ->
            t.hasMessageContaining("shard index")
                .hasMessageContaining("inner chunk [0, 1]")
                .hasMessageContaining("offset " + (shard.length + 100))
                .hasMessageContaining("past the end"));
  }

  @Test
  void nbytesPastTheEnd() {
    byte[] shard = validShard();
    long[] e = ShardTestSupport.entriesAtEnd(shard, 4);
    e[7] = 1L << 40; // inner chunk [1, 1]
    bothFail(
        ShardTestSupport.withIndexAtEnd(shard, e),
        t ->
            t.hasMessageContaining("inner chunk [1, 1]")
                .hasMessageContaining("nbytes " + (1L << 40))
                .hasMessageContaining("past the end"));
    e[7] = -2; // 2^64 - 2: huge as unsigned, not the missing marker
    bothFail(
        ShardTestSupport.withIndexAtEnd(shard, e),
        t -> t.hasMessageContaining("inner chunk [1, 1]").hasMessageContaining("nbytes"));
  }

  @Test
  void halfMissingPair() {
    byte[] shard = validShard();
    long[] e = ShardTestSupport.entriesAtEnd(shard, 4);
    e[2] = -1; // inner chunk [0, 1]: offset missing, nbytes not
    bothFail(
        ShardTestSupport.withIndexAtEnd(shard, e),
        t ->
            t.hasMessageContaining("shard index")
                .hasMessageContaining("inner chunk [0, 1]")
                .hasMessageContaining("offset 2^64-1"));
    long[] f = ShardTestSupport.entriesAtEnd(shard, 4);
    f[5] = -1; // inner chunk [1, 0]: nbytes missing, offset not
    bothFail(
        ShardTestSupport.withIndexAtEnd(shard, f),
        t -> t.hasMessageContaining("inner chunk [1, 0]").hasMessageContaining("nbytes 2^64-1"));
  }

  @Test
  void chunkOverlappingTheIndex() {
    byte[] shard = validShard();
    long[] e = ShardTestSupport.entriesAtEnd(shard, 4);
    e[0] = shard.length - 20; // inner chunk [0, 0] inside the index
    e[1] = 8;
    bothFail(
        ShardTestSupport.withIndexAtEnd(shard, e),
        t ->
            t.hasMessageContaining("inner chunk [0, 0]")
                .hasMessageContaining("overlap the shard index"));
  }

  @Test
  void shardShorterThanItsIndex() {
    bothFail(
        new byte[10],
        t -> t.hasMessageContaining("shard index").hasMessageContaining("fewer than its index"));
  }

  @Test
  void corruptInnerChunkIsNamed() {
    ShardingCodec gz =
        ShardingCodec.of(
            new int[] {2, 2},
            List.of(bytesLe(), ShardTestSupport.v3("numcodecs.gzip", Map.of("level", 1))));
    byte[] shard =
        bytes(
            gz.encode(
                ShardTestSupport.randomShard(SPEC, new int[] {2, 2}, 0, new SplittableRandom(9)),
                OPTIONS));
    long[] e = ShardTestSupport.entriesAtEnd(shard, 4);
    shard[(int) e[6] + 3] ^= 0x55; // inside inner chunk [1, 1]'s gzip header
    assertThatThrownBy(() -> gz.decode(ByteBuffer.wrap(shard), SPEC, OPTIONS))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("inner chunk [1, 1]");
  }

  @Test
  void innerShapeMustDivideTheShard() {
    ShardingCodec c = ShardingCodec.of(new int[] {3, 2}, List.of(bytesLe()));
    assertThatThrownBy(() -> c.resolve(SPEC))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("[3, 2]")
        .hasMessageContaining("[4, 4]")
        .hasMessageContaining("does not divide");
    assertThatThrownBy(() -> ShardingCodec.of(new int[] {2}, List.of(bytesLe())).resolve(SPEC))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("dimensions");
    assertThatThrownBy(() -> ShardingCodec.of(new int[] {0, 2}, List.of(bytesLe())))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("chunk_shape");
  }

  @Test
  void indexChainsMustHaveAFixedSize() {
    ShardingCodec c =
        new ShardingCodec(
            new int[] {2, 2},
            CodecChain.of(bytesLe()),
            CodecChain.of(bytesLe(), ShardTestSupport.v3("numcodecs.zstd", Map.of("level", 1))),
            ShardingCodec.IndexLocation.END);
    assertThatThrownBy(() -> c.resolve(SPEC))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("index_codecs")
        .hasMessageContaining("fixed encoded size");
  }

  @Test
  void invalidConfigurationsNameTheKey() {
    Map<String, Object> good =
        Map.of("chunk_shape", List.of(2, 2), "codecs", List.of(Map.of("name", "bytes")));
    for (Map.Entry<String, ?> bad :
        List.of(
            Map.<String, Object>entry("chunk_shape", List.of(2, 0)),
            Map.entry("chunk_shape", "2,2"),
            Map.entry("codecs", List.of()),
            Map.entry("codecs", List.of(Map.of("name", "no-such-codec"))),
            Map.entry("index_codecs", "bytes"),
            Map.entry("index_location", "middle"),
            Map.entry("shard_shape", List.of(4)))) {
      Map<String, Object> conf = new java.util.HashMap<>(good);
      conf.put(bad.getKey(), bad.getValue());
      assertThatThrownBy(
              () ->
                  CodecRegistry.fromV3Config(
                      Map.of("name", "sharding_indexed", "configuration", conf)))
          .as("%s", bad)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining(bad.getKey());
    }
    assertThatThrownBy(
            () ->
                CodecRegistry.fromV3Config(
                    Map.of(
                        "name",
                        "sharding_indexed",
                        "configuration",
                        Map.of("chunk_shape", List.of(2)))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'codecs'");
  }

  @Test
  void aTruncatedSourceIsNoSilentSuccess() {
    byte[] shard = validShard();
    // a source that claims the shard's size but returns fewer bytes for ranges is a store error;
    // the decoder reports the short read rather than decoding garbage
    ByteSource lying =
        new ByteSource() {
          @Override
          public long size() {
            return shard.length;
          }

          @Override
          public void read(long offset, ByteBuffer dst) {
            dst.put(ByteBuffer.wrap(shard, (int) offset, dst.remaining()));
          }

          @Override
          public List<ByteBuffer> read(List<dev.zarr4j.store.ByteRange> ranges) {
            return ranges.stream().map(r -> ByteBuffer.allocate(1)).toList();
          }
        };
    try (ArrayPartialDecoder d = CODEC.partialDecoder(lying, SPEC, OPTIONS)) {
      assertThatThrownBy(
              () ->
                  d.decodeBox(
                      new StridedBox(new int[] {0, 0}, new int[] {1, 1}, new long[] {2, 2}),
                      StridedView.of(NdArray.zeros(SPEC.dtype(), 2, 2))))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("expected");
    }
    assertThat(shard).isNotEmpty();
  }
}
