package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link DirectoryStore} on a fresh temporary directory, which is deleted with everything in it
 * when the store is {@linkplain #close() closed}, or when the JVM exits normally if it never was.
 * (zarr-python's {@code TempStore}.) The directory is named {@code <prefix><random><suffix>} and,
 * on POSIX file systems, is readable by its owner only.
 *
 * <p>A temporary store is not {@linkplain StoreCapabilities#persistent() persistent}. It serialises
 * as a plain {@link DirectoryStore} on the same directory: the copy does not own the directory and
 * never deletes it.
 */
public class TempStore extends DirectoryStore {
  private static final long serialVersionUID = 1L;

  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, false);

  private final transient AtomicBoolean deleted = new AtomicBoolean();

  /**
   * Creates a store on a new directory named {@code zarr<random>} in the system temporary
   * directory.
   */
  public TempStore() {
    this("zarr", "", null, false);
  }

  /**
   * Creates a store on a new directory named {@code <prefix><random><suffix>} in the system
   * temporary directory.
   *
   * @throws IllegalArgumentException if the prefix or suffix contains a path separator
   * @throws StoreException if the directory cannot be created
   */
  public TempStore(String prefix, String suffix) {
    this(prefix, suffix, null, false);
  }

  /**
   * Creates a store on a new directory named {@code <prefix><random><suffix>}.
   *
   * @param prefix start of the directory name ({@code null} for none)
   * @param suffix end of the directory name ({@code null} for none)
   * @param parent where to create it; {@code null} for the system temporary directory ({@code
   *     java.io.tmpdir})
   * @param normalizeKeys lower-case keys and prefixes before use
   * @throws IllegalArgumentException if the prefix or suffix contains a path separator
   * @throws StoreException if the directory cannot be created
   */
  public TempStore(String prefix, String suffix, Path parent, boolean normalizeKeys) {
    super(createDirectory(prefix, suffix, parent), normalizeKeys);
    Cleanup.register(root());
  }

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Closes the store and deletes its directory with everything in it. Idempotent.
   *
   * @throws StoreException if the directory cannot be deleted (the store is closed regardless, and
   *     deleting is tried again at JVM exit)
   */
  @Override
  public void close() {
    super.close();
    if (deleted.compareAndSet(false, true)) {
      deleteTree(root());
      Cleanup.unregister(root()); // if deleting failed, the exit hook tries again
    }
  }

  private static Path createDirectory(String prefix, String suffix, Path parent) {
    String p = prefix == null ? "" : prefix;
    String s = suffix == null ? "" : suffix;
    if (p.indexOf('/') >= 0
        || p.indexOf('\\') >= 0
        || s.indexOf('/') >= 0
        || s.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(
          "temporary directory prefix and suffix must not contain a path separator: '"
              + p
              + "', '"
              + s
              + "'");
    }
    Path dir = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
    boolean posix =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            && dir.getFileSystem() == FileSystems.getDefault();
    for (int attempt = 0; attempt < 100; attempt++) {
      Path candidate =
          dir.resolve(p + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + s);
      try {
        if (posix) {
          return Files.createDirectory(
              candidate,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        // try another name
      } catch (IOException e) {
        throw new StoreException("cannot create a temporary directory in " + dir + ": " + e, e);
      }
    }
    throw new StoreException("cannot find a free temporary directory name in " + dir);
  }

  /** Deletes, at JVM exit, the directories of temporary stores that were not closed. */
  private static final class Cleanup {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    static void register(Path dir) {
      if (HOOKED.compareAndSet(false, true)) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(Cleanup::deleteAll, "zarr4j-tempstore-cleanup"));
      }
      PENDING.add(dir);
    }

    static void unregister(Path dir) {
      PENDING.remove(dir);
    }

    private static void deleteAll() {
      for (Path dir : PENDING) {
        try {
          deleteTree(dir);
        } catch (RuntimeException e) {
          // best effort at exit
        }
      }
    }
  }
}
