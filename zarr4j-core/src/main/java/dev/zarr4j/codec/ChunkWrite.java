package dev.zarr4j.codec;

import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import java.util.Objects;
import java.util.function.Function;

/**
 * The part of one write that falls in one chunk, for a codec that writes parts of a stored chunk
 * without rebuilding all of it ({@link ArrayToBytesCodec#encodePartially}): which positions of the
 * chunk change and where their new values come from. Either a strided {@link Box} of the chunk
 * whose values come through a {@link StridedView} of the caller's storage (strides of 0 repeat a
 * value, as a broadcast scalar does), or a list of single {@link Points}. The values are elements
 * of the chunk's storage kind ({@link dev.zarr4j.ndarray.DataType#storage()}), converted to the
 * chunk's byte order as they are copied in, exactly as {@link ChunkArray#copyFrom} and {@link
 * ChunkArray#copyPointsFrom} do.
 *
 * <p>A write refers to the caller's storage without copying it; it is valid for the duration of the
 * call it is passed to. Not a value type: two writes are equal only if they are the same object.
 */
public sealed interface ChunkWrite permits ChunkWrite.Box, ChunkWrite.Points {

  /** Copies the write's values into {@code chunk}, which has the shape the write was made for. */
  void applyTo(ChunkArray chunk);

  /**
   * This write for the chunk seen with its axes reordered: axis {@code i} of the reordered chunk is
   * axis {@code order[i]} of this one (see {@link ChunkArray#permute}). A codec chain hands the
   * write through a stage that only reorders axes this way.
   */
  ChunkWrite permute(int[] order);

  /**
   * The result of {@code ifBox} or {@code ifPoints}, whichever fits this write's kind (the
   * interface is sealed over the two).
   */
  <R> R match(Function<? super Box, R> ifBox, Function<? super Points, R> ifPoints);

  /** A write of every position of {@code box}, value {@code (i0, ..., in)} of {@code source}. */
  static Box box(StridedBox box, StridedView source) {
    return new Box(box, source);
  }

  /**
   * A write of single elements, in order (a later element wins where positions repeat): element
   * {@code i}, at chunk position {@code positions[i * ndim .. (i + 1) * ndim)}, gets element offset
   * {@code sourceOffsets[i]} of {@code source}. The arrays are kept, not copied.
   */
  static Points points(int[] positions, Object source, long[] sourceOffsets) {
    return new Points(positions, source, sourceOffsets);
  }

  /** A strided box of the chunk and the view its values come from. */
  final class Box implements ChunkWrite {
    private final StridedBox box;
    private final StridedView source;

    private Box(StridedBox box, StridedView source) {
      this.box = Objects.requireNonNull(box, "box");
      this.source = Objects.requireNonNull(source, "source");
      if (box.ndim() != source.ndim()) {
        throw new IllegalArgumentException(
            "a box of " + box.ndim() + " dimensions written from a view of " + source.ndim());
      }
    }

    /** The positions written. */
    public StridedBox box() {
      return box;
    }

    /** Where the values come from: view index {@code (i0, ..., in)} for box position the same. */
    public StridedView source() {
      return source;
    }

    /**
     * Whether the box is every position of a chunk of {@code shape} (each dimension from 0 to its
     * end with step 1, or a length-1 dimension).
     */
    public boolean covers(int[] shape) {
      int[] start = box.start();
      int[] step = box.step();
      long[] count = box.count();
      for (int d = 0; d < shape.length; d++) {
        if (start[d] != 0 || count[d] != shape[d] || (step[d] != 1 && shape[d] > 1)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void applyTo(ChunkArray chunk) {
      chunk.copyFrom(source, box);
    }

    @Override
    public <R> R match(Function<? super Box, R> ifBox, Function<? super Points, R> ifPoints) {
      return ifBox.apply(this);
    }

    @Override
    public Box permute(int[] order) {
      return new Box(box.permute(order), source.permute(order));
    }

    @Override
    public String toString() {
      return "ChunkWrite.Box[" + box + " from " + source + "]";
    }
  }

  /** Single positions of the chunk and the element offsets their values come from. */
  final class Points implements ChunkWrite {
    private final int[] positions;
    private final Object source;
    private final long[] sourceOffsets;

    private Points(int[] positions, Object source, long[] sourceOffsets) {
      this.positions = Objects.requireNonNull(positions, "positions");
      this.source = Objects.requireNonNull(source, "source");
      this.sourceOffsets = Objects.requireNonNull(sourceOffsets, "sourceOffsets");
      int n = sourceOffsets.length;
      if (n == 0 ? positions.length != 0 : positions.length % n != 0) {
        throw new IllegalArgumentException(
            positions.length + " position coordinates do not fit " + n + " points");
      }
    }

    /** The in-chunk coordinates, {@code ndim} per element (the array itself, not a copy). */
    public int[] positions() {
      return positions;
    }

    /** The values' storage array. */
    public Object source() {
      return source;
    }

    /** Each element's offset in {@link #source()} (the array itself, not a copy). */
    public long[] sourceOffsets() {
      return sourceOffsets;
    }

    /** The number of elements. */
    public int size() {
      return sourceOffsets.length;
    }

    @Override
    public void applyTo(ChunkArray chunk) {
      chunk.copyPointsFrom(source, sourceOffsets, positions);
    }

    @Override
    public <R> R match(Function<? super Box, R> ifBox, Function<? super Points, R> ifPoints) {
      return ifPoints.apply(this);
    }

    @Override
    public Points permute(int[] order) {
      int nd = order.length;
      int[] p = new int[positions.length];
      for (int k = 0; k < sourceOffsets.length; k++) {
        for (int i = 0; i < nd; i++) {
          p[k * nd + i] = positions[k * nd + order[i]];
        }
      }
      return new Points(p, source, sourceOffsets);
    }

    @Override
    public String toString() {
      return "ChunkWrite.Points[" + sourceOffsets.length + " elements]";
    }
  }
}
