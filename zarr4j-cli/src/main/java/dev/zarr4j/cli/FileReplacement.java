package dev.zarr4j.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts a finished file in place of an output, atomically: a reader of the output's name sees the
 * old file or the new one, whole, never a missing or half-written one.
 *
 * <p>When the output already exists, its old file is first given a second name beside it (a hard
 * link, {@code .NAME.RANDOM.replaced}), the new file is renamed over the output, and the old file's
 * last name is removed by a separate {@code rm} process that outlives this one. Freeing a large
 * file's blocks and cached pages takes the kernel tens of milliseconds per 100 MB (ext4: about 70
 * ms for 256 MB, paid inside the rename when the rename drops the file's last name), which this
 * takes off the command's own time; the work itself is the same. Where the file system has no hard
 * links or no {@code rm} can be started, the old file goes as before: in the rename, or deleted
 * here.
 */
final class FileReplacement {
  /** The program that removes a set-aside old file after this process is gone. */
  private static final File RM = new File("/bin/rm");

  /** How an old file's last name is removed once the new file is in place. */
  interface Remover {
    /**
     * Removes {@code file}, now or later.
     *
     * @param file a name of the replaced file that nothing else refers to
     * @throws IOException if it could not be removed or its removal could not be started
     */
    void remove(Path file) throws IOException;
  }

  /** Removes the file in a separate {@code rm} process, not waited for; here when none starts. */
  static final Remover DETACHED =
      file -> {
        if (RM.canExecute()) {
          try {
            new ProcessBuilder(RM.getPath(), "-f", "--", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            return;
          } catch (IOException e) {
            // no process could be started: remove it here
          }
        }
        Files.deleteIfExists(file);
      };

  /** Removes the file in this process, before returning. */
  static final Remover HERE = Files::deleteIfExists;

  private FileReplacement() {}

  /**
   * Creates an empty file beside {@code target} for its new contents, named {@code
   * .NAME.RANDOM.partial}, with the permissions the process gives any new file. (The JDK's {@code
   * Files.createTempFile} would seed a {@code SecureRandom} for the name, about 20 ms of a start,
   * and make the output readable by its owner alone.)
   *
   * @param target the output's path
   * @return the new, empty file
   * @throws IOException if it cannot be created
   */
  static Path newPartial(Path target) throws IOException {
    Path dir = target.getParent();
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createFile(dir.resolve(hiddenName(target, "partial")));
      } catch (FileAlreadyExistsException e) {
        if (attempt == 8) {
          throw e;
        }
      }
    }
  }

  /** {@code .NAME.RANDOM.SUFFIX} for a file beside {@code target}. */
  private static String hiddenName(Path target, String suffix) {
    String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    return "." + target.getFileName() + "." + random + "." + suffix;
  }

  /**
   * Moves {@code source} to {@code target}, replacing the file there atomically where the file
   * system can; an old regular file at {@code target} is set aside first and handed to {@code
   * remover}.
   *
   * @param source the finished file, in the same directory as {@code target}
   * @param target the output's path
   * @param remover what removes the set-aside old file
   * @throws IOException if the move fails ({@code source} is then deleted and {@code target} is
   *     unchanged)
   */
  static void replace(Path source, Path target, Remover remover) throws IOException {
    Path aside = setAside(target);
    try {
      move(source, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(source);
      if (aside != null) {
        Files.deleteIfExists(aside);
      }
      throw e;
    }
    if (aside != null) {
      try {
        remover.remove(aside);
      } catch (IOException e) {
        Files.deleteIfExists(aside);
      }
    }
  }

  /**
   * A second name for the regular file at {@code target}, or null when there is none or the file
   * system cannot link it (the rename then drops the old file itself).
   */
  private static Path setAside(Path target) {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Path dir = target.getParent();
    for (int attempt = 0; attempt < 4; attempt++) {
      Path aside = dir.resolve(hiddenName(target, "replaced"));
      try {
        return Files.createLink(aside, target);
      } catch (FileAlreadyExistsException e) {
        // another name
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return null;
      }
    }
    return null;
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
