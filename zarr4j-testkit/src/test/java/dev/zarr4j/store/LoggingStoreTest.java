package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.store.LoggingStore.Kind;
import dev.zarr4j.store.LoggingStore.Operation;
import dev.zarr4j.testkit.StoreContractTest;
import dev.zarr4j.testkit.StoreRoundTripTest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logging store passes the contract over a directory store and records what reaches it. */
class LoggingStoreTest {

  @Nested
  class Contract extends StoreContractTest {
    @TempDir Path tempDir;

    @Override
    protected Store createStore() {
      return new LoggingStore(new DirectoryStore(tempDir.resolve("logged.zarr")));
    }

    @Override
    protected Store reopen() {
      return new LoggingStore(new DirectoryStore(tempDir.resolve("logged.zarr")));
    }

    @Override
    protected Store createReadOnlyView(Store written) {
      return LoggingStore.of(new ReadOnlyStore(written));
    }
  }

  @Nested
  class ArraysAndGroups extends StoreRoundTripTest {
    private final MemoryStore below = new MemoryStore();

    @Override
    protected Store createStore() {
      return new LoggingStore(below, false);
    }

    /** A new logging store over the same memory store (which keeps its data when closed). */
    @Override
    protected Store reopen() {
      return new LoggingStore(below, false);
    }
  }

  @Test
  void everyOperationIsRecordedWithItsKeyRangeAndBytes() {
    LoggingStore store = new LoggingStore(new MemoryStore());
    store.set("a/0", new byte[100]);
    store.get("a/0");
    store.get("a/0", ByteRange.of(10, 5));
    store.get("missing");
    store.getInto("a/0", ByteBuffer::allocate);
    store.getMany(List.of(KeyRange.of("a/0"), KeyRange.of("a/0", new ByteRange.Suffix(3))));
    try (ByteSource source = store.open("a/0").orElseThrow()) {
      assertThat(source.memory()).as("reads are not bypassed").isNull();
      source.read(20, ByteBuffer.allocate(4));
      source.read(List.of(ByteRange.of(0, 1), ByteRange.of(50, 2)));
    }
    store.contains("a/0");
    store.size("a/0");
    store.listPrefix("a");
    store.listDir("");
    store.rename("a", "b");
    store.delete("b/0");
    store.deletePrefix("b");

    List<String> lines = new ArrayList<>();
    for (Operation o : store.operations()) {
      lines.add(o.kind() + " " + o.key() + " " + o.range() + " " + o.bytes());
      assertThat(o.nanos()).isNotNegative();
    }
    assertThat(lines)
        .containsExactly(
            "SET a/0 null 100",
            "GET a/0 Full[] 100",
            "GET a/0 Bounded[offset=10, length=5] 5",
            "GET missing Full[] -1",
            "GET_INTO a/0 Full[] 100",
            "GET_MANY a/0 null 103",
            "OPEN a/0 null 100",
            "READ a/0 Bounded[offset=20, length=4] 4",
            "READ a/0 Bounded[offset=0, length=1] 1",
            "READ a/0 Bounded[offset=50, length=2] 2",
            "CONTAINS a/0 null 0",
            "SIZE a/0 null 100",
            "LIST_PREFIX a null 0",
            "LIST_DIR  null 0",
            "RENAME a null 0",
            "DELETE b/0 null 0",
            "DELETE_PREFIX b null 0");
    assertThat(store.operations(Kind.RENAME).get(0).target()).isEqualTo("b");
    assertThat(store.count(Kind.GET)).isEqualTo(3);
    assertThat(store.count(Kind.READ)).isEqualTo(3);
    assertThat(store.bytes(Kind.GET)).isEqualTo(105);
    assertThat(store.reads()).isEqualTo(3 + 1 + 1 + 1 + 1 + 1);
    assertThat(store.total()).isEqualTo(17);
    assertThat(store.keys(Kind.GET, Kind.GET_INTO)).containsExactly("a/0", "a/0", "missing", "a/0");
    assertThat(store.counts()).containsEntry(Kind.SET, 1L).containsEntry(Kind.OPEN, 1L);
    store.reset();
    assertThat(store.total()).isZero();
    assertThat(store.operations()).isEmpty();
  }

  @Test
  void countersWithoutOperationsAreThreadSafe() throws InterruptedException {
    LoggingStore store = new LoggingStore(new MemoryStore(), false);
    store.set("k", new byte[8]);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 5000; i++) {
                  store.get("k");
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(store.count(Kind.GET)).isEqualTo(20_000);
    assertThat(store.bytes(Kind.GET)).isEqualTo(160_000);
    assertThat(store.operations()).isEmpty();
  }

  @Test
  void valuesGivenAsPartsReachTheWrappedStoreAsParts(@TempDir Path dir) {
    PartsCountingStore inner = new PartsCountingStore(dir.resolve("parts.zarr"));
    try (LoggingStore store = new LoggingStore(inner)) {
      inner.checkPartsArriveAsParts(store);
      assertThat(store.operations(Kind.SET)).extracting(Operation::bytes).containsExactly(4L, 3L);
    }
  }
}
