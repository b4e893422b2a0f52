package dev.zarr4j.codec.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tutorial's "Filters" example: Delta + Blosc zstd on a 10000 x 10000 int32 arange. */
class DocsExamplesTest {

  /** Chunk (i, j) of 1000 x 1000 of arange(10^8).reshape(10^4, 10^4), raw little-endian. */
  static ByteBuffer chunk(int i, int j) {
    ByteBuffer b = ByteBuffer.allocate(4_000_000).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < 1000; r++) {
      int base = (i * 1000 + r) * 10_000 + j * 1000;
      for (int c = 0; c < 1000; c++) {
        b.putInt((r * 1000 + c) * 4, base + c);
      }
    }
    return b;
  }

  @Test
  void deltaBloscStorageRatioIsWithinTenPercentOfTheDocs() {
    Delta delta = Delta.of("i4");
    BytesToBytesCodec blosc = Blosc.of(BloscCompressor.ZSTD, 1, BloscShuffle.SHUFFLE, 0);
    DataType i4 = DataType.parse("<i4");
    long stored = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    // all 100 chunks, one at a time (the whole array would be 400 MB)
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        ByteBuffer raw = chunk(i, j);
        ByteBuffer filtered = delta.encode(raw, i4);
        int n = blosc.encode(filtered, delta.encodedType(i4).itemSize()).remaining();
        stored += n;
        min = Math.min(min, n);
        max = Math.max(max, n);
        if (i == 0 && j < 2) {
          ByteBuffer back =
              delta.decode(blosc.decode(blosc.encode(filtered, 4), 4_000_000), 4_000_000);
          assertThat(back).isEqualTo(raw.position(0));
        }
      }
    }
    stored += 313; // the .zarray document zarr-python counts in "No. bytes stored"
    double ratio = 400_000_000.0 / stored;
    // the docs: No. bytes stored 1290562, Storage ratio 309.9
    assertThat(ratio).isBetween(309.9 * 0.9, 309.9 * 1.1);
    // every chunk's deltas are 1 within a row and 9001 between rows; only the first element
    // differs, so the chunks compress to (nearly) the same size
    assertThat(max - min).as("chunk sizes %d..%d", min, max).isLessThanOrEqualTo(32);
    System.out.printf(
        "Delta+Blosc docs example: stored %d bytes, ratio %.1f, chunks %d..%d bytes%n",
        stored, ratio, min, max);
  }

  @Test
  void infoShowsTheFilterAsTheDocsPrintIt() {
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .shape(100, 100)
                .chunks(10, 10)
                .dtype("i4")
                .filters(List.of(Delta.of("i4")))
                .compressor(Blosc.of(BloscCompressor.ZSTD, 1, BloscShuffle.SHUFFLE, 0))
                .build());
    String info = z.info().toString();
    assertThat(info).containsPattern("Filter \\[0\\] +: Delta\\(dtype='<i4'\\)");
    assertThat(info)
        .containsPattern(
            "Compressor +: Blosc\\(cname='zstd', clevel=1, shuffle=SHUFFLE, blocksize=0\\)");
  }
}
