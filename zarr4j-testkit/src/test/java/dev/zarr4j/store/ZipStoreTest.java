package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.testkit.StoreContractTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip store: its reads pass the store contract (every value written is read back through a zip
 * archive made of the store's contents), its modes behave as zarr-python's, an entry is never
 * written twice, archives are finished on close and read by the JDK's own zip reader, ZIP64
 * archives of many entries, packing a directory store, and opening by path and by chained URL.
 */
class ZipStoreTest {
  @TempDir Path tempDir;

  /**
   * A store whose writes go to memory and whose every read goes through a zip store over an archive
   * of the current contents, packed in memory again after each change: the contract's reads then
   * test the zip store's reading of any contents. Writes themselves are tested below.
   */
  static final class ReadThroughZip implements Store {
    private final MemoryStore staged = new MemoryStore();
    private ZipStore current;
    private boolean stale = true;
    private volatile boolean closed;

    private synchronized ZipStore zip() {
      if (closed) {
        throw new StoreException("ReadThroughZip is closed");
      }
      if (stale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipStore.pack(staged, bytes);
        // the previous zip stays readable for sources opened on it (it holds only memory)
        current = ZipStore.of(ByteSource.of(ByteBuffer.wrap(bytes.toByteArray())));
        stale = false;
      }
      return current;
    }

    private synchronized void changed() {
      if (closed) {
        throw new StoreException("ReadThroughZip is closed");
      }
      stale = true;
    }

    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(true, true, true, false);
    }

    @Override
    public Optional<ByteSource> open(String key) {
      StoreKeys.validate(key);
      return zip().open(key);
    }

    @Override
    public Optional<ByteBuffer> get(String key, ByteRange range) {
      StoreKeys.validate(key);
      if (range == null) {
        throw new IllegalArgumentException("range");
      }
      return zip().get(key, range);
    }

    @Override
    public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
      StoreKeys.validate(key);
      if (allocator == null) {
        throw new IllegalArgumentException("allocator");
      }
      return zip().getInto(key, allocator);
    }

    @Override
    public boolean contains(String key) {
      StoreKeys.validate(key);
      return zip().contains(key);
    }

    @Override
    public long size(String key) {
      StoreKeys.validate(key);
      return zip().size(key);
    }

    @Override
    public List<String> listPrefix(String prefix) {
      StoreKeys.validatePrefix(prefix);
      return zip().listPrefix(prefix);
    }

    @Override
    public List<String> listDir(String prefix) {
      StoreKeys.validatePrefix(prefix);
      return zip().listDir(prefix);
    }

    @Override
    public synchronized void set(String key, ByteBuffer value) {
      StoreKeys.validate(key);
      changed();
      staged.set(key, value);
    }

    @Override
    public synchronized void delete(String key) {
      StoreKeys.validate(key);
      changed();
      staged.delete(key);
    }

    @Override
    public synchronized void deletePrefix(String prefix) {
      StoreKeys.validatePrefix(prefix);
      changed();
      staged.deletePrefix(prefix);
    }

    @Override
    public synchronized void close() {
      closed = true;
    }

    /** The archive of the current contents, as a file in mode r. */
    ZipStore asArchive(Path file) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ZipStore.pack(staged, bytes);
      Files.write(file, bytes.toByteArray());
      return new ZipStore(file, ZipStore.Mode.READ);
    }
  }

  @Nested
  class ReadingPassesTheContract extends StoreContractTest {
    @TempDir Path dir;

    @Override
    protected Store createStore() {
      return new ReadThroughZip();
    }

    /** Mode r of an archive file holding what was written. */
    @Override
    protected Store createReadOnlyView(Store written) throws IOException {
      return ((ReadThroughZip) written).asArchive(dir.resolve("view.zip"));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] bytesOf(Optional<ByteBuffer> b) {
    return b.map(
            x -> {
              byte[] out = new byte[x.remaining()];
              x.duplicate().get(out);
              return out;
            })
        .orElse(null);
  }

  @Test
  void modesWriteOnceAppendAndRefuseAsZarrPythonDoes() throws IOException {
    Path file = tempDir.resolve("a.zip");
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.WRITE)) {
      assertThat(store.capabilities().writable()).isTrue();
      assertThat(store.capabilities().rename()).isFalse();
      store.set(".zgroup", utf8("{}"));
      store.set("a/0.0", new byte[] {1, 2, 3});
      store.set("empty", new byte[0]);
      assertThat(bytesOf(store.get("a/0.0"))).containsExactly(1, 2, 3);
      assertThatThrownBy(() -> store.set("a/0.0", new byte[] {9}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'a/0.0'")
          .hasMessageContaining("cannot replace");
      assertThatThrownBy(() -> store.delete("a/0.0"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("a/0.0");
      assertThatThrownBy(() -> store.deletePrefix("a"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> store.rename("a", "b"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(store.listPrefix("")).containsExactly(".zgroup", "a/0.0", "empty");
    }
    try (ZipFile jdk = new ZipFile(file.toFile())) {
      List<String> names = new ArrayList<>();
      jdk.stream().map(ZipEntry::getName).forEach(names::add);
      assertThat(names).containsExactly(".zgroup", "a/0.0", "empty");
      assertThat(jdk.getEntry("a/0.0").getMethod()).isEqualTo(ZipEntry.STORED);
      assertThat(jdk.getInputStream(jdk.getEntry("a/0.0")).readAllBytes()).containsExactly(1, 2, 3);
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.READ)) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThatThrownBy(() -> store.set("b", new byte[1])).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.delete("a/0.0")).isInstanceOf(ReadOnlyException.class);
      assertThat(store.listDir("")).containsExactly(".zgroup", "a", "empty");
    }
    long before = Files.size(file);
    byte[] unchanged = Files.readAllBytes(file);
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.APPEND)) {
      assertThat(store.contains("a/0.0")).isTrue();
    }
    assertThat(Files.readAllBytes(file))
        .as("appending nothing leaves the archive")
        .isEqualTo(unchanged);
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.APPEND)) {
      store.set("b/1", new byte[] {4});
      assertThatThrownBy(() -> store.set(".zgroup", new byte[1]))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'.zgroup'");
    }
    assertThat(Files.size(file)).isGreaterThan(before);
    try (ZipFile jdk = new ZipFile(file.toFile())) {
      assertThat(jdk.size()).isEqualTo(4);
      assertThat(jdk.getInputStream(jdk.getEntry("b/1")).readAllBytes()).containsExactly(4);
    }
    assertThatThrownBy(() -> new ZipStore(file, ZipStore.Mode.CREATE))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("exists");
    assertThatThrownBy(() -> new ZipStore(tempDir.resolve("missing.zip"), ZipStore.Mode.READ))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("missing.zip");
    Files.write(tempDir.resolve("not.zip"), utf8("plain text, not an archive"));
    assertThatThrownBy(() -> new ZipStore(tempDir.resolve("not.zip"), ZipStore.Mode.READ))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a zip archive");
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.WRITE)) {
      assertThat(store.listPrefix("")).as("mode w starts afresh").isEmpty();
    }
    try (ZipStore fresh = new ZipStore(tempDir.resolve("x.zip"), ZipStore.Mode.CREATE)) {
      fresh.set("k", new byte[] {7});
    }
    ZipStore closed = new ZipStore(tempDir.resolve("x.zip"), ZipStore.Mode.READ);
    closed.close();
    closed.close();
    assertThatThrownBy(() -> closed.get("k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void deflatedEntriesAndJdkWrittenArchivesRead() throws IOException {
    Path file = tempDir.resolve("d.zip");
    byte[] text = utf8("compressible ".repeat(1000));
    try (ZipStore store = ZipStore.open(file, ZipStore.Mode.WRITE, ZipStore.DEFLATED)) {
      store.set("t", text);
    }
    assertThat(Files.size(file)).isLessThan(text.length / 4);
    try (ZipFile jdk = new ZipFile(file.toFile())) {
      assertThat(jdk.getEntry("t").getMethod()).isEqualTo(ZipEntry.DEFLATED);
      assertThat(jdk.getInputStream(jdk.getEntry("t")).readAllBytes()).isEqualTo(text);
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.READ)) {
      assertThat(bytesOf(store.get("t"))).isEqualTo(text);
      assertThat(bytesOf(store.get("t", ByteRange.of(13, 4)))).isEqualTo(utf8("comp"));
    }
    // an archive the JDK wrote, with a directory entry and a non-ASCII name
    Path jdkFile = tempDir.resolve("jdk.zip");
    try (java.util.zip.ZipOutputStream zos =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(jdkFile))) {
      zos.putNextEntry(new ZipEntry("g/"));
      zos.closeEntry();
      zos.putNextEntry(new ZipEntry("g/\u00e9t\u00e9/0"));
      zos.write(text);
      zos.closeEntry();
    }
    try (ZipStore store = new ZipStore(jdkFile, ZipStore.Mode.READ)) {
      assertThat(store.listPrefix("")).containsExactly("g/\u00e9t\u00e9/0");
      assertThat(bytesOf(store.get("g/\u00e9t\u00e9/0"))).isEqualTo(text);
    }
  }

  @Test
  void manyEntriesUseZip64AndReadBack() throws IOException {
    Path file = tempDir.resolve("many.zip");
    int n = 70_000;
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.WRITE)) {
      for (int i = 0; i < n; i++) {
        store.set("c/" + i, new byte[] {(byte) i});
      }
    }
    try (ZipFile jdk = new ZipFile(file.toFile())) {
      assertThat(jdk.size()).isEqualTo(n);
      assertThat(jdk.getInputStream(jdk.getEntry("c/69999")).readAllBytes())
          .containsExactly((byte) 69_999);
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.READ)) {
      assertThat(store.listPrefix("c")).hasSize(n);
      assertThat(bytesOf(store.get("c/65536"))).containsExactly((byte) 65_536);
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.APPEND)) {
      store.set("more", new byte[] {1});
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.READ)) {
      assertThat(store.listPrefix("")).hasSize(n + 1);
    }
  }

  @Test
  void aDirectoryStoreIsZippedInOneCallAndOpensByPathAndUrl() throws IOException {
    Path dir = tempDir.resolve("data.zarr");
    ZarrGroup root = Zarr.group(new DirectoryStore(dir));
    ZarrArray z =
        root.zeros(
            "foo/bar", ArrayOptions.builder().shape(10, 10).chunks(5, 5).dtype("<i4").build());
    NdArray values = NdArray.arange(DataType.INT32, 100, 10, 10);
    z.set(values);
    Path zip = tempDir.resolve("data.zip");
    ZipStore.pack(dir, zip);
    try (ZipStore store = new ZipStore(zip, ZipStore.Mode.READ)) {
      assertThat(store.listPrefix("")).isEqualTo(new DirectoryStore(dir).listPrefix(""));
      assertThat(Zarr.openGroup(store, OpenMode.READ).getArray("foo/bar").get()).isEqualTo(values);
    }
    for (String url :
        List.of(zip.toString(), zip.toUri().toString(), "zip::" + zip.toUri(), "zip://" + zip)) {
      try (ReadableStore opened = Stores.open(url, Map.of("mode", "r"))) {
        assertThat(opened).as(url).isInstanceOf(ZipStore.class);
        assertThat(
                Zarr.openGroup(opened, dev.zarr4j.GroupOptions.defaults())
                    .getArray("foo/bar")
                    .get())
            .as(url)
            .isEqualTo(values);
      }
    }
    try (ReadableStore opened = Stores.open(zip.toString())) {
      assertThat(((ZipStore) opened).mode()).isEqualTo(ZipStore.Mode.APPEND);
    }
    // a path through the facade, in the mode the node is opened in
    byte[] archive = Files.readAllBytes(zip);
    try (ZarrGroup g = Zarr.openGroup(zip, OpenMode.READ)) {
      assertThat(g.getArray("foo/bar").get()).isEqualTo(values);
      assertThat(g.store().capabilities().writable()).isFalse();
    }
    assertThat(Files.readAllBytes(zip)).isEqualTo(archive);
    Path missing = tempDir.resolve("missing.zip");
    for (OpenMode mode : List.of(OpenMode.READ, OpenMode.READ_WRITE)) {
      assertThatThrownBy(() -> Zarr.openGroup(missing, mode)).isInstanceOf(StoreException.class);
      assertThatThrownBy(() -> dev.zarr4j.convenience.Convenience.open(missing, mode))
          .isInstanceOf(StoreException.class);
      assertThat(Files.exists(missing)).as("nothing created in %s", mode).isFalse();
    }
    try (ZarrGroup g = Zarr.openGroup(tempDir.resolve("new.zip"), OpenMode.APPEND)) {
      g.attrs().put("made", true);
    }
    try (ZipStore store = new ZipStore(tempDir.resolve("new.zip"), ZipStore.Mode.READ)) {
      assertThat(store.listPrefix("")).containsExactly(".zattrs", ".zgroup");
    }
    // an archive read from any byte source, with ranged reads only
    LoggingStore files = new LoggingStore(new DirectoryStore(tempDir));
    try (ZipStore store = ZipStore.of(files.open("data.zip").orElseThrow())) {
      assertThat(Zarr.openGroup(store, OpenMode.READ).getArray("foo/bar").get()).isEqualTo(values);
    }
    long zipSize = Files.size(zip);
    assertThat(files.bytes(LoggingStore.Kind.READ))
        .as("no more read than the archive holds")
        .isLessThanOrEqualTo(zipSize * 2);
    assertThat(files.operations(LoggingStore.Kind.READ))
        .allMatch(o -> ((ByteRange.Bounded) o.range()).length() <= zipSize);
    assertThatThrownBy(() -> Stores.open("zip::" + zip.toUri(), Map.of("mode", "q")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("mode");
    Path directoryNamedZip = Files.createDirectories(tempDir.resolve("dir.zip"));
    try (ReadableStore opened = Stores.open(directoryNamedZip.toString())) {
      assertThat(opened).isInstanceOf(DirectoryStore.class);
    }
  }

  /**
   * Archives of the JDK's zip writer with comments up to the longest (64 KiB) and central
   * directories of a few bytes to tens of kilobytes: every entry reads back, and opening costs one
   * read of the archive's end when its end record and central directory lie in the last 8 KiB, one
   * more for each that does not.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void theEndOfAnArchiveIsFoundInFewReads(int seed) throws IOException {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    int[] comments = {0, 1, 100, 8000, 8170, 8200, 20_000, 65_535};
    int commentLength = comments[seed % comments.length];
    int count = seed <= comments.length ? 1 + random.nextInt(5) : 100 + random.nextInt(300);
    Map<String, byte[]> values = new java.util.LinkedHashMap<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      for (int i = 0; i < count; i++) {
        byte[] v = new byte[random.nextInt(300)];
        random.nextBytes(v);
        String name = "k/" + i;
        values.put(name, v);
        out.putNextEntry(new ZipEntry(name));
        out.write(v);
        out.closeEntry();
      }
      out.setComment("c".repeat(commentLength));
    }
    byte[] archive = bytes.toByteArray();
    int cdSize = 0;
    for (String name : values.keySet()) {
      cdSize += 46 + name.length();
    }
    int tail = Math.min(archive.length, 8 << 10);
    int endRecordEnd = 22 + commentLength;
    int expected = 1;
    if (endRecordEnd > tail) {
      tail = Math.min(archive.length, 22 + 65_535 + 20);
      expected++;
    }
    if (cdSize + endRecordEnd > tail) {
      expected++; // the central directory is read on its own
    }
    List<Long> reads = new ArrayList<>();
    ByteSource wrapped = ByteSource.of(ByteBuffer.wrap(archive));
    ByteSource counting =
        new ByteSource() {
          @Override
          public long size() {
            return wrapped.size();
          }

          @Override
          public void read(long offset, ByteBuffer dst) {
            reads.add(offset);
            wrapped.read(offset, dst);
          }
        };
    try (ZipStore store = ZipStore.of(counting)) {
      assertThat(reads)
          .as("reads opening %d entries, %d-byte comment", count, commentLength)
          .hasSize(expected);
      for (Map.Entry<String, byte[]> e : values.entrySet()) {
        assertThat(bytesOf(store.get(e.getKey()))).isEqualTo(e.getValue());
      }
      assertThat(store.listPrefix("")).hasSize(count);
    }
  }

  /**
   * A small entry is read together with its local header in one read; an entry whose local header
   * carries more extra bytes than its central header (the JDK's writer puts access and creation
   * times only there) is read again from where its data starts, stored or deflated.
   */
  @Test
  void smallEntriesAreReadWithTheirLocalHeaderInOneRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, byte[]> values = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      for (int i = 0; i < 8; i++) {
        byte[] v = utf8("value " + i + " ".repeat(i * 50));
        String name = "e/" + i;
        values.put(name, v);
        ZipEntry e = new ZipEntry(name);
        if (i % 2 == 1) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(v);
          e.setMethod(ZipEntry.STORED);
          e.setSize(v.length);
          e.setCrc(crc.getValue());
        }
        if (i >= 4) {
          java.nio.file.attribute.FileTime t =
              java.nio.file.attribute.FileTime.fromMillis(1L << 40);
          e.setLastAccessTime(t);
          e.setCreationTime(t);
        }
        out.putNextEntry(e);
        out.write(v);
        out.closeEntry();
      }
    }
    List<Long> reads = new ArrayList<>();
    ByteSource wrapped = ByteSource.of(ByteBuffer.wrap(bytes.toByteArray()));
    ByteSource counting =
        new ByteSource() {
          @Override
          public long size() {
            return wrapped.size();
          }

          @Override
          public void read(long offset, ByteBuffer dst) {
            reads.add(offset);
            wrapped.read(offset, dst);
          }
        };
    try (ZipStore store = ZipStore.of(counting)) {
      for (Map.Entry<String, byte[]> e : values.entrySet()) {
        int before = reads.size();
        assertThat(bytesOf(store.get(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        int index = Integer.parseInt(e.getKey().substring(2));
        assertThat(reads.size() - before).as(e.getKey()).isEqualTo(index >= 4 ? 2 : 1);
        before = reads.size();
        assertThat(bytesOf(store.get(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(reads.size() - before).as("%s again", e.getKey()).isEqualTo(1);
      }
    }
  }

  @Test
  void arraysWrittenOnceReadBackAfterClosing() {
    Path zip = tempDir.resolve("arrays.zip");
    NdArray values = NdArray.arange(DataType.FLOAT64, 600, 20, 30);
    try (ZipStore store = new ZipStore(zip, ZipStore.Mode.WRITE)) {
      ZarrGroup root = Zarr.group(store);
      root.attrs().put("a", 1);
      root.array("x", values, ArrayOptions.builder().chunks(7, 8).build());
      root.createGroup("g").zeros("y", ArrayOptions.builder().shape(3).build());
      assertThat(root.getArray("x").get("3:9, 1:2")).isNotNull();
    }
    try (ZipStore store = new ZipStore(zip, ZipStore.Mode.READ)) {
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.getArray("x").get()).isEqualTo(values);
      assertThat(root.arrayKeys(true)).containsExactly("g/y", "x");
      assertThat(root.attrs().asMap()).isEqualTo(Map.of("a", 1L));
    }
  }

  /**
   * ZIP64 offsets and sizes past 4 GiB, in a sparse file (no disk used): an entry whose local
   * header lies at 5 GB and one that claims 4.5 GB, recorded with ZipFormat's ZIP64 headers and end
   * records, are listed by the JDK's zip reader and by the zip store, which reads the first.
   */
  @Test
  void zip64OffsetsAndSizesPastFourGibibytesAreWrittenAndRead() throws IOException {
    Path file = tempDir.resolve("big.zip");
    byte[] value = utf8("past four gibibytes");
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(value);
    long at = 5_000_000_000L;
    ZipFormat.Entry far =
        new ZipFormat.Entry(
            "far/0",
            utf8("far/0"),
            0,
            0,
            0x21 << 16,
            crc.getValue(),
            value.length,
            value.length,
            at);
    ZipFormat.Entry huge =
        new ZipFormat.Entry(
            "huge/0", utf8("huge/0"), 0, 0, 0x21 << 16, 0, 4_500_000_000L, 4_500_000_000L, 0);
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.SPARSE)) {
      ByteBuffer hugeHeader = ZipFormat.localHeader(huge);
      ch.write(hugeHeader, 0);
      ByteBuffer farHeader = ZipFormat.localHeader(far);
      long dataAt = at + farHeader.remaining();
      ch.write(farHeader, at);
      ch.write(ByteBuffer.wrap(value), dataAt);
      long cd = dataAt + value.length;
      long pos = cd;
      for (ZipFormat.Entry e : List.of(huge, far)) {
        ByteBuffer h = ZipFormat.centralHeader(e);
        pos += ch.write(h, pos);
      }
      ch.write(ZipFormat.end(2, cd, pos - cd, false), pos);
    }
    try (ZipFile jdk = new ZipFile(file.toFile())) {
      assertThat(jdk.getEntry("huge/0").getSize()).isEqualTo(4_500_000_000L);
      assertThat(jdk.getInputStream(jdk.getEntry("far/0")).readAllBytes()).isEqualTo(value);
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.READ)) {
      assertThat(store.listPrefix("")).containsExactly("far/0", "huge/0");
      assertThat(store.size("huge/0")).isEqualTo(4_500_000_000L);
      assertThat(bytesOf(store.get("far/0"))).isEqualTo(value);
      assertThat(bytesOf(store.get("huge/0", ByteRange.of(4_000_000_000L, 3))))
          .containsExactly(0, 0, 0);
    }
    try (ZipStore store = new ZipStore(file, ZipStore.Mode.APPEND)) {
      store.set("after", value);
    }
    try (ZipFile jdk = new ZipFile(file.toFile())) {
      assertThat(jdk.getInputStream(jdk.getEntry("after")).readAllBytes()).isEqualTo(value);
      assertThat(jdk.size()).isEqualTo(3);
    }
  }
}
