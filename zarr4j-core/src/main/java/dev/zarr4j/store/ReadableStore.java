package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Read access to a key-value store. A missing key is a normal result ({@link Optional#empty()}),
 * never an exception. Implementations are thread-safe.
 *
 * <p><b>One read seam.</b> A store implements {@link #open}, which opens a value for random reads
 * as a {@link ByteSource}, and {@link #capabilities}. Every other read ({@link #get(String,
 * ByteRange)}, {@link #get(String)}, {@link #getInto}, the batched {@link #getMany}, {@link
 * #contains}, {@link #size}) is a default built on {@code open}, so a read-only store (a web
 * server, an archive) implements two methods and no write method. Stores may override the defaults
 * when they can do the same thing faster (a file-exists check for {@code contains}, one positional
 * read for {@code getInto}); they must behave exactly as the defaults do, which the testkit's
 * {@code StoreContractTest} checks.
 *
 * <p><b>Consistency.</b> All reads of one opened source see the same bytes, even if the value is
 * replaced or deleted meanwhile; so do all the ranges of one key in one {@link #getMany} call. A
 * store that cannot promise that for some values says so in its documentation, and its sources then
 * fail with a {@link StoreException} rather than mix two values.
 */
public interface ReadableStore extends AutoCloseable {

  /**
   * Opens the value under {@code key} for random reads: its size, any of its byte ranges, several
   * ranges at once. Every read of the returned source sees the value as it was when opened. The
   * caller closes the source.
   *
   * @param key a valid store key (see {@link StoreKeys#validate})
   * @return a source over the value, or empty when the key is absent (a key that names a prefix of
   *     other keys but holds no value of its own is absent)
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws StoreException if the store cannot be read, or is closed
   */
  Optional<ByteSource> open(String key);

  /** What this store can do, so that callers choose the cheapest way to use it. */
  StoreCapabilities capabilities();

  /**
   * Reads part of the value stored under {@code key}. The default opens the value and reads the
   * range from it.
   *
   * @param key a valid store key (see {@link StoreKeys#validate})
   * @param range the bytes wanted; clipped to the value's length (see {@link ByteRange})
   * @return the bytes in a new heap buffer the caller owns, positioned at 0 with limit = their
   *     length (present and empty when the range is empty), or empty when the key is absent
   * @throws IllegalArgumentException if {@code range} is null
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws StoreException if the store cannot be read, or the range is too long for one buffer
   */
  default Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    Optional<ByteSource> opened = open(key);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (ByteSource source = opened.get()) {
      long size = source.size();
      checkBufferable(key, range.end(size) - range.start(size));
      return Optional.of(source.read(range));
    }
  }

  /**
   * Reads the whole value stored under {@code key}, as {@link #get(String, ByteRange)} with {@link
   * ByteRange#FULL}; empty when absent.
   */
  default Optional<ByteBuffer> get(String key) {
    return get(key, ByteRange.FULL);
  }

  /**
   * Reads the whole value stored under {@code key} into memory the caller provides, so that a
   * caller reading many values can reuse its buffers instead of allocating one per value. The
   * default opens the value, asks {@code allocator} for a buffer of its size and reads the value
   * into it; a directory store does the same with one positional read of the file.
   *
   * @param allocator called once with the value's length (not called for an empty value), for a
   *     buffer with at least that many bytes remaining; the store fills it from its position
   * @return the value: the allocator's buffer sliced at its position, with position 0 and limit =
   *     the value's length (a new empty buffer for an empty value); or empty when the key is absent
   * @throws IllegalArgumentException if {@code allocator} is null, or returns null or a buffer with
   *     too few bytes remaining
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws StoreException if the store cannot be read, or the value is too large for one buffer
   */
  default Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    if (allocator == null) {
      throw new IllegalArgumentException("allocator must not be null");
    }
    Optional<ByteSource> opened = open(key);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (ByteSource source = opened.get()) {
      long size = source.size();
      checkBufferable(key, size);
      if (size == 0) {
        return Optional.of(ByteBuffer.allocate(0));
      }
      ByteBuffer out = sliceOfAllocated(key, (int) size, allocator);
      source.read(0, out);
      return Optional.of(out.flip());
    }
  }

  /**
   * {@link #getInto}, for a value its writers only ever replace whole (with {@link
   * WritableStore#set}, never with an {@linkplain ValueParts#inPlaceUpdate() in-place update}): a
   * store whose whole reads guard against an in-place update landing during the read (a directory
   * store reads a file's last page before and after the rest) may skip that guard, as a value
   * replaced whole is never seen half old, half new. A chunk pipeline reads so the chunks of an
   * array whose codecs never update a chunk in place. The default calls {@link #getInto}, which is
   * always correct.
   *
   * @param allocator as for {@link #getInto}
   * @return as for {@link #getInto}
   * @throws IllegalArgumentException as for {@link #getInto}
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws StoreException as for {@link #getInto}
   */
  default Optional<ByteBuffer> getReplacedInto(String key, IntFunction<ByteBuffer> allocator) {
    return getInto(key, allocator);
  }

  /**
   * Reads several byte ranges, of one key or of many, in one call: the result has one entry per
   * request, in order, empty for each request whose key is absent. The ranges of one key are read
   * from one opened value, so they all see the same version of it; a network store sends them
   * together. The default reads a key asked for once with {@link #get(String, ByteRange)}, and
   * opens a key asked for several times once, reading its ranges with {@link
   * ByteSource#read(List)}.
   *
   * @param requests the keys and ranges wanted; a key may appear several times
   * @return one result per request, as {@link #get(String, ByteRange)} returns it
   * @throws IllegalArgumentException if {@code requests} or one of them is null
   * @throws dev.zarr4j.exceptions.InvalidKeyException if a key is not valid
   * @throws StoreException if the store cannot be read
   */
  default List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    if (requests == null) {
      throw new IllegalArgumentException("requests must not be null");
    }
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      KeyRange request = requests.get(i);
      if (request == null) {
        throw new IllegalArgumentException("request " + i + " of getMany is null");
      }
      byKey.computeIfAbsent(request.key(), k -> new ArrayList<>(1)).add(i);
    }
    @SuppressWarnings("unchecked")
    Optional<ByteBuffer>[] out = new Optional[requests.size()];
    for (Map.Entry<String, List<Integer>> entry : byKey.entrySet()) {
      String key = entry.getKey();
      List<Integer> at = entry.getValue();
      if (at.size() == 1) {
        out[at.get(0)] = get(key, requests.get(at.get(0)).range());
        continue;
      }
      Optional<ByteSource> opened = open(key);
      if (opened.isEmpty()) {
        at.forEach(i -> out[i] = Optional.empty());
        continue;
      }
      try (ByteSource source = opened.get()) {
        long size = source.size();
        List<ByteRange> ranges = new ArrayList<>(at.size());
        for (int i : at) {
          ByteRange range = requests.get(i).range();
          checkBufferable(key, range.end(size) - range.start(size));
          ranges.add(range);
        }
        List<ByteBuffer> read = source.read(ranges);
        for (int j = 0; j < at.size(); j++) {
          out[at.get(j)] = Optional.of(read.get(j));
        }
      }
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /** Whether a value is stored under {@code key}. The default opens the value and closes it. */
  default boolean contains(String key) {
    Optional<ByteSource> opened = open(key);
    opened.ifPresent(ByteSource::close);
    return opened.isPresent();
  }

  /**
   * The size in bytes of the value under {@code key}, or -1 when absent. The default opens the
   * value and asks its source.
   */
  default long size(String key) {
    Optional<ByteSource> opened = open(key);
    if (opened.isEmpty()) {
      return -1;
    }
    try (ByteSource source = opened.get()) {
      return source.size();
    }
  }

  /**
   * Releases what the store holds; the store may not be used afterwards. Idempotent. The default
   * does nothing.
   */
  @Override
  default void close() {}

  /** The largest value or range read into one buffer. */
  private static void checkBufferable(String key, long length) {
    if (length > Integer.MAX_VALUE - 64) {
      throw new StoreException(
          "cannot read "
              + length
              + " bytes of key '"
              + key
              + "' into one buffer; open it and read it in parts");
    }
  }

  /** The allocator's buffer for {@code length} bytes, sliced at its position and limited. */
  private static ByteBuffer sliceOfAllocated(
      String key, int length, IntFunction<ByteBuffer> allocator) {
    ByteBuffer given = allocator.apply(length);
    if (given == null || given.remaining() < length) {
      throw new IllegalArgumentException(
          "allocator gave "
              + (given == null ? "null" : given.remaining() + " bytes")
              + " for the "
              + length
              + " bytes of key '"
              + key
              + "'");
    }
    return given.slice().limit(length);
  }
}
