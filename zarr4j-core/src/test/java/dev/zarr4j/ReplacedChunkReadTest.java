package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which whole-value read the chunk pipeline asks a store for: chunks of an array whose codecs never
 * update a chunk in place are read with {@code getReplacedInto} (a directory store skips its guard
 * against in-place updates), shards, which are updated in place, with the guarded {@code getInto}.
 */
class ReplacedChunkReadTest {
  @TempDir Path tmp;

  /** A directory store counting its two whole-value reads of chunk keys. */
  static final class CountingStore extends DirectoryStore {
    private static final long serialVersionUID = 1L;
    final AtomicInteger guarded = new AtomicInteger();
    final AtomicInteger replaced = new AtomicInteger();

    CountingStore(Path root) {
      super(root);
    }

    @Override
    public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
      if (key.startsWith("c")) {
        guarded.incrementAndGet();
      }
      return super.getInto(key, allocator);
    }

    @Override
    public Optional<ByteBuffer> getReplacedInto(String key, IntFunction<ByteBuffer> allocator) {
      if (key.startsWith("c")) {
        replaced.incrementAndGet();
      }
      return super.getReplacedInto(key, allocator);
    }
  }

  @Test
  void chunksReplacedWholeAreReadWithoutTheGuardAndShardsWithIt() {
    for (boolean sharded : new boolean[] {false, true}) {
      CountingStore store = new CountingStore(tmp.resolve(sharded ? "sharded" : "plain"));
      ArrayOptions.Builder b =
          ArrayOptions.builder()
              .store(store)
              .format(NodeFormats.named("zarr-v3"))
              .shape(64, 64)
              .chunks(8, 8)
              .dtype("<i4")
              .compressor(null);
      if (sharded) {
        b.shards(32, 32);
      }
      ZarrArray z = Zarr.create(b.build());
      NdArray values = NdArray.arange(dev.zarr4j.ndarray.DataType.parse("<i4"), 64 * 64, 64, 64);
      z.set(values);
      z.set("3:5, 3:60", 7); // partial writes read the chunks they merge into
      store.guarded.set(0);
      store.replaced.set(0);
      NdArray got = z.get();
      assertThat(got.getLong(3, 10)).isEqualTo(7);
      assertThat(got.getLong(40, 40)).isEqualTo(40 * 64 + 40);
      if (sharded) {
        assertThat(store.replaced.get()).as("shards read without the guard").isZero();
        assertThat(store.guarded.get()).as("shards read whole").isEqualTo(4);
      } else {
        assertThat(store.guarded.get()).as("chunks read with the guard").isZero();
        assertThat(store.replaced.get()).as("chunks read whole").isEqualTo(64);
      }
    }
  }
}
