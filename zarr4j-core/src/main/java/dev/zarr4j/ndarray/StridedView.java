package dev.zarr4j.ndarray;

import java.util.Arrays;
import java.util.Objects;

/**
 * A strided window onto the storage array of an {@link NdArray} (see {@link NdArray#data()}): the
 * element at index {@code (i0, ..., in)} of the window is the storage element at {@code offset + i0
 * * strides[0] + ... + in * strides[n]}, counted in elements (an element takes {@link
 * DataType#slotsPerElement()} slots). Codecs decode into and encode from such windows, so a chunk
 * moves straight between its decoded bytes and its place in the caller's array.
 *
 * @param storage the storage array ({@code double[]}, {@code Object[]}, ...)
 * @param offset the element offset of index {@code (0, ..., 0)}
 * @param strides the distance in elements between neighbours, per dimension; 0 repeats an element
 */
public record StridedView(Object storage, long offset, long[] strides) {

  /** Copies the strides. */
  public StridedView {
    Objects.requireNonNull(storage, "storage");
    strides = strides.clone();
  }

  /** The whole of an array, in C order. */
  public static StridedView of(NdArray array) {
    int[] shape = array.shape();
    long[] strides = new long[shape.length];
    long acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = acc;
      acc *= shape[d];
    }
    return new StridedView(array.data(), 0, strides);
  }

  /** The strides (a copy). */
  @Override
  public long[] strides() {
    return strides.clone();
  }

  /** The number of dimensions. */
  public int ndim() {
    return strides.length;
  }

  /**
   * The view with its dimensions reordered: dimension {@code i} is this view's {@code order[i]}.
   */
  public StridedView permute(int[] order) {
    long[] s = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      s[i] = strides[order[i]];
    }
    return new StridedView(storage, offset, s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StridedView v
        && storage == v.storage
        && offset == v.offset
        && Arrays.equals(strides, v.strides);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(storage) * 31 + Long.hashCode(offset);
  }

  @Override
  public String toString() {
    return "StridedView[offset=" + offset + ", strides=" + Arrays.toString(strides) + "]";
  }
}
