package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ListableStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreCapabilities;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Arrays and groups read from stores that implement only the read seam (as a web server or an
 * archive would): every selection reads, every write is refused naming the store.
 */
class ReadableStoreOnlyTest {

  /** Only {@code open} and {@code capabilities}: no write method at all. */
  static class ReadOnlyView implements ReadableStore {
    final MemoryStore inner;

    ReadOnlyView(MemoryStore inner) {
      this.inner = inner;
    }

    @Override
    public Optional<ByteSource> open(String key) {
      return inner.open(key);
    }

    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(false, false, true, false);
    }

    @Override
    public String toString() {
      return "ReadOnlyView";
    }
  }

  /** The same, able to list. */
  static final class ListingView extends ReadOnlyView implements ListableStore {
    ListingView(MemoryStore inner) {
      super(inner);
    }

    @Override
    public List<String> listPrefix(String prefix) {
      return inner.listPrefix(prefix);
    }

    @Override
    public List<String> listDir(String prefix) {
      return inner.listDir(prefix);
    }
  }

  private static MemoryStore hierarchy() {
    MemoryStore m = new MemoryStore();
    ZarrGroup g = Zarr.group(m);
    ZarrArray a =
        g.zeros("sub/a", ArrayOptions.builder().shape(20, 30).chunks(7, 8).dtype("<i4").build());
    a.set(NdArray.arange(DataType.INT32, 600, 20, 30));
    g.attrs().put("k", "v");
    return m;
  }

  @Test
  void anArrayReadsFromAStoreThatOnlyReads() {
    ZarrArray a =
        Zarr.openArray(new ReadOnlyView(hierarchy()), ArrayOptions.builder().path("sub/a").build());
    assertThat(a.readOnly()).isTrue();
    assertThat(a.get("3:9, 5:20").getLong(1, 2)).isEqualTo(4 * 30 + 7);
    assertThat(a.vindex().get(new long[] {0, 19}, new long[] {0, 29}).toLongArray())
        .containsExactly(0, 599);
    assertThat(a.oindex().get(new long[] {1, 2}, new long[] {3}).toLongArray())
        .containsExactly(33, 63);
    assertThatThrownBy(() -> a.set(1)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> a.store().set("x", new byte[1]))
        .isInstanceOf(ReadOnlyException.class)
        .hasMessageContaining("ReadOnlyView");
  }

  @Test
  void aGroupListsOnlyWhenTheStoreCan() {
    ZarrGroup listing = Zarr.openGroup(new ListingView(hierarchy()), GroupOptions.defaults());
    assertThat(listing.keys()).containsExactly("sub");
    assertThat(listing.getArray("sub/a").get("19, 29").getLong()).isEqualTo(599);
    assertThat(listing.attrs().get("k")).isEqualTo("v");
    assertThatThrownBy(() -> listing.createGroup("new")).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> listing.attrs().put("k", "w")).isInstanceOf(ReadOnlyException.class);

    ZarrGroup plain = Zarr.openGroup(new ReadOnlyView(hierarchy()), GroupOptions.defaults());
    assertThat(plain.getArray("sub/a").get("0, 1").getLong()).isEqualTo(1);
    assertThatThrownBy(plain::keys)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot list");
  }
}
