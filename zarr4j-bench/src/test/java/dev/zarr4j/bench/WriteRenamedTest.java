package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The write limit's file step ({@link PeerBench#writeRenamed}) against what {@code DirectoryStore}
 * leaves: the chunk's file holds exactly the value's remaining bytes, an older file of that name is
 * replaced, the buffer's position is untouched and no temporary file is left.
 */
class WriteRenamedTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void writesTheValueUnderItsNameAndLeavesNoTemporaryFile(long seed, @TempDir Path dir)
      throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] old = new byte[rnd.nextInt(1 << 16)];
    rnd.nextBytes(old);
    Files.write(dir.resolve("0.0"), old);
    byte[] bytes = new byte[1 + rnd.nextInt(1 << 20)];
    rnd.nextBytes(bytes);
    int from = rnd.nextInt(bytes.length);
    ByteBuffer value = ByteBuffer.wrap(bytes).position(from);

    PeerBench.writeRenamed(dir, "0.0", value);
    PeerBench.writeRenamed(dir, "1.0", value);

    byte[] expected = java.util.Arrays.copyOfRange(bytes, from, bytes.length);
    assertThat(Files.readAllBytes(dir.resolve("0.0"))).isEqualTo(expected);
    assertThat(Files.readAllBytes(dir.resolve("1.0"))).isEqualTo(expected);
    assertThat(value.position()).isEqualTo(from);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("0.0", "1.0");
    }
  }
}
