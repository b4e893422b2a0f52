package dev.zarr4j.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.CountingByteSource;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code packbits} codec's partial decoder against its whole decode: random chunk shapes, data
 * types (bit widths 1 to 64, complex included), paddings and bit ranges, random strided boxes and
 * element lists; and the bytes a small selection reads.
 */
class PackBitsPartialDecoderTest {
  private static final DataType[] TYPES = {
    DataType.BOOL,
    DataType.INT2,
    DataType.UINT2,
    DataType.INT4,
    DataType.UINT4,
    DataType.FLOAT4_E2M1FN,
    DataType.FLOAT6_E3M2FN,
    DataType.INT8,
    DataType.FLOAT8_E4M3,
    DataType.INT16,
    DataType.parse(">u2"),
    DataType.FLOAT32,
    DataType.INT64,
    DataType.COMPLEX64,
    DataType.COMPLEX_FLOAT4_E2M1FN,
  };

  /** A source over bytes that counts the bytes read and serves no whole-value shortcut. */
  private static PackBitsCodec randomCodec(SplittableRandom rnd, DataType t) {
    int bits =
        t.kind() == DataType.Kind.BOOL
            ? 1
            : t.kind() == DataType.Kind.COMPLEX ? t.componentType().bits() : t.bits();
    Integer first = null;
    Integer last = null;
    if (bits > 1 && rnd.nextInt(3) == 0) {
      first = rnd.nextInt(bits);
      last = first + rnd.nextInt(bits - first);
    }
    return new PackBitsCodec(PackBitsCodec.Padding.values()[rnd.nextInt(3)], first, last);
  }

  /** Random packed bits of a chunk (a valid encoding: the padding byte agrees). */
  private static ByteBuffer randomEncoded(SplittableRandom rnd, PackBitsCodec c, ChunkSpec spec) {
    int n = (int) c.resolve(spec).maxSize();
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    if (c.padding() != PackBitsCodec.Padding.NONE) {
      int packed = n - 1;
      long bits = spec.size() * c.unpacker(spec.dtype()).bitsPerElement();
      byte pad = (byte) (packed * 8L - bits);
      b[c.padding() == PackBitsCodec.Padding.FIRST_BYTE ? 0 : packed] = pad;
    }
    return ByteBuffer.wrap(b);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void boxesAndPointsDecodeAsTheWholeChunkDoes(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int iter = 0; iter < 40; iter++) {
      DataType t = TYPES[rnd.nextInt(TYPES.length)];
      int nd = rnd.nextInt(4);
      int[] shape = new int[nd];
      for (int d = 0; d < nd; d++) {
        shape[d] = 1 + rnd.nextInt(9);
      }
      ChunkSpec spec = new ChunkSpec(shape, t, null);
      PackBitsCodec c = randomCodec(rnd, t);
      ByteBuffer encoded = randomEncoded(rnd, c, spec);
      ChunkArray whole = c.decode(encoded.duplicate(), spec, CodecOptions.AUTO);
      String what = t + " " + Arrays.toString(shape) + " " + c + " seed " + seed + "/" + iter;

      int[] start = new int[nd];
      int[] step = new int[nd];
      long[] count = new long[nd];
      int[] outShape = new int[nd];
      for (int d = 0; d < nd; d++) {
        start[d] = rnd.nextInt(shape[d]);
        step[d] = 1 + rnd.nextInt(3);
        count[d] = 1 + rnd.nextInt((shape[d] - 1 - start[d]) / step[d] + 1);
        outShape[d] = (int) count[d];
      }
      StridedBox box = new StridedBox(start, step, count);
      NdArray expected = NdArray.zeros(t, outShape);
      whole.copyTo(box, StridedView.of(expected));
      NdArray actual = NdArray.zeros(t, outShape);
      try (ArrayPartialDecoder p =
          c.partialDecoder(new CountingByteSource(encoded.duplicate()), spec, CodecOptions.AUTO)) {
        p.decodeBox(box, StridedView.of(actual));
      }
      assertThat(actual).as(what).isEqualTo(expected);

      int points = 1 + rnd.nextInt(12);
      int[] positions = new int[points * nd];
      for (int i = 0; i < points; i++) {
        for (int d = 0; d < nd; d++) {
          positions[i * nd + d] = rnd.nextInt(shape[d]);
        }
      }
      long[] outOffsets = new long[points];
      for (int i = 0; i < points; i++) {
        outOffsets[i] = points - 1 - i; // reversed, to check each lands at its own offset
      }
      NdArray expectedPoints = NdArray.zeros(t, points);
      whole.copyPointsTo(positions, expectedPoints.data(), outOffsets);
      NdArray actualPoints = NdArray.zeros(t, points);
      try (ArrayPartialDecoder p =
          c.partialDecoder(new CountingByteSource(encoded.duplicate()), spec, CodecOptions.AUTO)) {
        p.decodePoints(positions, actualPoints.data(), outOffsets);
      }
      assertThat(actualPoints).as(what).isEqualTo(expectedPoints);
    }
  }

