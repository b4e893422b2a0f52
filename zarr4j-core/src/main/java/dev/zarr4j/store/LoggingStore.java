package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A store that records every operation that reaches the store it wraps: its kind, key, byte range,
 * bytes moved and time taken, with counters by kind. Tests and benchmarks use it to prove how many
 * requests a read costs (one GET per chunk, one metadata read for a consolidated hierarchy).
 *
 * <p>Every call is forwarded to the same method of the wrapped store, so that store's own ways of
 * reading (one positional read for {@code getInto}, batched ranges) are what is measured, and one
 * {@link Operation} is recorded per call. A value opened with {@link #open} is wrapped too: each
 * read of it is one {@link Kind#READ} operation (one per range of a batched read), and it never
 * exposes its bytes in memory ({@link ByteSource#memory()} is null), so every read a decoder makes
 * is seen. Failed calls are recorded like the others, with {@code bytes} -1.
 *
 * <p>Thread-safe: operations may be recorded from many threads at once; {@link #operations()} is a
 * snapshot in the order they finished. {@link #keepOperations} false keeps only the counters, for
 * long benchmarks.
 */
public final class LoggingStore implements Store {

  /** What an operation did. */
  public enum Kind {
    /** {@link ReadableStore#open}. */
    OPEN,
    /** {@link ReadableStore#get(String, ByteRange)} (and {@code get(key)}). */
    GET,
    /** {@link ReadableStore#getInto} and {@link ReadableStore#getReplacedInto}. */
    GET_INTO,
    /** One {@link ReadableStore#getMany} call (its requests are not recorded one by one). */
    GET_MANY,
    /** A read of a value opened with {@link #open}: one per range. */
    READ,
    /** {@link ReadableStore#contains}. */
    CONTAINS,
    /** {@link ReadableStore#size}. */
    SIZE,
    /** {@link WritableStore#set}. */
    SET,
    /** {@link WritableStore#delete}. */
    DELETE,
    /** {@link WritableStore#deletePrefix}. */
    DELETE_PREFIX,
    /** {@link WritableStore#rename}. */
    RENAME,
    /** {@link ListableStore#listPrefix}. */
    LIST_PREFIX,
    /** {@link ListableStore#listDir}. */
    LIST_DIR
  }

  /**
   * One recorded operation.
   *
   * @param kind what it did
   * @param key the key or prefix it named (for {@link Kind#GET_MANY}, the first request's key or
   *     {@code ""}; for {@link Kind#RENAME}, the source)
   * @param target the destination of a {@link Kind#RENAME}, else null
   * @param range the bytes asked for by a read ({@link ByteRange#FULL} for a whole value); for each
   *     read of an opened value, the bytes it read as a {@link ByteRange.Bounded} (offset and
   *     length, a suffix or an open end resolved); else null
   * @param bytes bytes read or written (for {@link Kind#GET_MANY}, all its results together; for
   *     {@link Kind#OPEN}, {@link Kind#SIZE}, the value's size), 0 when none, -1 when the key was
   *     absent or the call failed
   * @param nanos how long the call took
   */
  public record Operation(
      Kind kind, String key, String target, ByteRange range, long bytes, long nanos) {}

  private final Store inner;
  private final boolean keepOperations;
  private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();
  private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
  private final Map<Kind, LongAdder> bytes = new EnumMap<>(Kind.class);

  /**
   * A logging view of {@code inner} that keeps every operation (closing it closes {@code inner}).
   */
  public LoggingStore(Store inner) {
    this(inner, true);
  }

  /**
   * A logging view of {@code inner} (closing it closes {@code inner}).
   *
   * @param keepOperations whether to keep each {@link Operation} (else only the counters)
   * @throws IllegalArgumentException if {@code inner} is null
   */
  public LoggingStore(Store inner, boolean keepOperations) {
    if (inner == null) {
      throw new IllegalArgumentException("inner store must not be null");
    }
    this.inner = inner;
    this.keepOperations = keepOperations;
    for (Kind k : Kind.values()) {
      counts.put(k, new LongAdder());
      bytes.put(k, new LongAdder());
    }
  }

  /** A logging view of any readable store (read-only unless it is a {@link Store}). */
  public static LoggingStore of(ReadableStore store) {
    return new LoggingStore(ReadOnlyStore.of(store));
  }

  /** The store this one forwards to. */
  public Store inner() {
    return inner;
  }

  // ---------------------------------------------------------------- the record

  /** Every operation recorded since creation or the last {@link #reset()}, oldest first. */
  public List<Operation> operations() {
    return Collections.unmodifiableList(new ArrayList<>(operations));
  }

  /** The recorded operations of one kind, oldest first. */
  public List<Operation> operations(Kind kind) {
    List<Operation> out = new ArrayList<>();
    for (Operation o : operations) {
      if (o.kind() == kind) {
        out.add(o);
      }
    }
    return out;
  }

  /** The keys named by the recorded operations of the given kinds, oldest first. */
  public List<String> keys(Kind... kinds) {
    List<String> out = new ArrayList<>();
    for (Operation o : operations) {
      for (Kind k : kinds) {
        if (o.kind() == k) {
          out.add(o.key());
          break;
        }
      }
    }
    return out;
  }

  /** How many operations of {@code kind} reached the store. */
  public long count(Kind kind) {
    return counts.get(kind).sum();
  }

  /** How many operations of any of {@code kinds} reached the store. */
  public long count(Kind... kinds) {
    long n = 0;
    for (Kind k : kinds) {
      n += count(k);
    }
    return n;
  }

  /** Every operation's count by kind (kinds with none included, as 0). */
  public Map<Kind, Long> counts() {
    Map<Kind, Long> out = new EnumMap<>(Kind.class);
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Bytes moved by operations of {@code kind} (read for reads, written for writes). */
  public long bytes(Kind kind) {
    return bytes.get(kind).sum();
  }

  /**
   * Requests that read or check a value in the wrapped store: {@link Kind#OPEN}, {@link Kind#GET},
   * {@link Kind#GET_INTO}, {@link Kind#GET_MANY}, {@link Kind#CONTAINS}, {@link Kind#SIZE} (the
   * reads of opened values are not counted; see {@link Kind#READ}).
   */
  public long reads() {
    return count(Kind.OPEN, Kind.GET, Kind.GET_INTO, Kind.GET_MANY, Kind.CONTAINS, Kind.SIZE);
  }

  /** Every operation recorded, of any kind. */
  public long total() {
    long n = 0;
    for (LongAdder a : counts.values()) {
      n += a.sum();
    }
    return n;
  }

  /** Forgets every operation and zeroes the counters. */
  public void reset() {
    operations.clear();
    counts.values().forEach(LongAdder::reset);
    bytes.values().forEach(LongAdder::reset);
  }

  private void record(Kind kind, String key, String target, ByteRange range, long n, long start) {
    long nanos = System.nanoTime() - start;
    counts.get(kind).increment();
    if (n > 0) {
      bytes.get(kind).add(n);
    }
    if (keepOperations) {
      operations.add(new Operation(kind, key, target, range, n, nanos));
    }
  }

  private static long lengthOf(Optional<ByteBuffer> value) {
    return value.map(b -> (long) b.remaining()).orElse(-1L);
  }

  // ---------------------------------------------------------------- reads

  @Override
  public StoreCapabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public Optional<ByteSource> open(String key) {
    long start = System.nanoTime();
    long n = -1;
    try {
      Optional<ByteSource> opened = inner.open(key);
      if (opened.isEmpty()) {
        return opened;
      }
      ByteSource source = opened.get();
      n = source.size();
      return Optional.of(new LoggedSource(key, source));
    } finally {
      record(Kind.OPEN, key, null, null, n, start);
    }
  }

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    long start = System.nanoTime();
    long n = -1;
    try {
      Optional<ByteBuffer> value = inner.get(key, range);
      n = lengthOf(value);
      return value;
    } finally {
      record(Kind.GET, key, null, range, n, start);
    }
  }

  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    return recordedGetInto(key, () -> inner.getInto(key, allocator));
  }

  /** {@inheritDoc} Recorded as {@link Kind#GET_INTO}. */
  @Override
  public Optional<ByteBuffer> getReplacedInto(String key, IntFunction<ByteBuffer> allocator) {
    return recordedGetInto(key, () -> inner.getReplacedInto(key, allocator));
  }

  /** Runs a whole read of {@code key} into a caller's buffer, recorded as {@link Kind#GET_INTO}. */
  private Optional<ByteBuffer> recordedGetInto(
      String key, java.util.function.Supplier<Optional<ByteBuffer>> read) {
    long start = System.nanoTime();
    long n = -1;
    try {
      Optional<ByteBuffer> value = read.get();
      n = lengthOf(value);
      return value;
    } finally {
      record(Kind.GET_INTO, key, null, ByteRange.FULL, n, start);
    }
  }

  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    long start = System.nanoTime();
    long n = -1;
    try {
      List<Optional<ByteBuffer>> values = inner.getMany(requests);
      n = 0;
      for (Optional<ByteBuffer> v : values) {
        n += Math.max(0, lengthOf(v));
      }
      return values;
    } finally {
      String first =
          requests == null || requests.isEmpty() || requests.get(0) == null
              ? ""
              : requests.get(0).key();
      record(Kind.GET_MANY, first, null, null, n, start);
    }
  }

  @Override
  public boolean contains(String key) {
    long start = System.nanoTime();
    long n = -1;
    try {
      boolean present = inner.contains(key);
      n = 0;
      return present;
    } finally {
      record(Kind.CONTAINS, key, null, null, n, start);
    }
  }

  @Override
  public long size(String key) {
    long start = System.nanoTime();
    long n = -1;
    try {
      n = inner.size(key);
      return n;
    } finally {
      record(Kind.SIZE, key, null, null, n, start);
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void set(String key, ByteBuffer value) {
    long start = System.nanoTime();
    long n = -1;
    try {
      inner.set(key, value);
      n = value.remaining();
    } finally {
      record(Kind.SET, key, null, null, n, start);
    }
  }

  /**
   * {@inheritDoc} Forwarded to the wrapped store as parts (so it may copy ranges of its values or
   * update one in place), recorded as one {@link Kind#SET} of the value's size; reads of the parts'
   * sources are recorded as the sources' reads.
   */
  @Override
  public void set(String key, ValueParts value) {
    long start = System.nanoTime();
    long n = -1;
    try {
      inner.set(key, value);
      n = value.size();
    } finally {
      record(Kind.SET, key, null, null, n, start);
    }
  }

  @Override
  public void delete(String key) {
    long start = System.nanoTime();
    long n = -1;
    try {
      inner.delete(key);
      n = 0;
    } finally {
      record(Kind.DELETE, key, null, null, n, start);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    long start = System.nanoTime();
    long n = -1;
    try {
      inner.deletePrefix(prefix);
      n = 0;
    } finally {
      record(Kind.DELETE_PREFIX, prefix, null, null, n, start);
    }
  }

  @Override
  public void rename(String from, String to) {
    long start = System.nanoTime();
    long n = -1;
    try {
      inner.rename(from, to);
      n = 0;
    } finally {
      record(Kind.RENAME, from, to, null, n, start);
    }
  }

  // ---------------------------------------------------------------- listings

  @Override
  public List<String> listPrefix(String prefix) {
    long start = System.nanoTime();
    long n = -1;
    try {
      List<String> keys = inner.listPrefix(prefix);
      n = 0;
      return keys;
    } finally {
      record(Kind.LIST_PREFIX, prefix, null, null, n, start);
    }
  }

  @Override
  public List<String> listDir(String prefix) {
    long start = System.nanoTime();
    long n = -1;
    try {
      List<String> names = inner.listDir(prefix);
      n = 0;
      return names;
    } finally {
      record(Kind.LIST_DIR, prefix, null, null, n, start);
    }
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "LoggingStore[" + inner + "]";
  }

  /** An opened value whose every read is recorded. */
  private final class LoggedSource implements ByteSource {
    private final String key;
    private final ByteSource source;

    LoggedSource(String key, ByteSource source) {
      this.key = key;
      this.source = source;
    }

    @Override
    public long size() {
      return source.size();
    }

    /** The bytes {@code range} names in this value, as an offset and a length. */
    private ByteRange resolved(ByteRange range) {
      long size = source.size();
      long from = range.start(size);
      return ByteRange.of(from, range.end(size) - from);
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
      long start = System.nanoTime();
      int len = dst.remaining();
      long n = -1;
      try {
        source.read(offset, dst);
        n = len;
      } finally {
        record(Kind.READ, key, null, ByteRange.of(Math.max(0, offset), len), n, start);
      }
    }

    @Override
    public void read(long offset, byte[] dst, int off, int len) {
      long start = System.nanoTime();
      long n = -1;
      try {
        source.read(offset, dst, off, len);
        n = len;
      } finally {
        record(Kind.READ, key, null, ByteRange.of(Math.max(0, offset), Math.max(0, len)), n, start);
      }
    }

    @Override
    public ByteBuffer read(ByteRange range) {
      long start = System.nanoTime();
      long n = -1;
      try {
        ByteBuffer b = source.read(range);
        n = b.remaining();
        return b;
      } finally {
        record(Kind.READ, key, null, resolved(range), n, start);
      }
    }

    /** Forwarded as one batch (so the source may merge them); one operation per range. */
    @Override
    public List<ByteBuffer> read(List<ByteRange> ranges) {
      long start = System.nanoTime();
      List<ByteBuffer> out = null;
      try {
        out = source.read(ranges);
        return out;
      } finally {
        for (int i = 0; i < ranges.size(); i++) {
          long n = out == null ? -1 : out.get(i).remaining();
          record(Kind.READ, key, null, resolved(ranges.get(i)), n, start);
        }
      }
    }

    @Override
    public ByteBuffer readAll() {
      long start = System.nanoTime();
      long n = -1;
      try {
        ByteBuffer b = source.readAll();
        n = b.remaining();
        return b;
      } finally {
        record(Kind.READ, key, null, resolved(ByteRange.FULL), n, start);
      }
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
