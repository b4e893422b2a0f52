package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore.Kind;
import dev.zarr4j.testkit.SeededRandom;
import dev.zarr4j.testkit.StoreContractTest;
import dev.zarr4j.testkit.StoreRoundTripTest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LRU cache passes the contract over a directory store, with a budget large enough to cache and
 * one small enough to evict all the time; it serves second reads from memory (counted by a logging
 * store below it), keeps to its budget and sees writes made through it.
 */
class LruCacheStoreTest {

  @Nested
  class WithRoomToCache extends StoreContractTest {
    @TempDir Path tempDir;

    @Override
    protected Store createStore() {
      return new LruCacheStore(new DirectoryStore(tempDir.resolve("cached.zarr")), 256L << 20);
    }

    @Override
    protected Store reopen() {
      return new LruCacheStore(new DirectoryStore(tempDir.resolve("cached.zarr")), 256L << 20);
    }
  }

  @Nested
  class EvictingAllTheTime extends StoreContractTest {
    @Override
    protected Store createStore() {
      return new LruCacheStore(new MemoryStore(), 10_000);
    }

    @Override
    protected boolean usableAfterClose() {
      return true;
    }
  }

  @Nested
  class ArraysAndGroups extends StoreRoundTripTest {
    private final MemoryStore below = new MemoryStore();

    @Override
    protected Store createStore() {
      return new LruCacheStore(below, 1 << 20);
    }

    /** A new, empty cache over the same memory store (which keeps its data when closed). */
    @Override
    protected Store reopen() {
      return new LruCacheStore(below, 1 << 20);
    }
  }

  @Test
  void aSecondReadOfAnArrayCostsNoRequest() {
    LoggingStore below = new LoggingStore(new MemoryStore());
    LruCacheStore cache = new LruCacheStore(below, 16 << 20);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(cache)
                .shape(100, 100)
                .chunks(25, 25)
                .dtype("<f8")
                .build());
    NdArray values = NdArray.arange(DataType.FLOAT64, 10_000, 100, 100);
    z.set(values);
    assertThat(cache.cachedBytes()).as("values written are cached").isPositive();
    cache.invalidate(); // as a cache opened on data written elsewhere
    below.reset();
    ZarrArray opened = Zarr.openArray(cache, OpenMode.READ);
    assertThat(opened.get()).isEqualTo(values);
    long first = below.reads();
    assertThat(first).as("requests of the first read").isPositive();
    below.reset();
    ZarrArray again = Zarr.openArray(cache, OpenMode.READ);
    assertThat(again.get()).isEqualTo(values);
    assertThat(below.reads()).as("requests of the second read").isZero();
    assertThat(cache.hits()).isGreaterThanOrEqualTo(17);
  }

  @Test
  void hitsMissesAndInvalidation() {
    LoggingStore below = new LoggingStore(new MemoryStore());
    LruCacheStore cache = new LruCacheStore(below, 1000);
    below.inner().set("a", new byte[100]);
    below.inner().set("b/c", new byte[200]);
    assertThat(cache.get("a")).isPresent();
    assertThat(cache.get("a")).isPresent();
    assertThat(cache.getInto("a", ByteBuffer::allocate)).isPresent();
    assertThat(cache.get("a", ByteRange.of(10, 5)).orElseThrow().remaining()).isEqualTo(5);
    assertThat(cache.hits()).isEqualTo(3);
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(below.count(Kind.GET)).isEqualTo(1);
    assertThat(cache.listPrefix("")).containsExactly("a", "b/c");
    assertThat(cache.listPrefix("")).containsExactly("a", "b/c");
    assertThat(below.count(Kind.LIST_PREFIX)).as("listings cached").isEqualTo(1);

    below.inner().set("d", new byte[1]); // changed behind the cache's back
    assertThat(cache.listPrefix("")).containsExactly("a", "b/c");
    cache.invalidateListings();
    assertThat(cache.listPrefix("")).containsExactly("a", "b/c", "d");
    below.inner().set("a", new byte[7]);
    assertThat(cache.get("a").orElseThrow().remaining())
        .as("stale until invalidated")
        .isEqualTo(100);
    cache.invalidate("a");
    assertThat(cache.get("a").orElseThrow().remaining()).isEqualTo(7);
    cache.invalidate();
    assertThat(cache.cachedBytes()).isZero();

    cache.set("e", new byte[50]); // written through, and cached as written
    assertThat(below.inner().size("e")).isEqualTo(50);
    long gets = below.count(Kind.GET);
    assertThat(cache.get("e").orElseThrow().remaining()).isEqualTo(50);
    assertThat(below.count(Kind.GET)).isEqualTo(gets);
    assertThat(cache.listPrefix("")).contains("e");
    cache.delete("e");
    assertThat(cache.get("e")).isEmpty();
    assertThat(cache.listPrefix("")).doesNotContain("e");
    cache.rename("b", "z");
    assertThat(cache.listPrefix("")).containsExactly("a", "d", "z/c");
    assertThat(cache.get("b/c")).isEmpty();
  }

  @ParameterizedTest(name = "budget {0}")
  @ValueSource(longs = {0, 300, 5000})
  void theCacheKeepsToItsBudgetAndAgreesWithTheStoreBelow(long budget) {
    SeededRandom random = new SeededRandom(SeededRandom.seed(budget + 1));
    MemoryStore below = new MemoryStore();
    LruCacheStore cache = new LruCacheStore(below, budget);
    TreeMap<String, byte[]> model = new TreeMap<>();
    List<String> keys = List.of("a", "b", "c/d", "c/e", "f/g/h");
    for (int step = 0; step < 2000; step++) {
      String key = random.pick(keys);
      int roll = random.nextInt(10);
      if (roll < 3) {
        byte[] v = random.bytesUpTo(600);
        cache.set(key, v);
        model.put(key, v);
      } else if (roll < 4) {
        cache.delete(key);
        model.remove(key);
      } else if (roll < 8) {
        ByteBuffer read = cache.get(key).orElse(null);
        byte[] expected = model.get(key);
        assertThat(read == null ? null : bytesOf(read))
            .as("step %d, %s", step, key)
            .isEqualTo(expected);
      } else {
        assertThat(cache.listPrefix("")).isEqualTo(List.copyOf(model.keySet()));
      }
      assertThat(cache.cachedBytes()).isBetween(0L, budget);
    }
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void valuesGivenAsPartsReachTheWrappedStoreAsParts(@TempDir Path dir) {
    PartsCountingStore inner = new PartsCountingStore(dir.resolve("parts.zarr"));
    try (LruCacheStore store = new LruCacheStore(inner, 1L << 20)) {
      inner.checkPartsArriveAsParts(store);
    }
  }
}
