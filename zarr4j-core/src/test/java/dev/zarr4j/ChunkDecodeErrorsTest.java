package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks whose stored bytes decode to the wrong size, or do not decode, are errors naming the key,
 * on every read path (in-place Blosc decoding into a reused buffer, raw chunks read straight into
 * one, the generic codec path), and they do not disturb reads of good chunks afterwards.
 */
class ChunkDecodeErrorsTest {
  @TempDir Path tempDir;

  private Store store(boolean directory) {
    return directory ? new DirectoryStore(tempDir.resolve("s")) : new MemoryStore();
  }

  private static BytesToBytesCodec codec(String name) {
    return switch (name) {
      case "none" -> null;
      case "blosc" -> Blosc.of("lz4", 5, 1, 0);
      default -> Zstd.of(1);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "blosc", "zstd"})
  void aChunkOfTheWrongSizeIsAnErrorNamingItsKey(String name) {
    for (boolean directory : new boolean[] {true, false}) {
      Store store = store(directory);
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(store)
                  .path("a" + directory)
                  .shape(20)
                  .chunks(10)
                  .dtype("<i4")
                  .compressor(codec(name))
                  .overwrite(true)
                  .build());
      z.set(7);
      BytesToBytesCodec c = codec(name);
      // a valid frame of 11 elements where 10 belong
      ByteBuffer raw = ByteBuffer.allocate(44);
      ByteBuffer wrong = c == null ? raw : c.encode(raw, 4);
      store.set("a" + directory + "/1", wrong);
      assertThatThrownBy(z::get)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("chunk 'a" + directory + "/1'")
          .hasMessageContaining("44");
      // garbage
      store.set(
          "a" + directory + "/1",
          new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
      assertThatThrownBy(z::get)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("chunk 'a" + directory + "/1'");
      // a partial write over the bad chunk fails the same way and leaves it
      assertThatThrownBy(() -> z.set("12:14", 1)).isInstanceOf(CodecException.class);
      // good chunks still read, with no trace of the failed ones
      assertThat(z.get("0:10").toLongArray()).containsOnly(7L);
      z.set("10:20", 9);
      assertThat(z.get().toLongArray())
          .containsExactly(7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9);
    }
  }
}
