package dev.zarr4j.store.remote;

import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.ReadableStore;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A store whose reads are all served by one {@link RemoteReads}: the network stores (HTTP, S3,
 * Azure, GCS) implement {@link #reads()} and get every read operation from here, so the requests a
 * read costs (one GET per value, ranged GETs, batches coalesced and many in flight) are decided in
 * one place.
 */
public interface RemoteReadable extends ReadableStore {

  /** The machinery that serves this store's reads. */
  RemoteReads reads();

  /**
   * A value as a {@link ByteSource} read with ranged requests, pinned to the version first seen.
   */
  @Override
  default Optional<ByteSource> open(String key) {
    return reads().open(key);
  }

  /** One ranged request (a suffix may cost a size request first where the service has none). */
  @Override
  default Optional<ByteBuffer> get(String key, ByteRange range) {
    return reads().get(key, range);
  }

  /** One request for the whole value. */
  @Override
  default Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    return reads().getInto(key, allocator);
  }

  /** Every request at once, up to the in-flight limit, neighbouring ranges of a value coalesced. */
  @Override
  default List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    return reads().getMany(requests);
  }

  /** One metadata request. */
  @Override
  default boolean contains(String key) {
    return reads().contains(key);
  }

  /** One metadata request. */
  @Override
  default long size(String key) {
    return reads().size(key);
  }
}
