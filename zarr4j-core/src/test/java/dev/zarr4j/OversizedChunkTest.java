package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stored chunk can be no larger than its codecs' worst case for one chunk: a chunk file padded
 * with zeros to 1.5 GB (sparse, so the test costs no disk) makes every read and partial write of a
 * 40 KB array fail quickly with a {@link CodecException} naming the key, without reading the file
 * or allocating anything near its size.
 */
class OversizedChunkTest {
  @TempDir Path tempDir;

  private static final long PADDED = 1_500_000_000L;

  private static BytesToBytesCodec codec(String name) {
    return switch (name) {
      case "none" -> null;
      case "blosc" -> Blosc.of("lz4", 5, 1, 0);
      case "gzip" -> GZip.of(5);
      default -> Zstd.of(1);
    };
  }

  private static void pad(Path file) throws IOException {
    assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(PADDED);
    }
  }

  /** Bytes allocated by every live thread so far (the chunk pool's threads included). */
  private static long allocatedEverywhere() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, a);
    }
    return total;
  }

  private static void refusedQuicklyNamingTheKey(ThrowingCallable read, String key) {
    long allocated = allocatedEverywhere();
    long start = System.nanoTime();
    assertThatThrownBy(read)
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining("" + PADDED);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).as("refused before reading").isLessThan(3000);
    assertThat(allocatedEverywhere() - allocated)
        .as("bytes allocated while refusing")
        .isLessThan(64L << 20);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "blosc", "zstd", "gzip"})
  void aZarrV2ChunkPaddedFarBeyondItsWorstCaseIsRefused(String name) throws IOException {
    DirectoryStore store = new DirectoryStore(tempDir.resolve("v2.zarr"));
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .path("a")
                .shape(100, 100)
                .chunks(50, 50)
                .dtype("<u4")
                .compressor(codec(name))
                .build());
    z.set(NdArray.arange(DataType.UINT32, 10_000, 100, 100));
    pad(store.root().resolve("a/1.0"));
    refusedQuicklyNamingTheKey(() -> z.get(), "a/1.0");
    refusedQuicklyNamingTheKey(() -> z.get("60:62, 10:12"), "a/1.0");
    refusedQuicklyNamingTheKey(() -> z.set("60:62, 10:12", 5), "a/1.0");
    assertThat(z.get("0:50, :")).isEqualTo(NdArray.arange(DataType.UINT32, 5000, 50, 100));
    assertThat(Files.size(store.root().resolve("a/1.0"))).as("left as it was").isEqualTo(PADDED);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aZarrV3ShardPaddedFarBeyondItsWorstCaseIsRefused(boolean sharded) throws IOException {
    DirectoryStore store = new DirectoryStore(tempDir.resolve("v3.zarr"));
    ArrayOptions.Builder options =
        ArrayOptions.builder()
            .store(store)
            .path("s")
            .format(NodeFormats.named("zarr-v3"))
            .shape(100, 100)
            .chunks(10, 10)
            .dtype("<i4")
            .compressor(Zstd.of(1));
    if (sharded) {
      options.shards(50, 50);
    }
    ZarrArray z = Zarr.create(options.build());
    z.set(NdArray.arange(DataType.INT32, 10_000, 100, 100));
    String key = sharded ? "s/c/1/0" : "s/c/5/0";
    pad(store.root().resolve(key));
    refusedQuicklyNamingTheKey(() -> z.get(), key);
    refusedQuicklyNamingTheKey(() -> z.get("55:57, 3"), key);
    refusedQuicklyNamingTheKey(() -> z.set("55:57, 3", 1), key);
  }
}
