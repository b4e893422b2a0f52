package dev.zarr4j.pipeline;

import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.RangeReader;
import dev.zarr4j.store.ReadableStore;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Opens a stored value for random reads. */
final class Sources {
  private Sources() {}

  /** The value under {@code key} as a source, or empty when absent. */
  static Optional<ByteSource> open(ReadableStore store, String key) {
    Optional<RangeReader> r = store.openReader(key);
    return r.map(Sources::adapt);
  }

  private static ByteSource adapt(RangeReader r) {
    return new ByteSource() {
      @Override
      public long size() {
        return r.size();
      }

      @Override
      public void read(long offset, ByteBuffer dst) {
        int len = dst.remaining();
        if (dst.hasArray()) {
          r.read(offset, dst.array(), dst.arrayOffset() + dst.position(), len);
          dst.position(dst.position() + len);
        } else {
          byte[] b = new byte[len];
          r.read(offset, b, 0, len);
          dst.put(b);
        }
      }

      @Override
      public void close() {
        r.close();
      }
    };
  }
}
