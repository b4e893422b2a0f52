package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** {@link ChunkArray#copyRegionTo} and {@link ChunkArray#copyRegionFrom} against a naive copy. */
class ChunkArrayRegionTest {

  @RepeatedTest(100)
  void regionsMoveElementsAsStored(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(4711 + info.getCurrentRepetition());
    int nd = 1 + rnd.nextInt(3);
    int[] shape = new int[nd];
    int[] region = new int[nd];
    int[] start = new int[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = 1 + rnd.nextInt(6);
      region[d] = 1 + rnd.nextInt(shape[d]);
      start[d] = rnd.nextInt(shape[d] - region[d] + 1);
    }
    DataType t = DataType.parse(rnd.nextBoolean() ? ">i4" : "|S3");
    int item = t.itemSize();
    ChunkSpec spec = new ChunkSpec(shape, t, null);
    byte[] raw = new byte[(int) spec.byteSize()];
    rnd.nextBytes(raw);
    // the big chunk laid out reversed (Fortran) at an odd offset of its buffer, to test strides
    // and unaligned storage
    ChunkArray big = ChunkArray.ofBytes(spec, ByteBuffer.wrap(raw));
    if (rnd.nextBoolean()) {
      byte[] padded = new byte[raw.length + 1];
      System.arraycopy(raw, 0, padded, 1, raw.length);
      big = ChunkArray.ofBytes(spec, ByteBuffer.wrap(padded, 1, raw.length));
    }
    ChunkArray small = ChunkArray.filled(spec.withShape(region), null, null);
    big.copyRegionTo(start, small);
    long[] bs = ChunkArray.cStrides(shape);
    long[] ss = ChunkArray.cStrides(region);
    byte[] got = new byte[(int) small.spec().byteSize()];
    small.bytes().get(got);
    for (int e = 0; e < got.length / item; e++) {
      long rest = e;
      long src = 0;
      for (int d = 0; d < nd; d++) {
        long i = rest / ss[d];
        rest -= i * ss[d];
        src += (i + start[d]) * bs[d];
      }
      for (int b = 0; b < item; b++) {
        assertThat(got[e * item + b]).isEqualTo(raw[(int) src * item + b]);
      }
    }
    // and back, into a zeroed chunk: only the region changes
    ChunkArray back = ChunkArray.filled(spec, null, null);
    back.copyRegionFrom(small, start);
    ChunkArray again = ChunkArray.filled(spec.withShape(region), null, null);
    back.copyRegionTo(start, again);
    byte[] a = new byte[got.length];
    again.bytes().get(a);
    assertThat(a).isEqualTo(got);
    // a transposed view copies as its elements, not its storage
    int[] rev = new int[nd];
    for (int d = 0; d < nd; d++) {
      rev[d] = nd - 1 - d;
    }
    ChunkArray view = big.permute(rev);
    ChunkArray viaView = ChunkArray.filled(view.spec(), null, null);
    view.copyRegionTo(new int[nd], viaView);
    assertThat(bytesOf(viaView.contiguous())).isEqualTo(bytesOf(view.contiguous()));
  }

  private static byte[] bytesOf(ChunkArray c) {
    ByteBuffer b = c.bytes();
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  @Test
  void objectsAndRefusals() {
    ChunkSpec spec = new ChunkSpec(new int[] {2, 3}, DataType.OBJECT, null);
    ChunkArray c = ChunkArray.ofObjects(spec, new Object[] {"a", "b", "c", "d", "e", "f"});
    ChunkArray r = ChunkArray.filled(spec.withShape(2, 2), null, null);
    c.copyRegionTo(new int[] {0, 1}, r);
    assertThat(r.objects()).containsExactly("b", "c", "e", "f");
    assertThatThrownBy(() -> c.copyRegionTo(new int[] {1, 1}, r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not inside");
    ChunkArray other = ChunkArray.filled(new ChunkSpec(new int[] {2, 2}, DataType.INT8, null));
    assertThatThrownBy(() -> c.copyRegionTo(new int[] {0, 0}, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int8");
  }
}
