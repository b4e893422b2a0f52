package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A directory store's overwrites hold the replaced file open and let a background thread close it
 * ({@link ReplacedFiles}): values stay those last written, readers of the old value keep reading
 * it, no name is left in the directory and no descriptor stays open once the thread has caught up.
 */
class ReplacedFilesTest {

  private static byte[] value(SplittableRandom r, int size, int tag) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (r.nextInt(256) ^ tag);
    }
    return b;
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static void awaitClosed() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ReplacedFiles.waiting() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(20); // the value taken last may still be closing
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void overwritesOfLargeAndSmallValuesKeepTheLastValueAndLeaveNoNames(long seed, @TempDir Path dir)
      throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, byte[]> model = new HashMap<>();
    boolean fds = Files.isDirectory(Path.of("/proc/self/fd"));
    long before = fds ? openDescriptors() : 0;
    try (DirectoryStore store = new DirectoryStore(dir.resolve("s"))) {
      for (int op = 0; op < 300; op++) {
        String key = "a/" + r.nextInt(6) + "." + r.nextInt(3);
        // sizes on both sides of the smallest file held
        int size =
            r.nextBoolean()
                ? (int) ReplacedFiles.MIN_SIZE + r.nextInt(200_000)
                : r.nextInt((int) ReplacedFiles.MIN_SIZE);
        byte[] v = value(r, size, op);
        store.set(key, v);
        model.put(key, v);
        String probe = "a/" + r.nextInt(6) + "." + r.nextInt(3);
        if (model.containsKey(probe)) {
          assertThat(bytesOf(store.get(probe).orElseThrow())).isEqualTo(model.get(probe));
        } else {
          assertThat(store.get(probe)).isEmpty();
        }
      }
      for (Map.Entry<String, byte[]> e : model.entrySet()) {
        assertThat(bytesOf(store.get(e.getKey()).orElseThrow())).isEqualTo(e.getValue());
      }
    }
    awaitClosed();
    try (Stream<Path> files = Files.list(dir.resolve("s").resolve("a"))) {
      List<String> names =
          files.map(p -> "a/" + p.getFileName()).sorted().collect(Collectors.toList());
      assertThat(names).containsExactlyElementsOf(model.keySet().stream().sorted().toList());
    }
    if (fds) {
      assertThat(openDescriptors()).as("descriptors left open").isLessThanOrEqualTo(before + 2);
    }
  }

  @Test
  void aReaderOfTheReplacedValueKeepsReadingIt(@TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    byte[] old = value(r, 300_000, 1);
    byte[] next = value(r, 200_000, 2);
    try (DirectoryStore store = new DirectoryStore(dir.resolve("s"))) {
      store.set("c/0", old);
      try (ByteSource source = store.open("c/0").orElseThrow()) {
        store.set("c/0", next);
        awaitClosed();
        assertThat(bytesOf(source.readAll())).isEqualTo(old);
      }
      assertThat(bytesOf(store.get("c/0").orElseThrow())).isEqualTo(next);
    }
  }

  @Test
  void aLinkIsReplacedNotHeldOrFollowed(@TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(10);
    byte[] outside = value(r, 100_000, 3);
    Path root = Files.createDirectories(dir.resolve("s"));
    Path shared = root.resolve("shared");
    Files.write(shared, outside);
    Files.createSymbolicLink(root.resolve("k"), shared.getFileName());
    try (DirectoryStore store = new DirectoryStore(root)) {
      byte[] v = value(r, 150_000, 4);
      store.set("k", v);
      assertThat(Files.isSymbolicLink(root.resolve("k"))).isFalse();
      assertThat(bytesOf(store.get("k").orElseThrow())).isEqualTo(v);
    }
    assertThat(Files.readAllBytes(shared)).isEqualTo(outside);
  }

  @Test
  void whenTheClosersQueueIsFullTheWriterClosesTheFileItself(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.write(a, new byte[(int) ReplacedFiles.MIN_SIZE]);
    Files.write(b, new byte[(int) ReplacedFiles.MIN_SIZE + 1]);
    FileChannel first = ReplacedFiles.hold(a);
    FileChannel second = ReplacedFiles.hold(b);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    BlockingQueue<FileChannel> queue = new ArrayBlockingQueue<>(1);
    try {
      ReplacedFiles.release(first, queue); // room: queued, left open for the closer
      ReplacedFiles.release(second, queue); // full: closed by the caller
      ReplacedFiles.release(null, queue); // nothing held: nothing happens
      assertThat(queue).containsExactly(first);
      assertThat(first.isOpen()).isTrue();
      assertThat(second.isOpen()).isFalse();
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void onlyRegularFilesOfTheMinimumSizeAreHeld(@TempDir Path dir) throws Exception {
    Path small = dir.resolve("small");
    Files.write(small, new byte[(int) ReplacedFiles.MIN_SIZE - 1]);
    Path link = dir.resolve("link");
    Path big = dir.resolve("big");
    Files.write(big, new byte[(int) ReplacedFiles.MIN_SIZE]);
    Files.createSymbolicLink(link, big.getFileName());
    assertThat(ReplacedFiles.hold(dir.resolve("absent"))).isNull();
    assertThat(ReplacedFiles.hold(small)).isNull();
    assertThat(ReplacedFiles.hold(link)).isNull();
    assertThat(ReplacedFiles.hold(dir)).isNull();
    try (FileChannel held = ReplacedFiles.hold(big)) {
      assertThat(held).isNotNull();
      assertThat(held.size()).isEqualTo(ReplacedFiles.MIN_SIZE);
    }
  }
}
