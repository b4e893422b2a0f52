package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.checksum.Crc32c;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.n5.N5BlockCodec;
import dev.zarr4j.codec.n5.N5Compression;
import dev.zarr4j.codec.object.VLenUtf8;
import dev.zarr4j.codec.sharding.ShardingCodec;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chain's worst case for one chunk ({@link CodecChain#maxEncodedSize}) is never below what its
 * stages really produce, on incompressible input (the largest output a compressor gives), and
 * combines the stages as they are stacked.
 */
class MaxEncodedSizeTest {

  static Stream<Arguments> compressors() {
    return Stream.of(
            Blosc.of("lz4", 5, 1, 0),
            Blosc.of("zstd", 9, 2, 0),
            Blosc.of("blosclz", 1, 0, 256),
            Blosc.of("zlib", 5, 1, 128),
            Zstd.of(1),
            Zstd.of(19, true),
            Lz4.of(1),
            Zlib.of(9),
            GZip.of(1),
            Bz2.of(9),
            Lzma.DEFAULT)
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressors")
  void noCompressorWritesMoreThanItsWorstCaseOnIncompressibleInput(BytesToBytesCodec codec) {
    SplittableRandom random = new SplittableRandom(41);
    for (int size : new int[] {0, 1, 15, 100, 4096, 65_537, 100_001}) {
      byte[] input = new byte[size];
      for (int i = 0; i < size; i++) {
        input[i] = (byte) random.nextInt();
      }
      int encoded = codec.encode(ByteBuffer.wrap(input), 4).remaining();
      long bound = codec.maxEncodedSize(BytesSpec.atMost(size, DataType.INT32));
      assertThat(encoded).as("%s, %d bytes", codec, size).isLessThanOrEqualTo((int) bound);
      assertThat(bound).as("a bound of the order of the input").isLessThan(2L * size + (1 << 17));
    }
    assertThat(codec.maxEncodedSize(BytesSpec.unbounded())).isEqualTo(BytesSpec.UNBOUNDED);
  }

  @Test
  void aChainStacksItsStagesBounds() {
    ChunkSpec chunk = new ChunkSpec(new int[] {10, 20}, DataType.INT32, 0L);
    assertThat(CodecChain.of(BytesCodec.LITTLE).maxEncodedSize(chunk)).isEqualTo(800);
    assertThat(CodecChain.of(BytesCodec.LITTLE, Crc32c.INSTANCE).maxEncodedSize(chunk))
        .isEqualTo(804);
    long zstd = CompressedSize.worstCase(800);
    assertThat(CodecChain.of(BytesCodec.LITTLE, Zstd.of(3)).maxEncodedSize(chunk)).isEqualTo(zstd);
    assertThat(CodecChain.of(BytesCodec.LITTLE, Zstd.of(3), Crc32c.INSTANCE).maxEncodedSize(chunk))
        .isEqualTo(zstd + 4);
    ChunkSpec text = new ChunkSpec(new int[] {4}, DataType.OBJECT, "");
    assertThat(CodecChain.of(VLenUtf8.INSTANCE).maxEncodedSize(text))
        .as("text has no bound")
        .isEqualTo(BytesSpec.UNBOUNDED);
    // a shard of 2 x 2 inner chunks of 5 x 10: four inner chunks at their worst, and the index,
    // twice (a shard updated in place holds up to as many unreferenced bytes), plus a page
    ShardingCodec sharding =
        ShardingCodec.of(new int[] {5, 10}, List.of(BytesCodec.LITTLE, Zstd.of(1)));
    long inner = CompressedSize.worstCase(200);
    long index = 4 * 16 + 4; // offset and length per inner chunk, crc32c
    assertThat(CodecChain.of(sharding).maxEncodedSize(chunk))
        .isEqualTo(2 * (index + 4 * inner) + 4096);
    // an N5 block: the longest header and a whole block (edge blocks may be stored full)
    N5BlockCodec n5 = N5BlockCodec.of(N5Compression.fromCodec(GZip.of(5)), new int[] {10, 20});
    assertThat(CodecChain.of(n5).maxEncodedSize(chunk))
        .isEqualTo(4 + 4 * 2 + 4 + CompressedSize.worstCase(800));
    ChunkSpec edge = new ChunkSpec(new int[] {3, 20}, DataType.INT32, 0L);
    assertThat(
            CodecChain.of(N5BlockCodec.of(N5Compression.RAW, new int[] {10, 20}))
                .maxEncodedSize(edge))
        .isEqualTo(4 + 4 * 2 + 4 + 800);
    assertThat(CodecChain.of(N5BlockCodec.of(N5Compression.RAW)).maxEncodedSize(edge))
        .as("no block size, no bound")
        .isEqualTo(BytesSpec.UNBOUNDED);
  }
}
