package dev.zarr4j.codec;

import dev.zarr4j.ndarray.DataType;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one chunk looks like in array form at some point of a codec chain: its shape, its element
 * type and the value of elements never written. The chain starts from the chunk's spec as the array
 * defines it and each {@link ArrayToArrayCodec} maps it to the spec of its output ({@link
 * ArrayToArrayCodec#resolve}).
 *
 * @param shape the chunk's shape; every length at least 0
 * @param dtype the element type
 * @param fillValue the value of elements never written (a Java value of {@code dtype}, see {@link
 *     dev.zarr4j.ndarray.NdArray}), or {@code null} when the array has none
 */
public record ChunkSpec(int[] shape, DataType dtype, Object fillValue) {

  /** Validates the shape and copies it. */
  public ChunkSpec {
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(
            "chunk shape " + Arrays.toString(shape) + " has a negative length in dimension " + i);
      }
    }
  }

  /** The shape (a copy). */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The length of dimension {@code d}. */
  public int shape(int d) {
    return shape[d];
  }

  /** The number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The number of elements. */
  public long size() {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  /** The number of bytes the elements take in raw form ({@link #size()} times the item size). */
  public long byteSize() {
    return size() * dtype.itemSize();
  }

  /** This spec with another element type (and the same fill value). */
  public ChunkSpec withDtype(DataType type) {
    return new ChunkSpec(shape, type, fillValue);
  }

  /** This spec with another shape. */
  public ChunkSpec withShape(int... newShape) {
    return new ChunkSpec(newShape, dtype, fillValue);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkSpec s
        && Arrays.equals(shape, s.shape)
        && dtype.equals(s.dtype)
        && Objects.deepEquals(fillValue, s.fillValue);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + dtype.hashCode();
  }

  @Override
  public String toString() {
    return "ChunkSpec[shape=" + Arrays.toString(shape) + ", dtype=" + dtype + "]";
  }
}
