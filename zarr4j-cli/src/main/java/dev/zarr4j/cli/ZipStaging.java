package dev.zarr4j.cli;

import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.ValueParts;
import dev.zarr4j.store.ZipStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A zip file written by a command: the command works on a directory store beside the archive (the
 * staging directory, holding the archive's entries first when it exists), so it may write, rewrite
 * and delete keys as on any directory; when the command succeeds, every key is written once into a
 * new archive ({@link ZipStore} mode {@code w}, finished on close) that then replaces the file in
 * one move. When the command fails, or wrote nothing, the file stays exactly as it was.
 */
final class ZipStaging implements Store {
  private final String location;
  private final Path zip;
  private final Path stagingDir;
  private final DirectoryStore staging;
  private final int compression;
  private volatile boolean dirty;
  private boolean finished;

  private ZipStaging(String location, Path zip, Path stagingDir, int compression) {
    this.location = location;
    this.zip = zip;
    this.stagingDir = stagingDir;
    this.staging = new DirectoryStore(stagingDir);
    this.compression = compression;
  }

  /**
   * Stages the zip file at {@code zip} (named {@code location} on the command line): its entries,
   * when it exists, are copied into a new staging directory.
   *
   * @param options storage options: only {@code compression} ({@code stored} or {@code deflated},
   *     or 0 or 8), for the entries of the archive written
   * @throws CliException if an option is unknown, the file is not a zip archive, or the staging
   *     directory cannot be made
   */
  static ZipStaging open(String location, Path zip, Map<String, String> options) {
    int compression = ZipStore.STORED;
    for (Map.Entry<String, String> o : options.entrySet()) {
      if (!o.getKey().equals("compression")) {
        throw new CliException(
            "unknown storage option '"
                + o.getKey()
                + "' for the zip file "
                + location
                + "; a zip file written here knows: compression");
      }
      compression =
          switch (o.getValue().toLowerCase(Locale.ROOT)) {
            case "0", "stored" -> ZipStore.STORED;
            case "8", "deflated" -> ZipStore.DEFLATED;
            default ->
                throw new CliException(
                    "storage option 'compression' for "
                        + location
                        + " must be stored or deflated (0 or 8), got '"
                        + o.getValue()
                        + "'");
          };
    }
    Path target = zip.toAbsolutePath().normalize();
    Path dir;
    try {
      dir = Files.createTempDirectory(existingAncestor(target), "." + name(target) + ".staging-");
    } catch (IOException e) {
      throw new CliException("cannot write " + location + ": " + e, e);
    }
    ZipStaging staged = new ZipStaging(location, target, dir, compression);
    if (Files.exists(target)) {
      try (ZipStore existing = ZipStore.open(target, ZipStore.Mode.READ, ZipStore.STORED)) {
        for (String key : existing.listPrefix("")) {
          staged.staging.set(key, existing.get(key).orElseThrow());
        }
      } catch (ZarrException | IllegalStateException e) {
        staged.deleteStaging();
        throw new CliException(
            "cannot open " + location + " as a zip archive: " + e.getMessage(), e);
      }
    }
    return staged;
  }

  private static String name(Path p) {
    return p.getFileName() == null ? "zip" : p.getFileName().toString();
  }

  /** The nearest directory at or above {@code p}'s parent that exists (the staging goes there). */
  private static Path existingAncestor(Path p) {
    Path dir = p.getParent();
    while (dir != null && !Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new CliException("cannot write " + p + ": no parent directory exists");
    }
    return dir;
  }

  /**
   * Ends the command's use of the archive: when it succeeded and something was written, writes the
   * new archive and moves it over the file; otherwise leaves the file as it was. The staging
   * directory is removed either way. Idempotent.
   *
   * @throws CliException if the new archive cannot be written (the file is then unchanged)
   */
  void finish(boolean succeeded) {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (succeeded && dirty) {
        commit();
      }
    } finally {
      deleteStaging();
    }
  }

  private void commit() {
    Path tmp = null;
    try {
      Files.createDirectories(zip.getParent());
      tmp = Files.createTempFile(zip.getParent(), "." + name(zip) + ".", ".part");
      try (ZipStore out = ZipStore.open(tmp, ZipStore.Mode.WRITE, compression)) {
        for (String key : staging.listPrefix("")) {
          out.set(key, staging.get(key).orElseThrow());
        }
      }
      try {
        Files.move(tmp, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | ZarrException e) {
      throw new CliException(
          "cannot write the zip file " + location + ": " + e.getMessage() + " (it is unchanged)",
          e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temporary file; the archive itself is unchanged
        }
      }
    }
  }

  private void deleteStaging() {
    staging.close();
    try (Stream<Path> paths = Files.walk(stagingDir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover staging directory; the archive is what matters
    }
  }

  // ---------------------------------------------------------------- the staged store

  @Override
  public Optional<ByteSource> open(String key) {
    return staging.open(key);
  }

  @Override
  public StoreCapabilities capabilities() {
    return staging.capabilities();
  }

  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    return staging.getInto(key, allocator);
  }

  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    return staging.getMany(requests);
  }

  @Override
  public boolean contains(String key) {
    return staging.contains(key);
  }

  @Override
  public long size(String key) {
    return staging.size(key);
  }

  @Override
  public List<String> listPrefix(String prefix) {
    return staging.listPrefix(prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    return staging.listDir(prefix);
  }

  @Override
  public void set(String key, ByteBuffer value) {
    dirty = true;
    staging.set(key, value);
  }

  @Override
  public void set(String key, ValueParts value) {
    dirty = true;
    staging.set(key, value);
  }

  @Override
  public void delete(String key) {
    dirty = true;
    staging.delete(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    dirty = true;
    staging.deletePrefix(prefix);
  }

  @Override
  public void rename(String from, String to) {
    dirty = true;
    staging.rename(from, to);
  }

  /** Does nothing: the command's end finishes the archive ({@link #finish}). */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ZipStore[" + zip + ", written on success]";
  }
}
