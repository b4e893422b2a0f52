package dev.zarr4j.store;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A store in a ZIP archive (zarr-python's {@code ZipStore}): each key is an entry of the archive,
 * named by the key. zarr-python's and zarr4j's zip stores read each other's archives, and so does
 * any zip tool; an archive made by zipping a directory store's contents ({@link #pack(Path, Path)})
 * is a zip store.
 *
 * <p><b>Modes</b> are zarr-python's: {@code r} reads an existing archive ({@link #capabilities()}
 * not writable; every write throws a {@link ReadOnlyException}), {@code w} creates a new archive
 * (replacing a file there), {@code a} appends to an existing archive or creates one, {@code x}
 * creates a new archive and fails if the file exists.
 *
 * <p><b>Writing.</b> A ZIP archive cannot replace or remove an entry: setting a key that the
 * archive already holds is refused with a {@link StoreException} naming the key (zarr-python writes
 * a duplicate entry with a warning; the archive then holds two values for one key), and {@code
 * delete}, {@code deletePrefix} and {@code rename} throw {@link UnsupportedOperationException}.
 * Write each chunk once: write whole arrays, or selections aligned with chunk boundaries, or write
 * to a directory store and {@link #pack} it. Entries are stored uncompressed by default, as
 * zarr-python's (the chunks are usually compressed already), or deflated ({@link #DEFLATED}). Each
 * value is written to the file as it is set; the central directory that makes the file a valid
 * archive is written when the store is closed, so always close it (try-with-resources). In mode
 * {@code a} the new entries and a new central directory are written after the existing archive, so
 * the existing bytes are never overwritten. ZIP64 records are written when an archive needs them
 * (more than 65,534 entries, or sizes and offsets past 4 GiB). An archive opened in mode {@code a}
 * and not written to is left exactly as it was.
 *
 * <p><b>Reading</b> goes through ranged reads of the archive: its end records and central directory
 * when it is opened, then, for each entry read, its local header (once) and the bytes asked for. A
 * stored entry serves any byte range without reading the rest; a deflated one is inflated whole
 * when read and checked against its CRC-32. {@link #of(ByteSource)} reads an archive from any
 * {@link ByteSource} (a file, an object in another store), so an archive in an object store is read
 * without downloading it. Entries whose names are not valid keys (absolute, with {@code ..},
 * directories) are left out; when an archive holds one name twice, the last entry is read, as
 * Python's {@code zipfile} does.
 *
 * <p>Thread-safe: reads of a file run in parallel, writes are serialised. Closing the store
 * finishes the archive (in a writing mode) and closes the file; sources opened before cannot be
 * read afterwards. Idempotent.
 */
public final class ZipStore implements Store {

  /** How a zip store opens its archive (zarr-python's {@code mode}). */
  public enum Mode {
    /** Read an existing archive. */
    READ("r"),
    /** Create a new archive, replacing any file there. */
    WRITE("w"),
    /** Append to an existing archive, or create one. */
    APPEND("a"),
    /** Create a new archive; fail if the file exists. */
    CREATE("x");

    private final String letter;

    Mode(String letter) {
      this.letter = letter;
    }

    /** zarr-python's letter for the mode. */
    public String letter() {
      return letter;
    }

    /**
     * The mode zarr-python names with {@code letter} ({@code r}, {@code w}, {@code a}, {@code x}).
     *
     * @throws IllegalArgumentException naming the letter if it is none of them
     */
    public static Mode of(String letter) {
      for (Mode m : values()) {
        if (m.letter.equals(letter)) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "zip store mode must be one of r, w, a, x; got '" + letter + "'");
    }
  }

  /** Entries stored uncompressed (ZIP method 0; the default, as zarr-python's). */
  public static final int STORED = ZipFormat.STORED;

  /** Entries compressed with Deflate (ZIP method 8). */
  public static final int DEFLATED = ZipFormat.DEFLATED;

  private final String where;
  private final Mode mode;
  private final int compression;
  private final ZipFormat.Data data;
  private final AutoCloseable resource;
  private final boolean persistent;

  /** Key to entry; the last entry of a name wins. */
  private final ConcurrentSkipListMap<String, Item> items = new ConcurrentSkipListMap<>();

  /** Every entry in archive order (those read when opened, then those written), for closing. */
  private final List<ZipFormat.Entry> written = new ArrayList<>();

  /** Where writes go; null when read-only. */
  private final WritableByteChannel out;

  private long end;

  /** Whether the archive must be finished on close: something was written, or it is new. */
  private boolean dirty;

  private final Object writeLock = new Object();
  private volatile boolean closed;

  /**
   * An entry up to this size (stored, or compressed) is read in the same read as its local header
   * the first time it is read: one request rather than two when the archive is read over a network.
   */
  private static final int READ_WITH_HEADER = 256 << 10;

  /** One readable entry, with where its data starts once its local header has been read. */
  private static final class Item {
    final ZipFormat.Entry entry;
    volatile long dataOffset;

    Item(ZipFormat.Entry entry, long dataOffset) {
      this.entry = entry;
      this.dataOffset = dataOffset;
    }
  }

  private ZipStore(
      String where,
      Mode mode,
      int compression,
      ZipFormat.Data data,
      AutoCloseable resource,
      WritableByteChannel out,
      boolean persistent) {
    this.where = where;
    this.mode = mode;
    this.compression = compression;
    this.data = data;
    this.resource = resource;
    this.out = out;
    this.persistent = persistent;
  }

  /**
   * {@link #open(Path, Mode, int)} with mode {@code a} and stored entries (zarr-python's default).
   */
  public ZipStore(Path path) {
    this(path, Mode.APPEND);
  }

  /**
   * {@link #open(Path, Mode, int)} with stored entries.
   *
   * @throws StoreException as {@link #open(Path, Mode, int)}
   */
  public ZipStore(Path path, Mode mode) {
    this(open(path, mode, STORED));
  }

  private ZipStore(ZipStore opened) {
    this(
        opened.where,
        opened.mode,
        opened.compression,
        opened.data,
        opened.resource,
        opened.out,
        opened.persistent);
    items.putAll(opened.items);
    written.addAll(opened.written);
    end = opened.end;
    dirty = opened.dirty;
  }

  /**
   * Opens the archive at {@code path}.
   *
   * @param mode how to open it (see {@link Mode})
   * @param compression {@link #STORED} or {@link #DEFLATED}, for entries written
   * @throws StoreException naming the path if it is missing (mode {@code r}), exists (mode {@code
   *     x}), is not a zip archive or cannot be read or created
   * @throws IllegalArgumentException if {@code compression} is neither
   */
  public static ZipStore open(Path path, Mode mode, int compression) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    if (compression != STORED && compression != DEFLATED) {
      throw new IllegalArgumentException(
          "zip compression must be " + STORED + " (stored) or " + DEFLATED + " (deflated)");
    }
    Path file = path.toAbsolutePath().normalize();
    String where = "zip archive " + file;
    FileChannel channel;
    try {
      channel =
          switch (mode) {
            case READ -> FileChannel.open(file, StandardOpenOption.READ);
            case WRITE ->
                FileChannel.open(
                    file,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            case APPEND ->
                FileChannel.open(
                    file,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE);
            case CREATE ->
                FileChannel.open(
                    file,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW);
          };
    } catch (NoSuchFileException e) {
      throw new StoreException("cannot open " + where + " for reading: no such file", e);
    } catch (FileAlreadyExistsException e) {
      throw new StoreException("cannot create " + where + " (mode x): the file exists", e);
    } catch (IOException e) {
      throw new StoreException("cannot open " + where + ": " + e, e);
    }
    try {
      ZipFormat.Data data = fileData(channel, where);
      boolean writing = mode != Mode.READ;
      ZipStore store =
          new ZipStore(where, mode, compression, data, channel, writing ? channel : null, true);
      long size = channel.size();
      if (mode == Mode.READ || size > 0) {
        store.load(ZipFormat.readDirectory(data, where));
      }
      store.end = size;
      store.dirty = writing && (mode != Mode.APPEND || size == 0);
      if (writing) {
        channel.position(size);
      }
      return store;
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the first failure is what matters
      }
      if (e instanceof StoreException s) {
        throw s;
      }
      throw new StoreException("cannot open " + where + ": " + e, e);
    }
  }

  /**
   * A read-only store over the archive {@code source} serves (a file, an object of another store,
   * bytes in memory): its central directory and entries are read with ranged reads. Reads through
   * the one source are serialised. Closing the store closes the source.
   *
   * @throws StoreException if the bytes are not a zip archive (the source is then closed)
   */
  public static ZipStore of(ByteSource source) {
    Objects.requireNonNull(source, "source");
    String where = "zip archive " + source;
    ZipFormat.Data data =
        new ZipFormat.Data() {
          @Override
          public long size() {
            synchronized (source) {
              return source.size();
            }
          }

          @Override
          public void read(long position, ByteBuffer dst) {
            synchronized (source) {
              source.read(position, dst);
            }
          }
        };
    ZipStore store = new ZipStore(where, Mode.READ, STORED, data, source, null, false);
    try {
      store.load(ZipFormat.readDirectory(data, where));
    } catch (RuntimeException | Error e) {
      try {
        source.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return store;
  }

  private static ZipFormat.Data fileData(FileChannel channel, String where) {
    return new ZipFormat.Data() {
      @Override
      public long size() {
        try {
          return channel.size();
        } catch (IOException e) {
          throw new StoreException("cannot read " + where + ": " + e, e);
        }
      }

      @Override
      public void read(long position, ByteBuffer dst) {
        long at = position;
        try {
          while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
              throw new StoreException(
                  where + " is truncated: nothing at " + at + " of " + channel.size() + " bytes");
            }
            at += n;
          }
        } catch (ClosedChannelException e) {
          throw new StoreException(where + " is closed", e);
        } catch (IOException e) {
          throw new StoreException("cannot read " + where + ": " + e, e);
        }
      }
    };
  }

  private void load(ZipFormat.Directory directory) {
    for (ZipFormat.Entry e : directory.entries()) {
      written.add(e);
      String key = keyOf(e.name());
      if (key != null) {
        items.put(key, new Item(e, -1));
      }
    }
  }

  /** The key an entry name stands for, or null for a directory or a name that is not a key. */
  private static String keyOf(String name) {
    if (name.isEmpty() || name.endsWith("/")) {
      return null;
    }
    try {
      return StoreKeys.validate(name);
    } catch (InvalidKeyException e) {
      return null;
    }
  }

  /** The mode the archive was opened in. */
  public Mode mode() {
    return mode;
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(out != null, true, true, persistent).withRename(false);
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("zip store on " + where + " is closed");
    }
  }

  // ---------------------------------------------------------------- reading

  private Item item(String key) {
    StoreKeys.validate(key);
    ensureOpen();
    return items.get(key);
  }

  private long dataOffset(Item item) {
    long offset = item.dataOffset;
    if (offset < 0) {
      offset = ZipFormat.dataOffset(data, item.entry, where);
      item.dataOffset = offset;
    }
    return offset;
  }

  @Override
  public Optional<ByteSource> open(String key) {
    Item item = item(key);
    if (item == null) {
      return Optional.empty();
    }
    ZipFormat.Entry e = item.entry;
    if ((e.flags() & ZipFormat.FLAG_ENCRYPTED) != 0) {
      throw new StoreException("entry '" + key + "' of " + where + " is encrypted");
    }
    if (e.method() == ZipFormat.STORED) {
      if (e.compressedSize() != e.size()) {
        throw new StoreException(
            "entry '" + key + "' of " + where + " is stored but its sizes differ");
      }
      if (item.dataOffset < 0 && e.size() <= READ_WITH_HEADER) {
        ZipFormat.Local local = ZipFormat.readLocal(data, e, e.size(), where);
        item.dataOffset = local.dataOffset();
        if (local.data().remaining() == e.size()) {
          return Optional.of(ByteSource.of(local.data()));
        }
      }
      long start = dataOffset(item);
      return Optional.of(new EntrySource(key, start, e.size()));
    }
    if (e.method() == ZipFormat.DEFLATED) {
      return Optional.of(ByteSource.of(ByteBuffer.wrap(inflate(key, item))));
    }
    throw new StoreException(
        "entry '"
            + key
            + "' of "
            + where
            + " uses compression method "
            + e.method()
            + "; a zip store reads stored (0) and deflated (8) entries");
  }

  private byte[] inflate(String key, Item item) {
    ZipFormat.Entry e = item.entry;
    if (e.size() > Integer.MAX_VALUE - 64 || e.compressedSize() > Integer.MAX_VALUE - 64) {
      throw new StoreException(
          "entry '" + key + "' of " + where + " has " + e.size() + " bytes: too large to inflate");
    }
    ByteBuffer compressed = null;
    if (item.dataOffset < 0 && e.compressedSize() <= READ_WITH_HEADER) {
      ZipFormat.Local local = ZipFormat.readLocal(data, e, e.compressedSize(), where);
      item.dataOffset = local.dataOffset();
      if (local.data().remaining() == e.compressedSize()) {
        compressed = ByteBuffer.allocate((int) e.compressedSize()).put(local.data()).flip();
      }
    }
    if (compressed == null) {
      compressed = ByteBuffer.allocate((int) e.compressedSize());
      data.read(dataOffset(item), compressed);
    }
    byte[] out = new byte[(int) e.size()];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed.array());
      int n = 0;
      while (n < out.length && !inflater.finished()) {
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != out.length) {
        throw new StoreException(
            "entry '" + key + "' of " + where + " inflates to " + n + " bytes, not " + e.size());
      }
    } catch (DataFormatException ex) {
      throw new StoreException("entry '" + key + "' of " + where + " is corrupt: " + ex, ex);
    } finally {
      inflater.end();
    }
    CRC32 crc = new CRC32();
    crc.update(out);
    if (crc.getValue() != e.crc()) {
      throw new StoreException("entry '" + key + "' of " + where + " fails its CRC-32 check");
    }
    return out;
  }

  /** The bytes of a stored entry, read from the archive where they lie. */
  private final class EntrySource implements ByteSource {
    private final String key;
    private final long start;
    private final long size;

    EntrySource(String key, long start, long size) {
      this.key = key;
      this.start = start;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
      Objects.checkFromIndexSize(offset, dst.remaining(), size);
      if (closed) {
        throw new StoreException(
            "entry '" + key + "' was read after the zip store on " + where + " was closed");
      }
      data.read(start + offset, dst);
    }

    @Override
    public String toString() {
      return "ZipEntry[" + key + ", " + size + " bytes]";
    }
  }

  @Override
  public boolean contains(String key) {
    return item(key) != null;
  }

  @Override
  public long size(String key) {
    Item item = item(key);
    return item == null ? -1 : item.entry.size();
  }

  // ---------------------------------------------------------------- writing

  private void ensureWritable(String what) {
    if (out == null) {
      throw new ReadOnlyException("cannot " + what + ": " + where + " is opened read-only");
    }
  }

  /**
   * Appends an entry for {@code key}.
   *
   * @throws StoreException naming the key if the archive already holds it (an entry cannot be
   *     replaced), or the write fails
   * @throws ReadOnlyException in mode {@code r}
   */
  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    ensureOpen();
    ensureWritable("write '" + key + "'");
    if (value == null) {
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    byte[] stored = compression == DEFLATED ? deflate(bytes) : bytes;
    byte[] name = key.getBytes(StandardCharsets.UTF_8);
    boolean ascii = name.length == key.length();
    synchronized (writeLock) {
      ensureOpen();
      if (items.containsKey(key)) {
        throw new StoreException(
            "cannot write '"
                + key
                + "': "
                + where
                + " already holds it, and a zip archive cannot replace an entry (write each"
                + " chunk once, or write to a directory store and pack it)");
      }
      ZipFormat.Entry entry =
          new ZipFormat.Entry(
              key,
              name,
              ascii ? 0 : ZipFormat.FLAG_UTF8,
              compression,
              ZipFormat.dosTime(LocalDateTime.now()),
              crc.getValue(),
              stored.length,
              bytes.length,
              end);
      ByteBuffer header = ZipFormat.localHeader(entry);
      long dataOffset = end + header.remaining();
      writeFully(header, key);
      writeFully(ByteBuffer.wrap(stored), key);
      written.add(entry);
      items.put(key, new Item(entry, dataOffset));
      dirty = true;
    }
  }

  private static byte[] deflate(byte[] bytes) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(bytes.length / 2 + 64);
      byte[] buffer = new byte[64 << 10];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        o.write(buffer, 0, n);
      }
      return o.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** Writes at the end of the archive (under the write lock). */
  private void writeFully(ByteBuffer b, String key) {
    try {
      while (b.hasRemaining()) {
        end += out.write(b);
      }
    } catch (IOException e) {
      throw new StoreException("cannot write '" + key + "' to " + where + ": " + e, e);
    }
  }

  /**
   * Refused for an entry the archive holds: a zip archive cannot remove one. Deleting an absent key
   * changes nothing and is allowed, as in every store.
   */
  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    ensureOpen();
    ensureWritable("delete '" + key + "'");
    if (!contains(key)) {
      return;
    }
    throw new UnsupportedOperationException(
        "cannot delete '" + key + "': a zip archive cannot remove an entry (" + where + ")");
  }

  /**
   * Refused when the archive holds entries under the prefix: a zip archive cannot remove them. A
   * prefix with nothing under it (clearing a new archive before writing a group, as {@code
   * zarr.open("data.zip", mode="w")} does) changes nothing and is allowed.
   */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    ensureOpen();
    ensureWritable("delete '" + prefix + "'");
    if (listPrefix(prefix).isEmpty()) {
      return;
    }
    throw new UnsupportedOperationException(
        "cannot delete '" + prefix + "': a zip archive cannot remove entries (" + where + ")");
  }

  /** Refused: a zip archive cannot move entries. */
  @Override
  public void rename(String from, String to) {
    StoreKeys.validateRename(from, to);
    ensureOpen();
    ensureWritable("rename '" + from + "'");
    throw new UnsupportedOperationException(
        "cannot rename '" + from + "': a zip archive cannot move entries (" + where + ")");
  }

  // ---------------------------------------------------------------- listing

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    ensureOpen();
    return SortedKeys.listPrefix(items, prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    ensureOpen();
    return SortedKeys.listDir(items, prefix);
  }

  // ---------------------------------------------------------------- closing

  /**
   * Finishes the archive (in a writing mode: writes the central directory and end records after the
   * entries) and closes the file or source. Idempotent.
   *
   * @throws StoreException if the archive cannot be finished
   */
  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (out != null && dirty) {
          long cdStart = end;
          for (ZipFormat.Entry e : written) {
            writeFully(ZipFormat.centralHeader(e), e.name());
          }
          writeFully(ZipFormat.end(written.size(), cdStart, end - cdStart, false), "(end)");
          if (out instanceof FileChannel f) {
            f.force(true);
          }
        }
      } catch (IOException e) {
        throw new StoreException("cannot finish " + where + ": " + e, e);
      } finally {
        try {
          resource.close();
        } catch (Exception e) {
          // the archive is written; failing to release the handle loses nothing
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ZipStore[" + where.substring("zip archive ".length()) + ", mode " + mode.letter + "]";
  }

  // ---------------------------------------------------------------- packing

  /**
   * Zips a directory store: every key of the directory store at {@code directory} becomes a stored
   * entry of a new archive at {@code zip} (replacing a file there), named by its key relative to
   * the directory, as zarr-python's docs suggest making one ({@code 7z a -tzip archive.zarr.zip
   * archive.zarr/.}).
   *
   * @throws StoreException if the directory cannot be read or the archive written
   */
  public static void pack(Path directory, Path zip) {
    try (DirectoryStore source = new DirectoryStore(directory);
        ZipStore target = new ZipStore(zip, Mode.WRITE)) {
      copyAll(source, target);
    }
  }

  /**
   * Zips every key of {@code source} into a new archive written to {@code out} (which the caller
   * closes), with stored entries.
   *
   * @throws StoreException if a value cannot be read or the archive written
   */
  public static void pack(Store source, OutputStream out) {
    WritableByteChannel channel = Channels.newChannel(out);
    ZipStore target =
        new ZipStore("zip archive in " + out, Mode.WRITE, STORED, null, () -> {}, channel, false);
    target.dirty = true;
    try {
      copyAll(source, target);
    } finally {
      target.close();
    }
  }

  private static void copyAll(Store source, ZipStore target) {
    for (String key : source.listPrefix("")) {
      source.get(key).ifPresent(v -> target.set(key, v));
    }
  }

  /** {@link Mode#of(String)} of an option's text, lower-cased. */
  static Mode modeOf(String letter) {
    return Mode.of(letter.toLowerCase(Locale.ROOT));
  }
}
