package dev.zarr4j.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.ndarray.DataType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ArraySpecTest {
  private static ArraySpec spec(long[] shape, int[] chunks, String sep) {
    return new ArraySpec(
        shape,
        DataType.INT32,
        RegularChunkGrid.of(chunks),
        V2ChunkKeyEncoding.of(sep),
        0,
        CodecChain.of(BytesCodec.AS_DATA_TYPE),
        List.of());
  }

  @Test
  void chunkKeysAreRecognisedExactly() {
    ArraySpec dot = spec(new long[] {10, 10}, new int[] {5, 5}, ".");
    assertThat(dot.isChunkKey(dot.chunkKey(new long[] {1, 12}))).isTrue();
    for (String other : new String[] {"1", "1.2.3", "1/2", ".zarray", "1.x", "1.", ".1", "", "a"}) {
      assertThat(dot.isChunkKey(other)).as(other).isFalse();
    }
    ArraySpec slash = spec(new long[] {10, 10, 10}, new int[] {5, 5, 5}, "/");
    assertThat(slash.isChunkKey("0/1/2")).isTrue();
    assertThat(slash.isChunkKey("0.1.2")).isFalse();
    ArraySpec scalar = spec(new long[0], new int[0], ".");
    assertThat(scalar.isChunkKey("0")).isTrue();
    assertThat(scalar.isChunkKey("1")).isFalse();
  }

  /** Every key encode gives is recognised; random near-miss keys are not. */
  @RepeatedTest(50)
  void everyEncodedKeyAndNothingElseIsAChunkKey(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(7000 + info.getCurrentRepetition());
    int nd = rnd.nextInt(0, 5);
    long[] shape = new long[nd];
    int[] chunks = new int[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = rnd.nextInt(1, 100);
      chunks[d] = rnd.nextInt(1, 20);
    }
    String sep = rnd.nextBoolean() ? "." : "/";
    ArraySpec s = spec(shape, chunks, sep);
    long[] coords = new long[nd];
    for (int d = 0; d < nd; d++) {
      coords[d] = rnd.nextLong(0, 1_000_000);
    }
    String key = s.chunkKey(coords);
    assertThat(s.isChunkKey(key)).as(key).isTrue();
    String other = sep.equals(".") ? "/" : ".";
    assertThat(s.isChunkKey(key + sep + "0")).isFalse();
    assertThat(s.isChunkKey(key + "x")).isFalse();
    if (nd > 1) {
      assertThat(s.isChunkKey(key.replace(sep, other))).isFalse();
    }
  }

  @Test
  void countsThatOverflow64BitsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> spec(new long[] {1L << 40, 1L << 40}, new int[] {1, 1}, "."))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("shape")
        .hasMessageContaining("1099511627776");
    // 2^61 elements of 4 bytes: the element count fits, the byte count does not
    assertThatThrownBy(
            () -> spec(new long[] {1L << 31, 1L << 30}, new int[] {1 << 20, 1 << 10}, "."))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("bytes");
    ArraySpec big = spec(new long[] {1L << 31, 1L << 29}, new int[] {1 << 10, 1 << 9}, ".");
    assertThat(big.size()).isEqualTo(1L << 60);
    assertThat(big.nbytes()).isEqualTo(1L << 62);
    assertThat(big.chunkCount()).isEqualTo((1L << 21) * (1L << 20));
  }
}
