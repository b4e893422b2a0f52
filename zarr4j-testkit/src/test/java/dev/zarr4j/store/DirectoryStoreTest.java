package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.testkit.SeededRandom;
import dev.zarr4j.testkit.StoreContractTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryStoreTest extends StoreContractTest {

  @TempDir Path tempDir;

  /** The root of the store under test. */
  Path root;

  @Override
  protected Store createStore() {
    root = tempDir.resolve("store.zarr");
    return new DirectoryStore(root);
  }

  @Override
  protected Store reopen() {
    return new DirectoryStore(root);
  }

  @Override
  protected boolean supportsNonAsciiKeys() {
    String encoding = System.getProperty("sun.jnu.encoding");
    return encoding != null && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
  }

  /** Every file below {@code dir}, as sorted relative paths with '/'. */
  static List<String> filesBelow(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  // ------------------------------------------------------------------ reading into caller buffers

  /**
   * Runs read packed from a file: windows of a 512 x 512 float32 chunk (short runs one row apart,
   * read as one span), runs with gaps on either side of the coalescing gap, runs in the file's
   * head, and evenly spaced runs over 5 MiB (spans cut at the longest span), against the bytes.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void readPackedOfManyNearbyRunsReturnsEachRunsBytes(long defaultSeed) {
    long seed = SeededRandom.seed(defaultSeed);
    SeededRandom random = new SeededRandom(seed);
    int size = random.chance(0.5) ? 1 << 20 : 5 * (1 << 20) + 3;
    byte[] value = random.bytes(size);
    store.set("arr/0.0", value);
    try (ByteSource source = store.open("arr/0.0").orElseThrow()) {
      for (int round = 0; round < 30; round++) {
        List<Long> bounds = new java.util.ArrayList<>();
        switch (round % 4) {
          case 0 -> { // a window: rows of 4..512 floats, 2048 bytes apart
            int rows = random.nextInt(1, 65);
            int width = 4 * random.nextInt(1, 129);
            int row0 = random.nextInt(0, 512 - rows + 1);
            int col0 = 4 * random.nextInt(0, (2048 - width) / 4 + 1);
            for (int r = 0; r < rows; r++) {
              long a = (long) (row0 + r) * 2048 + col0;
              bounds.add(a);
              bounds.add(a + width);
            }
          }
          case 1 -> { // gaps just under, at and over the coalescing gap
            long at = random.nextInt(0, 100);
            while (true) {
              long len = random.nextInt(1, 3000);
              if (at + len > size) {
                break;
              }
              bounds.add(at);
              bounds.add(at + len);
              at += len + DirectoryStore.COALESCE_GAP + random.nextInt(-2, 3);
              if (random.chance(0.2)) {
                at += random.nextInt(0, 100_000);
              }
            }
          }
          case 2 -> { // the head
            long at = random.nextInt(0, 50);
            while (at < 9000) {
              long len = random.nextInt(1, 600);
              bounds.add(at);
              bounds.add(at + len);
              at += len + random.nextInt(1, 700);
            }
          }
          default -> { // evenly spaced over the file
            int step = random.nextInt(1000, 20_000);
            int len = random.nextInt(1, step);
            for (long a = random.nextInt(0, step); a + len <= size; a += step) {
              bounds.add(a);
              bounds.add(a + len);
            }
          }
        }
        ByteRuns runs = ByteRuns.of(bounds.stream().mapToLong(Long::longValue).toArray());
        int total = (int) runs.totalBytes();
        byte[] dst = new byte[total + 3];
        dst[0] = 7;
        dst[total + 2] = 9;
        source.readPacked(runs, dst, 1);
        byte[] expected = new byte[total];
        int at = 0;
        for (int i = 0; i < runs.count(); i++) {
          int len = (int) (runs.end(i) - runs.start(i));
          System.arraycopy(value, (int) runs.start(i), expected, at, len);
          at += len;
        }
        assertThat(java.util.Arrays.copyOfRange(dst, 1, 1 + total))
            .as("seed %d, size %d, round %d, %d runs", seed, size, round, runs.count())
            .isEqualTo(expected);
        assertThat(dst[0]).isEqualTo((byte) 7);
        assertThat(dst[total + 2]).isEqualTo((byte) 9);
      }
    }
  }

  @Test
  void anOpenedFileServesItsFirstBytesFromMemoryOnceAskedAndReportsATruncation()
      throws IOException {
    byte[] value = new SeededRandom(3).bytes(70_000);
    store.set("arr/0.0", value);
    try (ByteSource source = store.open("arr/0.0").orElseThrow()) {
      byte[] first = new byte[16];
      source.read(0, first, 0, 16); // reads the first 8 KiB together
      assertThat(first).isEqualTo(java.util.Arrays.copyOf(value, 16));
      // another program truncates the file in place (the store itself never does)
      try (FileChannel channel =
          FileChannel.open(root.resolve("arr/0.0"), StandardOpenOption.WRITE)) {
        channel.truncate(100);
      }
      assertThat(source.size()).isEqualTo(70_000);
      byte[] head = new byte[16];
      source.read(8000, head, 0, 16);
      assertThat(head)
          .as("the first 8 KiB were read with the first read among them")
          .isEqualTo(java.util.Arrays.copyOfRange(value, 8000, 8016));
      assertThatThrownBy(() -> source.read(9000, new byte[16], 0, 16))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("arr/0.0")
          .hasMessageContaining("truncated");
      assertThatThrownBy(source::readAll).isInstanceOf(StoreException.class);
    }
  }

  /**
   * The first 8 KiB are read when the file is opened (that read also tells a directory from a
   * file): reads among them give the value as it was opened even after another program truncates
   * the file in place, and reads past them report the truncation.
   */
  @Test
  void anOpenedFileHoldsItsFirstBytesFromTheOpenAndReportsATruncationPastThem() throws IOException {
    byte[] value = new SeededRandom(5).bytes(70_000);
    store.set("arr/0.0", value);
    try (ByteSource source = store.open("arr/0.0").orElseThrow()) {
      try (FileChannel channel =
          FileChannel.open(root.resolve("arr/0.0"), StandardOpenOption.WRITE)) {
        channel.truncate(100);
      }
      byte[] b = new byte[16];
      source.read(50, b, 0, 16);
      assertThat(b).isEqualTo(java.util.Arrays.copyOfRange(value, 50, 66));
      source.read(4000, b, 0, 16);
      assertThat(b).isEqualTo(java.util.Arrays.copyOfRange(value, 4000, 4016));
      byte[] most = new byte[8000];
      source.read(100, most, 0, most.length);
      assertThat(most).isEqualTo(java.util.Arrays.copyOfRange(value, 100, 8100));
      assertThatThrownBy(() -> source.read(8190, new byte[16], 0, 16))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("arr/0.0")
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void aKeyNamingALargeDirectoryOpensAsAbsent() throws IOException {
    Path dir = root.resolve("big");
    Files.createDirectories(dir);
    for (int i = 0; i < 4000 && Files.size(dir) <= (8 << 10); i++) {
      Files.createFile(dir.resolve("entry-with-a-long-name-to-grow-the-directory-" + i));
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.size(dir) > (8 << 10), "this file system reports small directory sizes");
    assertThat(store.open("big")).isEmpty();
    assertThat(store.getInto("big", ByteBuffer::allocate)).isEmpty();
  }

  @Test
  void aSmallOpenedFileIsReadWholeWhenOpened() throws IOException {
    byte[] value = new SeededRandom(4).bytes(8 << 10);
    store.set("small", value);
    try (ByteSource source = store.open("small").orElseThrow()) {
      // truncated in place: a source still reading the file would notice
      try (FileChannel channel =
          FileChannel.open(root.resolve("small"), StandardOpenOption.WRITE)) {
        channel.truncate(3);
      }
      assertThat(bytesOf(source.readAll())).isEqualTo(value);
      assertThat(bytesOf(source.read(new ByteRange.Suffix(5))))
          .isEqualTo(java.util.Arrays.copyOfRange(value, value.length - 5, value.length));
    }
  }

  @Test
  void getIntoOfADirectoryOrAPathThroughAFileIsAbsent() {
    store.set("a/b/c", new byte[] {1});
    assertThat(store.getInto("a/b", ByteBuffer::allocate)).isEmpty();
    assertThat(store.getInto("a/b/c/d", ByteBuffer::allocate)).isEmpty();
    assertThat(store.open("a/b")).isEmpty();
    assertThat(store.open("a/b/c/d")).isEmpty();
  }

  // ------------------------------------------------------------------ writing

  @Test
  void concurrentFirstWritesIntoNewDirectoriesAllSucceed() throws Exception {
    // writers race to create the same missing directories (a write creates its directory only
    // when writing the temporary file finds it missing)
    int threads = 8;
    int perThread = 40;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 3; round++) {
        String prefix = "r" + round;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      store.set(
                          prefix + "/d" + (i % 4) + "/s" + (i % 3) + "/" + id + "." + i,
                          utf8(id + ":" + i));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : futures) {
          f.get();
        }
        assertThat(store.listPrefix(prefix)).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
          for (int i = 0; i < perThread; i++) {
            assertThat(
                    bytesOf(
                        store.get(prefix + "/d" + (i % 4) + "/s" + (i % 3) + "/" + t + "." + i)))
                .isEqualTo(utf8(t + ":" + i));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(filesBelow(root)).noneMatch(f -> f.endsWith(".partial"));
  }

  // ------------------------------------------------------------------ layout

  @Test
  void filesAreLaidOutAsZarrPythonLaysThemOut() throws IOException {
    store.set(".zgroup", utf8("{\"zarr_format\": 2}"));
    store.set("foo/.zgroup", utf8("{}"));
    store.set("foo/bar/.zarray", utf8("{...}"));
    store.set("foo/bar/0.0", new byte[] {1, 2, 3});
    store.set("foo/bar/1.1", new byte[] {4});
    store.set("nested/0/1", new byte[] {5});
    assertThat(filesBelow(root))
        .containsExactly(
            ".zgroup",
            "foo/.zgroup",
            "foo/bar/.zarray",
            "foo/bar/0.0",
            "foo/bar/1.1",
            "nested/0/1");
    assertThat(Files.readAllBytes(root.resolve("foo/bar/0.0"))).containsExactly(1, 2, 3);
    assertThat(Files.readString(root.resolve(".zgroup"))).isEqualTo("{\"zarr_format\": 2}");
    assertThat(Files.isDirectory(root.resolve("nested/0"))).isTrue();
  }

  @Test
  void filesWrittenByOthersAreReadAndListed() throws IOException {
    Files.createDirectories(root.resolve("g/arr"));
    Files.write(root.resolve("g/arr/.zarray"), utf8("meta"));
    Files.write(root.resolve("g/arr/0.0"), new byte[] {9, 8, 7, 6});
    assertThat(store.listPrefix("")).containsExactly("g/arr/.zarray", "g/arr/0.0");
    assertThat(bytesOf(store.get("g/arr/0.0", ByteRange.of(1, 2)))).containsExactly(8, 7);
    assertThat(store.size("g/arr/0.0")).isEqualTo(4);
  }

  @Test
  void theRootIsCreatedByTheFirstWrite() {
    assertThat(root).doesNotExist();
    assertThat(store.get("a")).isEmpty();
    assertThat(store.listPrefix("")).isEmpty();
    assertThat(store.listDir("")).isEmpty();
    store.deletePrefix("");
    store.delete("a");
    assertThat(root).doesNotExist();
    store.set("a/b", new byte[1]);
    assertThat(root.resolve("a/b")).isRegularFile();
  }

  @Test
  void aRootThatIsAFileIsRejected() throws IOException {
    Path file = Files.write(tempDir.resolve("file"), new byte[1]);
    assertThatThrownBy(() -> new DirectoryStore(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void deletingTheLastKeyRemovesEmptiedDirectoriesButNotTheRoot() throws IOException {
    store.set("a/b/c/d", new byte[1]);
    store.set("a/x", new byte[1]);
    store.delete("a/b/c/d");
    assertThat(root.resolve("a/b")).doesNotExist();
    assertThat(root.resolve("a")).isDirectory();
    store.delete("a/x");
    assertThat(root).isDirectory();
    try (Stream<Path> children = Files.list(root)) {
      assertThat(children).isEmpty();
    }
    store.set("p/q/r", new byte[1]);
    store.deletePrefix("p/q");
    assertThat(root.resolve("p")).doesNotExist();
    store.set("s/t", new byte[1]);
    store.deletePrefix("");
    assertThat(root).isDirectory();
    assertThat(filesBelow(root)).isEmpty();
  }

  @Test
  void emptyDirectoriesAreNotListedAsPrefixes() throws IOException {
    Files.createDirectories(root.resolve("empty/deeper"));
    Files.createDirectories(root.resolve("full/deeper"));
    Files.write(root.resolve("full/deeper/k"), new byte[1]);
    assertThat(store.listDir("")).containsExactly("full");
    assertThat(store.listPrefix("")).containsExactly("full/deeper/k");
  }

  // ------------------------------------------------------------------ files versus directories

  @Test
  void aKeyNamingADirectoryReadsAsAbsent() {
    store.set("a/b", utf8("x"));
    assertThat(store.get("a")).isEmpty();
    assertThat(store.get("a", ByteRange.of(0, 0))).isEmpty();
    assertThat(store.get("a", new ByteRange.Suffix(0))).isEmpty();
    assertThat(store.contains("a")).isFalse();
    assertThat(store.size("a")).isEqualTo(-1);
    store.delete("a");
    assertThat(store.listPrefix("")).containsExactly("a/b");
  }

  @Test
  void aPathThroughAFileReadsAsAbsent() {
    store.set("a", utf8("x"));
    assertThat(store.get("a/b")).isEmpty();
    assertThat(store.contains("a/b")).isFalse();
    assertThat(store.size("a/b")).isEqualTo(-1);
    assertThat(store.listDir("a")).isEmpty();
    assertThat(store.listPrefix("a")).isEmpty();
    store.delete("a/b");
    store.deletePrefix("a/b");
    assertThat(store.listPrefix("")).containsExactly("a");
  }

  @Test
  void writingBelowAKeyFailsClearly() {
    store.set("a", utf8("value"));
    assertThatThrownBy(() -> store.set("a/b/c", utf8("x")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'a/b/c'")
        .hasMessageContaining("'a' holds a value");
    assertThat(bytesOf(store.get("a"))).isEqualTo(utf8("value"));
    assertThat(store.listPrefix("")).containsExactly("a");
  }

  @Test
  void writingOverAPrefixFailsClearly() throws IOException {
    store.set("a/b", utf8("child"));
    assertThatThrownBy(() -> store.set("a", utf8("x")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'a'")
        .hasMessageContaining("directory");
    assertThat(store.listPrefix("")).containsExactly("a/b");
    assertThat(filesBelow(root)).as("no temporary file is left").containsExactly("a/b");
  }

  // ------------------------------------------------------------------ atomic writes

  @Test
  void temporaryFileNamesHaveZarrPythonsForm() {
    String name = DirectoryStore.temporaryName("0.0");
    assertThat(name).matches("0\\.0\\.[0-9a-f]{32}\\.partial");
    assertThat(DirectoryStore.isTemporaryName(name)).isTrue();
    assertThat(DirectoryStore.temporaryName("0.0")).isNotEqualTo(name);
    // zarr-python: file_name + '.' + uuid4().hex + '.partial'
    assertThat(DirectoryStore.isTemporaryName(".zarray.0123456789abcdef0123456789abcdef.partial"))
        .isTrue();
    assertThat(DirectoryStore.isTemporaryName("x.0123456789ABCDEF0123456789abcdef.partial"))
        .isFalse();
    assertThat(DirectoryStore.isTemporaryName("x.0123456789abcdef0123456789abcde.partial"))
        .isFalse();
    assertThat(DirectoryStore.isTemporaryName("x.partial")).isFalse();
    String longName = "n".repeat(240);
    assertThat(DirectoryStore.temporaryName(longName).length()).isLessThan(100);
    assertThat(DirectoryStore.isTemporaryName(DirectoryStore.temporaryName(longName))).isTrue();
  }

  @Test
  void longKeyNamesCanBeWritten() {
    String key = "d/" + "n".repeat(240);
    store.set(key, utf8("long"));
    assertThat(bytesOf(store.get(key))).isEqualTo(utf8("long"));
  }

  @Test
  void keysShapedLikeTemporaryFilesAreRejected() {
    String key = "a/0.0.0123456789abcdef0123456789abcdef.partial";
    assertThatThrownBy(() -> store.set(key, new byte[1])).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void aWriteThatFailsKeepsTheOldValueAndRemovesItsTemporaryFile() throws IOException {
    DirectoryStore failing =
        new DirectoryStore(root) {
          @Override
          protected void writeFile(Path file, ByteBuffer value) throws IOException {
            try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
              value.limit(value.position() + value.remaining() / 2);
              channel.write(value);
            }
            throw new IOException("disk full (simulated)");
          }
        };
    store.set("arr/0.0", utf8("old value"));
    assertThatThrownBy(() -> failing.set("arr/0.0", utf8("new value that fails")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("arr/0.0")
        .hasMessageContaining("disk full");
    assertThat(bytesOf(store.get("arr/0.0"))).isEqualTo(utf8("old value"));
    assertThat(filesBelow(root)).containsExactly("arr/0.0");
    assertThatThrownBy(() -> failing.set("arr/new", utf8("never")))
        .isInstanceOf(StoreException.class);
    assertThat(filesBelow(root)).containsExactly("arr/0.0");
  }

  @Test
  void aTemporaryFileLeftByACrashIsInvisibleAndTheOldValueStays() throws IOException {
    store.set("arr/0.0", utf8("old value"));
    // as if a writer (ours or zarr-python's) died between writing and renaming
    Path leftover = root.resolve("arr/0.0." + "0123456789abcdef".repeat(2) + ".partial");
    Files.write(leftover, utf8("new val"));
    Files.createDirectories(root.resolve("only-temp"));
    Files.write(
        root.resolve("only-temp/.zarray." + "fedcba9876543210".repeat(2) + ".partial"), utf8("x"));
    assertThat(bytesOf(store.get("arr/0.0"))).isEqualTo(utf8("old value"));
    assertThat(store.listPrefix("")).containsExactly("arr/0.0");
    assertThat(store.listDir("arr")).containsExactly("0.0");
    assertThat(store.listDir("")).containsExactly("arr");
    assertThat(store.totalSize("")).isEqualTo(9);
    store.set("arr/0.0", utf8("newer"));
    assertThat(bytesOf(store.get("arr/0.0"))).isEqualTo(utf8("newer"));
    assertThat(leftover).exists();
  }

  @Test
  void aKilledWriterProcessNeverLeavesATornOrMissingValue() throws Exception {
    long seed = SeededRandom.seed(31);
    SeededRandom random = new SeededRandom(seed);
    for (int i = 0; i < 4; i++) {
      store.set("crash/k" + i, random.selfCheckingValue(CrashingWriter.MAX_PAYLOAD));
    }
    for (int round = 0; round < 2; round++) {
      try (ChildJvm child =
          ChildJvm.start(CrashingWriter.class, root.toString(), Long.toString(random.nextLong()))) {
        assertThat(child.readLine()).as("child output").isEqualTo("ready");
        Thread.sleep(150 + random.nextInt(250));
        child.kill();
      }
      for (int i = 0; i < 4; i++) {
        byte[] value = bytesOf(store.get("crash/k" + i));
        assertThat(value).as("seed %d, round %d: crash/k%d", seed, round, i).isNotNull();
        assertThat(SeededRandom.isSelfChecking(value, CrashingWriter.MAX_PAYLOAD))
            .as("seed %d, round %d: crash/k%d is whole (%d bytes)", seed, round, i, value.length)
            .isTrue();
      }
      assertThat(store.listPrefix(""))
          .containsExactly("crash/k0", "crash/k1", "crash/k2", "crash/k3");
    }
  }

  // ------------------------------------------------------------------ keys and the root

  @Test
  void invalidKeysCreateNothingOutsideTheRoot() throws IOException {
    store.set("inside", new byte[1]);
    for (String key : List.of("../x", "../../x", "/tmp/x", "a/../../x", "..\\x")) {
      assertThatThrownBy(() -> store.set(key, new byte[1]))
          .as(key)
          .isInstanceOf(InvalidKeyException.class);
    }
    assertThat(filesBelow(tempDir)).containsExactly("store.zarr/inside");
  }

  @Test
  void dotsInsideSegmentsAreOrdinaryNames() throws IOException {
    store.set("...", utf8("three dots"));
    store.set("a/..b/.c.", utf8("dots"));
    assertThat(filesBelow(root)).containsExactly("...", "a/..b/.c.");
    assertThat(store.listPrefix("")).containsExactly("...", "a/..b/.c.");
  }

  @Test
  void normalizeKeysLowerCasesKeysAndPrefixes() throws IOException {
    DirectoryStore normalizing = new DirectoryStore(root, true);
    normalizing.set("Foo/BAR/.ZARRAY", utf8("x"));
    assertThat(filesBelow(root)).containsExactly("foo/bar/.zarray");
    assertThat(bytesOf(normalizing.get("FOO/bar/.zarray"))).isEqualTo(utf8("x"));
    assertThat(normalizing.contains("foo/Bar/.zArray")).isTrue();
    assertThat(normalizing.listPrefix("FOO")).containsExactly("foo/bar/.zarray");
    assertThat(normalizing.listDir("Foo")).containsExactly("bar");
    assertThat(store.get("Foo/BAR/.ZARRAY")).as("without normalisation").isEmpty();
    normalizing.deletePrefix("FOO/Bar");
    assertThat(filesBelow(root)).isEmpty();
    assertThat(normalizing.normalizeKeys()).isTrue();
    assertThat(normalizing).isNotEqualTo(store);
  }

  // ------------------------------------------------------------------ identity

  @Test
  void equalityIsByNormalisedRootAndClass() {
    DirectoryStore same = new DirectoryStore(tempDir.resolve("x/../store.zarr"));
    assertThat(same).isEqualTo(store).hasSameHashCodeAs(store);
    assertThat(same.root()).isEqualTo(root.toAbsolutePath().normalize());
    assertThat(new DirectoryStore(tempDir.resolve("other"))).isNotEqualTo(store);
    assertThat(new NestedDirectoryStore(root)).isNotEqualTo(store);
    assertThat(store.toString()).contains("DirectoryStore").contains(root.toString());
  }

  @Test
  void serializationKeepsOnlyTheLocation() throws Exception {
    store.set("a/b", new SeededRandom(3).bytes(100_000));
    byte[] serialized = serialize(store);
    assertThat(serialized.length).as("serialized size").isLessThan(500);
    Object copy = MemoryStoreTest.roundTrip(store);
    assertThat(copy).isInstanceOf(DirectoryStore.class).isEqualTo(store);
    DirectoryStore restored = (DirectoryStore) copy;
    assertThat(bytesOf(restored.get("a/b"))).isEqualTo(bytesOf(store.get("a/b")));

    DirectoryStore normalizing = new DirectoryStore(root, true);
    assertThat(MemoryStoreTest.roundTrip(normalizing)).isEqualTo(normalizing);
    store.close();
    assertThat(((DirectoryStore) MemoryStoreTest.roundTrip(store)).isClosed())
        .as("a deserialised store is open")
        .isFalse();
  }

  @Test
  void capabilities() {
    assertThat(store.capabilities()).isEqualTo(new StoreCapabilities(true, true, true, true));
    assertThat(store).isNotInstanceOf(DimensionSeparatorDefault.class);
  }

  // ------------------------------------------------------------------ symbolic links

  /**
   * A link to a file and a link to a directory outside the root, and one inside: reads see the
   * outside ones as absent, listings leave them out, writes and deletes through them are refused
   * naming the key, and nothing outside changes. The inside link works as its target does.
   */
  @Test
  void symbolicLinksLeadingOutOfTheRootAreNotFollowed() throws IOException {
    Path outside = Files.createDirectories(tempDir.resolve("outside"));
    Path secret = Files.write(outside.resolve("passwd"), utf8("root:x:0:0"));
    Files.write(outside.resolve(".zarray"), utf8("{}"));
    Files.write(Files.createDirectories(outside.resolve("deeper")).resolve("f"), utf8("kept"));
    store.set("real/0", utf8("inside"));
    Files.createSymbolicLink(root.resolve("sym"), outside);
    Files.createSymbolicLink(root.resolve("file-link"), secret);
    Files.createSymbolicLink(root.resolve("real/dangling"), tempDir.resolve("nowhere"));
    Files.createSymbolicLink(root.resolve("inner"), root.resolve("real"));

    for (String key : List.of("sym/passwd", "file-link", "sym/.zarray", "real/dangling")) {
      assertThat(store.get(key)).as("get %s", key).isEmpty();
      assertThat(store.get(key, ByteRange.of(0, 4))).as("ranged get %s", key).isEmpty();
      assertThat(store.open(key)).as("open %s", key).isEmpty();
      assertThat(store.getInto(key, ByteBuffer::allocate)).as("getInto %s", key).isEmpty();
      assertThat(store.contains(key)).as("contains %s", key).isFalse();
      assertThat(store.size(key)).as("size %s", key).isEqualTo(-1);
    }
    List<java.util.Optional<ByteBuffer>> many =
        store.getMany(List.of(KeyRange.of("sym/passwd"), KeyRange.of("real/0")));
    assertThat(many.get(0)).isEmpty();
    assertThat(bytesOf(many.get(1))).isEqualTo(utf8("inside"));
    assertThat(store.listPrefix("")).containsExactly("inner/0", "real/0");
    assertThat(store.listPrefix("sym")).isEmpty();
    assertThat(store.listDir("")).containsExactly("inner", "real");
    assertThat(store.listDir("sym")).isEmpty();
    assertThat(bytesOf(store.get("inner/0")))
        .as("a link inside the root")
        .isEqualTo(utf8("inside"));

    for (String key : List.of("sym/passwd", "sym/new", "sym/deeper/new")) {
      assertThatThrownBy(() -> store.set(key, utf8("overwritten")))
          .as("set %s", key)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(key)
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> store.delete(key))
          .as("delete %s", key)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(key);
    }
    assertThatThrownBy(() -> store.deletePrefix("sym/deeper"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("sym/deeper");
    assertThatThrownBy(() -> store.rename("real", "sym/moved"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("sym/moved");
    assertThatThrownBy(() -> store.rename("sym/passwd", "stolen"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("sym/passwd");
    // the link itself is inside the root: removing the prefix removes the link, not its target
    store.deletePrefix("sym");
    store.set("file-link", utf8("replaces the link"));
    assertThat(Files.isSymbolicLink(root.resolve("file-link"))).isFalse();
    assertThat(Files.readString(secret)).isEqualTo("root:x:0:0");
    assertThat(filesBelow(outside)).containsExactly(".zarray", "deeper/f", "passwd");
    assertThat(Files.readString(outside.resolve(".zarray"))).isEqualTo("{}");
    assertThat(store.listPrefix("")).containsExactly("file-link", "inner/0", "real/0");
  }

  /**
   * A key's file replaced by a link leading out after the key was read and written: the file is
   * opened without following links, so the very next read finds the link and refuses it.
   */
  @Test
  void aFileReplacedByAnOutwardLinkAfterUseIsRefusedAtOnce() throws IOException {
    Path secret = Files.write(tempDir.resolve("secret"), utf8("outside"));
    store.set("a/0", utf8("inside"));
    store.set("a/1", utf8("inside too"));
    assertThat(bytesOf(store.get("a/0"))).isEqualTo(utf8("inside"));
    Files.delete(root.resolve("a/0"));
    Files.createSymbolicLink(root.resolve("a/0"), secret);
    assertThat(store.get("a/0")).isEmpty();
    assertThat(store.get("a/0", ByteRange.of(0, 3))).isEmpty();
    assertThat(store.open("a/0")).isEmpty();
    assertThat(store.contains("a/0")).isFalse();
    assertThat(store.size("a/0")).isEqualTo(-1);
    assertThat(bytesOf(store.get("a/1"))).isEqualTo(utf8("inside too"));
  }

  /**
   * A directory this store removed (its last key deleted) and another program then replaces by a
   * link leading out: removing a directory makes the store forget its checks, so the link is
   * refused at once.
   */
  @Test
  void aDirectoryTheStoreRemovedAndALinkReplacedIsCheckedAgainAtOnce() throws IOException {
    Path outside = Files.createDirectories(tempDir.resolve("outside"));
    Files.write(Files.createDirectories(outside.resolve("b")).resolve("0"), utf8("secret"));
    store.set("a/b/0", utf8("inside"));
    store.set("keep", utf8("k"));
    assertThat(bytesOf(store.get("a/b/0"))).isEqualTo(utf8("inside"));
    store.delete("a/b/0");
    assertThat(Files.exists(root.resolve("a"))).isFalse();
    Files.createSymbolicLink(root.resolve("a"), outside);
    assertThat(store.get("a/b/0")).isEmpty();
    assertThatThrownBy(() -> store.set("a/b/1", utf8("escaped")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a/b/1")
        .hasMessageContaining("symbolic link");
    assertThat(filesBelow(outside)).containsExactly("b/0");
  }

  /**
   * A directory already checked that another program swaps for a link leading out, without this
   * store removing anything: the check is trusted for at most {@link
   * DirectoryStore#CHECK_TRUSTED_NANOS}, after which reads see the key as absent and writes through
   * the link are refused.
   */
  @Test
  void aCheckedDirectorySwappedForAnOutwardLinkIsRefusedOnceItsCheckExpires() throws Exception {
    Path outside = Files.createDirectories(tempDir.resolve("outside"));
    Files.write(outside.resolve("0"), utf8("secret"));
    store.set("a/b/0", utf8("inside"));
    assertThat(bytesOf(store.get("a/b/0"))).isEqualTo(utf8("inside"));
    Files.move(root.resolve("a/b"), root.resolve("moved-away"));
    Files.createSymbolicLink(root.resolve("a/b"), outside);
    Thread.sleep(DirectoryStore.CHECK_TRUSTED_NANOS / 1_000_000 + 100);
    assertThat(store.get("a/b/0")).isEmpty();
    assertThat(store.contains("a/b/0")).isFalse();
    assertThatThrownBy(() -> store.set("a/b/1", utf8("escaped")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a/b/1");
    assertThat(filesBelow(outside)).containsExactly("0");
    assertThat(Files.readString(outside.resolve("0"))).isEqualTo("secret");
  }

  /** A root that is itself a link (a temporary directory often is) works as the directory. */
  @Test
  void aRootReachedThroughALinkWorks() throws IOException {
    store.set("a/b", utf8("v"));
    Path linkedRoot = Files.createSymbolicLink(tempDir.resolve("linked.zarr"), root);
    try (DirectoryStore linked = new DirectoryStore(linkedRoot)) {
      assertThat(bytesOf(linked.get("a/b"))).isEqualTo(utf8("v"));
      linked.set("a/c", utf8("w"));
      assertThat(linked.listPrefix("")).containsExactly("a/b", "a/c");
      linked.rename("a", "z");
      assertThat(store.listPrefix("")).containsExactly("z/b", "z/c");
    }
  }
}
