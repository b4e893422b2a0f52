package dev.zarr4j.sync;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.StoreKeys;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * Synchronises writers across processes with one lock file per key under a shared directory, as
 * zarr-python's {@code zarr.ProcessSynchronizer} does: the lock for key {@code a/b/0.0} is the file
 * {@code <directory>/a/b/0.0} (created empty when missing, parent directories included, never
 * deleted), locked whole with a POSIX record lock ({@code fcntl}, which Java's {@link
 * java.nio.channels.FileChannel#lock()} takes on Linux and macOS and Python's {@code fcntl.lockf},
 * used by zarr-python through {@code fasteners}, takes too). JVM writers and zarr-python writers
 * given the same directory therefore exclude each other, chunk by chunk, and lock the array and
 * attribute documents as zarr-python does.
 *
 * <p>Record locks belong to a process, not to a thread, and closing any handle of a file drops them
 * all; so every lock file is also guarded by one in-JVM lock shared by every {@code
 * ProcessSynchronizer} of the JVM, and opened only while that is held. Threads of one JVM thus
 * exclude each other too, and a thread may take a lock it holds again (the file is locked once).
 *
 * <p>The directory must be on a file system shared by every writer that honours POSIX record locks
 * (a local disk; NFS only with working lock support), and should not be inside the array's store.
 * Serialisable: a copy locks the same files.
 */
public final class ProcessSynchronizer implements Synchronizer, Serializable {
  private static final long serialVersionUID = 1L;

  /** Kept as a string so that the synchronizer serialises on every platform. */
  private final String directory;

  /**
   * A synchronizer keeping its lock files under {@code directory}, created on first use when
   * missing.
   *
   * @throws IllegalArgumentException if {@code directory} is null
   */
  public ProcessSynchronizer(Path directory) {
    if (directory == null) {
      throw new IllegalArgumentException("lock directory must not be null");
    }
    this.directory = directory.toAbsolutePath().normalize().toString();
  }

  /** The directory holding the lock files, absolute. */
  public Path directory() {
    return Path.of(directory);
  }

  /**
   * The lock for {@code key}: the file {@code directory/key} locked with a record lock, under the
   * JVM-wide lock of that file. Acquiring it blocks until every other holder, in this process or
   * another, has released it; {@link Lock#newCondition()} is not supported.
   *
   * @throws dev.zarr4j.exceptions.InvalidKeyException if {@code key} is not a valid store key
   * @throws StoreException when the lock is taken, if its file cannot be created or locked (the
   *     message names the file)
   */
  @Override
  public Lock lockFor(String key) {
    StoreKeys.validate(key);
    Path root = directory();
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new StoreException(
          "lock key '" + key + "' does not name a file inside the lock directory " + root);
    }
    return new LockFileLock(file);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessSynchronizer p && directory.equals(p.directory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(directory);
  }

  @Override
  public String toString() {
    return "ProcessSynchronizer(" + directory + ")";
  }
}
