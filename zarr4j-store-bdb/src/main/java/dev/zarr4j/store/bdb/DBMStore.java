package dev.zarr4j.store.bdb;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.CursorConfig;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.LockConflictException;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
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
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * zarr-python's {@code zarr.DBMStore} for the JVM: Zarr keys and values in an embedded B-tree, here
 * Berkeley DB Java Edition (the docs' example of {@code DBMStore} opens a Berkeley DB B-tree with
 * {@code bsddb3.btopen}).
 *
 * <p><b>Not file-compatible with Python.</b> Berkeley DB Java Edition keeps its data as a directory
 * of log files ({@code 00000000.jdb}, ...) in its own format, which neither Python's {@code dbm}
 * modules nor the Berkeley DB C library read, and it cannot open their files. To move data between
 * the two, copy it through a store both can open (a directory, zip, SQLite or LMDB store).
 *
 * <p><b>Layout.</b> One database named {@value #DATABASE_NAME} in the environment directory; each
 * key is stored as its UTF-8 bytes, ordered bytewise by the B-tree, each value as it is.
 *
 * <p><b>Reads.</b> A bounded read ({@link ByteRange.Bounded}, {@link ByteRange.FromOffset}) asks
 * the database for the part of the record only; a suffix needs the record's length and reads it
 * whole. {@link #open} copies the value into memory, so an opened value keeps its bytes whatever is
 * written afterwards; the store therefore reports no {@link StoreCapabilities#partialReads()
 * partial reads}. Reads see committed values only. Listings are cursor range scans that read keys
 * without their values; {@link #listDir} seeks past each sub-prefix instead of reading the keys
 * below it.
 *
 * <p><b>Writes.</b> Each {@link #set} and {@link #delete} is one transaction, so a reader sees the
 * old value or the new one, never part of one; {@link #deletePrefix} deletes the key and every key
 * below it in one transaction. Commits are written to the operating system but not synced to disk
 * ({@code COMMIT_WRITE_NO_SYNC}): a crash of the process loses nothing, a crash of the operating
 * system may lose the last writes; {@link #flush()} and {@link #close()} sync.
 *
 * <p><b>Threads and closing.</b> The store is thread-safe. Every store uses one cache shared by the
 * JVM's Berkeley DB environments. {@link #close()} waits for running operations and closes the
 * database and environment; it is idempotent, and every later operation throws a {@link
 * StoreException}.
 */
public final class DBMStore implements Store {

  /** The name of the database holding the keys, in the environment. */
  public static final String DATABASE_NAME = "zarr";

  /** How many times a write that lost a lock conflict to another writer is tried. */
  private static final int WRITE_ATTEMPTS = 20;

  private final Path directory;
  private final boolean readOnly;
  private final Environment env;
  private final Database db;

  /** Operations hold the read lock; {@link #close()} takes the write lock. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private boolean closed; // guarded by lifecycle

  /**
   * Opens (creating it if needed) the environment in {@code directory} for reading and writing.
   *
   * @throws StoreException if the environment cannot be opened
   */
  public DBMStore(Path directory) {
    this(directory, false);
  }

  /**
   * Opens the environment in {@code directory}.
   *
   * @param readOnly open read-only: the environment and its database must exist; writes throw
   *     {@link ReadOnlyException}
   * @throws StoreException if the environment cannot be opened (read-only and missing, not a
   *     Berkeley DB Java Edition environment, used by a writer in another process)
   */
  public DBMStore(Path directory, boolean readOnly) {
    if (directory == null) {
      throw new IllegalArgumentException("DBM store directory must not be null");
    }
    this.directory = directory.toAbsolutePath().normalize();
    this.readOnly = readOnly;
    if (readOnly && !Files.isDirectory(this.directory)) {
      throw new StoreException(
          "DBM store " + this.directory + " does not exist (opened read-only)");
    }
    if (!readOnly) {
      try {
        Files.createDirectories(this.directory);
      } catch (IOException e) {
        throw new StoreException("cannot create the DBM store directory " + this.directory, e);
      }
    }
    EnvironmentConfig ec = new EnvironmentConfig();
    ec.setAllowCreate(!readOnly);
    ec.setReadOnly(readOnly);
    ec.setTransactional(true);
    ec.setSharedCache(true);
    ec.setDurability(Durability.COMMIT_WRITE_NO_SYNC);
    ec.setLockTimeout(10, TimeUnit.SECONDS);
    ec.setConfigParam(EnvironmentConfig.FILE_LOGGING_LEVEL, "OFF");
    ec.setConfigParam(EnvironmentConfig.CONSOLE_LOGGING_LEVEL, "OFF");
    DatabaseConfig dc =
        new DatabaseConfig().setAllowCreate(!readOnly).setReadOnly(readOnly).setTransactional(true);
    Environment e = null;
    try {
      e = new Environment(this.directory.toFile(), ec);
      db = e.openDatabase(null, DATABASE_NAME, dc);
    } catch (DatabaseException | IllegalArgumentException | IllegalStateException failure) {
      if (e != null) {
        try {
          e.close();
        } catch (RuntimeException ignored) {
          // the open failure is what matters
        }
      }
      throw new StoreException(
          "cannot open DBM store " + this.directory + ": " + failure.getMessage(), failure);
    }
    env = e;
  }

  /** The environment's directory. */
  public Path directory() {
    return directory;
  }

  /** Whether the store was opened read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(!readOnly, true, false, true);
  }

  // ------------------------------------------------------------------ keys

  private static DatabaseEntry keyEntry(String key) {
    return new DatabaseEntry(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String keyOf(DatabaseEntry entry) {
    return new String(entry.getData(), entry.getOffset(), entry.getSize(), StandardCharsets.UTF_8);
  }

  /** A data entry that reads no bytes of the value: cursors then read keys only. */
  private static DatabaseEntry noData() {
    DatabaseEntry data = new DatabaseEntry();
    data.setPartial(0, 0, true);
    return data;
  }

  private static byte[] bytesOf(DatabaseEntry entry) {
    byte[] data = entry.getData();
    if (data == null) {
      return new byte[0];
    }
    if (entry.getOffset() == 0 && entry.getSize() == data.length) {
      return data;
    }
    byte[] out = new byte[entry.getSize()];
    System.arraycopy(data, entry.getOffset(), out, 0, out.length);
    return out;
  }

  // ------------------------------------------------------------------ reads

  /** Copies the value into memory: the source reads those bytes whatever happens afterwards. */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    byte[] value = fetch(key, null);
    return value == null
        ? Optional.empty()
        : Optional.of(ByteSource.of(ByteBuffer.wrap(value).asReadOnlyBuffer()));
  }

  /** Reads a bounded range as a partial record; a suffix reads the record and cuts it. */
  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    StoreKeys.validate(key);
    DatabaseEntry data = new DatabaseEntry();
    if (range instanceof ByteRange.Bounded b) {
      int offset = clip(b.offset());
      // offset + length must not overflow an int: JE then allocates a huge array
      data.setPartial(offset, (int) Math.min(b.length(), Integer.MAX_VALUE - offset), true);
    } else if (range instanceof ByteRange.FromOffset f) {
      int offset = clip(f.offset());
      data.setPartial(offset, Integer.MAX_VALUE - offset, true);
    }
    byte[] value = fetch(key, data);
    if (value == null) {
      return Optional.empty();
    }
    if (range instanceof ByteRange.Suffix s) {
      int start = (int) s.start(value.length);
      return Optional.of(ByteBuffer.wrap(value, start, value.length - start).slice());
    }
    return Optional.of(ByteBuffer.wrap(value));
  }

  private static int clip(long n) {
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  @Override
  public boolean contains(String key) {
    StoreKeys.validate(key);
    return fetch(key, noData()) != null;
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    byte[] value = fetch(key, null);
    return value == null ? -1 : value.length;
  }

  /** The value's bytes (those {@code data} asks for, or all of them), or null when absent. */
  private byte[] fetch(String key, DatabaseEntry data) {
    DatabaseEntry k = keyEntry(key);
    DatabaseEntry d = data == null ? new DatabaseEntry() : data;
    return underLock(
        "read key '" + key + "'",
        () ->
            db.get(null, k, d, LockMode.READ_COMMITTED) == OperationStatus.SUCCESS
                ? bytesOf(d)
                : null);
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    checkWritable("set key '" + key + "'");
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    DatabaseEntry k = keyEntry(key);
    DatabaseEntry v = new DatabaseEntry(bytes);
    write("set key '" + key + "'", txn -> db.put(txn, k, v));
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    checkWritable("delete key '" + key + "'");
    DatabaseEntry k = keyEntry(key);
    write("delete key '" + key + "'", txn -> db.delete(txn, k));
  }

  /** Deletes the key and every key below it in one transaction. */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    checkWritable("delete prefix '" + prefix + "'");
    String base = prefix.isEmpty() ? "" : prefix + "/";
    write(
        "delete prefix '" + prefix + "'",
        txn -> {
          if (!prefix.isEmpty()) {
            db.delete(txn, keyEntry(prefix));
          }
          try (Cursor cursor = db.openCursor(txn, null)) {
            DatabaseEntry k = keyEntry(base);
            DatabaseEntry d = noData();
            OperationStatus status =
                base.isEmpty()
                    ? cursor.getFirst(k, d, LockMode.RMW)
                    : cursor.getSearchKeyRange(k, d, LockMode.RMW);
            while (status == OperationStatus.SUCCESS && keyOf(k).startsWith(base)) {
              cursor.delete();
              status = cursor.getNext(k, d, LockMode.RMW);
            }
          }
          return null;
        });
  }

  /** Syncs the environment's log to disk. */
  public void flush() {
    if (readOnly) {
      return;
    }
    underLock(
        "flush",
        () -> {
          env.sync();
          return null;
        });
  }

  private void checkWritable(String what) {
    if (readOnly) {
      throw new ReadOnlyException("cannot " + what + ": DBM store " + directory + " is read-only");
    }
  }

  // ------------------------------------------------------------------ listing

  /** A cursor range scan from {@code prefix/}, reading keys only. */
  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    String base = prefix.isEmpty() ? "" : prefix + "/";
    List<String> keys =
        underLock(
            "list prefix '" + prefix + "'",
            () -> {
              List<String> out = new ArrayList<>();
              try (Cursor cursor = db.openCursor(null, CursorConfig.READ_COMMITTED)) {
                DatabaseEntry k = keyEntry(base);
                DatabaseEntry d = noData();
                OperationStatus status =
                    base.isEmpty()
                        ? cursor.getFirst(k, d, null)
                        : cursor.getSearchKeyRange(k, d, null);
                while (status == OperationStatus.SUCCESS) {
                  String key = keyOf(k);
                  if (!key.startsWith(base)) {
                    break;
                  }
                  out.add(key);
                  status = cursor.getNext(k, d, null);
                }
              }
              return out;
            });
    Collections.sort(keys); // the B-tree orders UTF-8 bytes; Java strings differ past U+FFFF
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
    return underLock(
        "list directory '" + prefix + "'",
        () -> {
          TreeSet<String> names = new TreeSet<>();
          try (Cursor cursor = db.openCursor(null, CursorConfig.READ_COMMITTED)) {
            DatabaseEntry k = keyEntry(base);
            DatabaseEntry d = noData();
            OperationStatus status =
                base.isEmpty() ? cursor.getFirst(k, d, null) : cursor.getSearchKeyRange(k, d, null);
            while (status == OperationStatus.SUCCESS) {
              String key = keyOf(k);
              if (!key.startsWith(base)) {
                break;
              }
              String rest = key.substring(base.length());
              int slash = rest.indexOf('/');
              if (slash < 0) {
                names.add(rest);
                status = cursor.getNext(k, d, null);
              } else {
                String name = rest.substring(0, slash);
                names.add(name);
                k = keyEntry(base + name + "0"); // '0' follows '/': past every key of "name/"
                status = cursor.getSearchKeyRange(k, d, null);
              }
            }
          }
          return new ArrayList<>(names);
        });
  }

  // ------------------------------------------------------------------ lifecycle

  /** Closes the database and the environment. Idempotent; later operations throw. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        db.close();
      } finally {
        env.close();
      }
    } catch (DatabaseException | IllegalStateException e) {
      throw new StoreException("cannot close DBM store " + directory + ": " + e.getMessage(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** Work that needs the database open. */
  private interface Work<T> {
    T run();
  }

  /** Work inside a transaction. */
  private interface TxnWork<T> {
    T run(Transaction txn);
  }

  /** Runs {@code work} while the store is open, turning database errors into store errors. */
  private <T> T underLock(String what, Work<T> work) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException("cannot " + what + ": DBM store " + directory + " is closed");
      }
      return work.run();
    } catch (DatabaseException | IllegalStateException e) {
      throw new StoreException(
          "cannot " + what + " in DBM store " + directory + ": " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Runs {@code work} in a transaction and commits it; a transaction that loses a lock conflict (a
   * deadlock with another writer) is aborted and tried again.
   */
  private <T> T write(String what, TxnWork<T> work) {
    return underLock(
        what,
        () -> {
          for (int attempt = 1; ; attempt++) {
            Transaction txn = env.beginTransaction(null, null);
            try {
              T result = work.run(txn);
              txn.commit();
              return result;
            } catch (LockConflictException e) {
              txn.abort();
              if (attempt >= WRITE_ATTEMPTS) {
                throw e;
              }
            } catch (RuntimeException | Error e) {
              txn.abort();
              throw e;
            }
          }
        });
  }

  @Override
  public String toString() {
    return "DBMStore[" + directory + (readOnly ? ", read-only" : "") + "]";
  }
}
