package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.testkit.StoreContractTest;
import dev.zarr4j.testkit.StoreRoundTripTest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The map store over a sorted and an unsorted concurrent map. */
class MapStoreTest {

  @Nested
  class OverASortedMap extends StoreContractTest {
    final Map<String, byte[]> map = new ConcurrentSkipListMap<>();

    @Override
    protected Store createStore() {
      return new MapStore(map);
    }

    @Override
    protected boolean usableAfterClose() {
      return true;
    }

    @Override
    protected Store reopen() {
      return new MapStore(map);
    }

    @Test
    void valuesLiveInTheCallersMapAsCopies() {
      byte[] value = utf8("abc");
      store.set("a/b", value);
      value[0] = 'x';
      assertThat(map).containsOnlyKeys("a/b");
      assertThat(map.get("a/b")).isEqualTo(utf8("abc"));
      byte[] read = bytesOf(store.get("a/b"));
      read[0] = 'y';
      assertThat(map.get("a/b")).isEqualTo(utf8("abc"));
      map.put("c", utf8("put by the caller"));
      assertThat(store.listPrefix("")).containsExactly("a/b", "c");
      assertThat(bytesOf(store.get("c"))).isEqualTo(utf8("put by the caller"));
      assertThat(((MapStore) store).map()).isSameAs(map);
    }

    @Test
    void aKeyAndKeysBelowItCanCoexist() {
      store.set("a", utf8("parent"));
      store.set("a/b", utf8("child"));
      assertThat(store.listDir("")).containsExactly("a");
      store.deletePrefix("a");
      assertThat(map).isEmpty();
    }
  }

  @Nested
  class OverAHashMap extends StoreContractTest {
    final Map<String, byte[]> map = new ConcurrentHashMap<>();

    @Override
    protected Store createStore() {
      return new MapStore(map);
    }

    @Override
    protected boolean usableAfterClose() {
      return true;
    }

    @Override
    protected Store reopen() {
      return new MapStore(map);
    }
  }

  @Nested
  class ArraysAndGroups extends StoreRoundTripTest {
    final Map<String, byte[]> map = new ConcurrentHashMap<>();

    @Override
    protected Store createStore() {
      return new MapStore(map);
    }

    @Override
    protected Store reopen() {
      return new MapStore(map);
    }
  }

  @Test
  void aMapHoldingSomethingElseIsAnErrorNamingTheKey() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, byte[]> raw = (Map) new HashMap<String, Object>(Map.of("k", "not bytes"));
    MapStore store = new MapStore(raw);
    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'k'");
    assertThatThrownBy(() -> new MapStore(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
