package dev.zarr4j.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Moves the cost of freeing a replaced file's blocks off the writer's path. A file renamed over
 * another frees the old file's blocks inside the rename, unless the old file is still open: then
 * the blocks are freed when it is last closed. {@link #hold} opens the file about to be replaced,
 * and {@link #release} hands the open file to a daemon thread that closes it, so the writer's
 * rename only swaps the names. No name is left behind (an open file without a name is the file
 * system's own state, freed when its last descriptor closes, or by the kernel when the process
 * exits), so listings and other programs see nothing of it.
 *
 * <p>Only regular files of at least {@link #MIN_SIZE} bytes are held (the freeing of smaller ones
 * costs less than the extra open), only on file systems with POSIX semantics (on Windows an open
 * file cannot be replaced), and at most {@link #CAPACITY} at once: when the closing thread falls
 * behind, the writer closes the file itself, as it would have freed it before.
 */
final class ReplacedFiles {
  /** Smallest file worth holding, in bytes. */
  static final long MIN_SIZE = 64 * 1024;

  /** Most files waiting to be closed at once. */
  static final int CAPACITY = 64;

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static final BlockingQueue<FileChannel> WAITING = new ArrayBlockingQueue<>(CAPACITY);

  static {
    if (POSIX) {
      Thread closer = new Thread(ReplacedFiles::closeWaiting, "zarr4j-replaced-file-closer");
      closer.setDaemon(true);
      closer.start();
    }
  }

  private ReplacedFiles() {}

  /**
   * Opens {@code target}, about to be replaced by a rename, when it is worth holding: a regular
   * file (not followed through a link) of at least {@link #MIN_SIZE} bytes on the default file
   * system. Returns null otherwise, or when it cannot be opened (the rename then frees it as
   * before).
   */
  static FileChannel hold(Path target) {
    if (!POSIX || target.getFileSystem() != FileSystems.getDefault()) {
      return null;
    }
    if (target.toFile().length() < MIN_SIZE) {
      return null; // absent (0, without the cost of an exception), small, or a link to either
    }
    try {
      BasicFileAttributes a =
          Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() < MIN_SIZE) {
        return null;
      }
      return FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // absent, or not ours to open: the rename frees it
    }
  }

  /** Hands a file from {@link #hold} (or null) to the closing thread, or closes it when full. */
  static void release(FileChannel held) {
    release(held, WAITING);
  }

  /**
   * Offers a held file (or null) to {@code waiting}, the closing thread's queue, or closes it at
   * once when the queue is full.
   */
  static void release(FileChannel held, BlockingQueue<FileChannel> waiting) {
    if (held != null && !waiting.offer(held)) {
      closeQuietly(held);
    }
  }

  /** Files waiting to be closed (for tests). */
  static int waiting() {
    return WAITING.size();
  }

  private static void closeWaiting() {
    while (true) {
      try {
        closeQuietly(WAITING.take());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // a read-only descriptor: nothing of the value depends on its close
    }
  }
}
