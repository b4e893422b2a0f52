package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads that end at the end of a file take its last page first (for shards updated in place, see
 * {@link DirectoryStore}): every way of reading a file to its end gives its bytes, for sizes around
 * page boundaries and ranges starting anywhere; so does {@link DirectoryStore#getReplacedInto},
 * which reads without that guard.
 */
class DirectoryStoreLastPageTest {
  static IntStream seeds() {
    return IntStream.range(0, 60);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readsToTheEndGiveTheFilesBytes(int seed, @TempDir Path dir) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int pages = rnd.nextInt(0, 6);
    int size = Math.max(0, pages * 4096 + rnd.nextInt(-3, 4));
    if (rnd.nextInt(4) == 0) {
      size = rnd.nextInt(0, 30_000);
    }
    byte[] value = new byte[size];
    rnd.nextBytes(value);
    DirectoryStore store = new DirectoryStore(dir);
    store.set("k", ByteBuffer.wrap(value));
    assertThat(bytes(store.get("k").orElseThrow())).isEqualTo(value);
    assertThat(bytes(store.getInto("k", ByteBuffer::allocateDirect).orElseThrow()))
        .isEqualTo(value);
    // the read for values replaced whole (no last-page guard): the same bytes, into the
    // allocator's buffer at its position
    ByteBuffer given = rnd.nextBoolean() ? ByteBuffer.allocateDirect(size + 7) : null;
    if (given != null) {
      given.position(rnd.nextInt(8));
    }
    java.util.Optional<ByteBuffer> replaced =
        store.getReplacedInto("k", n -> given != null ? given : ByteBuffer.allocate(n));
    assertThat(bytes(replaced.orElseThrow())).isEqualTo(value);
    assertThat(store.getReplacedInto("missing", ByteBuffer::allocate)).isEmpty();
    int from = size == 0 ? 0 : rnd.nextInt(size);
    assertThat(bytes(store.get("k", new ByteRange.FromOffset(from)).orElseThrow()))
        .isEqualTo(Arrays.copyOfRange(value, from, size));
    try (ByteSource s = store.open("k").orElseThrow()) {
      assertThat(bytes(s.readAll())).isEqualTo(value);
      ByteBuffer part = ByteBuffer.allocate(size - from);
      s.read(from, part);
      assertThat(bytes(part.flip())).isEqualTo(Arrays.copyOfRange(value, from, size));
      int suffix = rnd.nextInt(0, size + 1);
      assertThat(bytes(s.read(new ByteRange.Suffix(suffix))))
          .isEqualTo(Arrays.copyOfRange(value, size - suffix, size));
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
