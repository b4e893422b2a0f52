package dev.zarr4j.convenience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A copy tells its {@link CopyProgress} each array it starts with its chunk count, then chunks
 * written that add up to that count, then that the array is done: on the path that copies stored
 * chunks as they are (same format and layout) and on the one that re-encodes (another format).
 */
class CopyProgressTest {

  /** Records what it is told, as one line per array: "path total copied". */
  static final class Recorder implements CopyProgress {
    final List<String> lines = new ArrayList<>();
    private final AtomicLong copied = new AtomicLong();
    private String path;
    private long total;

    @Override
    public void arrayStarted(String path, long chunks) {
      this.path = path;
      this.total = chunks;
      copied.set(0);
    }

    @Override
    public void chunksCopied(long n) {
      copied.addAndGet(n);
    }

    @Override
    public void arrayFinished(String path) {
      assertThat(path).isEqualTo(this.path);
      lines.add(path + " " + total + " " + copied.get());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"zarr-v2", "zarr-v3"})
  void everyArrayCountsUpToItsChunks(String destFormat) {
    ZarrGroup src = Zarr.group(new MemoryStore());
    src.create("a", ArrayOptions.builder().shape(10, 10).chunks(3, 4).dtype("<i4").build())
        .set(NdArray.arange(DataType.INT32, 100, 10, 10));
    src.createGroup("g")
        .create("b", ArrayOptions.builder().shape(7).chunks(2).dtype("<f8").build())
        .set(1.5);
    ZarrGroup dest =
        Zarr.group(
            new MemoryStore(),
            GroupOptions.builder().format(NodeFormats.named(destFormat)).build());
    Recorder r = new Recorder();
    Convenience.copyAll(src, dest, CopyOptions.builder().progress(r).build());
    assertThat(r.lines).containsExactly("a 12 12", "g/b 4 4");
    assertThat(dest.getArray("a").get()).isEqualTo(src.getArray("a").get());
  }
}
