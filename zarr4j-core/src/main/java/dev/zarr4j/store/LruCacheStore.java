package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A store that keeps recently read values and listings of the store it wraps in memory, up to a
 * byte budget, evicting the least recently used values first (zarr-python's {@code LRUStoreCache}):
 * a second read of a chunk from a slow store (a network, an archive) costs no request.
 *
 * <p><b>What is cached.</b> Whole values, when they are read whole ({@code get(key)}, {@code
 * getInto}) or opened (a value opened is read whole once and served from memory, if it fits the
 * budget), and the results of {@code listPrefix} and {@code listDir}. A ranged {@code get} is
 * served from a cached value when there is one, and otherwise forwarded without caching (so reading
 * a shard's index does not fetch the whole shard). {@code contains} and {@code size} are answered
 * from a cached value when there is one. Keys found absent are remembered too (a hierarchy asks for
 * the documents of every format at each path), until a write through the cache or an invalidation.
 * A value larger than the budget is never cached. Listings and absent keys count towards the budget
 * by their characters (two bytes each).
 *
 * <p><b>Writes go through</b> to the wrapped store first; then a value set is cached as written
 * (zarr-python does the same), a key deleted or renamed is dropped, and every cached listing is
 * dropped. Changes made to the wrapped store by others are not seen until {@link #invalidate()} (or
 * {@link #invalidate(String)}) drops what is cached: as in zarr-python, the cache suits data that
 * others do not change while it is read.
 *
 * <p>{@link #hits()} and {@link #misses()} count value reads served from memory and from the
 * wrapped store. Thread-safe: a value read from the wrapped store while another thread writes the
 * same store is not cached (it may be stale), so the cache never holds a value older than the last
 * write made through it. Closing this store closes the wrapped one and empties the cache.
 */
public final class LruCacheStore implements Store {
  private final Store inner;
  private final long maxBytes;

  /** Guards every field below. */
  private final Object lock = new Object();

  /** Key to value (never changed once cached), least recently used first. */
  private final LinkedHashMap<String, byte[]> values = new LinkedHashMap<>(64, 0.75f, true);

  /** Keys found absent in the wrapped store, least recently used first (values unused). */
  private final LinkedHashMap<String, Boolean> absent = new LinkedHashMap<>(64, 0.75f, true);

  /** Keys with writes in flight, and how many. */
  private final Map<String, Integer> pending = new HashMap<>();

  /** {@code "p" + prefix} or {@code "d" + prefix} to a listing. */
  private final Map<String, List<String>> listings = new HashMap<>();

  private long cachedBytes;
  private long hits;
  private long misses;

  /** Incremented by every write and invalidation: a read that saw it change caches nothing. */
  private long version;

  /**
   * A cache of at most {@code maxBytes} bytes in front of {@code inner} (closing the cache closes
   * {@code inner}).
   *
   * @throws IllegalArgumentException if {@code inner} is null or {@code maxBytes} is negative
   */
  public LruCacheStore(Store inner, long maxBytes) {
    if (inner == null) {
      throw new IllegalArgumentException("inner store must not be null");
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("cache size must be >= 0 bytes, got " + maxBytes);
    }
    this.inner = inner;
    this.maxBytes = maxBytes;
  }

  /** The store this one caches. */
  public Store inner() {
    return inner;
  }

  /** The byte budget. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Bytes cached now (values, and listings at two bytes a character). */
  public long cachedBytes() {
    synchronized (lock) {
      return cachedBytes;
    }
  }

  /** Value reads served from the cache. */
  public long hits() {
    synchronized (lock) {
      return hits;
    }
  }

  /** Value reads that went to the wrapped store. */
  public long misses() {
    synchronized (lock) {
      return misses;
    }
  }

  /** Drops every cached value and listing (zarr-python's {@code invalidate}); counters stay. */
  public void invalidate() {
    synchronized (lock) {
      version++;
      values.clear();
      listings.clear();
      absent.clear();
      cachedBytes = 0;
    }
  }

  /** Drops the cached value of {@code key} and every cached listing. */
  public void invalidate(String key) {
    StoreKeys.validate(key);
    synchronized (lock) {
      version++;
      dropValue(key);
      dropAbsent(key);
      dropListings();
    }
  }

  /** Drops every cached value, keeping listings (zarr-python's {@code invalidate_values}). */
  public void invalidateValues() {
    synchronized (lock) {
      version++;
      for (byte[] v : values.values()) {
        cachedBytes -= v.length;
      }
      values.clear();
    }
  }

  /**
   * Drops every cached listing and every key remembered absent, keeping values (zarr-python's
   * {@code invalidate_keys}).
   */
  public void invalidateListings() {
    synchronized (lock) {
      version++;
      dropListings();
      dropAllAbsent();
    }
  }

  // ---------------------------------------------------------------- cache internals (under lock)

  private void dropValue(String key) {
    byte[] old = values.remove(key);
    if (old != null) {
      cachedBytes -= old.length;
    }
  }

  private void dropAbsent(String key) {
    if (absent.remove(key) != null) {
      cachedBytes -= 2L * key.length();
    }
  }

  private void dropAllAbsent() {
    for (String key : absent.keySet()) {
      cachedBytes -= 2L * key.length();
    }
    absent.clear();
  }

  /** Remembers {@code key} as absent unless a write happened since {@code seen}. */
  private void storeAbsent(String key, long seen) {
    long size = 2L * key.length();
    if (size > maxBytes) {
      return;
    }
    synchronized (lock) {
      if (version != seen || absent.containsKey(key)) {
        return;
      }
      makeRoom(size);
      absent.put(key, Boolean.TRUE);
      cachedBytes += size;
    }
  }

  private boolean knownAbsent(String key) {
    synchronized (lock) {
      return absent.get(key) != null;
    }
  }

  private void dropListings() {
    for (Map.Entry<String, List<String>> e : listings.entrySet()) {
      cachedBytes -= listingBytes(e.getKey(), e.getValue());
    }
    listings.clear();
  }

  private static long listingBytes(String id, List<String> names) {
    long chars = id.length();
    for (String n : names) {
      chars += n.length();
    }
    return 2 * chars;
  }

  /** Evicts least recently used values, then listings, until {@code extra} more bytes fit. */
  private void makeRoom(long extra) {
    Iterator<Map.Entry<String, byte[]>> it = values.entrySet().iterator();
    while (cachedBytes + extra > maxBytes && it.hasNext()) {
      cachedBytes -= it.next().getValue().length;
      it.remove();
    }
    if (cachedBytes + extra > maxBytes) {
      dropListings();
    }
    if (cachedBytes + extra > maxBytes) {
      dropAllAbsent();
    }
  }

  /** The cached value, counting a hit or a miss; null when not cached. */
  private byte[] lookup(String key) {
    synchronized (lock) {
      byte[] v = values.get(key);
      if (v != null) {
        hits++;
      } else {
        misses++;
      }
      return v;
    }
  }

  private byte[] peek(String key) {
    synchronized (lock) {
      return values.get(key);
    }
  }

  private long version() {
    synchronized (lock) {
      return version;
    }
  }

  /** Caches {@code value} (which nobody else holds) unless a write happened since {@code seen}. */
  private void store(String key, byte[] value, long seen) {
    if (value.length > maxBytes) {
      return;
    }
    synchronized (lock) {
      if (version != seen) {
        return;
      }
      dropValue(key);
      makeRoom(value.length);
      values.put(key, value);
      cachedBytes += value.length;
    }
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public StoreCapabilities capabilities() {
    return inner.capabilities();
  }

  /**
   * A source over the cached value; on a miss the value is read whole, cached and served from
   * memory when it fits the budget, else the wrapped store's source is returned.
   */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    byte[] cached = lookup(key);
    if (cached != null) {
      return Optional.of(ByteSource.of(ByteBuffer.wrap(cached).asReadOnlyBuffer()));
    }
    if (knownAbsent(key)) {
      return Optional.empty();
    }
    long seen = version();
    Optional<ByteSource> opened = inner.open(key);
    if (opened.isEmpty()) {
      storeAbsent(key, seen);
      return opened;
    }
    if (opened.get().size() > maxBytes) {
      return opened;
    }
    byte[] value;
    try (ByteSource source = opened.get()) {
      value = bytesOf(source.readAll());
    }
    store(key, value, seen);
    return Optional.of(ByteSource.of(ByteBuffer.wrap(value).asReadOnlyBuffer()));
  }

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    StoreKeys.validate(key);
    byte[] cached = lookup(key);
    if (cached != null) {
      int start = (int) range.start(cached.length);
      int end = (int) range.end(cached.length);
      byte[] out = new byte[end - start];
      System.arraycopy(cached, start, out, 0, out.length);
      return Optional.of(ByteBuffer.wrap(out));
    }
    if (knownAbsent(key)) {
      return Optional.empty();
    }
    long seen = version();
    Optional<ByteBuffer> value = inner.get(key, range);
    if (value.isEmpty()) {
      storeAbsent(key, seen);
    } else if (range instanceof ByteRange.Full) {
      store(key, bytesOf(value.get()), seen);
    }
    return value;
  }

  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    if (allocator == null) {
      throw new IllegalArgumentException("allocator must not be null");
    }
    StoreKeys.validate(key);
    byte[] cached = lookup(key);
    if (cached != null) {
      if (cached.length == 0) {
        return Optional.of(ByteBuffer.allocate(0));
      }
      ByteBuffer given = allocator.apply(cached.length);
      if (given == null || given.remaining() < cached.length) {
        throw new IllegalArgumentException(
            "allocator gave "
                + (given == null ? "null" : given.remaining() + " bytes")
                + " for the "
                + cached.length
                + " bytes of key '"
                + key
                + "'");
      }
      ByteBuffer out = given.slice().limit(cached.length);
      out.put(cached).flip();
      return Optional.of(out);
    }
    if (knownAbsent(key)) {
      return Optional.empty();
    }
    long seen = version();
    Optional<ByteBuffer> value = inner.getInto(key, allocator);
    if (value.isEmpty()) {
      storeAbsent(key, seen);
    } else {
      store(key, bytesOf(value.get()), seen);
    }
    return value;
  }

  /** Markers of a batch's per-key decision: not cached, or cached as absent. */
  private static final byte[] MISSING = new byte[0];

  private static final byte[] ABSENT = new byte[0];

  /**
   * Serves the requests whose key is cached (or known absent) from memory and asks the wrapped
   * store for all the others in one {@link ReadableStore#getMany}, so a network store below still
   * sends them together; whole values read are cached, and absent keys remembered.
   */
  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    if (requests == null) {
      throw new IllegalArgumentException("requests must not be null");
    }
    @SuppressWarnings("unchecked")
    Optional<ByteBuffer>[] out = new Optional[requests.size()];
    List<KeyRange> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    Map<String, byte[]> decided = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      KeyRange request = requests.get(i);
      if (request == null) {
        throw new IllegalArgumentException("request " + i + " of getMany is null");
      }
      StoreKeys.validate(request.key());
      // One decision per key for the whole batch: every range of a key comes from the same cached
      // value, or every range goes to the store below (which keeps them consistent), never a mix.
      byte[] cached =
          decided.computeIfAbsent(
              request.key(),
              k -> {
                byte[] c = lookup(k);
                return c != null ? c : knownAbsent(k) ? ABSENT : MISSING;
              });
      if (cached == MISSING) {
        missing.add(request);
        missingAt.add(i);
      } else if (cached == ABSENT) {
        out[i] = Optional.empty();
      } else {
        ByteRange range = request.range();
        int start = (int) range.start(cached.length);
        int end = (int) range.end(cached.length);
        byte[] part = new byte[end - start];
        System.arraycopy(cached, start, part, 0, part.length);
        out[i] = Optional.of(ByteBuffer.wrap(part));
      }
    }
    if (!missing.isEmpty()) {
      long seen = version();
      List<Optional<ByteBuffer>> read = inner.getMany(missing);
      for (int j = 0; j < missing.size(); j++) {
        KeyRange request = missing.get(j);
        Optional<ByteBuffer> value = read.get(j);
        if (value.isEmpty()) {
          storeAbsent(request.key(), seen);
        } else if (request.range() instanceof ByteRange.Full) {
          store(request.key(), bytesOf(value.get()), seen);
        }
        out[missingAt.get(j)] = value;
      }
    }
    return new ArrayList<>(java.util.Arrays.asList(out));
  }

  @Override
  public boolean contains(String key) {
    StoreKeys.validate(key);
    if (peek(key) != null) {
      return true;
    }
    if (knownAbsent(key)) {
      return false;
    }
    long seen = version();
    boolean present = inner.contains(key);
    if (!present) {
      storeAbsent(key, seen);
    }
    return present;
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    byte[] cached = peek(key);
    if (cached != null) {
      return cached.length;
    }
    if (knownAbsent(key)) {
      return -1;
    }
    long seen = version();
    long size = inner.size(key);
    if (size < 0) {
      storeAbsent(key, seen);
    }
    return size;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Writes through, then caches the value as written, unless another write began meanwhile (then
   * whichever landed last in the wrapped store is unknown, and nothing is cached for the key).
   */
  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    if (value == null) {
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    byte[] copy = bytesOf(value);
    writeThrough(key, copy, () -> inner.set(key, value));
  }

  /**
   * {@inheritDoc} Forwarded to the wrapped store (which may copy ranges of its own values without
   * reading them, or update a value in place), and nothing is cached for the key: the value is not
   * brought into memory here.
   */
  @Override
  public void set(String key, ValueParts value) {
    StoreKeys.validate(key);
    if (value == null) {
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    writeThrough(key, null, () -> inner.set(key, value));
  }

  /**
   * Runs {@code write} with the key's cached value, its absence and the listings dropped before and
   * after, then caches {@code copy} (when not null) unless another write began meanwhile.
   */
  private void writeThrough(String key, byte[] copy, Runnable write) {
    long started;
    synchronized (lock) {
      version++;
      started = version;
      pending.merge(key, 1, Integer::sum);
      dropValue(key);
      dropAbsent(key);
      dropListings();
    }
    boolean written = false;
    try {
      write.run();
      written = true;
    } finally {
      synchronized (lock) {
        int left = pending.merge(key, -1, Integer::sum);
        if (left == 0) {
          pending.remove(key);
        }
        boolean cache =
            copy != null && written && left == 0 && version == started && copy.length <= maxBytes;
        version++; // what a concurrent reader fetched before this write landed is not cached
        dropValue(key);
        dropListings();
        if (cache) {
          makeRoom(copy.length);
          values.put(key, copy);
          cachedBytes += copy.length;
        }
      }
    }
  }

  @Override
  public void delete(String key) {
    invalidateAround(key, false);
    try {
      inner.delete(key);
    } finally {
      invalidateAround(key, false);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    invalidateAround(prefix, true);
    try {
      inner.deletePrefix(prefix);
    } finally {
      invalidateAround(prefix, true);
    }
  }

  @Override
  public void rename(String from, String to) {
    StoreKeys.validateRename(from, to);
    invalidateAround(from, true);
    invalidateAround(to, true);
    try {
      inner.rename(from, to);
    } finally {
      invalidateAround(from, true);
      invalidateAround(to, true);
      synchronized (lock) {
        dropAllAbsent(); // keys appear under the destination
      }
    }
  }

  /**
   * Drops the value of {@code key} (and with {@code below}, of every key below it) and listings.
   */
  private void invalidateAround(String key, boolean below) {
    if (!below) {
      StoreKeys.validate(key);
    }
    synchronized (lock) {
      version++;
      if (below && key.isEmpty()) {
        values.clear();
        listings.clear();
        absent.clear();
        cachedBytes = 0;
        return;
      }
      dropValue(key);
      if (below) {
        String p = key + "/";
        Iterator<Map.Entry<String, byte[]>> it = values.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<String, byte[]> e = it.next();
          if (e.getKey().startsWith(p)) {
            cachedBytes -= e.getValue().length;
            it.remove();
          }
        }
      }
      dropListings();
    }
  }

  // ---------------------------------------------------------------- listings

  private List<String> listing(String id, java.util.function.Supplier<List<String>> read) {
    long seen;
    synchronized (lock) {
      List<String> cached = listings.get(id);
      if (cached != null) {
        return new ArrayList<>(cached);
      }
      seen = version;
    }
    List<String> names = List.copyOf(read.get());
    long size = listingBytes(id, names);
    if (size <= maxBytes) {
      synchronized (lock) {
        if (version == seen && !listings.containsKey(id)) {
          makeRoom(size);
          listings.put(id, names);
          cachedBytes += size;
        }
      }
    }
    return new ArrayList<>(names);
  }

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return listing("p" + prefix, () -> inner.listPrefix(prefix));
  }

  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return listing("d" + prefix, () -> inner.listDir(prefix));
  }

  /** Closes the wrapped store and empties the cache. */
  @Override
  public void close() {
    invalidate();
    inner.close();
  }

  @Override
  public String toString() {
    return "LruCacheStore[" + inner + ", " + maxBytes + " bytes]";
  }
}