  @Test
  void oneElementReadsOnlyTheBytesHoldingItsBits() {
    DataType t = DataType.INT4;
    ChunkSpec spec = new ChunkSpec(new int[] {64, 64}, t, null);
    PackBitsCodec c = new PackBitsCodec(PackBitsCodec.Padding.FIRST_BYTE, null, null);
    ByteBuffer encoded = randomEncoded(new SplittableRandom(5), c, spec);
    ChunkArray whole = c.decode(encoded.duplicate(), spec, CodecOptions.AUTO);
    CountingByteSource source = new CountingByteSource(encoded.duplicate());
    NdArray one = NdArray.zeros(t, 1, 1);
    StridedBox box = new StridedBox(new int[] {10, 17}, new int[] {1, 1}, new long[] {1, 1});
    try (ArrayPartialDecoder p = c.partialDecoder(source, spec, CodecOptions.AUTO)) {
      p.decodeBox(box, StridedView.of(one));
    }
    NdArray expected = NdArray.zeros(t, 1, 1);
    whole.copyTo(box, StridedView.of(expected));
    assertThat(one).isEqualTo(expected);
    assertThat(source.bytesRead).isEqualTo(1); // 4 bits of one byte, of 2049
  }

  @Test
  void aSmallSelectionOfAStoredArrayReadsFewerBytesThanItsChunk() {
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .format(NodeFormats.named("zarr-v3"))
                .shape(256, 256)
                .chunks(256, 256)
                .dtype(DataType.UINT2)
                .codecs(List.of(PackBitsCodec.DEFAULT))
                .build());
    SplittableRandom rnd = new SplittableRandom(8);
    byte[] values = new byte[256 * 256];
    for (int i = 0; i < values.length; i++) {
      values[i] = (byte) rnd.nextInt(4);
    }
    NdArray data = NdArray.wrap(DataType.UINT2, values, 256, 256);
    z.set(data);
    long chunkBytes = store.inner().get("c/0/0").orElseThrow().remaining();
    assertThat(chunkBytes).isEqualTo(256 * 256 / 4);

    store.reset();
    byte[] expected = new byte[4 * 20];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(values, (100 + i) * 256 + 30, expected, i * 20, 20);
    }
    assertThat(z.get("100:104, 30:50")).isEqualTo(NdArray.wrap(DataType.UINT2, expected, 4, 20));
    long read =
        store.bytes(LoggingStore.Kind.GET)
            + store.bytes(LoggingStore.Kind.GET_INTO)
            + store.bytes(LoggingStore.Kind.GET_MANY)
            + store.bytes(LoggingStore.Kind.READ);
    // 4 rows of 20 two-bit elements: 4 runs of 5 or 6 bytes
    assertThat(read).isPositive().isLessThanOrEqualTo(4 * 6);
    assertThat(store.count(LoggingStore.Kind.GET, LoggingStore.Kind.GET_INTO)).isZero();
  }
}
