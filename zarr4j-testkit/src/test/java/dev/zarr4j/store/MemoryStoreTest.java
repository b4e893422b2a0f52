package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.testkit.SeededRandom;
import dev.zarr4j.testkit.StoreContractTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContractTest {

  @Override
  protected Store createStore() {
    return new MemoryStore();
  }

  @Override
  protected boolean usableAfterClose() {
    return true;
  }

  /** A memory store keeps its data when closed: the same store is the reopened one. */
  @Override
  protected Store reopen() {
    return store;
  }

  static Object roundTrip(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }

  @Test
  void serializationCarriesTheData() throws Exception {
    SeededRandom random = new SeededRandom(5);
    store.set(".zgroup", utf8("{}"));
    store.set("a/0.0", random.bytes(1000));
    store.set("a/empty", new byte[0]);
    MemoryStore copy = (MemoryStore) roundTrip(store);
    assertThat(copy).isEqualTo(store).isNotSameAs(store);
    assertThat(copy.hashCode()).isEqualTo(store.hashCode());
    assertThat(copy.listPrefix("")).containsExactly(".zgroup", "a/0.0", "a/empty");
    assertThat(bytesOf(copy.get("a/0.0"))).isEqualTo(bytesOf(store.get("a/0.0")));
    copy.set("only/in/copy", new byte[1]);
    assertThat(store.contains("only/in/copy")).isFalse();
  }

  @Test
  void equalityIsByContent() {
    MemoryStore a = new MemoryStore();
    MemoryStore b = new MemoryStore();
    assertThat(a).isEqualTo(b);
    a.set("x", new byte[] {1, 2});
    a.set("y/z", new byte[] {3});
    b.set("y/z", new byte[] {3});
    assertThat(a).isNotEqualTo(b);
    b.set("x", new byte[] {1, 2});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    b.set("x", new byte[] {1, 9});
    assertThat(a).isNotEqualTo(b);
    b.set("x", new byte[] {1, 2, 0});
    assertThat(a).isNotEqualTo(b);
    assertThat(a).isNotEqualTo(new Object());
  }

  @Test
  void aKeyAndKeysBelowItCanCoexist() {
    store.set("a", utf8("parent"));
    store.set("a/b", utf8("child"));
    assertThat(store.listPrefix("")).containsExactly("a", "a/b");
    assertThat(store.listDir("")).containsExactly("a");
    assertThat(store.listPrefix("a")).containsExactly("a/b");
    store.deletePrefix("a");
    assertThat(store.listPrefix("")).isEmpty();
  }

  @Test
  void capabilitiesAndCounts() {
    assertThat(store.capabilities()).isEqualTo(new StoreCapabilities(true, true, true, false));
    assertThat(store).isNotInstanceOf(DimensionSeparatorDefault.class);
    MemoryStore memory = (MemoryStore) store;
    assertThat(memory.keyCount()).isZero();
    memory.set("a", new byte[2]);
    memory.set("b/c", new byte[3]);
    assertThat(memory.keyCount()).isEqualTo(2);
    assertThat(memory.toString()).contains("2 keys");
  }
}
