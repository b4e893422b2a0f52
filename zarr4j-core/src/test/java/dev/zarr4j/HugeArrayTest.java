package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Arrays whose element, byte or chunk count does not fit in 64 bits are refused when opened or
 * created, naming the field; counts just below that are computed without overflow.
 */
class HugeArrayTest {

  private static String zarray(String shape, String chunks, String dtype) {
    return "{\"chunks\": "
        + chunks
        + ", \"compressor\": null, \"dtype\": \""
        + dtype
        + "\", \"fill_value\": 0, \"filters\": null, \"order\": \"C\", \"shape\": "
        + shape
        + ", \"zarr_format\": 2}";
  }

  @Test
  void aZarrayWhoseElementCountOverflowsIsRefusedWhenOpened() {
    MemoryStore store = new MemoryStore();
    store.set(
        ".zarray",
        zarray("[1099511627776, 1099511627776]", "[1, 1]", "<f8")
            .getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining(".zarray")
        .hasMessageContaining("shape")
        .hasMessageContaining("2^63");
  }

  @Test
  void aZarrayWhoseByteCountOverflowsIsRefusedWhenOpened() {
    MemoryStore store = new MemoryStore();
    // 2^61 elements fit; 2^61 elements of 8 bytes do not
    store.set(
        ".zarray",
        zarray("[2305843009213693952]", "[1048576]", "<f8").getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("bytes");
  }

  @Test
  void creatingSuchAnArrayIsRefusedAndWritesNothing() {
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(
            () ->
                Zarr.create(
                    ArrayOptions.builder()
                        .store(store)
                        .shape(1L << 40, 1L << 40)
                        .chunks(1, 1)
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("shape");
    assertThat(store.listPrefix("")).isEmpty();
  }

  @Test
  void countsJustBelowTheLimitAreExactAndReadingItAllIsRefusedClearly() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(1L << 31, 1L << 31)
                .chunks(1, 1)
                .dtype("|i1")
                .build());
    assertThat(z.size()).isEqualTo(1L << 62);
    assertThat(z.nbytes()).isEqualTo(1L << 62);
    assertThat(z.nchunks()).isEqualTo(1L << 62);
    assertThat(z.nchunksInitialized()).isZero();
    assertThatThrownBy(z::get)
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("too large to hold in memory");
    z.setValue(7, (1L << 31) - 1, (1L << 31) - 1);
    assertThat(z.getValue((1L << 31) - 1, (1L << 31) - 1)).isEqualTo(7L);
    assertThat(z.nchunksInitialized()).isEqualTo(1);
  }
}
