package dev.zarr4j.pipeline;

import dev.zarr4j.codec.ChunkArray;
import java.nio.ByteBuffer;

/** Helpers for chunks the pipeline modifies. */
final class ChunkArrays {
  private ChunkArrays() {}

  /**
   * A chunk the caller may modify: {@code c} itself when it holds Java values (decoders return
   * fresh arrays), else its bytes copied, since a decoder may hand back a view of stored bytes.
   */
  static ChunkArray privateCopy(ChunkArray c) {
    if (c.isObjects()) {
      return c;
    }
    ByteBuffer b = c.bytes();
    byte[] copy = new byte[b.remaining()];
    b.get(copy);
    return ChunkArray.ofBytes(c.spec(), ByteBuffer.wrap(copy), c.strides());
  }
}
