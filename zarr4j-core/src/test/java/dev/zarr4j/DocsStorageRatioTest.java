package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.List;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The storage ratios the docs print in their {@code info} examples, reproduced within 10%: the
 * arrays are built as the docs build them and written one chunk row at a time.
 */
class DocsStorageRatioTest {

  /** Writes an int array of {@code shape} whose element (r, c) is {@code value(r, c)}. */
  private static void fill(ZarrArray z, LongBinaryOperator value) {
    long rows = z.shape()[0];
    long cols = z.shape()[1];
    int band = z.chunks()[0];
    for (long r0 = 0; r0 < rows; r0 += band) {
      int h = (int) Math.min(band, rows - r0);
      int[] data = new int[(int) (h * cols)];
      for (int i = 0; i < h; i++) {
        for (int c = 0; c < cols; c++) {
          data[(int) (i * cols + c)] = (int) value.applyAsLong(r0 + i, c);
        }
      }
      z.set(r0 + ":" + (r0 + h) + ", :", NdArray.of(data, h, (int) cols));
    }
  }

  private static double ratio(ZarrArray z) {
    return Double.parseDouble(z.info().get("Storage ratio"));
  }

  private static ArrayOptions.Builder big() {
    return ArrayOptions.builder()
        .store(new MemoryStore())
        .shape(10000, 10000)
        .chunks(1000, 1000)
        .dtype("i4");
  }

  @Test
  void bloscZstdBitshuffleOnArange() {
    ZarrArray z = Zarr.create(big().compressor(Blosc.of("zstd", 3, 2, 0)).build());
    fill(z, (r, c) -> r * 10000 + c);
    assertThat(z.compressor())
        .hasToString("Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE, blocksize=0)");
    assertThat(ratio(z)).isCloseTo(118.4, org.assertj.core.data.Percentage.withPercentage(10));
    assertThat(z.info().toString())
        .contains(
            "Compressor         : Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE,\n                   : blocksize=0)\n")
        .contains("No. bytes          : 400000000 (381.5M)")
        .contains("Chunks initialized : 100/100");
  }

  @Test
  void deltaFilterWithBloscZstd() {
    ZarrArray z =
        Zarr.create(
            big().filters(List.of(Delta.of("<i4"))).compressor(Blosc.of("zstd", 1, 1, 0)).build());
    fill(z, (r, c) -> r * 10000 + c);
    assertThat(z.info().get("Filter [0]")).isEqualTo("Delta(dtype='<i4')");
    assertThat(ratio(z)).isCloseTo(309.9, org.assertj.core.data.Percentage.withPercentage(10));
  }

  /**
   * The docs print 59.7 (C) and 85.4 (F) for this example, but those come from an older c-blosc:
   * zarr-python 2.13 with numcodecs 0.11 prints 75.8 and 95.3 for the same data on the reference
   * machine. zarr4j is held to the current reference within 10%, and F order must compress better
   * than C, which is the example's point.
   */
  @Test
  void chunkMemoryLayoutCAndF() {
    // a = np.arange(100000000, dtype='i4').reshape(10000, 10000).T
    ZarrArray c = Zarr.create(big().build());
    fill(c, (r, col) -> col * 10000 + r);
    ZarrArray f = Zarr.create(big().order("F").build());
    fill(f, (r, col) -> col * 10000 + r);
    assertThat(f.info().get("Order")).isEqualTo("F");
    assertThat(ratio(c)).isCloseTo(75.8, org.assertj.core.data.Percentage.withPercentage(10));
    assertThat(ratio(f)).isCloseTo(95.3, org.assertj.core.data.Percentage.withPercentage(10));
    assertThat(ratio(f)).isGreaterThan(ratio(c));
  }

  @Test
  void diagnosticsExamples() {
    MemoryStore store = new MemoryStore();
    ZarrArray bar =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(store)
                .path("foo/bar")
                .shape(1000000)
                .chunks(100000)
                .dtype("i8")
                .build());
    bar.set(42);
    assertThat(ratio(bar)).isCloseTo(240.7, org.assertj.core.data.Percentage.withPercentage(10));
    ZarrArray baz =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(store)
                .path("foo/baz")
                .shape(1000, 1000)
                .chunks(100, 100)
                .dtype("f4")
                .build());
    baz.set(4.2);
    assertThat(ratio(baz)).isCloseTo(167.1, org.assertj.core.data.Percentage.withPercentage(10));
    assertThat(baz.info().toString())
        .startsWith(
            "Name               : /foo/baz\n"
                + "Type               : dev.zarr4j.ZarrArray\n"
                + "Data type          : float32\n"
                + "Shape              : (1000, 1000)\n"
                + "Chunk shape        : (100, 100)\n"
                + "Order              : C\n"
                + "Read-only          : False\n"
                + "Compressor         : Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)\n"
                + "Store type         : dev.zarr4j.store.MemoryStore\n"
                + "No. bytes          : 4000000 (3.8M)\n");
  }
}
