package dev.zarr4j.store.lmdb;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * A store in an LMDB environment, with the layout of zarr-python's {@code zarr.LMDBStore}: every
 * key in LMDB's default (unnamed) database, the key as its UTF-8 bytes (zarr-python writes ASCII
 * keys, which are the same bytes) and the value as it is. An environment written by either opens in
 * the other (zarr-python decodes keys as ASCII, so it cannot list a key with other letters that
 * zarr4j wrote). As in zarr-python, the environment is by default a directory holding {@code
 * data.mdb} and {@code lock.mdb} ({@code subdir}); without {@code subdir} the path is the data file
 * itself and the lock file sits beside it ({@code path-lock}).
 *
 * <p><b>Java 17 flags.</b> lmdbjava reads the address of direct buffers through {@code java.nio}'s
 * internals, which Java 17 opens only when the JVM runs with {@value #REQUIRED_JVM_FLAGS}. Without
 * them, opening a store throws a {@link StoreException} that names these flags.
 *
 * <p><b>Reads.</b> LMDB maps the file into memory: a read finds the value in the map and copies
 * only the bytes asked for ({@link #get(String, ByteRange)} slices the mapped value). {@link #open}
 * starts a read transaction and keeps it until the source is closed: the source reads LMDB's
 * snapshot of the value, without copying it first, whatever is written meanwhile. Close sources
 * promptly: an open read transaction keeps the pages of old values from being reused, and at most
 * {@value #MAX_READERS} read transactions can be open at once. Listings are cursor range scans in
 * LMDB's key order (bytes); {@link #listDir} seeks past each sub-prefix instead of reading the keys
 * below it.
 *
 * <p><b>Writes.</b> Each {@link #set} and {@link #delete} is one write transaction, so a reader
 * sees the old value or the new one, never part of one; {@link #deletePrefix} deletes the key and
 * every key below it in one transaction. As zarr-python's store, writes are not synced to disk on
 * each commit ({@code sync=False}): a crash of the process loses nothing, a crash of the operating
 * system may lose the last writes; {@link #flush()} and {@link #close()} sync.
 *
 * <p><b>Limits.</b> LMDB keys are at most {@value #MAX_KEY_BYTES} bytes: setting a longer one is
 * refused with an {@link InvalidKeyException}, and it reads as absent; the map size (by default
 * {@value #DEFAULT_MAP_SIZE} bytes, zarr-python's 2^40, reserved as address space only) bounds the
 * environment's size.
 *
 * <p><b>One store per environment.</b> LMDB forbids opening one environment twice in a process
 * (closing either would break the other's locks), so a second store on an environment already open
 * in this JVM is refused with a {@link StoreException}: share the store instead. Other processes
 * (zarr-python among them) may open it at the same time.
 *
 * <p><b>Threads and closing.</b> The store is thread-safe: reads run in parallel, writes one at a
 * time. {@link #close()} waits for running operations, ends the read transactions of sources still
 * open (their later reads throw a {@link StoreException}), syncs and closes the environment; it is
 * idempotent, and every later operation throws a {@link StoreException}.
 */
public final class LMDBStore implements Store {

  /** zarr-python's default map size: 2^40 bytes of address space. */
  public static final long DEFAULT_MAP_SIZE = 1L << 40;

  /** The largest key LMDB accepts, in bytes (its default build). */
  public static final int MAX_KEY_BYTES = 511;

  /** How many read transactions (open sources and running reads) can exist at once. */
  public static final int MAX_READERS = 1024;

  /** The JVM options lmdbjava needs on Java 17. */
  public static final String REQUIRED_JVM_FLAGS =
      "--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED";

  /** The stores open in this JVM, by the real path of their data file. */
  private static final ConcurrentHashMap<Path, LMDBStore> OPEN = new ConcurrentHashMap<>();

  private final Path path;
  private final Path identity;
  private final boolean readOnly;
  private final boolean subdir;
  private final Env<ByteBuffer> env;
  private final Dbi<ByteBuffer> db;

  /** Operations hold the read lock; {@link #close()} takes the write lock. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private boolean closed; // guarded by lifecycle

  /** Sources whose read transaction is still open; ended by {@link #close()}. */
  private final Set<LmdbSource> openSources = ConcurrentHashMap.newKeySet();

  /**
   * Opens (creating it if needed) the LMDB environment in the directory {@code path}, for reading
   * and writing, with zarr-python's defaults.
   *
   * @throws StoreException if the environment cannot be opened, or the JVM lacks {@value
   *     #REQUIRED_JVM_FLAGS}
   */
  public LMDBStore(Path path) {
    this(path, false);
  }

  /**
   * Opens the LMDB environment in the directory {@code path}.
   *
   * @param readOnly open read-only: the environment must exist; writes throw {@link
   *     ReadOnlyException}
   * @throws StoreException if the environment cannot be opened, or the JVM lacks {@value
   *     #REQUIRED_JVM_FLAGS}
   */
  public LMDBStore(Path path, boolean readOnly) {
    this(path, readOnly, true, DEFAULT_MAP_SIZE);
  }

  /**
   * Opens an LMDB environment.
   *
   * @param path the environment's directory ({@code subdir}), or its data file (not {@code subdir})
   * @param readOnly open read-only: the environment must exist; writes throw {@link
   *     ReadOnlyException}
   * @param subdir whether {@code path} is a directory holding {@code data.mdb} and {@code lock.mdb}
   *     (zarr-python's default) rather than the data file itself
   * @param mapSize the map size in bytes: the largest the environment may grow while this store has
   *     it open (LMDB raises it to what an existing environment already holds)
   * @throws IllegalArgumentException if {@code path} is null or {@code mapSize} is not positive
   * @throws StoreException if the environment cannot be opened (read-only and missing, not an LMDB
   *     file), or the JVM lacks {@value #REQUIRED_JVM_FLAGS}
   */
  public LMDBStore(Path path, boolean readOnly, boolean subdir, long mapSize) {
    if (path == null) {
      throw new IllegalArgumentException("LMDB store path must not be null");
    }
    if (mapSize <= 0) {
      throw new IllegalArgumentException("LMDB map size must be positive, got " + mapSize);
    }
    this.path = path.toAbsolutePath().normalize();
    this.readOnly = readOnly;
    this.subdir = subdir;
    Path data = subdir ? this.path.resolve("data.mdb") : this.path;
    if (readOnly && !Files.isRegularFile(data)) {
      throw new StoreException("LMDB store " + this.path + " does not exist (opened read-only)");
    }
    if (!readOnly && subdir) {
      try {
        Files.createDirectories(this.path);
      } catch (IOException e) {
        throw new StoreException("cannot create the LMDB store directory " + this.path, e);
      }
    }
    identity = identityOf(data);
    if (OPEN.putIfAbsent(identity, this) != null) {
      throw new StoreException(
          "LMDB store "
              + this.path
              + " is already open in this JVM; LMDB forbids opening an environment twice in one"
              + " process (its locks would break): share the open store, or close it first");
    }
    Env<ByteBuffer> e;
    try {
      e =
          Env.create()
              .setMapSize(mapSize)
              .setMaxDbs(1)
              .setMaxReaders(MAX_READERS)
              .open(this.path.toFile(), flags(readOnly, subdir));
    } catch (RuntimeException | LinkageError failure) {
      OPEN.remove(identity, this);
      throw openFailure(failure);
    }
    try {
      db =
          e.openDbi(
              (byte[]) null, readOnly ? new DbiFlags[0] : new DbiFlags[] {DbiFlags.MDB_CREATE});
    } catch (RuntimeException | LinkageError failure) {
      e.close();
      OPEN.remove(identity, this);
      throw openFailure(failure);
    }
    env = e;
  }

  /** The data file's real path (its directory's, when the file does not exist yet). */
  private static Path identityOf(Path data) {
    try {
      if (Files.exists(data)) {
        return data.toRealPath();
      }
      Path parent = data.getParent();
      return parent != null && Files.exists(parent)
          ? parent.toRealPath().resolve(data.getFileName())
          : data;
    } catch (IOException e) {
      return data;
    }
  }

  private static EnvFlags[] flags(boolean readOnly, boolean subdir) {
    List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS));
    if (readOnly) {
      flags.add(EnvFlags.MDB_RDONLY_ENV);
    } else {
      flags.add(EnvFlags.MDB_NOSYNC);
      flags.add(EnvFlags.MDB_NOMETASYNC);
    }
    if (!subdir) {
      flags.add(EnvFlags.MDB_NOSUBDIR);
    }
    return flags.toArray(new EnvFlags[0]);
  }

  /** The error for a failed open: the JVM flags when lmdbjava could not reach java.nio. */
  private StoreException openFailure(Throwable failure) {
    if (isAccessFailure(failure)) {
      return new StoreException(
          "cannot open LMDB store "
              + path
              + ": lmdbjava cannot reach java.nio's buffer internals; run the JVM with "
              + REQUIRED_JVM_FLAGS
              + " ("
              + failure
              + ")",
          failure);
    }
    return new StoreException(
        "cannot open LMDB store " + path + ": " + failure.getMessage(), failure);
  }

  /**
   * Whether lmdbjava failed to reach java.nio: its buffer proxy's initialisation was refused access
   * (first use), or the proxy class is unusable because that initialisation failed (later uses).
   */
  private static boolean isAccessFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().equals("java.lang.reflect.InaccessibleObjectException")
          || (t instanceof NoClassDefFoundError
              && String.valueOf(t.getMessage()).contains("org.lmdbjava.ByteBufferProxy"))) {
        return true;
      }
    }
    return false;
  }

  /** The environment's directory, or its data file when not {@code subdir}. */
  public Path path() {
    return path;
  }

  /** Whether the store was opened read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** Whether {@link #path()} is a directory holding the data and lock files. */
  public boolean isSubdir() {
    return subdir;
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(!readOnly, true, true, true);
  }

  // ------------------------------------------------------------------ keys

  /**
   * The key's UTF-8 bytes in a direct buffer, as LMDB takes them, or null when the key is longer
   * than LMDB allows (no such key can be stored, so it reads as absent).
   */
  private static ByteBuffer keyBuffer(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_KEY_BYTES) {
      return null;
    }
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  /** {@link #keyBuffer}, refusing a key too long to be stored. */
  private static ByteBuffer storableKeyBuffer(String key) {
    ByteBuffer k = keyBuffer(key);
    if (k == null) {
      throw new InvalidKeyException(
          "store key '"
              + key
              + "' is "
              + key.getBytes(StandardCharsets.UTF_8).length
              + " bytes long in UTF-8; LMDB keys are at most "
              + MAX_KEY_BYTES
              + " bytes");
    }
    return k;
  }

  /** A prefix bound for a cursor seek: may be longer than a key, and is never stored. */
  private static ByteBuffer boundBuffer(String bound) {
    byte[] bytes = bound.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_KEY_BYTES) {
      // no stored key is longer than MAX_KEY_BYTES, so a longer bound's first bytes seek as well
      bytes = java.util.Arrays.copyOf(bytes, MAX_KEY_BYTES);
    }
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  private static String keyOf(ByteBuffer key) {
    byte[] bytes = new byte[key.remaining()];
    key.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ reads

  /**
   * Starts a read transaction for the source, which reads the value in LMDB's map, as it was when
   * opened, until the source is closed.
   */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    ByteBuffer k = keyBuffer(key);
    if (k == null) {
      return underLock("open key '" + key + "'", Optional::empty);
    }
    return underLock(
        "open key '" + key + "'",
        () -> {
          Txn<ByteBuffer> txn = env.txnRead();
          try {
            ByteBuffer value = db.get(txn, k);
            if (value == null) {
              txn.close();
              return Optional.empty();
            }
            LmdbSource source = new LmdbSource(key, txn, value.duplicate());
            openSources.add(source);
            return Optional.of(source);
          } catch (RuntimeException e) {
            txn.close();
            throw e;
          }
        });
  }

  /** Copies only the bytes of {@code range} out of LMDB's map. */
  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    StoreKeys.validate(key);
    ByteBuffer k = keyBuffer(key);
    if (k == null) {
      return underLock("read key '" + key + "'", Optional::empty);
    }
    return read(
        "read key '" + key + "'",
        txn -> {
          ByteBuffer value = db.get(txn, k);
          if (value == null) {
            return Optional.empty();
          }
          return Optional.of(copyRange(key, value, range));
        });
  }

  /**
   * Reads every request in one read transaction: all of them, of one key or of many, see the same
   * version of the environment.
   */
  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    if (requests == null) {
      throw new IllegalArgumentException("requests must not be null");
    }
    List<ByteBuffer> keys = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      KeyRange request = requests.get(i);
      if (request == null) {
        throw new IllegalArgumentException("request " + i + " of getMany is null");
      }
      keys.add(keyBuffer(StoreKeys.validate(request.key())));
    }
    return read(
        "read " + requests.size() + " ranges",
        txn -> {
          List<Optional<ByteBuffer>> out = new ArrayList<>(requests.size());
          for (int i = 0; i < requests.size(); i++) {
            ByteBuffer value = keys.get(i) == null ? null : db.get(txn, keys.get(i));
            out.add(
                value == null
                    ? Optional.empty()
                    : Optional.of(
                        copyRange(requests.get(i).key(), value, requests.get(i).range())));
          }
          return out;
        });
  }

  /** The bytes of {@code range} of a value in the map, in a new heap buffer. */
  private static ByteBuffer copyRange(String key, ByteBuffer value, ByteRange range) {
    int size = value.remaining();
    int start = (int) range.start(size);
    int end = (int) range.end(size);
    if (end - start > Integer.MAX_VALUE - 64) {
      throw new StoreException(
          "cannot read " + (end - start) + " bytes of key '" + key + "' into one buffer");
    }
    ByteBuffer out = ByteBuffer.allocate(end - start);
    out.put(value.duplicate().position(value.position() + start).limit(value.position() + end));
    return out.flip();
  }

  @Override
  public boolean contains(String key) {
    return size(key) >= 0;
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    ByteBuffer k = keyBuffer(key);
    if (k == null) {
      return underLock("read the size of key '" + key + "'", () -> -1L);
    }
    return read(
        "read the size of key '" + key + "'",
        txn -> {
          ByteBuffer value = db.get(txn, k);
          return value == null ? -1L : (long) value.remaining();
        });
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    checkWritable("set key '" + key + "'");
    ByteBuffer k = storableKeyBuffer(key);
    ByteBuffer v = value.duplicate();
    write(
        "set key '" + key + "'",
        txn -> {
          if (v.remaining() == 0) {
            db.put(txn, k, ByteBuffer.allocateDirect(0));
          } else {
            db.reserve(txn, k, v.remaining()).put(v);
          }
          return null;
        });
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    checkWritable("delete key '" + key + "'");
    ByteBuffer k = keyBuffer(key);
    write("delete key '" + key + "'", txn -> k != null && db.delete(txn, k));
  }

  /** Deletes the key and every key below it in one write transaction. */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    checkWritable("delete prefix '" + prefix + "'");
    write(
        "delete prefix '" + prefix + "'",
        txn -> {
          if (prefix.isEmpty()) {
            db.drop(txn); // empties the database, keeps it
            return null;
          }
          ByteBuffer k = keyBuffer(prefix);
          if (k != null) {
            db.delete(txn, k);
          }
          String base = prefix + "/";
          ByteBuffer from = boundBuffer(base);
          try (Cursor<ByteBuffer> cursor = db.openCursor(txn)) {
            while (cursor.get(from, GetOp.MDB_SET_RANGE) && keyOf(cursor.key()).startsWith(base)) {
              cursor.delete();
            }
          }
          return null;
        });
  }

  /** Syncs the environment's data to the file system. */
  public void flush() {
    if (readOnly) {
      return;
    }
    underLock(
        "flush",
        () -> {
          env.sync(true);
          return null;
        });
  }

  private void checkWritable(String what) {
    if (readOnly) {
      throw new ReadOnlyException("cannot " + what + ": LMDB store " + path + " is read-only");
    }
  }

  // ------------------------------------------------------------------ listing

  /** A cursor range scan from {@code prefix/}. */
  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    String base = prefix.isEmpty() ? "" : prefix + "/";
    List<String> keys =
        read(
            "list prefix '" + prefix + "'",
            txn -> {
              List<String> out = new ArrayList<>();
              try (Cursor<ByteBuffer> cursor = db.openCursor(txn)) {
                boolean found =
                    base.isEmpty()
                        ? cursor.first()
                        : cursor.get(boundBuffer(base), GetOp.MDB_SET_RANGE);
                while (found) {
                  String key = keyOf(cursor.key());
                  if (!key.startsWith(base)) {
                    break;
                  }
                  out.add(key);
                  found = cursor.next();
                }
              }
              return out;
            });
    Collections.sort(keys); // LMDB orders UTF-8 bytes; Java strings differ only past U+FFFF
    return keys;
  }

  /**
   * A cursor scan of the keys below {@code prefix} that, at the first key of each sub-prefix,
   * records its name and seeks past the sub-prefix, so the keys below it are never read.
   */
  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    String base = prefix.isEmpty() ? "" : prefix + "/";
    return read(
        "list directory '" + prefix + "'",
        txn -> {
          TreeSet<String> names = new TreeSet<>();
          try (Cursor<ByteBuffer> cursor = db.openCursor(txn)) {
            boolean found =
                base.isEmpty()
                    ? cursor.first()
                    : cursor.get(boundBuffer(base), GetOp.MDB_SET_RANGE);
            while (found) {
              String key = keyOf(cursor.key());
              if (!key.startsWith(base)) {
                break;
              }
              String rest = key.substring(base.length());
              int slash = rest.indexOf('/');
              if (slash < 0) {
                names.add(rest);
                found = cursor.next();
              } else {
                String name = rest.substring(0, slash);
                names.add(name);
                // '0' follows '/': the first key past every key of "name/"
                found = cursor.get(boundBuffer(base + name + "0"), GetOp.MDB_SET_RANGE);
              }
            }
          }
          return new ArrayList<>(names);
        });
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Ends the read transactions of sources still open, syncs and closes the environment. Idempotent;
   * later operations throw a {@link StoreException}.
   */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (LmdbSource source : openSources) {
        source.end();
      }
      openSources.clear();
      try {
        if (!readOnly) {
          env.sync(true);
        }
      } finally {
        try {
          env.close();
        } finally {
          OPEN.remove(identity, this);
        }
      }
    } catch (LmdbException e) {
      throw new StoreException("cannot close LMDB store " + path + ": " + e.getMessage(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** Work that needs the environment open. */
  private interface Work<T> {
    T run();
  }

  /** Runs {@code work} while the store is open, turning LMDB errors into store errors. */
  private <T> T underLock(String what, Work<T> work) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException("cannot " + what + ": LMDB store " + path + " is closed");
      }
      return work.run();
    } catch (LmdbException e) {
      throw failure(what, e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private StoreException failure(String what, LmdbException e) {
    String hint =
        e instanceof Env.MapFullException
            ? " (the environment reached its map size; open it with a larger map size)"
            : "";
    return new StoreException(
        "cannot " + what + " in LMDB store " + path + ": " + e.getMessage() + hint, e);
  }

  /** Runs {@code work} in a short read transaction. */
  private <T> T read(String what, Function<Txn<ByteBuffer>, T> work) {
    return underLock(
        what,
        () -> {
          try (Txn<ByteBuffer> txn = env.txnRead()) {
            return work.apply(txn);
          }
        });
  }

  /** Runs {@code work} in a write transaction, committed when it returns. */
  private <T> T write(String what, Function<Txn<ByteBuffer>, T> work) {
    return underLock(
        what,
        () -> {
          try (Txn<ByteBuffer> txn = env.txnWrite()) {
            T result = work.apply(txn);
            txn.commit();
            return result;
          }
        });
  }

  @Override
  public String toString() {
    return "LMDBStore[" + path + (readOnly ? ", read-only" : "") + "]";
  }

  /**
   * A value read inside its own read transaction: the bytes stay in LMDB's map, unchanged, until
   * the source (or the store) is closed.
   */
  private final class LmdbSource implements ByteSource {
    private final String key;
    private final Txn<ByteBuffer> txn;
    private final ByteBuffer value; // position 0 .. limit = size, valid while txn is open
    private final int base;
    private final int size;
    private boolean ended; // guarded by lifecycle (set under the write lock or by this source)

    LmdbSource(String key, Txn<ByteBuffer> txn, ByteBuffer value) {
      this.key = key;
      this.txn = txn;
      this.value = value;
      this.base = value.position();
      this.size = value.remaining();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
      int len = dst.remaining();
      Objects.checkFromIndexSize(offset, len, size);
      lifecycle.readLock().lock();
      try {
        if (ended || closed) {
          throw new StoreException(
              "cannot read key '"
                  + key
                  + "': "
                  + (closed ? "LMDB store " + path + " is closed" : "its source is closed"));
        }
        int from = base + (int) offset;
        dst.put(value.duplicate().limit(from + len).position(from));
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    @Override
    public void close() {
      lifecycle.readLock().lock();
      try {
        synchronized (this) {
          if (!ended && !closed) {
            end();
            openSources.remove(this);
          }
        }
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    /** Ends the read transaction (once). */
    synchronized void end() {
      if (!ended) {
        ended = true;
        txn.close();
      }
    }
  }
}
