package dev.zarr4j.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ndarray.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArraySpecTest {
  private static ArraySpec spec(long[] shape, int[] chunks, String sep) {
    return new ArraySpec(shape, chunks, DataType.INT32, 0, MemoryOrder.C, List.of(), null, sep);
  }

  @Test
  void chunkKeyPatternMatchesExactlyTheChunkKeys() {
    ArraySpec dot = spec(new long[] {10, 10}, new int[] {5, 5}, ".");
    assertThat(dot.chunkKeyPattern().matcher(dot.chunkKey(new long[] {1, 12})).matches()).isTrue();
    for (String other : new String[] {"1", "1.2.3", "1/2", ".zarray", "1.x", "1."}) {
      assertThat(dot.chunkKeyPattern().matcher(other).matches()).as(other).isFalse();
    }
    ArraySpec slash = spec(new long[] {10, 10, 10}, new int[] {5, 5, 5}, "/");
    assertThat(slash.chunkKeyPattern().matcher("0/1/2").matches()).isTrue();
    assertThat(slash.chunkKeyPattern().matcher("0.1.2").matches()).isFalse();
    ArraySpec scalar = spec(new long[0], new int[0], ".");
    assertThat(scalar.chunkKeyPattern().matcher("0").matches()).isTrue();
    assertThat(scalar.chunkKeyPattern().matcher("1").matches()).isFalse();
  }

  @Test
  void chunkKeyPatternIsCompiledOnce() {
    ArraySpec a = spec(new long[] {4, 4}, new int[] {2, 2}, "/");
    ArraySpec b = spec(new long[] {9, 9}, new int[] {3, 3}, "/");
    assertThat(a.chunkKeyPattern()).isSameAs(b.chunkKeyPattern());
    assertThat(a.chunkKeyPattern())
        .isNotSameAs(spec(new long[] {4, 4}, new int[] {2, 2}, ".").chunkKeyPattern());
  }
}
