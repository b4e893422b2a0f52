package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BloscFrameTest {

  /** Block sizes c-blosc 1.21.3 (numcodecs 0.11) wrote for these inputs. */
  @ParameterizedTest(name = "{0} clevel={1} ts={2} n={3} -> {4}")
  @CsvSource({
    "LZ4, 1, 1, 1048576, 65536",
    "LZ4, 1, 8, 1048576, 131072",
    "LZ4, 3, 4, 1048576, 262144",
    "LZ4, 5, 4, 1048576, 524288",
    "LZ4, 5, 8, 1048576, 1048576",
    "LZ4, 9, 1, 1048576, 262144",
    "LZ4, 5, 1, 100000, 100000",
    "LZ4HC, 1, 1, 1048576, 65536",
    "LZ4HC, 9, 1, 1048576, 262144",
    "ZLIB, 3, 4, 1048576, 524288",
    "ZSTD, 1, 4, 1048576, 32768",
    "ZSTD, 5, 8, 1048576, 262144",
    "ZSTD, 9, 4, 1048576, 1048576",
    "BLOSCLZ, 3, 4, 1048576, 262144",
    "SNAPPY, 1, 4, 100000, 65536",
    "LZ4, 0, 4, 1048576, 8192",
    "LZ4, 5, 8, 0, 1",
    "LZ4, 5, 8, 56, 56",
  })
  void blockSizesFollowCBlosc(BloscCompressor c, int clevel, int ts, int n, int expected) {
    assertThat(BloscFrame.computeBlocksize(c, clevel, ts, n, 0)).isEqualTo(expected);
  }

  @Test
  void forcedBlockSizesAreClampedAndEnlargedForSplitCodecs() {
    // observed in numcodecs: blocksize=1 -> 128; lz4 with 1024 and ts 4 -> 65536; zstd keeps 1024
    assertThat(BloscFrame.computeBlocksize(BloscCompressor.LZ4, 5, 4, 1 << 20, 1)).isEqualTo(128);
    assertThat(BloscFrame.computeBlocksize(BloscCompressor.LZ4, 5, 4, 1 << 20, 1024))
        .isEqualTo(65536);
    assertThat(BloscFrame.computeBlocksize(BloscCompressor.ZSTD, 5, 4, 1 << 20, 1024))
        .isEqualTo(1024);
  }

  @Test
  void defaultFrameHeaderLooksLikeNumcodecs() {
    byte[] data = new byte[1 << 20];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i / 4096);
    }
    ByteBuffer frame = Blosc.DEFAULT.encode(ByteBuffer.wrap(data), 4);
    BloscHeader h = BloscHeader.read(frame);
    assertThat(h.version()).isEqualTo(2);
    assertThat(h.versionLz()).isEqualTo(1);
    assertThat(h.flags()).isEqualTo(0x21); // shuffle, split, lz4
    assertThat(h.typeSize()).isEqualTo(4);
    assertThat(h.blockSize()).isEqualTo(524288);
    assertThat(h.cbytes()).isLessThan(data.length / 50);
  }

  @Test
  void smallAndLevelZeroInputsAreStored() {
    ByteBuffer small = Blosc.DEFAULT.encode(ByteBuffer.wrap(new byte[100]), 1);
    assertThat(BloscHeader.read(small).isMemcpyed()).isTrue();
    assertThat(small.remaining()).isEqualTo(116);
    ByteBuffer level0 = Blosc.of("zstd", 0, 1, 0).encode(ByteBuffer.wrap(new byte[5000]), 8);
    assertThat(BloscHeader.read(level0).isMemcpyed()).isTrue();
    ByteBuffer empty = Blosc.DEFAULT.encode(ByteBuffer.allocate(0), 8);
    assertThat(empty.remaining()).isEqualTo(16);
    assertThat(Blosc.DEFAULT.decode(empty, 0).remaining()).isZero();
  }

  @Test
  void incompressibleDataFallsBackToAStoredFrame() {
    byte[] data = new byte[200_000];
    new java.util.SplittableRandom(3).nextBytes(data);
    ByteBuffer frame = Blosc.DEFAULT.encode(ByteBuffer.wrap(data), 1);
    BloscHeader h = BloscHeader.read(frame);
    assertThat(h.cbytes()).isLessThanOrEqualTo(data.length + 16);
  }

  @Test
  void decodeRejectsSizesAboveTheLimit() {
    ByteBuffer frame = Blosc.DEFAULT.encode(ByteBuffer.wrap(new byte[10_000]), 4);
    assertThatThrownBy(() -> Blosc.DEFAULT.decode(frame, 9_999))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("10000")
        .hasMessageContaining("9999");
  }

  @Test
  void decodeIntoRejectsAWrongLength() {
    ByteBuffer frame = Blosc.DEFAULT.encode(ByteBuffer.wrap(new byte[1000]), 4);
    assertThatThrownBy(() -> Blosc.decodeInto(frame, new byte[2000], 0, 999))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("999");
  }
}
