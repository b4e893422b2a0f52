package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileReplacementTest {
  @TempDir Path dir;

  /** A file of {@code length} bytes, every one {@code version}: a reader can tell it is whole. */
  private Path write(String name, int version, int length) throws IOException {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) version);
    return Files.write(dir.resolve(name), b);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Replacing again and again: the output holds the last file, and nothing else is left. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theOutputHoldsTheLastFileAndNothingIsLeftBeside(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path target = dir.resolve("out.npy");
    for (int version = 1; version <= 12; version++) {
      int length = random.nextInt(0, 70_000);
      Path source = write(".out.npy.x.partial", version, length);
      FileReplacement.replace(source, target, FileReplacement.HERE);
      byte[] expected = new byte[length];
      Arrays.fill(expected, (byte) version);
      assertThat(Files.readAllBytes(target)).isEqualTo(expected);
      assertThat(names()).containsExactly("out.npy");
    }
  }

  /** A reader opening the output by name meanwhile always finds a whole file, old or new. */
  @Test
  void aReaderAlwaysFindsAWholeFile() throws Exception {
    Path target = write("out.npy", 0, 4096);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> problem = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get() && problem.get() == null) {
                try {
                  byte[] b = Files.readAllBytes(target);
                  int version = b.length == 0 ? -1 : b[0];
                  for (byte x : b) {
                    if (x != version) {
                      problem.set("mixed bytes in a file of " + b.length);
                    }
                  }
                  if (b.length != 1000 * (version + 4) + 96) {
                    problem.set("version " + version + " with " + b.length + " bytes");
                  }
                } catch (NoSuchFileException e) {
                  problem.set("the output was missing");
                } catch (IOException e) {
                  problem.set(e.toString());
                }
              }
            });
    reader.start();
    try {
      for (int version = 1; version <= 60; version++) {
        int length = 1000 * (version + 4) + 96;
        Path source = write(".out.npy.x.partial", version, length);
        FileReplacement.replace(source, target, FileReplacement.DETACHED);
      }
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(problem.get()).isNull();
  }

  /** The detached removal deletes the old file's set-aside name once this process moves on. */
  @Test
  void theOldFileIsRemovedInTheBackground() throws Exception {
    Path target = write("out.npy", 1, 10_000);
    Path source = write(".out.npy.x.partial", 2, 20_000);
    FileReplacement.replace(source, target, FileReplacement.DETACHED);
    assertThat(Files.size(target)).isEqualTo(20_000);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (names().size() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(names()).containsExactly("out.npy");
  }

  /** A reader that had the old file open keeps reading the old bytes after the replacement. */
  @Test
  void anOpenOldFileKeepsItsBytes() throws IOException {
    Path target = write("out.npy", 1, 5000);
    try (var in = Files.newInputStream(target)) {
      FileReplacement.replace(write(".p", 2, 300), target, FileReplacement.HERE);
      byte[] old = in.readAllBytes();
      assertThat(old).hasSize(5000).containsOnly(1);
    }
    assertThat(Files.readAllBytes(target)).hasSize(300).containsOnly(2);
  }

  /** New files for an output: empty, hidden, beside it, each its own, made like any new file. */
  @Test
  void partialFilesAreNewHiddenSiblings() throws IOException {
    Path target = dir.resolve("out.npy");
    Path first = FileReplacement.newPartial(target);
    Path second = FileReplacement.newPartial(target);
    assertThat(first).isNotEqualTo(second);
    for (Path p : List.of(first, second)) {
      assertThat(p.getParent()).isEqualTo(dir);
      assertThat(p.getFileName().toString()).matches("\\.out\\.npy\\.[0-9a-z]+\\.partial");
      assertThat(Files.size(p)).isZero();
    }
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Path plain = Files.createFile(dir.resolve("plain"));
      assertThat(Files.getPosixFilePermissions(first))
          .isEqualTo(Files.getPosixFilePermissions(plain));
    }
    assertThat(target).doesNotExist();
  }

  /** A remover that cannot start: the old file's second name is deleted here instead. */
  @Test
  void aFailedRemoverStillLeavesNothingBeside() throws IOException {
    Path target = write("out.npy", 1, 900);
    FileReplacement.replace(
        write(".p", 2, 800),
        target,
        path -> {
          throw new IOException("cannot start a process for " + path);
        });
    assertThat(names()).containsExactly("out.npy");
    assertThat(Files.readAllBytes(target)).hasSize(800).containsOnly(2);
  }

  /** A symbolic link at the output is replaced itself, as a rename does; its target is kept. */
  @Test
  void aLinkAtTheOutputIsReplacedNotFollowed() throws IOException {
    Path real = write("real.npy", 1, 400);
    Path target = dir.resolve("out.npy");
    try {
      Files.createSymbolicLink(target, real.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "no symbolic links here: " + e);
    }
    FileReplacement.replace(write(".p", 2, 300), target, FileReplacement.HERE);
    assertThat(Files.isSymbolicLink(target)).isFalse();
    assertThat(Files.readAllBytes(target)).hasSize(300).containsOnly(2);
    assertThat(Files.readAllBytes(real)).hasSize(400).containsOnly(1);
    assertThat(names()).containsExactly("out.npy", "real.npy");
  }

  /** No output yet: the file is simply moved there. */
  @Test
  void aNewOutputIsMovedIntoPlace() throws IOException {
    Path source = write(".p", 3, 100);
    Path target = dir.resolve("new.npy");
    FileReplacement.replace(source, target, path -> fail("nothing to remove: " + path));
    assertThat(names()).containsExactly("new.npy");
    assertThat(Files.readAllBytes(target)).hasSize(100).containsOnly(3);
  }

  /** A move that fails leaves the old output as it was, and no set-aside name behind. */
  @Test
  void aFailedMoveLeavesTheOldOutput() throws IOException {
    Path target = write("out.npy", 1, 700);
    Path missing = dir.resolve(".gone.partial");
    assertThatThrownBy(() -> FileReplacement.replace(missing, target, FileReplacement.HERE))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(names()).containsExactly("out.npy");
    assertThat(Files.readAllBytes(target)).hasSize(700).containsOnly(1);
  }
}
