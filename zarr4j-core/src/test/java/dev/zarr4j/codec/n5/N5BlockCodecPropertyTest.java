package dev.zarr4j.codec.n5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of {@link N5BlockCodec}: every block it encodes decodes to the same chunk, for
 * every element type, shape (0 to 4 dimensions, edge chunks cut to the array) and compression; the
 * header is N5's; a block at the full block size (zarr-python's edge blocks) decodes into the cut
 * chunk, and a smaller one into a larger chunk with the fill value around it.
 */
class N5BlockCodecPropertyTest {

  static Stream<Integer> seeds() {
    return IntStream.range(0, 40).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void encodedBlocksDecodeToTheSameChunk(int seed) {
    SplittableRandom rnd = new SplittableRandom(0x5EED_0000L + seed);
    List<N5Compression> compressions = N5TestSupport.compressions();
    for (int round = 0; round < 12; round++) {
      DataType t = N5TestSupport.DTYPES.get(rnd.nextInt(N5TestSupport.DTYPES.size()));
      N5Compression c = compressions.get(rnd.nextInt(compressions.size()));
      int ndim = rnd.nextInt(5);
      int[] block = N5TestSupport.randomShape(rnd, ndim, ndim > 2 ? 6 : 17);
      // an edge chunk: cut in some dimensions
      int[] shape = block.clone();
      for (int d = 0; d < ndim; d++) {
        if (rnd.nextBoolean()) {
          shape[d] = 1 + rnd.nextInt(block[d]);
        }
      }
      ChunkSpec spec = new ChunkSpec(shape, t, NdArray.zeros(t).get());
      ChunkArray chunk = N5TestSupport.randomChunk(spec, rnd);
      N5BlockCodec codec = N5BlockCodec.of(c, block);
      CodecOptions options = rnd.nextBoolean() ? CodecOptions.AUTO : CodecOptions.PURE_JAVA;
      ByteBuffer enc = codec.encode(chunk, options);

      N5BlockHeader h = N5BlockHeader.read(enc);
      assertThat(h.shape()).as("header dims of %s", spec).isEqualTo(shape);
      assertThat(h.mode()).isZero();
      if (c.isRaw()) {
        assertThat(enc.remaining()).isEqualTo(4 + 4 * ndim + spec.byteSize());
        assertThat(codec.resolve(spec).maxSize()).isEqualTo(enc.remaining());
      }
      ChunkArray dec = codec.decode(enc, spec, options);
      assertThat(N5TestSupport.bytes(dec))
          .as("%s %s %s", t, Arrays.toString(shape), c)
          .isEqualTo(N5TestSupport.bytes(chunk));
      // the decoder leaves the input's position alone
      assertThat(enc.position()).isZero();
    }
  }

  /** The payload is the elements big-endian, in C order of the Zarr shape. */
  @Test
  void payloadIsBigEndianInZarrCOrder() {
    DataType t = DataType.UINT16; // little-endian in memory
    ChunkSpec spec = new ChunkSpec(new int[] {3, 2, 1}, t, 0);
    byte[] le = new byte[12];
    for (int i = 0; i < 6; i++) {
      le[2 * i] = (byte) (i + 1);
    }
    ByteBuffer enc =
        N5BlockCodec.of(N5Compression.RAW)
            .encode(ChunkArray.ofBytes(spec, ByteBuffer.wrap(le)), CodecOptions.AUTO);
    // the N5 README's example: a 1x2x3 (N5 order) uint16 block holding 1..6
    byte[] expected = {
      0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6
    };
    byte[] got = new byte[enc.remaining()];
    enc.get(got);
    assertThat(got).isEqualTo(expected);
  }

  @RepeatedTest(30)
  void fullSizeEdgeBlocksDecodeIntoTheCutChunk(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0xED6EL * 31 + info.getCurrentRepetition());
    List<N5Compression> compressions = N5TestSupport.compressions();
    DataType t = N5TestSupport.DTYPES.get(rnd.nextInt(N5TestSupport.DTYPES.size()));
    N5Compression c = compressions.get(rnd.nextInt(compressions.size()));
    int ndim = 1 + rnd.nextInt(3);
    int[] block = N5TestSupport.randomShape(rnd, ndim, 9);
    int[] cut = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      cut[d] = 1 + rnd.nextInt(block[d]);
    }
    Object zero = NdArray.zeros(t).get();
    ChunkSpec full = new ChunkSpec(block, t, zero);
    ChunkSpec edge = new ChunkSpec(cut, t, zero);
    ChunkArray big = N5TestSupport.randomChunk(full, rnd);
    N5BlockCodec codec = N5BlockCodec.of(c, block);
    ByteBuffer enc = codec.encode(big, CodecOptions.AUTO);

