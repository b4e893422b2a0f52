package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * The read side of a network store, on one {@link ObjectClient}: a store implements {@link
 * dev.zarr4j.store.ReadableStore}'s reads by calling these. Every read is one request where one
 * suffices ({@link #get} and {@link #getInto} send a single GET, never a HEAD first); a batched
 * {@link #getMany} sends all its requests together on the store's I/O threads, ranges of one key
 * coalesced when they lie close; an opened value ({@link #open}, one HEAD) reads its ranges with
 * {@code If-Match} on the version it was opened on, so it never mixes two versions.
 */
public final class RemoteReads {
  private final ObjectClient client;
  private final RemoteCalls calls;

  /**
   * @param client the object service
   * @param calls runs, bounds and retries the requests
   */
  public RemoteReads(ObjectClient client, RemoteCalls calls) {
    this.client = Objects.requireNonNull(client, "client");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** The calls these reads make (their options and counters). */
  public RemoteCalls calls() {
    return calls;
  }

  /** See {@link dev.zarr4j.store.ReadableStore#open}: one HEAD request. */
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    return head(key).map(info -> new RemoteByteSource(this, key, info));
  }

  /** See {@link dev.zarr4j.store.ReadableStore#size}: one HEAD request. */
  public long size(String key) {
    StoreKeys.validate(key);
    return head(key).map(ObjectInfo::size).orElse(-1L);
  }

  /** See {@link dev.zarr4j.store.ReadableStore#contains}: one HEAD request. */
  public boolean contains(String key) {
    StoreKeys.validate(key);
    return head(key).isPresent();
  }

  Optional<ObjectInfo> head(String key) {
    return calls.call("HEAD", client.url(key), key, () -> client.head(key));
  }

  /**
   * See {@link dev.zarr4j.store.ReadableStore#get(String, ByteRange)}: one GET (a HEAD for an empty
   * range, which only asks whether the key exists).
   */
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    StoreKeys.validate(key);
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    if (isEmpty(range)) {
      return head(key).map(i -> ByteBuffer.allocate(0));
    }
    return fetch(key, range, null).map(slice -> cut(key, slice, range, null));
  }

  /**
   * See {@link dev.zarr4j.store.ReadableStore#getInto}: one GET, copied into the caller's buffer.
   */
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    if (allocator == null) {
      throw new IllegalArgumentException("allocator must not be null");
    }
    Optional<ByteBuffer> value = get(key, ByteRange.FULL);
    if (value.isEmpty() || !value.get().hasRemaining()) {
      return value;
    }
    ByteBuffer bytes = value.get();
    int length = bytes.remaining();
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
    ByteBuffer out = given.slice().limit(length);
    out.put(bytes);
    return Optional.of(out.flip());
  }

  /**
   * See {@link dev.zarr4j.store.ReadableStore#getMany}: every request sent at once (at most {@link
   * RemoteOptions#maxRequestsInFlight()} in flight); ranges of one key that lie within {@link
   * RemoteOptions#coalesceGap()} of each other go in one request. When the answers for one key
   * carry different versions (the value changed between them), that key is read again whole, in one
   * request, and its ranges cut from that one answer.
   */
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    if (requests == null) {
      throw new IllegalArgumentException("requests must not be null");
    }
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      KeyRange r = requests.get(i);
      if (r == null) {
        throw new IllegalArgumentException("request " + i + " of getMany is null");
      }
      StoreKeys.validate(r.key());
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>(1)).add(i);
    }
    // one task per request to send; each fills in the results of the requests it serves
    List<KeyBatch> batches = new ArrayList<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
      KeyBatch batch = new KeyBatch(e.getKey(), e.getValue(), requests);
      batches.add(batch);
      batch.plan(tasks);
    }
    calls.all(tasks);
    @SuppressWarnings("unchecked")
    Optional<ByteBuffer>[] out = new Optional[requests.size()];
    for (KeyBatch batch : batches) {
      if (!batch.consistent()) {
        batch.rereadFromOneVersion();
      }
      for (int j = 0; j < batch.at.size(); j++) {
        out[batch.at.get(j)] = batch.results[j];
      }
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /** The requests of one key in one {@link #getMany} call. */
  private final class KeyBatch {
    final String key;
    final List<Integer> at;
    final List<ByteRange> ranges = new ArrayList<>();
    final Optional<ByteBuffer>[] results;

    /** What each answer said of the value it came from, one per request sent. */
    final List<AnswerOrigin> answers = java.util.Collections.synchronizedList(new ArrayList<>());

    @SuppressWarnings("unchecked")
    KeyBatch(String key, List<Integer> at, List<KeyRange> requests) {
      this.key = key;
      this.at = at;
      for (int i : at) {
        ranges.add(requests.get(i).range());
      }
      this.results = new Optional[at.size()];
    }

    /** Adds the requests to send: bounded ranges coalesced, every other range alone. */
    void plan(List<Callable<Void>> tasks) {
      List<Integer> bounded = new ArrayList<>();
      for (int j = 0; j < ranges.size(); j++) {
        ByteRange r = ranges.get(j);
        if (r instanceof ByteRange.Bounded b && b.length() > 0 && ranges.size() > 1) {
          bounded.add(j);
        } else {
          int only = j;
          tasks.add(
              () -> {
                if (isEmpty(r)) {
                  Optional<ObjectInfo> info = head(key);
                  answers.add(info.map(i -> AnswerOrigin.of(i.version(), i.size())).orElse(ABSENT));
                  results[only] = info.map(i -> ByteBuffer.allocate(0));
                } else {
                  Optional<ObjectSlice> s = fetch(key, r, null);
                  answers.add(s.map(AnswerOrigin::of).orElse(ABSENT));
                  results[only] = s.map(x -> cut(key, x, r, null));
                }
                return null;
              });
        }
      }
      if (bounded.isEmpty()) {
        return;
      }
      long[] starts = new long[bounded.size()];
      long[] ends = new long[bounded.size()];
      for (int m = 0; m < starts.length; m++) {
        ByteRange.Bounded b = (ByteRange.Bounded) ranges.get(bounded.get(m));
        starts[m] = b.offset();
        ends[m] = b.offset() + Math.min(b.length(), Long.MAX_VALUE - b.offset());
      }
      RemoteOptions o = calls.options();
      for (RangeCoalescer.Group g :
          RangeCoalescer.coalesce(starts, ends, o.coalesceGap(), o.maxCoalescedLength())) {
        tasks.add(
            () -> {
              ByteRange whole = ByteRange.of(g.start(), g.end() - g.start());
              Optional<ObjectSlice> s = fetch(key, whole, null);
              answers.add(s.map(AnswerOrigin::of).orElse(ABSENT));
              for (int m : g.members()) {
                int j = bounded.get(m);
                ByteRange r = ranges.get(j);
                results[j] = s.map(x -> copyOf(cut(key, x, r, null), g.members().length > 1));
              }
              return null;
            });
      }
    }

    /**
     * Whether every answer provably came from one version of the value (or all found it absent):
     * one answer, or several that all carry the same known version and, where they tell it, the
     * same total size. An answer without a version (a server that sends no ETag) proves nothing, so
     * several answers then count as inconsistent and the key is read again whole. Sizes are
     * compared too because a server may label a body with the version of another: S3Proxy's file
     * stores read the ETag and open the file in two steps, so an overwrite between them pairs the
     * old ETag with the new bytes (see docs/design-notes.md).
     */
    boolean consistent() {
      if (answers.size() <= 1) {
        return true;
      }
      AnswerOrigin first = answers.get(0);
      long size = -1;
      for (AnswerOrigin a : answers) {
        if (a.present() != first.present()) {
          return false; // absent for one request, present for another
        }
        if (!a.present()) {
          continue;
        }
        if (a.version() == null || !a.version().equals(first.version())) {
          return false;
        }
        if (a.size() >= 0) {
          if (size >= 0 && size != a.size()) {
            return false;
          }
          size = a.size();
        }
      }
      return true;
    }

    /**
     * Reads the key's ranges again from one answer: the whole value in one GET, so that every range
     * comes from one version (the value changed while the first requests were answered).
     */
    void rereadFromOneVersion() {
      Optional<ObjectSlice> whole = fetch(key, ByteRange.FULL, null);
      for (int j = 0; j < results.length; j++) {
        ByteRange r = ranges.get(j);
        results[j] = whole.map(x -> copyOf(cut(key, x, r, null), true));
      }
    }
  }

  /** An answer for an absent key. */
  private static final AnswerOrigin ABSENT = new AnswerOrigin(false, null, -1);

  /**
   * What one answer of a batch said of the value it came from.
   *
   * @param present whether the key existed
   * @param version the version tag it carried, or null when the server sent none
   * @param size the value's total size it told, or -1 when it did not
   */
  private record AnswerOrigin(boolean present, String version, long size) {
    static AnswerOrigin of(String version, long size) {
      return new AnswerOrigin(true, version, size);
    }

    static AnswerOrigin of(ObjectSlice slice) {
      return of(slice.version(), slice.totalSize());
    }
  }

  /** One GET, retried: {@code range} of the key, of {@code version} when it is not null. */
  Optional<ObjectSlice> fetch(String key, ByteRange range, String version) {
    return calls.call("GET", client.url(key), key, () -> client.get(key, range, version));
  }

  /**
   * The bytes {@code range} asked for, cut from a server's answer (which may hold more, when the
   * server ignored the range).
   *
   * @param knownSize the value's size when the caller knows it, else null
   * @throws StoreException naming the URL when the answer does not hold the bytes asked for
   */
  ByteBuffer cut(String key, ObjectSlice slice, ByteRange range, Long knownSize) {
    long total = slice.totalSize() >= 0 ? slice.totalSize() : knownSize == null ? -1 : knownSize;
    long start;
    long end;
    if (total >= 0) {
      start = range.start(total);
      end = range.end(total);
    } else if (range instanceof ByteRange.Bounded b) {
      start = b.offset();
      end = Math.min(slice.end(), b.offset() + Math.min(b.length(), Long.MAX_VALUE - b.offset()));
    } else if (range instanceof ByteRange.FromOffset f) {
      start = f.offset();
      end = slice.end();
    } else if (range instanceof ByteRange.Suffix s) {
      end = slice.end();
      start = Math.max(slice.offset(), end - s.length());
    } else {
      start = 0;
      end = slice.end();
    }
    end = Math.max(start, end);
    if (start < slice.offset() || end > slice.end()) {
      throw new StoreException(
          "the server at "
              + client.url(key)
              + " answered bytes "
              + slice.offset()
              + "-"
              + slice.end()
              + (total >= 0 ? " of " + total : "")
              + " of key '"
              + key
              + "' for a request of bytes "
              + start
              + "-"
              + end);
    }
    ByteBuffer bytes = slice.bytes();
    if (start == slice.offset() && end == slice.end()) {
      return bytes.slice();
    }
    ByteBuffer part = bytes.slice((int) (start - slice.offset()), (int) (end - start));
    // a small part of a large answer (a server that ignored the range) is copied, so that the
    // caller does not keep the whole answer alive
    return 2 * (end - start) < bytes.remaining() ? copyOf(part, true) : part;
  }

  private static ByteBuffer copyOf(ByteBuffer b, boolean copy) {
    if (!copy) {
      return b;
    }
    ByteBuffer c = ByteBuffer.allocate(b.remaining());
    c.put(b.duplicate());
    return c.flip();
  }

  /** Whether a range asks for no bytes at all, whatever the value's size. */
  private static boolean isEmpty(ByteRange range) {
    return range instanceof ByteRange.Bounded b && b.length() == 0
        || range instanceof ByteRange.Suffix s && s.length() == 0;
  }

  /** The client's URL of a key, for messages. */
  String url(String key) {
    return client.url(key);
  }
}
