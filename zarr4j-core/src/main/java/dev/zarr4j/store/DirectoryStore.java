package dev.zarr4j.store;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.internal.ChunkScratch;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * A store that keeps each value in a file below a root directory, laid out as zarr-python's {@code
 * DirectoryStore} lays it out: the key {@code a/b/.zarray} is the file {@code root/a/b/.zarray},
 * each {@code /} in a key making a sub-directory. zarr-python and zarr4j can read and write the
 * same directory.
 *
 * <p><b>Writes are atomic.</b> A value is first written to a temporary file in the directory that
 * will hold it, named {@code <name>.<32 hex digits>.partial} as zarr-python names its own, and then
 * renamed over the target in one step. A concurrent reader, in this process or another, sees the
 * old value or the new one, never a mix; if the write fails the temporary file is removed and the
 * old value stays. Files named like temporary files never appear in listings (whichever program
 * left them), and keys whose last segment has that form are rejected. Writes are not forced to the
 * disk ({@code fsync}): after a power failure a recent value may be lost, but is not torn.
 *
 * <p><b>Shards are updated in place.</b> A value stored with an {@linkplain
 * ValueParts#inPlaceUpdate() in-place alternative} (a partial write of a Zarr v3 shard whose index
 * is at its end, has a checksum and fits one page) is updated in its file instead of written anew,
 * when the file is still the one the update was computed from (same size, same index bytes): a copy
 * of the old index is written at the next page boundary past the end of the file, then the new
 * inner chunks into the gap before it, and last the new index over the copy, in one write of one
 * page. Each write reaches the disk before the next starts (the file is written with {@code
 * O_DSYNC}), so, unlike a whole write, an in-place update is on the disk when {@code set} returns.
 * After each step the file is a valid shard (the old one until the last write), so a process killed
 * midway leaves the old value or the new one (the tests kill writers); a power failure should too,
 * by the same order of writes each on the disk before the next, where the disk writes a page at
 * once (reasoned, not tested). A reader that reads the index while the last write lands can see a
 * mix of the two, which the index's checksum rejects (zarr4j then reads it once more); a whole read
 * of a file takes its last page first, so the index it sees never names inner chunks it read before
 * they were written. Updates of one file are serialized within this JVM and, through a lock on the
 * file, with other processes that lock it (other zarr4j processes; the lock is not taken by writers
 * that replace the file, such as zarr-python, whose write then wins as a rename would). The bytes
 * an update stops referring to stay in the file until a whole write, which the sharding codec asks
 * for once a shard would grow past twice its live bytes. Subclasses turn this off with {@link
 * #updatesInPlace()}.
 *
 * <p><b>Reads</b> open the file and read the wanted byte range at its position, so a {@link
 * ByteRange} costs only the bytes it names: {@link #get(String, ByteRange)} and {@link #getInto}
 * (the whole file into the caller's buffer) are one positional read each, and {@link #open} keeps
 * the file open for several (see there). A key that names a directory, or a path through a file,
 * reads as absent.
 *
 * <p><b>Directories</b> are created as keys need them. Deleting a key removes the directories it
 * leaves empty (up to, not including, the root), so listings never show empty prefixes. Because a
 * file system cannot hold a file and a directory under one name, storing {@code a/b} while {@code
 * a} holds a value, or storing {@code a} while values exist below {@code a/}, fails with a {@link
 * StoreException}. (zarr-python would silently delete the directory in the second case; zarr4j
 * refuses and leaves it to {@link #deletePrefix}.)
 *
 * <p><b>Keys</b> are validated with {@link StoreKeys#validate}, and the resolved file must lie
 * strictly below the root.
 *
 * <p><b>Symbolic links</b> below the root are followed only while they lead to a place below the
 * root: reads and writes stay inside it. A key whose file is, or lies under, a link leading out of
 * the root (or a dangling one) reads as absent ({@code get}, {@code open}, {@code contains}, {@code
 * size}), is left out of listings, and writing, deleting or renaming through it is refused with a
 * {@link StoreException} naming the key. Setting a key whose file is itself such a link replaces
 * the link, not what it points to, and {@link #deletePrefix} removes links without following them.
 * Links within the root (to share chunks between arrays, say) work as files and directories do. To
 * keep reads and writes cheap, a key's directory once found to lie below the root is trusted for a
 * second without a new check (the file itself is opened without following links, so a file that is
 * a link is checked on every use): a directory that another program replaces by a link leading out
 * may be followed for up to a second after, unless this store removed or moved a directory since,
 * which makes it check again at once. (Without that memory the check and the use are two steps
 * anyway: a program swapping directories between them wins either way.) With {@code normalizeKeys},
 * keys and prefixes are lower-cased ({@link Locale#ROOT}) before use, as zarr-python's {@code
 * normalize_keys=True}; listings return names as they are on disk. Listings are sorted by {@link
 * String#compareTo}.
 *
 * <p>The store is thread-safe and safe to share between processes. It holds no open file between
 * calls, except those of the sources {@link #open} returns until they are closed, and files it has
 * just replaced (no longer named), which a background thread closes to free their blocks off the
 * writer's path; {@link #close()} only marks the store closed, after which every operation throws a
 * {@link StoreException} (sources opened before stay readable). Two directory stores are {@link
 * #equals equal} when they are of the same class on the same normalised absolute root with the same
 * {@code normalizeKeys}. A store is {@link Serializable} as its location only (the root path and
 * options, not the data), which requires a root on the default file system; it deserialises as an
 * open store.
 */
public class DirectoryStore implements Store, Serializable {
  private static final long serialVersionUID = 1L;

  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, true);

  private static final String TEMP_SUFFIX = ".partial";
  private static final int TEMP_HEX_DIGITS = 32;

  /** Characters of the target's name kept in a temporary file's name, to respect name limits. */
  private static final int TEMP_NAME_KEEP = 50;

  /** Attempts at a write whose directory is removed by a concurrent delete while writing. */
  private static final int WRITE_ATTEMPTS = 16;

  /** Attempts at renaming a temporary file while access to the target is denied. */
  private static final int MOVE_ATTEMPTS = 5;

  private static final int MAX_VALUE_SIZE = Integer.MAX_VALUE - 8;

  /** Serialised through {@link SerializedForm}, never directly. */
  private final transient Path root;

  private final transient boolean normalizeKeys;
  private transient volatile boolean closed;

  /** The root with its links resolved, found once the root exists (see {@link #realRoot()}). */
  private transient volatile Path realRoot;

  /**
   * Directories below the root found to lie below it with their links resolved, each with the
   * {@link System#nanoTime} of that check: trusted for {@link #CHECK_TRUSTED_NANOS} without
   * checking again, so that reads and writes of keys in one directory cost no link check each.
   * Cleared when it holds {@link #CHECKED_DIRECTORIES_MAX} entries and whenever this store removes
   * or moves a directory (see {@link #forgetCheckedDirectories}).
   */
  private final transient ConcurrentHashMap<Path, Long> checkedDirectories =
      new ConcurrentHashMap<>();

  /** How long a directory found not to lead out of the root is trusted without a new check. */
  static final long CHECK_TRUSTED_NANOS = 1_000_000_000L;

  /** The most directories remembered as checked; the memory is cleared when it is full. */
  private static final int CHECKED_DIRECTORIES_MAX = 4096;

  /**
   * Opens a store on {@code root}. The directory need not exist yet; it is created by the first
   * write.
   *
   * @throws StoreException if {@code root} exists and is not a directory
   */
  public DirectoryStore(Path root) {
    this(root, false);
  }

  /**
   * Opens a store on {@code root}, optionally lower-casing every key.
   *
   * @param root the directory holding the store; created by the first write if absent
   * @param normalizeKeys lower-case keys and prefixes before use (zarr-python's {@code
   *     normalize_keys})
   * @throws StoreException if {@code root} exists and is not a directory
   */
  public DirectoryStore(Path root, boolean normalizeKeys) {
    if (root == null) {
      throw new IllegalArgumentException("store root must not be null");
    }
    this.root = root.toAbsolutePath().normalize();
    this.normalizeKeys = normalizeKeys;
    if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
      throw new StoreException(
          "cannot open a directory store at " + this.root + ": it exists and is not a directory");
    }
  }

  /** The absolute, normalised root directory. */
  public Path root() {
    return root;
  }

  /** Whether keys are lower-cased before use. */
  public boolean normalizeKeys() {
    return normalizeKeys;
  }

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ---------------------------------------------------------------- reading

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      Path file = fileOf(key);
      ensureOpen();
      throw new IllegalArgumentException(
          "byte range must not be null (key '" + key + "', " + file + ")");
    }
    return read(key, range, null, true);
  }

  /**
   * Reads the whole file into a buffer from {@code allocator}, in one positional read when the file
   * is not changed meanwhile.
   */
  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    if (allocator == null) {
      throw new IllegalArgumentException("allocator must not be null");
    }
    return read(key, ByteRange.FULL, allocator, true);
  }

  /**
   * {@inheritDoc} One positional read of the whole file, without the last-page reads that guard a
   * whole read against an in-place update ({@link #getInto}): a file replaced whole (by a rename)
   * is read from the file opened, whatever replaces it meanwhile.
   */
  @Override
  public Optional<ByteBuffer> getReplacedInto(String key, IntFunction<ByteBuffer> allocator) {
    if (allocator == null) {
      throw new IllegalArgumentException("allocator must not be null");
    }
    return read(key, ByteRange.FULL, allocator, false);
  }

  /**
   * Reads a range of the key's file.
   *
   * @param lastPageGuard whether a whole read reads the last page first ({@link
   *     #readLastPageFirst}), against an in-place update landing during the read
   */
  private Optional<ByteBuffer> read(
      String key, ByteRange range, IntFunction<ByteBuffer> allocator, boolean lastPageGuard) {
    Path file = readable(fileOf(key));
    if (file == null) {
      return Optional.empty();
    }
    try (FileChannel channel = openForRead(file)) {
      if (channel == null) {
        return Optional.empty();
      }
      long size = channel.size();
      long start = range.start(size);
      long length = range.end(size) - start;
      if (length > MAX_VALUE_SIZE) {
        throw new StoreException(
            "cannot read " + length + " bytes of key '" + key + "' into one buffer (" + file + ")");
      }
      if (length == 0) {
        // nothing is read, so a directory would go unnoticed: check the kind explicitly
        return Files.isRegularFile(file) ? Optional.of(ByteBuffer.allocate(0)) : Optional.empty();
      }
      ByteBuffer out;
      if (allocator == null) {
        out = ByteBuffer.allocate((int) length);
      } else {
        ByteBuffer given = allocator.apply((int) length);
        if (given == null || given.remaining() < length) {
          throw new IllegalArgumentException(
              "allocator gave "
                  + (given == null ? "null" : given.remaining() + " bytes")
                  + " for the "
                  + length
                  + " bytes of key '"
                  + key
                  + "'");
        }
        out = given.slice().limit((int) length);
      }
      if (lastPageGuard) {
        readLastPageFirst(channel, out, start, size);
      }
      long position = start + out.position();
      while (out.hasRemaining()) {
        int n = channel.read(out, position);
        if (n < 0) {
          break; // the file was truncated in place by someone else: return what exists
        }
        position += n;
      }
      out.flip();
      return Optional.of(out);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (!Files.isRegularFile(file)) {
        return Optional.empty(); // a directory, or a path through a file
      }
      throw new StoreException("cannot read key '" + key + "' from " + file, e);
    }
  }

  /**
   * Opens the file for positional reads. A value of at most {@value #READER_HEAD} bytes is read at
   * once (that read also tells a directory, which is absent, from a file), held in memory and the
   * file closed. A longer one keeps the file open until the source is closed, and reads its first
   * {@value #READER_HEAD} bytes at once too: that is what a partial Blosc decode asks for first
   * (the header, the block table and its read-ahead), so its requests there cost no read, and that
   * read tells a directory from a file without a stat of the path. Other reads are one positional
   * read each (a read of the whole value too, which then costs two reads with the head's).
   *
   * <p>The source reads the file it opened: a later {@link #set} renames a new file over the key
   * and {@link #delete} unlinks it, neither of which changes the open file, so the source keeps
   * reading the value it was opened on. Only another program writing the file in place could change
   * it; a source that then finds the file shorter than when opened throws a {@link StoreException}.
   */
  @Override
  public Optional<ByteSource> open(String key) {
    Path file = readable(fileOf(key));
    if (file == null) {
      return Optional.empty();
    }
    FileChannel channel;
    try {
      channel = openForRead(file);
      if (channel == null) {
        return Optional.empty();
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (!Files.isRegularFile(file)) {
        return Optional.empty(); // a path through a file
      }
      throw new StoreException("cannot read key '" + key + "' from " + file, e);
    }
    boolean keepOpen = false;
    try {
      long size = channel.size();
      if (size == 0 && !Files.isRegularFile(file)) {
        return Optional.empty(); // nothing to read, so a directory would go unnoticed
      }
      if (size <= READER_HEAD) {
        ByteBuffer whole = ByteBuffer.allocate((int) size);
        while (whole.hasRemaining()) {
          if (channel.read(whole, whole.position()) < 0) {
            break; // truncated in place meanwhile: the shorter value is what was there
          }
        }
        return Optional.of(ByteSource.of(whole.flip())); // the file is closed below
      }
      // the head is read now: a directory fails this read (caught below), which saves the stat
      // of the path that would tell it otherwise
      FileSource source = new FileSource(channel, key, file, size);
      source.readHead();
      keepOpen = true;
      return Optional.of(source);
    } catch (IOException e) {
      if (!Files.isRegularFile(file)) {
        return Optional.empty(); // a directory
      }
      throw new StoreException("cannot read key '" + key + "' from " + file, e);
    } finally {
      if (!keepOpen) {
        closeQuietly(channel);
      }
    }
  }

  /**
   * Values up to this size are read whole when opened; of longer ones, this many first bytes are
   * read when opened: enough for a partial Blosc decode's first requests (the 16-byte header, the
   * block table and its 4 KiB read-ahead), so they cost no read of their own.
   */
  private static final int READER_HEAD = 8 << 10;

  /**
   * Runs of a {@link ByteSource#readPacked} at most this many bytes apart are read with one
   * positional read: a read system call costs about as much as copying a few KiB more.
   */
  static final int COALESCE_GAP = 8 << 10;

  /** The longest span read at once for {@link ByteSource#readPacked}. */
  static final int MAX_SPAN = 4 << 20;

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was written
    }
  }

  /** Positional reads of one open file longer than its head. */
  private static final class FileSource implements ByteSource {
    private final FileChannel channel;
    private final String key;
    private final Path file;
    private final long size;

    /**
     * The file's first bytes (up to {@code READER_HEAD}), read when it was opened (fewer if it was
     * truncated meanwhile).
     */
    private ByteBuffer head;

    FileSource(FileChannel channel, String key, Path file, long size) {
      this.channel = channel;
      this.key = key;
      this.file = file;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    /**
     * Reads the head, once, when the source is opened: an {@link IOException} if the file is a
     * directory.
     */
    void readHead() throws IOException {
      ByteBuffer h = ByteBuffer.allocate(READER_HEAD);
      while (h.hasRemaining()) {
        if (channel.read(h, h.position()) < 0) {
          break; // truncated in place meanwhile
        }
      }
      head = h.flip();
    }

    /** The head, when the {@code len} bytes at {@code offset} lie in it, else null. */
    private ByteBuffer headFor(long offset, int len) {
      return offset + len <= head.limit() ? head : null;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
      int len = dst.remaining();
      Objects.checkFromIndexSize(offset, len, size);
      ByteBuffer h = headFor(offset, len);
      if (h != null) {
        dst.put(h.slice((int) offset, len));
        return;
      }
      readFully(offset, dst, true);
    }

    @Override
    public void read(long offset, byte[] dst, int off, int len) {
      Objects.checkFromIndexSize(off, len, dst.length);
      Objects.checkFromIndexSize(offset, len, size);
      ByteBuffer h = headFor(offset, len);
      if (h != null) {
        h.get((int) offset, dst, off, len);
        return;
      }
      readFully(offset, ByteBuffer.wrap(dst, off, len), true);
    }

    /**
     * {@inheritDoc} Runs at most {@link #COALESCE_GAP} bytes apart are read together: one
     * positional read of the span covering them (up to {@link #MAX_SPAN} bytes) into a reused
     * buffer, from which the runs are copied. A window of a raw chunk is many short runs one chunk
     * row apart (64 rows of 256 bytes, 2 KiB apart, in a 64 x 64 float32 window of a 512 x 512
     * chunk), which one read of the span serves for about the cost of two of them.
     */
    @Override
    public void readPacked(ByteRuns runs, byte[] dst, int off) {
      Objects.checkFromIndexSize(off, runs.totalBytes(), dst.length);
      int n = runs.count();
      if (n > 0) {
        Objects.checkFromToIndex(runs.start(0), runs.last(), size);
      }
      int at = off;
      int i = 0;
      while (i < n) {
        long start = runs.start(i);
        int j = i + 1;
        while (j < n
            && runs.start(j) - runs.end(j - 1) <= COALESCE_GAP
            && runs.end(j) - start <= MAX_SPAN) {
          j++;
        }
        long end = runs.end(j - 1);
        if (j == i + 1 || end <= READER_HEAD) {
          // one run, or runs in the file's head (read once, kept): run by run
          for (int k = i; k < j; k++) {
            int len = (int) (runs.end(k) - runs.start(k));
            read(runs.start(k), dst, at, len);
            at += len;
          }
        } else {
          at = readSpan(runs, i, j, dst, at);
        }
        i = j;
      }
    }

    /**
     * Reads the span from the start of run {@code i} to the end of run {@code j - 1} with one
     * positional read and copies runs {@code i..j-1} to {@code dst} from {@code at}; returns where
     * the next run goes.
     */
    private int readSpan(ByteRuns runs, int i, int j, byte[] dst, int at) {
      long start = runs.start(i);
      int length = (int) (runs.end(j - 1) - start);
      ChunkScratch scratch = ChunkScratch.get();
      ByteBuffer span = scratch.lendDirect(length);
      try {
        readFully(start, span, true);
        for (int k = i; k < j; k++) {
          int len = (int) (runs.end(k) - runs.start(k));
          span.get((int) (runs.start(k) - start), dst, at, len);
          at += len;
        }
        return at;
      } finally {
        scratch.release(span);
      }
    }

    /** {@inheritDoc} True: a file's ranges go to a file channel in the kernel. */
    @Override
    public boolean transfersDirectly() {
      return true;
    }

    /** {@inheritDoc} File to file channel in the kernel ({@link FileChannel#transferTo}). */
    @Override
    public void transferTo(long offset, long length, java.nio.channels.WritableByteChannel target)
        throws IOException {
      Objects.checkFromIndexSize(offset, length, size);
      long done = 0;
      while (done < length) {
        long n = channel.transferTo(offset + done, length - done, target);
        if (n <= 0) {
          throw new StoreException(
              "key '"
                  + key
                  + "' ("
                  + file
                  + ") ended at byte "
                  + (offset + done)
                  + " while copying "
                  + length
                  + " bytes from byte "
                  + offset);
        }
        done += n;
      }
    }

    @Override
    public ByteBuffer readAll() {
      if (size > MAX_VALUE_SIZE) {
        throw new StoreException(
            "cannot read the "
                + size
                + " bytes of key '"
                + key
                + "' into one buffer ("
                + file
                + ")");
      }
      ByteBuffer out = ByteBuffer.allocate((int) size);
      readFully(0, out, true);
      return out.flip();
    }

    /**
     * Fills {@code dst} from {@code offset}; at the end of the file, throws when {@code exact},
     * else stops (the head of a file truncated meanwhile is what is there).
     */
    private void readFully(long offset, ByteBuffer dst, boolean exact) {
      long position = offset;
      try {
        int before = dst.position();
        readLastPageFirst(channel, dst, offset, size);
        position += dst.position() - before;
        while (dst.hasRemaining()) {
          int n = channel.read(dst, position);
          if (n < 0 && !exact) {
            return;
          }
          if (n < 0) {
            throw new StoreException(
                "key '"
                    + key
                    + "' ("
                    + file
                    + ") was truncated while it was read: bytes from "
                    + position
                    + " of the "
                    + size
                    + " it had when opened are not there");
          }
          position += n;
        }
      } catch (ClosedByInterruptException e) {
        throw new StoreException(
            "reading key '" + key + "' was interrupted, which closes its file (" + file + ")", e);
      } catch (ClosedChannelException e) {
        throw new StoreException("key '" + key + "' was read after its source was closed", e);
      } catch (IOException e) {
        throw new StoreException("cannot read key '" + key + "' from " + file, e);
      }
    }

    @Override
    public void close() {
      closeQuietly(channel);
    }

    @Override
    public String toString() {
      return "FileSource[" + file + ", " + size + " bytes]";
    }
  }

  /** The page size in-place updates align a shard's index to (see {@link #readLastPageFirst}). */
  private static final int PAGE = 4096;

  /** How many times a whole read starts again when the file's last page changed under it. */
  private static final int LAST_PAGE_ATTEMPTS = 3;

  /**
   * Before a read of the whole file ({@code dst.remaining()} bytes from {@code start} 0 to its end,
   * {@code size} bytes when opened) that spans more than its last page, reads that last page's
   * bytes into their place in {@code dst}, then the bytes before it, then the last page once more:
   * if it changed meanwhile, the read starts again (up to {@value #LAST_PAGE_ATTEMPTS} times). It
   * leaves {@code dst}'s position after the bytes read; otherwise (or when the file ends early) it
   * reads nothing. The index of a shard updated in place fills the last page and is written last
   * (see {@link #set(String, ValueParts)}), so a whole read that sees a new index also sees the
   * inner chunks it names, and one that overlapped the index's write reads it again.
   */
  private static void readLastPageFirst(FileChannel channel, ByteBuffer dst, long start, long size)
      throws IOException {
    long end = start + dst.remaining();
    long lastPage = (size - 1) / PAGE * PAGE;
    if (start != 0 || end != size || lastPage <= start) {
      return; // only whole reads: a ranged read follows an index it has read already
    }
    int head = (int) (lastPage - start);
    int tailLength = (int) (end - lastPage);
    ByteBuffer again = ByteBuffer.allocate(tailLength);
    for (int attempt = 1; ; attempt++) {
      ByteBuffer tail = dst.slice(dst.position() + head, tailLength);
      ByteBuffer first = dst.slice(dst.position(), head);
      if (!readAt(channel, tail, lastPage) || !readAt(channel, first, start)) {
        return; // truncated meanwhile: the caller reads in order and sees where it ends
      }
      again.clear();
      if (!readAt(channel, again, lastPage)
          || again.flip().equals(tail.flip())
          || attempt == LAST_PAGE_ATTEMPTS) {
        break;
      }
    }
    dst.position(dst.position() + head + tailLength);
  }

  /** Fills {@code dst} from {@code position}; false if the file ends first. */
  private static boolean readAt(FileChannel channel, ByteBuffer dst, long position)
      throws IOException {
    while (dst.hasRemaining()) {
      if (channel.read(dst, position + dst.position()) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean contains(String key) {
    BasicFileAttributes attributes = attributesOf(readable(fileOf(key)));
    return attributes != null && attributes.isRegularFile();
  }

  @Override
  public long size(String key) {
    BasicFileAttributes attributes = attributesOf(readable(fileOf(key)));
    return attributes != null && attributes.isRegularFile() ? attributes.size() : -1;
  }

  /**
   * The attributes of a key's file ({@code null} when {@code file} is) without following a link, or
   * of the link's target when the file is a link to a place below the root; null when absent.
   */
  private BasicFileAttributes attributesOf(Path file) {
    if (file == null) {
      return null;
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isSymbolicLink()) {
        return attributes;
      }
      Path target = linkTargetBelowRoot(file);
      return target == null ? null : Files.readAttributes(target, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- writing

  @Override
  public void set(String key, ByteBuffer value) {
    if (value == null) {
      fileOf(key);
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    setWith(key, temp -> writeFile(temp, value.duplicate()));
  }

  /**
   * {@inheritDoc} The parts are written to the temporary file in order, ranges of opened files
   * copied file to file by the kernel ({@link FileChannel#transferTo}), then the file is renamed
   * over the target as {@link #set(String, ByteBuffer)} does.
   */
  @Override
  public void set(String key, ValueParts value) {
    if (value == null) {
      fileOf(key);
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    Optional<InPlaceUpdate> update = value.inPlaceUpdate();
    if (update.isPresent() && updatesInPlace() && applyInPlace(key, update.get())) {
      return;
    }
    setWith(key, temp -> writeFile(temp, value));
  }

  /**
   * Whether {@link #set(String, ValueParts)} applies a value's {@linkplain InPlaceUpdate in-place
   * update} to the key's file when it can (see the class comment); true here. A subclass that
   * changes how files are written ({@link #writeFile}) and wants every value to go through it
   * returns false, so that every value is written to a new file.
   *
   * @return whether in-place updates are applied
   */
  protected boolean updatesInPlace() {
    return true;
  }

  /** The byte of a file that in-place updaters lock between processes (none reads it). */
  private static final long UPDATE_LOCK_BYTE = Long.MAX_VALUE - 1;

  /** Locks serializing in-place updates of one file within this JVM, by the file's path. */
  private static final ReentrantLock[] UPDATE_LOCKS = new ReentrantLock[64];

  static {
    for (int i = 0; i < UPDATE_LOCKS.length; i++) {
      UPDATE_LOCKS[i] = new ReentrantLock();
    }
  }

  /**
   * Applies {@code update} to the key's file when the file is still the one the update was computed
   * from: a regular file (not a link) of this store, opened as {@code update.base()}, with the
   * update's base size and check bytes. Returns false, having written nothing, when it is not (the
   * caller writes the whole value instead).
   *
   * @throws StoreException if a write fails after the file was found current (the file then still
   *     holds the old value, or the new one when only the last write failed after landing)
   */
  private boolean applyInPlace(String key, InPlaceUpdate update) {
    Path target = fileOf(key);
    ensureOpen();
    if (!(update.base() instanceof FileSource base) || !base.file.equals(target)) {
      return false;
    }
    ReentrantLock lock = UPDATE_LOCKS[Math.floorMod(target.hashCode(), UPDATE_LOCKS.length)];
    lock.lock();
    boolean writing = false;
    try (FileChannel channel =
            FileChannel.open(
                target,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.DSYNC,
                LinkOption.NOFOLLOW_LINKS);
        // one byte far past any data: updaters exclude each other, while readers, which
        // Windows would block on a locked range, never touch it
        FileLock held = channel.lock(UPDATE_LOCK_BYTE, 1, false)) {
      if (channel.size() != update.baseSize()) {
        return false; // written since: the whole value replaces it
      }
      ByteBuffer want = update.checkBytes();
      ByteBuffer got = ByteBuffer.allocate(want.remaining());
      while (got.hasRemaining()) {
        if (channel.read(got, update.checkOffset() + got.position()) < 0) {
          return false;
        }
      }
      if (!got.flip().equals(want)) {
        return false;
      }
      writing = true;
      List<InPlaceUpdate.Write> writes = update.writes();
      for (int i = 0; i < writes.size(); i++) {
        InPlaceUpdate.Write w = writes.get(i);
        ByteBuffer b = w.bytes().duplicate();
        while (b.hasRemaining()) {
          channel.write(b, w.offset() + b.position());
        }
      }
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM locks the file through another path spelling: write it whole
    } catch (IOException e) {
      if (!writing) {
        return false; // gone, a link, or not writable here: the whole write says what is wrong
      }
      throw new StoreException(
          "cannot update key '" + key + "' in place (" + target + "): " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Writes a new temporary file for a value. */
  private interface TemporaryWriter {
    void write(Path temp) throws IOException;
  }

  /** Writes the value through a temporary file renamed over the key's file. */
  private void setWith(String key, TemporaryWriter writer) {
    Path target = fileOf(key);
    ensureOpen();
    Path directory = target.getParent();
    requireNoEscape("write key '" + key + "'", directory);
    String name = target.getFileName().toString();
    // The directory usually exists: write first, and create it only when the write says it is
    // missing (saving a mkdir and a stat per value).
    for (int attempt = 1; ; attempt++) {
      Path temp = directory.resolve(temporaryName(name));
      boolean moved = false;
      try {
        try {
          writer.write(temp);
        } catch (IOException e) {
          if (attempt < WRITE_ATTEMPTS
              && (e instanceof NoSuchFileException || !Files.isDirectory(directory))) {
            // missing (not created yet, or removed by a concurrent delete; another writer may have
            // created it since): create it and retry. This throws naming the key when a value is in
            // the way of the directory.
            createDirectories(key, directory);
            continue;
          }
          if (e instanceof NoSuchFileException) {
            throw new StoreException(
                "cannot write key '" + key + "': temporary file " + temp + " could not be created",
                e);
          }
          throw new StoreException(
              "cannot write key '" + key + "' to temporary file " + temp + ": " + e.getMessage(),
              e);
        }
        try {
          moveIntoPlace(temp, target);
          moved = true;
          return;
        } catch (IOException e) {
          if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(
                "cannot write key '"
                    + key
                    + "': "
                    + target
                    + " is a directory holding other keys; remove them with deletePrefix first",
                e);
          }
          throw new StoreException(
              "cannot move " + temp + " into place as key '" + key + "': " + e.getMessage(), e);
        }
      } finally {
        if (!moved) {
          deleteQuietly(temp);
        }
      }
    }
  }

  /**
   * Renames {@code temp} over {@code target} in one step. Retries briefly when access is denied,
   * which on Windows happens while another program (a virus scanner, an indexer) has the target
   * open, as zarr-python does. The file replaced is held open over the rename and closed by a
   * background thread ({@link ReplacedFiles}), which then frees its blocks.
   */
  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      FileChannel replaced = ReplacedFiles.hold(target);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (AccessDeniedException e) {
        if (attempt >= MOVE_ATTEMPTS || Files.isDirectory(target)) {
          throw e;
        }
        try {
          Thread.sleep(10L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      } finally {
        ReplacedFiles.release(replaced);
      }
    }
  }

  /**
   * Writes a temporary file: creates {@code file}, which does not exist yet, and writes the
   * remaining bytes of {@code value} to it. {@link #set} calls this before renaming the file over
   * the target, and removes the file if this method throws. Subclasses may override it to change
   * how files are written (for example to force them to the disk); the buffer is a private
   * duplicate whose position may be advanced.
   *
   * @param file the temporary file to create, in the directory of the target
   * @param value the bytes to write
   * @throws IOException if the file cannot be created or written
   */
  protected void writeFile(Path file, ByteBuffer value) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (value.hasRemaining()) {
        channel.write(value);
      }
    }
  }

  /**
   * Writes a temporary file from parts, as {@link #writeFile(Path, ByteBuffer)} does from bytes:
   * creates {@code file} and writes the parts in order ({@link ValueParts#writeTo}). Subclasses
   * overriding the other {@code writeFile} to change how files are written override this one too.
   *
   * @param file the temporary file to create, in the directory of the target
   * @param value the parts to write
   * @throws IOException if the file cannot be created or written
   */
  protected void writeFile(Path file, ValueParts value) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      value.writeTo(channel);
    }
  }

  @Override
  public void delete(String key) {
    Path file = fileOf(key);
    ensureOpen();
    requireNoEscape("delete key '" + key + "'", file.getParent());
    if (Files.isDirectory(file)) {
      return; // a prefix (or a link to one), not a key: see deletePrefix
    }
    try {
      if (Files.deleteIfExists(file)) {
        pruneEmptyDirectories(file.getParent());
      }
    } catch (NoSuchFileException e) {
      // absent: nothing to do
    } catch (IOException e) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StoreException("cannot delete key '" + key + "' (" + file + ")", e);
      }
      // a path through a file, or the name became a directory: no such key
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    String p = normalizePrefix(prefix);
    ensureOpen();
    if (p.isEmpty()) {
      if (Files.isDirectory(root)) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
          for (Path child : children) {
            deleteTree(child);
          }
          forgetCheckedDirectories();
        } catch (NoSuchFileException e) {
          // root removed by someone else: empty
        } catch (IOException e) {
          throw new StoreException("cannot delete the contents of " + root, e);
        }
      }
      return;
    }
    Path path = resolveBelowRoot(p, "store prefix");
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      requireNoEscape("delete prefix '" + p + "'", path.getParent());
      deleteTree(path);
      forgetCheckedDirectories();
      pruneEmptyDirectories(path.getParent());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A directory store moves the file or the directory in one step (a file system rename), so a
   * concurrent reader sees every key at its old place or every key at its new one. Directories the
   * move leaves empty are removed.
   */
  @Override
  public void rename(String from, String to) {
    StoreKeys.validateRename(from, to);
    String f = normalizeKeys ? from.toLowerCase(Locale.ROOT) : from;
    String t = normalizeKeys ? to.toLowerCase(Locale.ROOT) : to;
    StoreKeys.validateRename(f, t);
    Path source = resolveBelowRoot(f, "store key");
    Path target = resolveBelowRoot(t, "store key");
    ensureOpen();
    requireNoEscape("rename '" + from + "'", source.getParent());
    requireNoEscape("rename '" + from + "' to '" + to + "'", target.getParent());
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS) || isTemporaryName(nameOf(source))) {
      return; // nothing stored there: nothing moves
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException(
          "cannot rename '"
              + from
              + "' to '"
              + to
              + "': something is already stored at '"
              + to
              + "' ("
              + target
              + ")");
    }
    createDirectories(to, target.getParent());
    try {
      Files.move(source, target);
      forgetCheckedDirectories();
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new StoreException(
          "cannot rename '" + from + "' to '" + to + "': '" + to + "' was stored meanwhile", e);
    } catch (NoSuchFileException e) {
      return; // removed meanwhile: nothing moves
    } catch (IOException e) {
      throw new StoreException(
          "cannot rename '" + from + "' to '" + to + "' in " + root + ": " + e, e);
    }
    pruneEmptyDirectories(source.getParent());
  }

  // ---------------------------------------------------------------- listing

  @Override
  public List<String> listPrefix(String prefix) {
    String p = normalizePrefix(prefix);
    ensureOpen();
    Path start = p.isEmpty() ? root : resolveBelowRoot(p, "store prefix");
    Path realRoot = realRoot();
    if (realRoot == null || !Files.isDirectory(start) || leadsOut(start, realRoot)) {
      return new ArrayList<>();
    }
    List<String> keys = new ArrayList<>();
    try {
      walkKeys(start, realRoot, keys, new java.util.HashSet<>(), 0);
    } catch (IOException e) {
      throw new StoreException("cannot list keys below '" + p + "' in " + root, e);
    }
    Collections.sort(keys);
    return keys;
  }

  /**
   * Adds the keys of the files below {@code dir} (named by their path below the root, as reached),
   * following symbolic links only where they lead to a place below the root; {@code seen} holds the
   * real paths of the linked directories walked, so a cycle of links ends.
   */
  private void walkKeys(
      Path dir, Path realRoot, List<String> keys, java.util.Set<Path> seen, int depth)
      throws IOException {
    if (depth > 256) {
      return; // links nested this deep are a cycle through different names
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        BasicFileAttributes attributes;
        try {
          attributes =
              Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // removed meanwhile
        }
        if (attributes.isRegularFile()) {
          addKey(child, keys);
        } else if (attributes.isDirectory()) {
          walkKeys(child, realRoot, keys, seen, depth + 1);
        } else if (attributes.isSymbolicLink()) {
          Path real;
          try {
            real = child.toRealPath();
          } catch (IOException e) {
            continue; // dangling, or removed meanwhile
          }
          if (!real.startsWith(realRoot) || real.equals(realRoot)) {
            continue; // leads out of the root: not followed
          }
          if (Files.isRegularFile(real)) {
            addKey(child, keys);
          } else if (Files.isDirectory(real) && seen.add(real)) {
            walkKeys(child, realRoot, keys, seen, depth + 1);
          }
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      // removed or replaced meanwhile: nothing below it
    }
  }

  private void addKey(Path file, List<String> keys) {
    if (!isTemporaryName(nameOf(file))) {
      String key = keyOf(file);
      if (key != null) {
        keys.add(key);
      }
    }
  }

  @Override
  public List<String> listDir(String prefix) {
    String p = normalizePrefix(prefix);
    ensureOpen();
    Path dir = p.isEmpty() ? root : resolveBelowRoot(p, "store prefix");
    TreeSet<String> names = new TreeSet<>();
    if (!p.isEmpty() && leadsOut(dir, realRoot())) {
      return new ArrayList<>();
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = nameOf(child);
        if (!isValidSegment(name)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          if (Files.isSymbolicLink(child) && leadsOut(child, realRoot())) {
            continue; // a link out of the root is not followed
          }
          attributes = Files.readAttributes(child, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // removed meanwhile, or a dangling link
        }
        if (attributes.isRegularFile() ? !isTemporaryName(name) : holdsAnyKey(child, 0)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return new ArrayList<>();
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        return new ArrayList<>();
      }
      throw new StoreException("cannot list directory '" + p + "' in " + root, e);
    }
    return new ArrayList<>(names);
  }

  // ---------------------------------------------------------------- lifecycle and identity

  /**
   * Marks the store closed; later operations throw a {@link StoreException}. No file is held open
   * between calls, so nothing else is released. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Equal to another store of the same class on the same normalised root with the same {@code
   * normalizeKeys}.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    DirectoryStore other = (DirectoryStore) o;
    return root.equals(other.root) && normalizeKeys == other.normalizeKeys;
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass().getName(), root, normalizeKeys);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + root + (normalizeKeys ? ", normalizeKeys" : "") + "]";
  }

  /**
   * Replaces this store by its location in a serialised stream. Subclasses that carry more state
   * override this; a {@link TempStore} deserialises as a plain {@link DirectoryStore} on the same
   * directory (the copy does not own, and so never deletes, the directory).
   *
   * @throws NotSerializableException if the root is not on the default file system
   */
  protected Object writeReplace() throws ObjectStreamException {
    if (root.getFileSystem() != FileSystems.getDefault()) {
      throw new NotSerializableException(
          "a directory store is serialisable only on the default file system, not at " + root);
    }
    return new SerializedForm(root.toString(), normalizeKeys, this instanceof NestedDirectoryStore);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a directory store is deserialised from its SerializedForm");
  }

  /** The serialised form of a directory store: its location and options. */
  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String root;
    private final boolean normalizeKeys;
    private final boolean nested;

    SerializedForm(String root, boolean normalizeKeys, boolean nested) {
      this.root = root;
      this.normalizeKeys = normalizeKeys;
      this.nested = nested;
    }

    private Object readResolve() throws ObjectStreamException {
      if (root == null) {
        throw new InvalidObjectException("serialised directory store has no root");
      }
      Path path = Path.of(root);
      return nested
          ? new NestedDirectoryStore(path, normalizeKeys)
          : new DirectoryStore(path, normalizeKeys);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Throws if the store is closed. */
  protected final void ensureOpen() {
    if (closed) {
      throw new StoreException(getClass().getSimpleName() + " at " + root + " is closed");
    }
  }

  /** The root with every symbolic link resolved, once the root exists; null before. */
  private Path realRoot() {
    Path r = realRoot;
    if (r == null) {
      try {
        r = root.toRealPath();
      } catch (IOException e) {
        return null;
      }
      realRoot = r;
    }
    return r;
  }

  /**
   * Whether {@code path} (below the root) resolves, links followed, outside the root, or cannot be
   * resolved (a dangling link). A missing path leads nowhere: false.
   */
  private static boolean leadsOut(Path path, Path realRoot) {
    if (realRoot == null) {
      return false;
    }
    try {
      Path real = path.toRealPath();
      return !real.startsWith(realRoot);
    } catch (NoSuchFileException e) {
      return Files.isSymbolicLink(path); // a dangling link; else simply absent
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * The file to read for a key's {@code file}, when its directory exists and lies below the root
   * with its links resolved (checked at most once per {@link #CHECK_TRUSTED_NANOS} per directory),
   * else null (absent). The file itself is opened or examined without following a link ({@link
   * #openForRead}, {@link #attributesOf}), so a file that is a link is checked on each read. Checks
   * the store is open first.
   */
  private Path readable(Path file) {
    ensureOpen();
    return directoryBelowRoot(file.getParent()) ? file : null;
  }

  /**
   * Whether {@code dir} (the root or a directory below it) exists and, its links resolved, lies
   * below the root (the root itself: whether it exists). A recent positive answer is remembered.
   */
  private boolean directoryBelowRoot(Path dir) {
    Path r = realRoot();
    if (r == null) {
      return false;
    }
    if (dir.equals(root) || recentlyChecked(dir)) {
      return true;
    }
    long now = System.nanoTime();
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return false; // missing, or a dangling link
    }
    if (!real.startsWith(r)) {
      return false;
    }
    rememberChecked(dir, now);
    return true;
  }

  /** Whether {@code dir} was found not to lead out of the root less than the trust time ago. */
  private boolean recentlyChecked(Path dir) {
    Long at = checkedDirectories.get(dir);
    return at != null && System.nanoTime() - at < CHECK_TRUSTED_NANOS;
  }

  /** Remembers that {@code dir} was found, at {@code nanoTime}, not to lead out of the root. */
  private void rememberChecked(Path dir, long nanoTime) {
    if (checkedDirectories.size() >= CHECKED_DIRECTORIES_MAX) {
      checkedDirectories.clear();
    }
    checkedDirectories.put(dir, nanoTime);
  }

  /**
   * Forgets every directory checked: called when this store removes or moves directories, so that a
   * link another program puts in the place of one is checked at once.
   */
  private void forgetCheckedDirectories() {
    if (!checkedDirectories.isEmpty()) {
      checkedDirectories.clear();
    }
  }

  /**
   * Opens a key's file (in a directory {@link #readable} accepted) for reading without following a
   * link: no more calls than the open itself. When the file is a link, opens its target if that
   * lies below the root. Null when absent, or when the link leads out or nowhere.
   */
  private FileChannel openForRead(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (!Files.isSymbolicLink(file)) {
        throw e;
      }
    }
    Path target = linkTargetBelowRoot(file);
    if (target == null) {
      return null;
    }
    try {
      return FileChannel.open(target, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The real path of a link's target when it lies strictly below the root, else null. */
  private Path linkTargetBelowRoot(Path link) {
    Path r = realRoot();
    if (r == null) {
      return null;
    }
    try {
      Path real = link.toRealPath();
      return real.startsWith(r) && !real.equals(r) ? real : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Refuses an operation on {@code path} (a directory the operation writes in) when the closest of
   * it and its ancestors below the root that exists is reached through a symbolic link leading out
   * of the root, or a dangling one.
   *
   * @param what the operation, for the message ({@code "write key 'a/b'"})
   */
  private void requireNoEscape(String what, Path path) {
    Path r = realRoot();
    if (r == null) {
      return; // no root yet: nothing below it to lead out
    }
    if (recentlyChecked(path)) {
      return;
    }
    long now = System.nanoTime();
    for (Path p = path; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        if (leadsOut(p, r)) {
          throw new StoreException(
              "cannot "
                  + what
                  + ": "
                  + p
                  + " is reached through a symbolic link that leads out of the store root "
                  + root
                  + " (or nowhere); a directory store does not follow it");
        }
        if (p.equals(path) && Files.isDirectory(p)) {
          rememberChecked(path, now);
        }
        return;
      }
    }
  }

  /** Validates and normalises a key and returns its file. */
  private Path fileOf(String key) {
    StoreKeys.validate(key);
    String k = normalizeKeys ? StoreKeys.validate(key.toLowerCase(Locale.ROOT)) : key;
    int slash = k.lastIndexOf('/');
    if (isTemporaryName(k.substring(slash + 1))) {
      throw new InvalidKeyException(
          "store key '"
              + key
              + "' has the form of a temporary file name (<name>.<32 hex digits>.partial), which"
              + " a directory store reserves");
    }
    return resolveBelowRoot(k, "store key");
  }

  private String normalizePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return normalizeKeys ? StoreKeys.validatePrefix(prefix.toLowerCase(Locale.ROOT)) : prefix;
  }

  /** Resolves a validated key or non-empty prefix, checking the result stays below the root. */
  private Path resolveBelowRoot(String key, String what) {
    Path path;
    try {
      path = root.resolve(key).normalize();
    } catch (InvalidPathException e) {
      throw new InvalidKeyException(
          what + " '" + key + "' is not a valid file name here: " + e.getMessage());
    }
    if (!path.startsWith(root) || path.equals(root)) {
      throw new InvalidKeyException(
          what + " '" + key + "' resolves outside the store root " + root);
    }
    return path;
  }

  /** The key of a file below the root, or null if its name is not a valid key. */
  private String keyOf(Path file) {
    Path relative = root.relativize(file);
    StringBuilder key = new StringBuilder();
    for (Path segment : relative) {
      String name = segment.toString();
      if (!isValidSegment(name)) {
        return null;
      }
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(name);
    }
    return key.length() == 0 ? null : key.toString();
  }

  private static String nameOf(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }

  private static boolean isValidSegment(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && name.indexOf('\\') < 0
        && name.indexOf('/') < 0
        && name.indexOf('\0') < 0;
  }

  /** Whether a directory holds at least one key, at any depth. */
  private boolean holdsAnyKey(Path dir, int depth) {
    if (depth > 256) {
      return false; // a symlink cycle
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = nameOf(child);
        if (!isValidSegment(name)) {
          continue;
        }
        if (Files.isSymbolicLink(child) && leadsOut(child, realRoot())) {
          continue;
        }
        if (Files.isRegularFile(child)) {
          if (!isTemporaryName(name)) {
            return true;
          }
        } else if (Files.isDirectory(child) && holdsAnyKey(child, depth + 1)) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /**
   * Whether a file name has the form of a temporary file: {@code <anything>.<32 lower-case hex
   * digits>.partial}. zarr-python names its temporary files the same way.
   */
  static boolean isTemporaryName(String name) {
    int n = name.length();
    int dot = n - TEMP_SUFFIX.length() - TEMP_HEX_DIGITS - 1;
    if (dot < 0 || !name.endsWith(TEMP_SUFFIX) || name.charAt(dot) != '.') {
      return false;
    }
    for (int i = dot + 1; i < dot + 1 + TEMP_HEX_DIGITS; i++) {
      char c = name.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** A fresh temporary file name for a value named {@code name}. */
  static String temporaryName(String name) {
    String base = name;
    if (base.length() > TEMP_NAME_KEEP) {
      int cut = TEMP_NAME_KEEP;
      if (Character.isLowSurrogate(base.charAt(cut))) {
        cut--;
      }
      base = base.substring(0, cut);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder sb =
        new StringBuilder(base.length() + 1 + TEMP_HEX_DIGITS + TEMP_SUFFIX.length());
    sb.append(base).append('.');
    appendHex(sb, random.nextLong());
    appendHex(sb, random.nextLong());
    return sb.append(TEMP_SUFFIX).toString();
  }

  /** Appends the 16 lower-case hex digits of {@code v}, zero-padded. */
  private static void appendHex(StringBuilder sb, long v) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      sb.append(Character.forDigit((int) (v >>> shift) & 0xF, 16));
    }
  }

  private void createDirectories(String key, Path directory) {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(directory);
        return;
      } catch (NoSuchFileException e) {
        if (attempt >= WRITE_ATTEMPTS) {
          throw new StoreException(
              "cannot create directory " + directory + " for key '" + key + "'", e);
        }
        // a concurrent delete pruned a parent meanwhile: try again
      } catch (IOException e) {
        Path file = firstFileAbove(directory);
        if (file != null) {
          throw new StoreException(
              "cannot write key '"
                  + key
                  + "': '"
                  + keyOf(file)
                  + "' holds a value (file "
                  + file
                  + "), so it cannot also be a directory",
              e);
        }
        throw new StoreException(
            "cannot create directory " + directory + " for key '" + key + "': " + e, e);
      }
    }
  }

  /** The closest path from {@code directory} up to the root that exists and is not a directory. */
  private Path firstFileAbove(Path directory) {
    for (Path p = directory; p != null && p.startsWith(root); p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }

  /** Removes {@code dir} and its ancestors below the root while they are empty. */
  private void pruneEmptyDirectories(Path dir) {
    for (Path p = dir; p != null && !p.equals(root) && p.startsWith(root); p = p.getParent()) {
      try {
        Files.delete(p);
        forgetCheckedDirectories();
      } catch (IOException e) {
        return; // not empty (or gone, or not ours to remove): stop
      }
    }
  }

  /**
   * Deletes a file, a link, or a directory tree without following links. Files that disappear
   * meanwhile are ignored, and so are directories that a concurrent writer refills.
   */
  static void deleteTree(Path path) {
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              try {
                Files.deleteIfExists(dir);
              } catch (DirectoryNotEmptyException refilled) {
                // a concurrent write landed after the delete began: it wins
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      throw new StoreException("cannot delete " + path + ": " + e, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort; a leftover temporary file is never listed
    }
  }
}
