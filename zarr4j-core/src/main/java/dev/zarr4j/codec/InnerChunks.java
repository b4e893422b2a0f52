package dev.zarr4j.codec;

/**
 * How an array-to-bytes stage stores a chunk as a grid of smaller chunks, each encoded on its own
 * (Zarr v3's {@code sharding_indexed}: the chunk is a shard, these are its inner chunks). What
 * zarr-python 3 reports as an array's {@code chunks} and {@code compressors} for a sharded array.
 *
 * @param shape the inner chunks' shape
 * @param codecs the chain each inner chunk is encoded with
 */
public record InnerChunks(int[] shape, CodecChain codecs) {

  /** Copies the shape. */
  public InnerChunks {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InnerChunks i
        && java.util.Arrays.equals(shape, i.shape)
        && codecs.equals(i.codecs);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(shape) * 31 + codecs.hashCode();
  }

  @Override
  public String toString() {
    return "InnerChunks[shape=" + java.util.Arrays.toString(shape) + ", codecs=" + codecs + "]";
  }
}
