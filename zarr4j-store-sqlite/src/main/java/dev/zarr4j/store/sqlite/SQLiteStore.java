package dev.zarr4j.store.sqlite;

import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A store in one SQLite database file, in the table zarr-python's {@code zarr.SQLiteStore} uses:
 * {@code zarr(k TEXT PRIMARY KEY, v BLOB)}, one row per key, the key as text and the value as a
 * blob. A file written by either opens in the other.
 *
 * <p><b>Reads.</b> {@link #get(String, ByteRange)} asks SQLite for the range only ({@code substr}
 * on the blob), so only those bytes cross into Java. {@link #open} copies the value into memory, so
 * an opened value keeps its bytes whatever is written afterwards; the store therefore reports no
 * {@link StoreCapabilities#partialReads() partial reads}. Listings are range scans of the key index
 * ({@code k >= 'p/' AND k < 'p0'}); {@link #listDir} skips over each sub-prefix with one more scan
 * instead of reading the keys below it.
 *
 * <p><b>Writes.</b> {@link #set} is one {@code INSERT OR REPLACE} (zarr-python's {@code REPLACE
 * INTO}), so a reader sees the old value or the new one, never part of one. {@link #deletePrefix}
 * deletes the key and every key below it in one transaction.
 *
 * <p><b>Durability.</b> A writable store switches the database to SQLite's write-ahead log ({@code
 * journal_mode=WAL}, which stays set in the file; zarr-python and every SQLite since 3.7 read it)
 * with {@code synchronous=NORMAL}: a commit appends to the log without waiting for the disk, so a
 * crash of the process loses nothing and a crash of the operating system may lose the last writes,
 * never the database. The log is folded into the file when the last connection closes. Opening
 * read-only needs write access to the directory when the file is in WAL mode (SQLite's
 * shared-memory file).
 *
 * <p><b>Threads.</b> The store holds one connection, used by one thread at a time; operations from
 * many threads are serialised. Other processes may use the file at the same time as SQLite allows
 * (a writer locks the database; this store waits up to {@value #BUSY_TIMEOUT_MS} ms for a lock).
 *
 * <p><b>Closing.</b> {@link #close()} closes the connection; it is idempotent, and every later
 * operation throws a {@link StoreException}.
 */
public final class SQLiteStore implements Store {

  /** How long an operation waits for another connection's lock on the database, in ms. */
  public static final int BUSY_TIMEOUT_MS = 10_000;

  /**
   * Longer than any SQLite value (at most 2^31 - 1 bytes): offsets and lengths are clipped to it,
   * so that SQLite's {@code substr} arithmetic cannot overflow.
   */
  private static final long BEYOND_ANY_VALUE = 1L << 40;

  /** The keys of a range of the key index, in order (listings). */
  static final String KEYS_IN_RANGE = "SELECT k FROM zarr WHERE k >= ? AND k < ? ORDER BY k";

  /** The keys from a key on, in order (root listings). */
  static final String KEYS_FROM = "SELECT k FROM zarr WHERE k >= ? ORDER BY k";

  /** Deletes a range of the key index (the keys below a prefix). */
  static final String DELETE_RANGE = "DELETE FROM zarr WHERE k >= ? AND k < ?";

  private final Path file;
  private final boolean readOnly;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection; // guarded by lock; null once closed
  private PreparedStatement selectValue;
  private PreparedStatement selectSize;
  private PreparedStatement upsert;
  private PreparedStatement deleteKey;

  /**
   * Opens (creating it if needed) the SQLite database {@code file} for reading and writing, with
   * zarr-python's table created in it when missing.
   *
   * @throws StoreException if the file cannot be opened as an SQLite database (its directory
   *     missing, not a database)
   */
  public SQLiteStore(Path file) {
    this(file, false);
  }

  /**
   * Opens the SQLite database {@code file}.
   *
   * @param file the database file; created (with the table) when writable and missing
   * @param readOnly open read-only: the file must exist and hold the table {@code zarr}; writes
   *     throw {@link ReadOnlyException}
   * @throws StoreException if the file cannot be opened, or (read-only) is missing or has no table
   *     {@code zarr}
   */
  public SQLiteStore(Path file, boolean readOnly) {
    if (file == null) {
      throw new IllegalArgumentException("SQLite store file must not be null");
    }
    this.file = file.toAbsolutePath().normalize();
    this.readOnly = readOnly;
    if (readOnly && !Files.isRegularFile(this.file)) {
      throw new StoreException("SQLite store " + this.file + " does not exist (opened read-only)");
    }
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
    if (readOnly) {
      properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    } else {
      // write-ahead log, synced at checkpoints: a commit is one append, not several fsyncs
      properties.setProperty("journal_mode", "WAL");
      properties.setProperty("synchronous", "NORMAL");
    }
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + this.file, properties);
      connection.setAutoCommit(true);
      if (readOnly) {
        checkTable();
      } else {
        try (Statement s = connection.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS zarr(k TEXT PRIMARY KEY, v BLOB)");
        }
      }
      selectValue = connection.prepareStatement("SELECT v FROM zarr WHERE k = ?");
      selectSize = connection.prepareStatement("SELECT octet_length(v) FROM zarr WHERE k = ?");
      upsert = connection.prepareStatement("INSERT OR REPLACE INTO zarr(k, v) VALUES (?, ?)");
      deleteKey = connection.prepareStatement("DELETE FROM zarr WHERE k = ?");
    } catch (SQLException e) {
      closeQuietly();
      throw new StoreException("cannot open SQLite store " + this.file + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      closeQuietly();
      throw e;
    }
  }

  private void checkTable() throws SQLException {
    try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'zarr'");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException(
            "SQLite database " + file + " has no table 'zarr': it is not a Zarr SQLite store");
      }
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Whether the store was opened read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(!readOnly, true, false, true);
  }

  // ------------------------------------------------------------------ reads

  /** Copies the value into memory: the source reads those bytes whatever happens afterwards. */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    byte[] value = fetch(key);
    return value == null
        ? Optional.empty()
        : Optional.of(ByteSource.of(ByteBuffer.wrap(value).asReadOnlyBuffer()));
  }

  /** Reads only the bytes of {@code range}, cut out by SQLite ({@code substr} on the blob). */
  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    StoreKeys.validate(key);
    if (range instanceof ByteRange.Full) {
      byte[] value = fetch(key);
      return value == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(value));
    }
    String sql;
    long first;
    long second = 0;
    if (range instanceof ByteRange.Bounded b) {
      sql = "SELECT substr(CAST(v AS BLOB), ?, ?) FROM zarr WHERE k = ?";
      first = Math.min(b.offset(), BEYOND_ANY_VALUE) + 1;
      second = Math.min(b.length(), BEYOND_ANY_VALUE);
    } else if (range instanceof ByteRange.FromOffset f) {
      sql = "SELECT substr(CAST(v AS BLOB), ?) FROM zarr WHERE k = ?";
      first = Math.min(f.offset(), BEYOND_ANY_VALUE) + 1;
    } else {
      long length = ((ByteRange.Suffix) range).length();
      sql = "SELECT substr(CAST(v AS BLOB), max(octet_length(v) - ?, 0) + 1) FROM zarr WHERE k = ?";
      first = Math.min(length, BEYOND_ANY_VALUE);
    }
    boolean bounded = range instanceof ByteRange.Bounded;
    long firstArg = first;
    long secondArg = second;
    return withConnection(
        "read a range of key '" + key + "'",
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, firstArg);
            if (bounded) {
              s.setLong(2, secondArg);
            }
            s.setString(bounded ? 3 : 2, key);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              byte[] bytes = rs.getBytes(1);
              return Optional.of(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes));
            }
          }
        });
  }

  @Override
  public boolean contains(String key) {
    return size(key) >= 0;
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    return withConnection(
        "read the size of key '" + key + "'",
        c -> {
          selectSize.setString(1, key);
          try (ResultSet rs = selectSize.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1L;
          }
        });
  }

  /** The value's bytes, or null when absent. */
  private byte[] fetch(String key) {
    return withConnection(
        "read key '" + key + "'",
        c -> {
          selectValue.setString(1, key);
          try (ResultSet rs = selectValue.executeQuery()) {
            if (!rs.next()) {
              return null;
            }
            byte[] bytes = rs.getBytes(1); // null for an empty blob
            return bytes == null ? new byte[0] : bytes;
          }
        });
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    checkWritable("set key '" + key + "'");
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    withConnection(
        "set key '" + key + "'",
        c -> {
          upsert.setString(1, key);
          upsert.setBytes(2, bytes);
          upsert.executeUpdate();
          return null;
        });
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    checkWritable("delete key '" + key + "'");
    withConnection(
        "delete key '" + key + "'",
        c -> {
          deleteKey.setString(1, key);
          deleteKey.executeUpdate();
          return null;
        });
  }

  /** Deletes the key and the keys below it in one transaction. */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    checkWritable("delete prefix '" + prefix + "'");
    withConnection(
        "delete prefix '" + prefix + "'",
        c -> {
          if (prefix.isEmpty()) {
            try (Statement s = c.createStatement()) {
              s.executeUpdate("DELETE FROM zarr");
            }
            return null;
          }
          c.setAutoCommit(false);
          try {
            deleteKey.setString(1, prefix);
            deleteKey.executeUpdate();
            try (PreparedStatement s = c.prepareStatement(DELETE_RANGE)) {
              s.setString(1, prefix + "/");
              s.setString(2, prefix + "0"); // '0' follows '/'
              s.executeUpdate();
            }
            c.commit();
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
          return null;
        });
  }

  private void checkWritable(String what) {
    if (readOnly) {
      throw new ReadOnlyException("cannot " + what + ": SQLite store " + file + " is read-only");
    }
  }

  // ------------------------------------------------------------------ listing

  /** A range scan of the key index. */
  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    List<String> keys =
        withConnection(
            "list prefix '" + prefix + "'",
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      prefix.isEmpty() ? "SELECT k FROM zarr ORDER BY k" : KEYS_IN_RANGE)) {
                if (!prefix.isEmpty()) {
                  s.setString(1, prefix + "/");
                  s.setString(2, prefix + "0");
                }
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
              }
              return out;
            });
    // SQLite orders UTF-8 bytes; Java strings differ only past U+FFFF (already near sorted)
    Collections.sort(keys);
    return keys;
  }

  /**
   * Scans the keys below {@code prefix} in index order; at the first key of each sub-prefix it
   * records the name and restarts the scan after that sub-prefix, so the keys below it are never
   * read.
   */
  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    String base = prefix.isEmpty() ? "" : prefix + "/";
    return withConnection(
        "list directory '" + prefix + "'",
        c -> {
          TreeSet<String> names = new TreeSet<>();
          try (PreparedStatement s =
              c.prepareStatement(prefix.isEmpty() ? KEYS_FROM : KEYS_IN_RANGE)) {
            String from = base;
            boolean more = true;
            while (more) {
              more = false;
              s.setString(1, from);
              if (!prefix.isEmpty()) {
                s.setString(2, prefix + "0");
              }
              try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                  String rest = rs.getString(1).substring(base.length());
                  int slash = rest.indexOf('/');
                  if (slash < 0) {
                    names.add(rest);
                  } else {
                    String name = rest.substring(0, slash);
                    names.add(name);
                    from = base + name + "0"; // past every key of "name/"
                    more = true;
                    break;
                  }
                }
              }
            }
          }
          return new ArrayList<>(names);
        });
  }

  // ------------------------------------------------------------------ lifecycle

  /** Closes the connection. Idempotent; later operations throw a {@link StoreException}. */
  @Override
  public void close() {
    lock.lock();
    try {
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    if (connection == null) {
      return;
    }
    try {
      connection.close(); // closes its statements too
    } catch (SQLException ignored) {
      // nothing more can be done with the connection
    }
    connection = null;
  }

  /** Work with the open connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} alone on the connection, turning SQL errors into store errors. */
  private <T> T withConnection(String what, Work<T> work) {
    lock.lock();
    try {
      if (connection == null) {
        throw new StoreException("cannot " + what + ": SQLite store " + file + " is closed");
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot " + what + " in SQLite store " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SQLiteStore[" + file + (readOnly ? ", read-only" : "") + "]";
  }
}