    // a full-size block read as the cut edge chunk: its top-left corner
    ChunkArray got = codec.decode(enc, edge, CodecOptions.AUTO);
    assertThat(N5TestSupport.bytes(got)).isEqualTo(region(big, cut, cut));

    // a cut block read into a full-size chunk: the rest is the fill value
    ChunkArray small = N5TestSupport.randomChunk(edge, rnd);
    ChunkSpec filled = new ChunkSpec(block, t, zero);
    ChunkArray padded =
        codec.decode(codec.encode(small, CodecOptions.AUTO), filled, CodecOptions.AUTO);
    assertThat(N5TestSupport.bytes(padded)).isEqualTo(region(small, cut, block));
  }

  /** The C-order bytes of a chunk of {@code outShape} holding {@code src}'s top-left corner. */
  private static byte[] region(ChunkArray src, int[] take, int[] outShape) {
    int item = src.spec().dtype().itemSize();
    int[] srcShape = src.spec().shape();
    byte[] s = N5TestSupport.bytes(src);
    int n = 1;
    for (int x : outShape) {
      n *= x;
    }
    byte[] out = new byte[n * item];
    int nd = outShape.length;
    int[] idx = new int[nd];
    for (int flat = 0; flat < n; flat++) {
      int rem = flat;
      for (int d = nd - 1; d >= 0; d--) {
        idx[d] = rem % outShape[d];
        rem /= outShape[d];
      }
      boolean inside = true;
      int so = 0;
      for (int d = 0; d < nd; d++) {
        inside &= idx[d] < take[d] && idx[d] < srcShape[d];
        so = so * srcShape[d] + Math.min(idx[d], srcShape[d] - 1);
      }
      if (inside) {
        System.arraycopy(s, so * item, out, flat * item, item);
      }
    }
    return out;
  }

  @Test
  void emptyAndZeroDimensionalBlocks() {
    N5BlockCodec codec = N5BlockCodec.of(N5Compression.fromJson(java.util.Map.of("type", "gzip")));
    ChunkSpec scalar = new ChunkSpec(new int[0], DataType.INT32, 0);
    ChunkArray seven =
        ChunkArray.ofBytes(
            scalar, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 7));
    ByteBuffer enc = codec.encode(seven, CodecOptions.AUTO);
    assertThat(N5BlockHeader.read(enc).ndim()).isZero();
    assertThat(N5TestSupport.bytes(codec.decode(enc, scalar, CodecOptions.AUTO)))
        .isEqualTo(new byte[] {7, 0, 0, 0});

    ChunkSpec empty = new ChunkSpec(new int[] {0, 4}, DataType.FLOAT64, 0.0);
    ChunkArray none = ChunkArray.ofBytes(empty, ByteBuffer.allocate(0));
    ByteBuffer e2 = codec.encode(none, CodecOptions.AUTO);
    assertThat(codec.decode(e2, empty, CodecOptions.AUTO).spec()).isEqualTo(empty);
  }

  @Test
  void permutedChunksAreEncodedInCOrder() {
    ChunkSpec spec = new ChunkSpec(new int[] {2, 3}, DataType.INT8, 0);
    byte[] v = {0, 1, 2, 3, 4, 5};
    ChunkArray c = ChunkArray.ofBytes(spec, ByteBuffer.wrap(v));
    ChunkArray t = c.permute(new int[] {1, 0}); // a 3x2 view
    N5BlockCodec codec = N5BlockCodec.of(N5Compression.RAW);
    ByteBuffer enc = codec.encode(t, CodecOptions.AUTO);
    assertThat(N5BlockHeader.read(enc).shape()).containsExactly(3, 2);
    byte[] payload = new byte[6];
    enc.position(4 + 8).get(payload);
    assertThat(payload).containsExactly(0, 3, 1, 4, 2, 5);
  }

  @Test
  void configIsZarrPythons() {
    assertThat(N5BlockCodec.of(N5Compression.RAW).toConfig())
        .containsEntry("id", "n5_wrapper")
        .containsEntry("compressor_config", null);
    assertThat(
            N5BlockCodec.of(
                    N5Compression.fromJson(java.util.Map.of("type", "bzip2", "blockSize", 4)))
                .toConfig()
                .get("compressor_config"))
        .isEqualTo(java.util.Map.of("id", "bz2", "level", 4));
  }
}
