package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Store} must show. A store implementation's test extends this class and
 * implements {@link #createStore()}; every test here then runs against a fresh store.
 *
 * <p>What it checks: reads, writes, deletes, {@code contains} and {@code size}; every kind of
 * {@link ByteRange}, including ranges reaching past the end of a value; missing keys reading as
 * empty; {@code listPrefix}, {@code listDir} and {@code deletePrefix} semantics; rejection of
 * invalid keys and prefixes with {@link InvalidKeyException}; that the caller's buffers are not
 * moved and that stored values cannot be changed through them; that {@code getInto} (and {@code
 * getReplacedInto}) reads the same bytes as {@code get} into the caller's buffers (reused ones
 * too); that a value opened with {@link ReadableStore#open} reports its size and reads any range,
 * batch of ranges or packed runs of it, and keeps reading the value it was opened on when the key
 * is overwritten or deleted (see {@link #openedValuesSurviveChanges()}); that batched {@code
 * getMany} reads ranges of many keys, missing ones included; that every read path agrees on values
 * from 0 bytes to several MiB; that the readable side reports the capabilities; that concurrent
 * readers never see a torn or mixed value; that seeded random sequences of operations agree with a
 * plain {@link TreeMap}; that one large value ({@link #largeValueSize()}, 64 MiB) reads back
 * through every read path; that keys with spaces and non-ASCII letters work in every operation;
 * that many threads writing different and the same keys at once leave every key whole, holding the
 * last value one of its writers wrote; that a read-only view ({@link #createReadOnlyView}) reads
 * everything and refuses every write with a {@link ReadOnlyException}; that a store closed and
 * opened again on the same data ({@link #reopen()}) finds its values; and {@link Store#rename} on
 * keys and prefixes, where the store says it can ({@link StoreCapabilities#rename()}).
 *
 * <p>The contract does not require a store to hold a value under {@code a} and other values under
 * {@code a/...} at the same time (a file system cannot), so the tests here never do.
 *
 * <p>Random tests use fixed seeds, reported in their names and failure messages; set the system
 * property {@value SeededRandom#SEED_PROPERTY} to replay one seed.
 */
public abstract class StoreContractTest {

  /** The store under test, created fresh before each test and closed after it. */
  protected Store store;

  /** Creates an empty store to test. Called before every test. */
  protected abstract Store createStore() throws Exception;

  /**
   * Whether the store keeps working after {@link Store#close()}. When false (the default), every
   * operation on a closed store must throw a {@link StoreException}.
   */
  protected boolean usableAfterClose() {
    return false;
  }

  /** The longest time one concurrency stress test runs. */
  protected Duration stressTime() {
    return Duration.ofMillis(700);
  }

  /** How many operations each seeded random sequence performs. */
  protected int randomOperations() {
    return 1000;
  }

  /**
   * Whether a value opened with {@link ReadableStore#open} keeps reading the bytes it was opened on
   * after the key is overwritten or deleted (true, the default, for every store zarr4j ships). A
   * store that cannot promise it returns false; its sources must then fail with a {@link
   * StoreException} rather than return bytes of another value, which is what is checked instead.
   */
  protected boolean openedValuesSurviveChanges() {
    return true;
  }

  /** The size of the one large value of {@link #aLargeValueRoundTripsThroughEveryReadPath}. */
  public static final int LARGE_VALUE_SIZE = 64 << 20;

  /**
   * The size of the large value written and read back through every read path: {@link
   * #LARGE_VALUE_SIZE} (64 MiB). A store may lower it only when its backend cannot hold a value
   * that large (a database with a document limit), saying so where it overrides this; raising it is
   * refused by the test.
   */
  protected int largeValueSize() {
    return LARGE_VALUE_SIZE;
  }

  /**
   * A read-only view of the data written to {@code written} (the store under test, holding the
   * values the test wrote): by default a {@link ReadOnlyStore} over it. A store with a read-only
   * mode of its own returns that instead, opened on the same data (it may close {@code written}
   * first). The test closes the view, and closes {@code written} again after it.
   */
  protected Store createReadOnlyView(Store written) throws Exception {
    return new ReadOnlyStore(written);
  }

  /**
   * A new store on the same underlying data as the store under test (the same directory, database
   * or map), which the test has closed: called by {@link #closeThenReopenFindsTheValues()}. Return
   * {@code null} (the default) when closing a store discards its data; that test is then skipped.
   */
  protected Store reopen() throws Exception {
    return null;
  }

  /** Whether keys may hold non-ASCII characters (a file store on a non-UTF-8 platform may not). */
  protected boolean supportsNonAsciiKeys() {
    return true;
  }

  @BeforeEach
  void openStoreUnderTest() throws Exception {
    store = createStore();
    assertThat(store).as("createStore() result").isNotNull();
  }

  @AfterEach
  void closeStoreUnderTest() {
    if (store != null) {
      store.close();
    }
  }

  // ------------------------------------------------------------------ helpers for subclasses

  /** The remaining bytes of a buffer, without moving it. */
  protected static byte[] bytesOf(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  /** The bytes read, or null when the key was absent. */
  protected static byte[] bytesOf(Optional<ByteBuffer> value) {
    return value.map(StoreContractTest::bytesOf).orElse(null);
  }

  /** UTF-8 bytes of a string. */
  protected static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of {@code value} that {@code range} names, clipped as {@link ByteRange} says. */
  protected static byte[] slice(byte[] value, ByteRange range) {
    return Arrays.copyOfRange(
        value, (int) range.start(value.length), (int) range.end(value.length));
  }

  // ------------------------------------------------------------------ basic operations

  @Test
  void missingKeyReadsAsEmpty() {
    assertThat(store.get("missing")).isEmpty();
    assertThat(store.get("missing/deeper/key")).isEmpty();
    assertThat(store.get("missing", ByteRange.of(0, 4))).isEmpty();
    assertThat(store.get("missing", new ByteRange.Suffix(3))).isEmpty();
    assertThat(store.contains("missing")).isFalse();
    assertThat(store.size("missing")).isEqualTo(-1);
  }

  @Test
  void setThenGetReturnsTheSameBytes() {
    SeededRandom random = new SeededRandom(SeededRandom.seed(11));
    Map<String, byte[]> written = new HashMap<>();
    written.put("empty", new byte[0]);
    written.put("one", new byte[] {42});
    written.put(".zgroup", utf8("{\"zarr_format\": 2}"));
    written.put("arr/.zarray", random.bytes(300));
    written.put("arr/0.0", random.bytes(4096));
    written.put("arr/1/2/3", random.bytes(17));
    written.put("big", random.bytes(3 * 1024 * 1024 + 7));
    written.forEach(store::set);
    written.forEach(
        (key, value) -> {
          Optional<ByteBuffer> read = store.get(key);
          assertThat(read).as(key).isPresent();
          assertThat(read.get().position()).as("position of " + key).isZero();
          assertThat(read.get().remaining()).as("length of " + key).isEqualTo(value.length);
          assertThat(bytesOf(read)).as(key).isEqualTo(value);
          assertThat(store.contains(key)).as("contains " + key).isTrue();
          assertThat(store.size(key)).as("size of " + key).isEqualTo(value.length);
        });
  }

  @Test
  void setReplacesAValueWithALongerOrShorterOne() {
    store.set("k", utf8("first value"));
    store.set("k", utf8("a much longer second value"));
    assertThat(bytesOf(store.get("k"))).isEqualTo(utf8("a much longer second value"));
    store.set("k", utf8("3"));
    assertThat(bytesOf(store.get("k"))).isEqualTo(utf8("3"));
    assertThat(store.size("k")).isEqualTo(1);
    store.set("k", new byte[0]);
    assertThat(bytesOf(store.get("k"))).isEmpty();
    assertThat(store.contains("k")).isTrue();
    assertThat(store.size("k")).isZero();
    assertThat(store.listPrefix("")).containsExactly("k");
  }

  @Test
  void deleteRemovesTheKeyAndIsIdempotent() {
    store.set("a/b", utf8("x"));
    store.set("a/c", utf8("y"));
    store.delete("a/b");
    assertThat(store.get("a/b")).isEmpty();
    assertThat(store.contains("a/b")).isFalse();
    assertThat(store.size("a/b")).isEqualTo(-1);
    assertThat(bytesOf(store.get("a/c"))).isEqualTo(utf8("y"));
    store.delete("a/b");
    store.delete("never/written");
    store.delete("a/c");
    assertThat(store.listPrefix("")).isEmpty();
    assertThat(store.listDir("")).as("no empty prefix is left behind").isEmpty();
    store.set("a/b", utf8("again"));
    assertThat(bytesOf(store.get("a/b"))).isEqualTo(utf8("again"));
  }

  @Test
  void deleteOfAPrefixThatIsNotAKeyLeavesItsKeys() {
    store.set("p/q", utf8("x"));
    store.delete("p");
    assertThat(store.listPrefix("")).containsExactly("p/q");
  }

  @Test
  void getManyReturnsOneResultPerRequestInOrder() {
    store.set("x", utf8("1"));
    store.set("y/z", utf8("22"));
    List<Optional<ByteBuffer>> results =
        store.getMany(
            List.of(
                KeyRange.of("y/z"), KeyRange.of("missing"), KeyRange.of("x"), KeyRange.of("x")));
    assertThat(results).hasSize(4);
    assertThat(bytesOf(results.get(0))).isEqualTo(utf8("22"));
    assertThat(results.get(1)).isEmpty();
    assertThat(bytesOf(results.get(2))).isEqualTo(utf8("1"));
    assertThat(bytesOf(results.get(3))).isEqualTo(utf8("1"));
    assertThat(store.getMany(List.of())).isEmpty();
  }

  @Test
  void getManyReadsRangesOfManyKeysMissingOnesIncluded() {
    byte[] big = new SeededRandom(14).bytes(20_000);
    byte[] small = utf8("0123456789");
    store.set("a/big", big);
    store.set("a/small", small);
    store.set("empty", new byte[0]);
    List<KeyRange> requests =
        List.of(
            KeyRange.of("a/big", ByteRange.of(0, 16)),
            KeyRange.of("a/small", new ByteRange.Suffix(3)),
            KeyRange.of("missing", ByteRange.of(0, 4)),
            KeyRange.of("a/big", new ByteRange.Suffix(100)),
            KeyRange.of("a/big", ByteRange.of(9000, 50)),
            KeyRange.of("a/small", new ByteRange.FromOffset(20)),
            KeyRange.of("missing", ByteRange.FULL),
            KeyRange.of("empty", ByteRange.FULL),
            KeyRange.of("a/big", ByteRange.of(19_990, 1000)),
            KeyRange.of("a/big"));
    List<Optional<ByteBuffer>> results = store.getMany(requests);
    assertThat(results).hasSize(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      KeyRange request = requests.get(i);
      byte[] value =
          switch (request.key()) {
            case "a/big" -> big;
            case "a/small" -> small;
            case "empty" -> new byte[0];
            default -> null;
          };
      Optional<ByteBuffer> result = results.get(i);
      if (value == null) {
        assertThat(result).as("request %d: %s", i, request).isEmpty();
        continue;
      }
      assertThat(result).as("request %d: %s", i, request).isPresent();
      assertThat(result.get().position()).as("position of result %d", i).isZero();
      assertThat(bytesOf(result))
          .as("request %d: %s", i, request)
          .isEqualTo(slice(value, request.range()));
    }
    assertThatThrownBy(() -> store.getMany(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.getMany(java.util.Arrays.asList(KeyRange.of("x"), null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyRange.of("x", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void totalSizeSumsTheValuesBelowAPrefix() {
    store.set("a/x", new byte[3]);
    store.set("a/y/z", new byte[5]);
    store.set("ab", new byte[7]);
    assertThat(store.totalSize("")).isEqualTo(15);
    assertThat(store.totalSize("a")).isEqualTo(8);
    assertThat(store.totalSize("a/y")).isEqualTo(5);
    assertThat(store.totalSize("missing")).isZero();
  }

  @Test
  void nonAsciiAndUnusualKeysRoundTrip() {
    List<String> keys = new ArrayList<>(List.of("with space", "x.y.z/0.0", "-dash/_under", "A/B"));
    if (supportsNonAsciiKeys()) {
      keys.add("unicode/\u00e9t\u00e9/\u6570\u636e");
    }
    for (String key : keys) {
      store.set(key, utf8(key));
    }
    for (String key : keys) {
      assertThat(bytesOf(store.get(key))).as(key).isEqualTo(utf8(key));
    }
    assertThat(store.listPrefix("")).isEqualTo(new ArrayList<>(new TreeSet<>(keys)));
  }

  // ------------------------------------------------------------------ byte ranges

  static Stream<Arguments> byteRangesOfAHundredBytes() {
    return Stream.of(
        Arguments.of(ByteRange.FULL, 0, 100),
        Arguments.of(new ByteRange.Full(), 0, 100),
        Arguments.of(ByteRange.of(0, 10), 0, 10),
        Arguments.of(ByteRange.of(10, 20), 10, 30),
        Arguments.of(ByteRange.of(99, 1), 99, 100),
        Arguments.of(ByteRange.of(95, 10), 95, 100),
        Arguments.of(ByteRange.of(40, 0), 40, 40),
        Arguments.of(ByteRange.of(100, 5), 100, 100),
        Arguments.of(ByteRange.of(150, 5), 100, 100),
        Arguments.of(ByteRange.of(0, Long.MAX_VALUE), 0, 100),
        Arguments.of(ByteRange.of(50, Long.MAX_VALUE), 50, 100),
        Arguments.of(new ByteRange.FromOffset(0), 0, 100),
        Arguments.of(new ByteRange.FromOffset(60), 60, 100),
        Arguments.of(new ByteRange.FromOffset(99), 99, 100),
        Arguments.of(new ByteRange.FromOffset(100), 100, 100),
        Arguments.of(new ByteRange.FromOffset(1000), 100, 100),
        Arguments.of(new ByteRange.Suffix(0), 100, 100),
        Arguments.of(new ByteRange.Suffix(1), 99, 100),
        Arguments.of(new ByteRange.Suffix(30), 70, 100),
        Arguments.of(new ByteRange.Suffix(100), 0, 100),
        Arguments.of(new ByteRange.Suffix(1000), 0, 100),
        Arguments.of(new ByteRange.Suffix(Long.MAX_VALUE), 0, 100));
  }

  @ParameterizedTest(name = "{0} of 100 bytes is [{1}, {2})")
  @MethodSource("byteRangesOfAHundredBytes")
  void byteRangesAreClippedToTheValue(ByteRange range, int start, int end) {
    byte[] value = new SeededRandom(100).bytes(100);
    store.set("ranged/value", value);
    Optional<ByteBuffer> read = store.get("ranged/value", range);
    assertThat(read).as("a range of a present key is present, even when empty").isPresent();
    assertThat(read.get().position()).isZero();
    assertThat(bytesOf(read)).isEqualTo(Arrays.copyOfRange(value, start, end));
  }

  @ParameterizedTest(name = "{0} of 0 bytes is empty")
  @MethodSource("byteRangesOfAHundredBytes")
  void byteRangesOfAnEmptyValueAreEmpty(ByteRange range, int ignoredStart, int ignoredEnd) {
    store.set("ranged/empty", new byte[0]);
    Optional<ByteBuffer> read = store.get("ranged/empty", range);
    assertThat(read).isPresent();
    assertThat(read.get().remaining()).isZero();
  }

  @Test
  void byteRangesAtTheEndOfALargeValue() {
    byte[] value = new SeededRandom(101).bytes(2 * 1024 * 1024 + 3);
    int n = value.length;
    store.set("large", value);
    assertThat(bytesOf(store.get("large", new ByteRange.Suffix(10))))
        .isEqualTo(Arrays.copyOfRange(value, n - 10, n));
    assertThat(bytesOf(store.get("large", ByteRange.of(n - 5, 100))))
        .isEqualTo(Arrays.copyOfRange(value, n - 5, n));
    assertThat(bytesOf(store.get("large", ByteRange.of(1_000_000, 4096))))
        .isEqualTo(Arrays.copyOfRange(value, 1_000_000, 1_004_096));
  }

  // ------------------------------------------------------------------ buffers

  @Test
  void setStoresTheRemainingBytesAndDoesNotMoveTheBuffer() {
    byte[] backing = new SeededRandom(7).bytes(20);

    ByteBuffer heap = ByteBuffer.wrap(backing);
    heap.position(3).limit(10);
    store.set("heap", heap);
    assertThat(heap.position()).isEqualTo(3);
    assertThat(heap.limit()).isEqualTo(10);
    assertThat(bytesOf(store.get("heap"))).isEqualTo(Arrays.copyOfRange(backing, 3, 10));

    ByteBuffer sliced = ByteBuffer.wrap(backing, 5, 10).slice();
    store.set("sliced", sliced);
    assertThat(sliced.position()).isZero();
    assertThat(bytesOf(store.get("sliced"))).isEqualTo(Arrays.copyOfRange(backing, 5, 15));

    ByteBuffer direct = ByteBuffer.allocateDirect(backing.length);
    direct.put(backing).flip().position(2);
    store.set("direct", direct);
    assertThat(direct.position()).isEqualTo(2);
    assertThat(direct.limit()).isEqualTo(backing.length);
    assertThat(bytesOf(store.get("direct"))).isEqualTo(Arrays.copyOfRange(backing, 2, 20));

    ByteBuffer readOnly = ByteBuffer.wrap(backing).asReadOnlyBuffer();
    readOnly.position(19);
    store.set("read-only", readOnly);
    assertThat(readOnly.position()).isEqualTo(19);
    assertThat(bytesOf(store.get("read-only"))).isEqualTo(new byte[] {backing[19]});
  }

  @Test
  void getIntoReturnsTheValueWhereverTheStorePutsIt() {
    byte[] value = new SeededRandom(11).bytes(1000);
    store.set("into", value);
    store.set("short", utf8("abc"));
    store.set("empty", new byte[0]);
    // caller buffers with a non-zero position, room to spare and junk in them
    IntFunction<ByteBuffer> heap =
        n -> {
          ByteBuffer b = ByteBuffer.allocate(n + 37);
          Arrays.fill(b.array(), (byte) 0x5A);
          return b.position(5);
        };
    assertThat(bytesOf(store.getInto("into", heap))).isEqualTo(value);
    assertThat(bytesOf(store.getInto("short", heap))).isEqualTo(utf8("abc"));
    assertThat(bytesOf(store.getInto("empty", heap))).isEmpty();
    assertThat(store.getInto("missing", heap)).isEmpty();
    assertThat(bytesOf(store.getInto("into", n -> ByteBuffer.allocateDirect(n + 3))))
        .isEqualTo(value);
    // one buffer reused: a shorter value never shows the tail of a longer one read before
    ByteBuffer reused = ByteBuffer.allocate(4096);
    assertThat(bytesOf(store.getInto("into", n -> reused.clear()))).isEqualTo(value);
    assertThat(bytesOf(store.getInto("short", n -> reused.clear()))).isEqualTo(utf8("abc"));
    assertThat(bytesOf(store.get("into"))).isEqualTo(value);
    // the read for values replaced whole gives what getInto gives
    assertThat(bytesOf(store.getReplacedInto("into", heap))).isEqualTo(value);
    assertThat(bytesOf(store.getReplacedInto("short", n -> reused.clear()))).isEqualTo(utf8("abc"));
    assertThat(bytesOf(store.getReplacedInto("empty", heap))).isEmpty();
    assertThat(store.getReplacedInto("missing", heap)).isEmpty();
    assertThat(bytesOf(store.getReplacedInto("into", n -> ByteBuffer.allocateDirect(n + 3))))
        .isEqualTo(value);
    assertThatThrownBy(() -> store.getReplacedInto("into", n -> ByteBuffer.allocate(n - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("into");
  }

  @Test
  void getIntoFillsTheCallersBufferFromItsPosition() {
    byte[] value = new SeededRandom(18).bytes(70_000);
    store.set("arr/0.0", value);
    byte[] backing = new byte[100_000];
    ByteBuffer given = ByteBuffer.wrap(backing, 10, 90_000);
    ByteBuffer got = store.getInto("arr/0.0", n -> given).orElseThrow();
    assertThat(got.hasArray() && got.array() == backing).as("the caller's memory").isTrue();
    assertThat(got.arrayOffset()).isEqualTo(10);
    assertThat(got.position()).isZero();
    assertThat(got.remaining()).isEqualTo(value.length);
    assertThat(Arrays.copyOfRange(backing, 10, 10 + value.length)).isEqualTo(value);
    assertThatThrownBy(() -> store.getInto("arr/0.0", n -> ByteBuffer.allocate(n - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arr/0.0");
    assertThatThrownBy(() -> store.getInto("arr/0.0", n -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.getInto("arr/0.0", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedValuesAreIsolatedFromTheCallersBuffers() {
    byte[] original = utf8("0123456789");
    byte[] source = original.clone();
    store.set("isolated", source);
    Arrays.fill(source, (byte) 'x');
    assertThat(bytesOf(store.get("isolated"))).isEqualTo(original);

    ByteBuffer first = store.get("isolated").orElseThrow();
    ByteBuffer second = store.get("isolated").orElseThrow();
    if (!first.isReadOnly()) {
      first.put(0, (byte) '!');
      first.position(5);
    }
    assertThat(bytesOf(second)).isEqualTo(original);
    assertThat(bytesOf(store.get("isolated"))).isEqualTo(original);

    ByteBuffer range = store.get("isolated", ByteRange.of(2, 3)).orElseThrow();
    if (!range.isReadOnly()) {
      range.put(0, (byte) '!');
    }
    assertThat(bytesOf(store.get("isolated"))).isEqualTo(original);
  }

  // ------------------------------------------------------------------ opened values

  /** Opens {@code key}, failing when it is absent. */
  private ByteSource openPresent(String key) {
    Optional<ByteSource> opened = store.open(key);
    assertThat(opened).as("open(%s)", key).isPresent();
    return opened.get();
  }

  /** The bytes a source reads for {@code range}, checking the result's position and limit. */
  private static byte[] readRange(ByteSource source, ByteRange range) {
    ByteBuffer b = source.read(range);
    assertThat(b.position()).as("position after read(%s)", range).isZero();
    return bytesOf(b);
  }

  @Test
  void openOfAMissingKeyOrAPrefixIsEmpty() {
    store.set("dir/inside", utf8("x"));
    assertThat(store.open("missing")).isEmpty();
    assertThat(store.open("missing/deeper/key")).isEmpty();
    assertThat(store.open("dir")).as("a prefix is not a value").isEmpty();
    assertThat(store.open("dir/inside/below")).as("a path through a value").isEmpty();
  }

  @Test
  void openReadsAnyPartOfTheValue() {
    byte[] value = new SeededRandom(12).bytes(50_000);
    store.set("parts", value);
    try (ByteSource source = openPresent("parts")) {
      assertThat(source.size()).isEqualTo(value.length);
      SeededRandom rnd = new SeededRandom(13);
      for (int i = 0; i < 200; i++) {
        // offsets favour the first 16 KiB, where stores may keep the bytes they read first
        int bound = rnd.chance(0.5) ? 16 << 10 : value.length;
        int offset = rnd.nextInt(bound);
        int len =
            rnd.chance(0.7)
                ? rnd.nextInt(Math.min(100, value.length - offset) + 1)
                : rnd.nextInt(value.length - offset + 1);
        byte[] expected = Arrays.copyOfRange(value, offset, offset + len);
        byte[] dst = new byte[len + 6];
        source.read(offset, dst, 3, len);
        assertThat(Arrays.copyOfRange(dst, 3, 3 + len))
            .as("bytes [%d, +%d)", offset, len)
            .isEqualTo(expected);
        ByteBuffer heap = ByteBuffer.allocate(len + 9).position(4).limit(4 + len);
        source.read(offset, heap);
        assertThat(heap.position()).as("heap buffer advanced to its limit").isEqualTo(4 + len);
        assertThat(Arrays.copyOfRange(heap.array(), 4, 4 + len)).isEqualTo(expected);
        ByteBuffer direct = ByteBuffer.allocateDirect(len);
        source.read(offset, direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(bytesOf(direct.flip())).isEqualTo(expected);
      }
      assertThatThrownBy(() -> source.read(49_990, new byte[20], 0, 20))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> source.read(-1, ByteBuffer.allocate(1)))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> source.read(50_000, ByteBuffer.allocate(1)))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> source.read(0, new byte[10], 5, 6))
          .isInstanceOf(IndexOutOfBoundsException.class);
      source.read(50_000, ByteBuffer.allocate(0));
      assertThat(bytesOf(source.readAll())).isEqualTo(value);
    }
    try (ByteSource source = openPresent("parts")) {
      assertThat(bytesOf(source.readAll())).as("readAll as the first read").isEqualTo(value);
    }
    store.set("empty", new byte[0]);
    try (ByteSource source = openPresent("empty")) {
      assertThat(source.size()).isZero();
      source.read(0, new byte[0], 0, 0);
      assertThat(source.readAll().remaining()).isZero();
      assertThat(readRange(source, new ByteRange.Suffix(5))).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} of 100 bytes is [{1}, {2})")
  @MethodSource("byteRangesOfAHundredBytes")
  void anOpenedValueReadsEveryKindOfByteRange(ByteRange range, int start, int end) {
    byte[] value = new SeededRandom(100).bytes(100);
    store.set("ranged/value", value);
    try (ByteSource source = openPresent("ranged/value")) {
      assertThat(readRange(source, range)).isEqualTo(Arrays.copyOfRange(value, start, end));
    }
  }

  @Test
  void anOpenedValueReadsABatchOfRanges() {
    byte[] value = new SeededRandom(15).bytes(30_000);
    store.set("batch", value);
    List<ByteRange> ranges = new ArrayList<>();
    byteRangesOfAHundredBytes().forEach(a -> ranges.add((ByteRange) a.get()[0]));
    ranges.addAll(
        List.of(
            ByteRange.of(8000, 400),
            ByteRange.of(29_000, 5000),
            new ByteRange.Suffix(20_000),
            new ByteRange.FromOffset(12_345),
            ByteRange.of(30_000, 1),
            ByteRange.of(0, 30_000)));
    try (ByteSource source = openPresent("batch")) {
      List<ByteBuffer> read = source.read(ranges);
      assertThat(read).hasSize(ranges.size());
      for (int i = 0; i < ranges.size(); i++) {
        assertThat(read.get(i).position()).isZero();
        assertThat(bytesOf(read.get(i)))
            .as("range %d: %s", i, ranges.get(i))
            .isEqualTo(slice(value, ranges.get(i)));
      }
      assertThat(source.read(List.of())).isEmpty();
    }
  }

  /** Sorted, disjoint, non-empty runs inside {@code [0, size)} (none when size is 0). */
  private static ByteRuns randomRuns(SeededRandom random, int size) {
    List<Long> bounds = new ArrayList<>();
    long at = 0;
    int runs = random.nextInt(1, 9);
    for (int i = 0; i < runs && at < size; i++) {
      long start = at + (random.chance(0.3) ? 0 : random.nextLong(0, Math.max(1, (size - at) / 3)));
      if (start >= size) {
        break;
      }
      long end =
          start + 1 + random.nextLong(0, Math.min(size - start, random.chance(0.5) ? 64 : size));
      bounds.add(start);
      bounds.add(end);
      at = end;
    }
    return ByteRuns.of(bounds.stream().mapToLong(Long::longValue).toArray());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void readPackedCopiesTheRunsOneAfterAnother(long defaultSeed) {
    long seed = SeededRandom.seed(defaultSeed);
    SeededRandom random = new SeededRandom(seed);
    for (int size : new int[] {1, 100, 8 << 10, 40_000}) {
      byte[] value = random.bytes(size);
      store.set("packed", value);
      try (ByteSource source = openPresent("packed")) {
        for (int round = 0; round < 20; round++) {
          ByteRuns runs = randomRuns(random, size);
          int total = (int) runs.totalBytes();
          byte[] dst = new byte[total + 5];
          source.readPacked(runs, dst, 2);
          byte[] expected = new byte[total];
          int at = 0;
          for (int i = 0; i < runs.count(); i++) {
            int len = (int) (runs.end(i) - runs.start(i));
            System.arraycopy(value, (int) runs.start(i), expected, at, len);
            at += len;
          }
          assertThat(Arrays.copyOfRange(dst, 2, 2 + total))
              .as("seed %d, size %d, %s", seed, size, runs)
              .isEqualTo(expected);
        }
        assertThatThrownBy(() -> source.readPacked(ByteRuns.of(0, size), new byte[size], 1))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(
                () -> source.readPacked(ByteRuns.of(0, size + 1L), new byte[size + 1], 0))
            .isInstanceOf(IndexOutOfBoundsException.class);
      }
    }
  }

  static Stream<Arguments> valueSizes() {
    return Stream.of(
            0, 1, 7, 100, 4095, 8191, 8192, 8193, 16_384, 70_001, 1 << 20, 5 * (1 << 20) + 3)
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("valueSizes")
  void everyReadPathAgreesOnValuesOfManySizes(int size) {
    byte[] value = new SeededRandom(SeededRandom.seed(size)).bytes(size);
    store.set("sized/value", value);
    assertThat(store.contains("sized/value")).isTrue();
    assertThat(store.size("sized/value")).isEqualTo(size);
    assertThat(bytesOf(store.get("sized/value"))).isEqualTo(value);
    assertThat(bytesOf(store.getInto("sized/value", ByteBuffer::allocate))).isEqualTo(value);
    assertThat(bytesOf(store.getInto("sized/value", ByteBuffer::allocateDirect))).isEqualTo(value);
    List<ByteRange> ranges =
        List.of(
            ByteRange.of(0, 16),
            ByteRange.of(size / 2, 100),
            new ByteRange.Suffix(10),
            new ByteRange.FromOffset(Math.max(0, size - 8200)),
            ByteRange.of(8000, 400),
            ByteRange.of(8191, 2),
            ByteRange.FULL);
    List<KeyRange> requests = new ArrayList<>();
    for (ByteRange range : ranges) {
      assertThat(bytesOf(store.get("sized/value", range)))
          .as("get %s", range)
          .isEqualTo(slice(value, range));
      requests.add(KeyRange.of("sized/value", range));
    }
    List<Optional<ByteBuffer>> many = store.getMany(requests);
    for (int i = 0; i < ranges.size(); i++) {
      assertThat(bytesOf(many.get(i)))
          .as("getMany %s", ranges.get(i))
          .isEqualTo(slice(value, ranges.get(i)));
    }
    try (ByteSource source = openPresent("sized/value")) {
      assertThat(source.size()).isEqualTo(size);
      for (ByteRange range : ranges) {
        assertThat(readRange(source, range))
            .as("open, read %s", range)
            .isEqualTo(slice(value, range));
      }
      assertThat(bytesOf(source.readAll())).isEqualTo(value);
      if (size > 0) {
        assertThat(readRange(source, ByteRange.of(size - 1, 1))).containsExactly(value[size - 1]);
      }
    }
    try (ByteSource source = openPresent("sized/value")) {
      ByteBuffer whole = ByteBuffer.allocate(size);
      source.read(0, whole);
      assertThat(whole.array()).as("one read of everything as the first read").isEqualTo(value);
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {100, 100_000})
  void anOpenedValueKeepsReadingTheBytesItWasOpenedOn(int size) {
    SeededRandom random = new SeededRandom(SeededRandom.seed(16));
    byte[] first = random.bytes(size);
    store.set("changing", first);
    ByteSource replaced = openPresent("changing");
    ByteSource deleted = null;
    try {
      store.set("changing", random.bytes(size * 2 + 1)); // longer
      store.set("changing", random.bytes(size / 3)); // shorter
      deleted = openPresent("changing");
      byte[] second = bytesOf(store.get("changing"));
      store.delete("changing");
      assertThat(store.open("changing")).isEmpty();
      if (openedValuesSurviveChanges()) {
        assertThat(replaced.size()).isEqualTo(size);
        assertThat(bytesOf(replaced.readAll())).as("after two overwrites").isEqualTo(first);
        assertThat(readRange(replaced, ByteRange.of(size / 2, 50)))
            .isEqualTo(slice(first, ByteRange.of(size / 2, 50)));
        assertThat(readRange(replaced, new ByteRange.Suffix(7)))
            .isEqualTo(slice(first, new ByteRange.Suffix(7)));
        assertThat(deleted.size()).isEqualTo(second.length);
        assertThat(bytesOf(deleted.readAll())).as("after a delete").isEqualTo(second);
      } else {
        for (ByteSource source : List.of(replaced, deleted)) {
          try {
            byte[] read = bytesOf(source.readAll());
            assertThat(read).isIn(first, second);
          } catch (StoreException expected) {
            // the source noticed the change: allowed
          }
        }
      }
    } finally {
      replaced.close();
      if (deleted != null) {
        deleted.close();
      }
    }
  }

  @Test
  void aValueOfPartsJoinsNewBytesAndRangesOfOpenedValuesOfTheSameKeyToo() {
    byte[] old = new byte[200_000];
    new java.util.SplittableRandom(11).nextBytes(old);
    byte[] other = utf8("another value");
    store.set("p/a", old);
    store.set("p/b", other);
    byte[] head = utf8("head");
    byte[] tail = utf8("tail");
    try (ByteSource a = store.open("p/a").orElseThrow();
        ByteSource b = store.open("p/b").orElseThrow()) {
      dev.zarr4j.store.ValueParts parts =
          dev.zarr4j.store.ValueParts.builder()
              .add(ByteBuffer.wrap(head))
              .add(a, 10, 5_000)
              .add(a, 5_010, 1_000) // continues the range before: one part
              .add(b, 2, 5)
              .add(a, 150_000, 50_000)
              .add(ByteBuffer.wrap(tail))
              .build();
      assertThat(parts.size()).isEqualTo(4 + 6_000 + 5 + 50_000 + 4);
      store.set("p/a", parts);
    }
    java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
    want.writeBytes(head);
    want.write(old, 10, 6_000);
    want.write(other, 2, 5);
    want.write(old, 150_000, 50_000);
    want.writeBytes(tail);
    assertThat(bytesOf(store.get("p/a"))).isEqualTo(want.toByteArray());
    assertThat(bytesOf(store.get("p/b"))).isEqualTo(other);
  }

  @Test
  void aValueOfPartsWhoseSourceFailsIsNotStoredAndTheOldValueStays() {
    store.set("q", utf8("old value"));
    ByteSource failing =
        new ByteSource() {
          @Override
          public long size() {
            return 1 << 20;
          }

          @Override
          public void read(long offset, ByteBuffer dst) {
            throw new StoreException("the source broke at byte " + offset);
          }
        };
    dev.zarr4j.store.ValueParts parts =
        dev.zarr4j.store.ValueParts.builder()
            .add(ByteBuffer.wrap(utf8("new")))
            .add(failing, 0, 100_000)
            .build();
    assertThatThrownBy(() -> store.set("q", parts))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the source broke");
    assertThat(bytesOf(store.get("q"))).isEqualTo(utf8("old value"));
  }

  @Test
  void closingASourceIsIdempotent() {
    store.set("small", utf8("abc"));
    store.set("large", new byte[100_000]);
    for (String key : List.of("small", "large")) {
      ByteSource source = openPresent(key);
      assertThat(source.size()).isPositive();
      source.close();
      source.close();
    }
  }

  @Test
  void theReadableSideReportsTheCapabilities() {
    ReadableStore readable = store;
    StoreCapabilities capabilities = readable.capabilities();
    assertThat(capabilities).isNotNull().isEqualTo(store.capabilities());
    assertThat(capabilities.writable()).as("a Store under this contract is writable").isTrue();
    assertThat(capabilities.listable()).as("a Store under this contract is listable").isTrue();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomReadsThroughEveryPathAgreeWithTheValues(long defaultSeed) {
    long seed = SeededRandom.seed(defaultSeed);
    SeededRandom random = new SeededRandom(seed);
    Map<String, byte[]> values = new TreeMap<>();
    for (int i = 0; i < 8; i++) {
      int size =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(65);
            case 1 -> (8 << 10) + random.nextInt(-16, 17);
            case 2 -> random.nextInt(40_000);
            default -> random.nextInt(250_000);
          };
      byte[] value = random.bytes(size);
      values.put("v/" + i, value);
      store.set("v/" + i, value);
    }
    List<String> keys = new ArrayList<>(values.keySet());
    keys.add("v/missing");
    for (int step = 0; step < 300; step++) {
      String at = "seed " + seed + ", step " + step + ": ";
      String key = random.pick(keys);
      byte[] value = values.get(key);
      int size = value == null ? 10 : value.length;
      switch (random.nextInt(5)) {
        case 0 -> {
          ByteRange range = random.byteRange(size);
          assertThat(bytesOf(store.get(key, range)))
              .as(at + "get " + key + " " + range)
              .isEqualTo(value == null ? null : slice(value, range));
        }
        case 1 -> {
          List<KeyRange> requests = new ArrayList<>();
          for (int i = random.nextInt(0, 6); i > 0; i--) {
            String k = random.pick(keys);
            byte[] v = values.get(k);
            requests.add(KeyRange.of(k, random.byteRange(v == null ? 10 : v.length)));
          }
          List<Optional<ByteBuffer>> read = store.getMany(requests);
          assertThat(read).hasSize(requests.size());
          for (int i = 0; i < requests.size(); i++) {
            byte[] v = values.get(requests.get(i).key());
            assertThat(bytesOf(read.get(i)))
                .as(at + "getMany " + requests + " #" + i)
                .isEqualTo(v == null ? null : slice(v, requests.get(i).range()));
          }
        }
        case 2 -> {
          Optional<ByteSource> opened = store.open(key);
          assertThat(opened.isPresent()).as(at + "open " + key).isEqualTo(value != null);
          if (value != null) {
            try (ByteSource source = opened.get()) {
              for (int i = random.nextInt(1, 6); i > 0; i--) {
                ByteRange range = random.byteRange(size);
                assertThat(readRange(source, range))
                    .as(at + "open " + key + ", read " + range)
                    .isEqualTo(slice(value, range));
              }
              if (size > 0) {
                ByteRuns runs = randomRuns(random, size);
                byte[] dst = new byte[(int) runs.totalBytes()];
                source.readPacked(runs, dst, 0);
                int pos = 0;
                for (int i = 0; i < runs.count(); i++) {
                  int len = (int) (runs.end(i) - runs.start(i));
                  assertThat(Arrays.copyOfRange(dst, pos, pos + len))
                      .as(at + "readPacked " + runs + " run " + i)
                      .isEqualTo(Arrays.copyOfRange(value, (int) runs.start(i), (int) runs.end(i)));
                  pos += len;
                }
              }
            }
          }
        }
        case 3 -> {
          ByteBuffer reused = ByteBuffer.allocate(300_000);
          assertThat(bytesOf(store.getInto(key, n -> reused.clear().position(random.nextInt(100)))))
              .as(at + "getInto " + key)
              .isEqualTo(value);
        }
        default -> {
          assertThat(store.size(key)).as(at + "size " + key).isEqualTo(value == null ? -1 : size);
          assertThat(store.contains(key)).as(at + "contains " + key).isEqualTo(value != null);
        }
      }
    }
  }

  // ------------------------------------------------------------------ listing

  private void writeTree() {
    for (String key :
        List.of(".zgroup", "a/.zarray", "a/0.0", "a/b/c", "a/b/d/e", "a-c/z", "a.b", "ab/y")) {
      store.set(key, utf8(key));
    }
  }

  @Test
  void listPrefixReturnsEveryKeyBelowThePrefixSorted() {
    writeTree();
    assertThat(store.listPrefix(""))
        .containsExactly(
            ".zgroup", "a-c/z", "a.b", "a/.zarray", "a/0.0", "a/b/c", "a/b/d/e", "ab/y");
    assertThat(store.listPrefix("a")).containsExactly("a/.zarray", "a/0.0", "a/b/c", "a/b/d/e");
    assertThat(store.listPrefix("a/b")).containsExactly("a/b/c", "a/b/d/e");
    assertThat(store.listPrefix("a/b/d")).containsExactly("a/b/d/e");
    assertThat(store.listPrefix("a/b/c")).as("a key has nothing below it").isEmpty();
    assertThat(store.listPrefix("missing")).isEmpty();
    assertThat(store.listPrefix("a/missing")).isEmpty();
  }

  @Test
  void listDirReturnsTheNamesOfDirectChildrenSorted() {
    writeTree();
    assertThat(store.listDir("")).containsExactly(".zgroup", "a", "a-c", "a.b", "ab");
    assertThat(store.listDir("a")).containsExactly(".zarray", "0.0", "b");
    assertThat(store.listDir("a/b")).containsExactly("c", "d");
    assertThat(store.listDir("a/b/d")).containsExactly("e");
    assertThat(store.listDir("a/b/c")).as("a key has no children").isEmpty();
    assertThat(store.listDir("missing")).isEmpty();
  }

  @Test
  void listingsOfAnEmptyStoreAreEmpty() {
    assertThat(store.listPrefix("")).isEmpty();
    assertThat(store.listDir("")).isEmpty();
    assertThat(store.totalSize("")).isZero();
  }

  // ------------------------------------------------------------------ deletePrefix

  @Test
  void deletePrefixRemovesEverythingBelowThePrefixOnly() {
    writeTree();
    store.deletePrefix("a/b");
    assertThat(store.listPrefix(""))
        .containsExactly(".zgroup", "a-c/z", "a.b", "a/.zarray", "a/0.0", "ab/y");
    assertThat(store.listDir("a")).containsExactly(".zarray", "0.0");
    store.deletePrefix("a");
    assertThat(store.listPrefix("")).containsExactly(".zgroup", "a-c/z", "a.b", "ab/y");
    assertThat(store.listDir("")).containsExactly(".zgroup", "a-c", "a.b", "ab");
    assertThat(bytesOf(store.get("a.b"))).isEqualTo(utf8("a.b"));
  }

  @Test
  void deletePrefixRemovesAKeyEqualToThePrefix() {
    writeTree();
    store.deletePrefix("a.b");
    store.deletePrefix("a/0.0");
    assertThat(store.contains("a.b")).isFalse();
    assertThat(store.contains("a/0.0")).isFalse();
    assertThat(store.listPrefix(""))
        .containsExactly(".zgroup", "a-c/z", "a/.zarray", "a/b/c", "a/b/d/e", "ab/y");
  }

  @Test
  void deletePrefixOfNothingDoesNothing() {
    writeTree();
    store.deletePrefix("missing");
    store.deletePrefix("a/missing/deeper");
    assertThat(store.listPrefix("")).hasSize(8);
  }

  @Test
  void deletePrefixOfTheEmptyPrefixRemovesEverything() {
    writeTree();
    store.deletePrefix("");
    assertThat(store.listPrefix("")).isEmpty();
    assertThat(store.listDir("")).isEmpty();
    assertThat(store.get("a/b/c")).isEmpty();
    store.set("after", utf8("still writable"));
    assertThat(store.listPrefix("")).containsExactly("after");
  }

  // ------------------------------------------------------------------ invalid keys

  static Stream<String> invalidKeys() {
    return Stream.of(
        "../x", "a//b", "/a", "a\\b", ".", "..", "", "a/", "a/./b", "a/../b", "x/..", "a\u0000b");
  }

  static Stream<String> invalidPrefixes() {
    return Stream.of("../x", "a//b", "/a", "a\\b", ".", "..", "a/", "a/./b", "a/../../b");
  }

  @ParameterizedTest(name = "key \"{0}\"")
  @MethodSource("invalidKeys")
  void invalidKeysAreRejected(String key) {
    store.set("sentinel", utf8("s"));
    List<Executable> operations =
        List.of(
            () -> store.get(key),
            () -> store.get(key, ByteRange.of(0, 1)),
            () -> store.contains(key),
            () -> store.size(key),
            () -> store.set(key, utf8("bad")),
            () -> store.set(key, ByteBuffer.allocate(1)),
            () -> store.delete(key),
            () -> store.open(key),
            () -> store.getInto(key, ByteBuffer::allocate),
            () -> store.getMany(List.of(KeyRange.of("sentinel"), KeyRange.of(key))));
    for (int i = 0; i < operations.size(); i++) {
      Executable operation = operations.get(i);
      assertThatThrownBy(operation::execute)
          .as("operation %d with key \"%s\"", i, key)
          .isInstanceOf(InvalidKeyException.class);
    }
    assertThat(store.listPrefix("")).containsExactly("sentinel");
  }

  @ParameterizedTest(name = "prefix \"{0}\"")
  @MethodSource("invalidPrefixes")
  void invalidPrefixesAreRejected(String prefix) {
    store.set("sentinel", utf8("s"));
    assertThatThrownBy(() -> store.listPrefix(prefix)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.listDir(prefix)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.deletePrefix(prefix)).isInstanceOf(InvalidKeyException.class);
    assertThat(store.listPrefix("")).containsExactly("sentinel");
  }

  @Test
  void nullKeysAreRejected() {
    assertThatThrownBy(() -> store.get(null)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.set(null, new byte[1])).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.delete(null)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.listPrefix(null)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.listDir(null)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.deletePrefix(null)).isInstanceOf(InvalidKeyException.class);
  }

  // ------------------------------------------------------------------ large values

  @Test
  void aLargeValueRoundTripsThroughEveryReadPath() {
    int size = largeValueSize();
    assertThat(size)
        .as("largeValueSize() may only be lowered from %d bytes", LARGE_VALUE_SIZE)
        .isPositive()
        .isLessThanOrEqualTo(LARGE_VALUE_SIZE);
    byte[] value = new SeededRandom(SeededRandom.seed(64)).bytes(size);
    String key = "large/c/0/0";
    store.set(key, value);
    assertThat(store.size(key)).isEqualTo(size);
    assertThat(store.contains(key)).isTrue();
    assertThat(bytesOf(store.get(key))).as("get").isEqualTo(value);
    assertThat(bytesOf(store.getInto(key, ByteBuffer::allocate))).as("getInto").isEqualTo(value);
    List<ByteRange> ranges =
        List.of(
            ByteRange.of(0, 100),
            ByteRange.of(size / 2 - 7, 1 << 20),
            ByteRange.of(size - 10, 100),
            new ByteRange.FromOffset(size - (3 << 20)),
            new ByteRange.Suffix(12_345));
    List<KeyRange> requests = new ArrayList<>();
    for (ByteRange range : ranges) {
      assertThat(bytesOf(store.get(key, range))).as("get %s", range).isEqualTo(slice(value, range));
      requests.add(KeyRange.of(key, range));
    }
    List<Optional<ByteBuffer>> many = store.getMany(requests);
    for (int i = 0; i < ranges.size(); i++) {
      assertThat(bytesOf(many.get(i)))
          .as("getMany %s", ranges.get(i))
          .isEqualTo(slice(value, ranges.get(i)));
    }
    try (ByteSource source = openPresent(key)) {
      assertThat(source.size()).isEqualTo(size);
      assertThat(source.read(ranges)).hasSize(ranges.size());
      assertThat(bytesOf(source.readAll())).as("open, readAll").isEqualTo(value);
    }
    store.delete(key);
    assertThat(store.contains(key)).isFalse();
  }

  // ------------------------------------------------------------------ keys with spaces and letters

  @Test
  void keysWithSpacesAndNonAsciiLettersWorkInEveryOperation() {
    List<String> keys =
        new ArrayList<>(
            List.of("with space/a b", "with space/c  d/0.0", " lead/trail ", "x y.z/.zarray"));
    if (supportsNonAsciiKeys()) {
      keys.addAll(
          List.of(
              "gr\u00fc\u00dfe/\u00e9t\u00e9 \u00e0/0.0",
              "\u6570\u636e/\u0434\u0430\u043d\u043d\u044b\u0435",
              "\u6570\u636e/\u03b1\u03b2\u03b3 \u0394"));
    }
    TreeMap<String, byte[]> model = new TreeMap<>();
    SeededRandom random = new SeededRandom(SeededRandom.seed(31));
    for (String key : keys) {
      byte[] value = random.bytes(100 + random.nextInt(20_000));
      store.set(key, value);
      model.put(key, value);
    }
    for (String key : keys) {
      byte[] value = model.get(key);
      assertThat(bytesOf(store.get(key))).as(key).isEqualTo(value);
      assertThat(store.contains(key)).as("contains %s", key).isTrue();
      assertThat(store.size(key)).as("size %s", key).isEqualTo(value.length);
      ByteRange range = ByteRange.of(50, 30);
      assertThat(bytesOf(store.get(key, range))).as(key).isEqualTo(slice(value, range));
      try (ByteSource source = openPresent(key)) {
        assertThat(bytesOf(source.read(new ByteRange.Suffix(9))))
            .isEqualTo(slice(value, new ByteRange.Suffix(9)));
      }
      int slash = key.lastIndexOf('/');
      String parent = key.substring(0, slash);
      assertThat(store.listDir(parent)).as("listDir %s", parent).contains(key.substring(slash + 1));
      assertThat(store.listPrefix(parent)).as("listPrefix %s", parent).contains(key);
    }
    assertThat(store.listPrefix("")).isEqualTo(new ArrayList<>(model.keySet()));
    assertThat(store.listDir("")).isEqualTo(modelListDir(model, ""));
    List<Optional<ByteBuffer>> many =
        store.getMany(keys.stream().map(k -> KeyRange.of(k, ByteRange.of(0, 10))).toList());
    for (int i = 0; i < keys.size(); i++) {
      assertThat(bytesOf(many.get(i))).isEqualTo(Arrays.copyOf(model.get(keys.get(i)), 10));
    }
    store.delete(keys.get(0));
    model.remove(keys.get(0));
    String prefix = keys.get(keys.size() - 1).substring(0, keys.get(keys.size() - 1).indexOf('/'));
    store.deletePrefix(prefix);
    modelListPrefix(model, prefix).forEach(model::remove);
    assertThat(store.listPrefix("")).isEqualTo(new ArrayList<>(model.keySet()));
    if (store.capabilities().rename()) {
      store.rename("with space", "\u00fcber all/x y");
      assertThat(bytesOf(store.get("\u00fcber all/x y/c  d/0.0")))
          .isEqualTo(model.get("with space/c  d/0.0"));
      assertThat(store.listPrefix("with space")).isEmpty();
    }
  }

  // ------------------------------------------------------------------ many writers

  @Test
  void concurrentWritersOfDifferentAndSameKeysLeaveWholeValuesAndTheLastWritesWin()
      throws InterruptedException {
    long seed = SeededRandom.seed(24);
    SeededRandom random = new SeededRandom(seed);
    int threads = 6;
    int maxPayload = 40_000;
    List<String> shared = List.of("same/a", "same/b/c", "same/0.0");
    long deadline = System.nanoTime() + stressTime().toNanos();
    List<Map<String, byte[]>> lastOwn = new ArrayList<>();
    List<Map<String, byte[]>> lastShared = new ArrayList<>();
    List<Runnable> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SeededRandom own = random.split();
      Map<String, byte[]> mine = new HashMap<>();
      Map<String, byte[]> mineShared = new HashMap<>();
      lastOwn.add(mine);
      lastShared.add(mineShared);
      String owner = "own/t" + t + "/";
      tasks.add(
          () -> {
            for (int i = 0; i < 300 && (i < 10 || System.nanoTime() < deadline); i++) {
              if (own.chance(0.5)) {
                String key = owner + own.nextInt(8);
                byte[] value = own.selfCheckingValue(maxPayload);
                store.set(key, value);
                mine.put(key, value);
              } else {
                String key = own.pick(shared);
                byte[] value = own.selfCheckingValue(maxPayload);
                store.set(key, value);
                mineShared.put(key, value);
                byte[] read = bytesOf(store.get(key));
                if (read == null || !SeededRandom.isSelfChecking(read, maxPayload)) {
                  throw new AssertionError("seed " + seed + ": a torn or missing value at " + key);
                }
              }
            }
          });
    }
    runConcurrently(tasks);
    TreeSet<String> expectedKeys = new TreeSet<>();
    for (Map<String, byte[]> mine : lastOwn) {
      mine.forEach(
          (key, value) ->
              assertThat(bytesOf(store.get(key))).as("seed %d: %s", seed, key).isEqualTo(value));
      expectedKeys.addAll(mine.keySet());
    }
    for (String key : shared) {
      List<byte[]> candidates = new ArrayList<>();
      lastShared.forEach(m -> Optional.ofNullable(m.get(key)).ifPresent(candidates::add));
      if (candidates.isEmpty()) {
        assertThat(store.contains(key)).isFalse();
        continue;
      }
      expectedKeys.add(key);
      byte[] stored = bytesOf(store.get(key));
      assertThat(stored).as("seed %d: %s", seed, key).isNotNull();
      assertThat(candidates.stream().anyMatch(c -> Arrays.equals(c, stored)))
          .as("seed %d: %s holds the last value one of its writers wrote", seed, key)
          .isTrue();
    }
    assertThat(store.listPrefix("")).as("seed %d", seed).containsExactlyElementsOf(expectedKeys);
  }

  // ------------------------------------------------------------------ read-only mode

  @Test
  void aReadOnlyViewReadsEverythingAndRefusesEveryWrite() throws Exception {
    writeTree();
    store.set("empty", new byte[0]);
    Map<String, byte[]> before = new TreeMap<>();
    for (String key : store.listPrefix("")) {
      before.put(key, bytesOf(store.get(key)));
    }
    Store view = createReadOnlyView(store);
    try {
      assertThat(view.capabilities().writable()).as("a read-only view is not writable").isFalse();
      assertThat(view.capabilities().rename()).as("a read-only view cannot rename").isFalse();
      assertThat(view.listPrefix("")).isEqualTo(new ArrayList<>(before.keySet()));
      assertThat(view.listDir("a")).containsExactly(".zarray", "0.0", "b");
      before.forEach((key, value) -> assertThat(bytesOf(view.get(key))).as(key).isEqualTo(value));
      assertThat(bytesOf(view.get("a/b/c", ByteRange.of(1, 2)))).isEqualTo(utf8("/b"));
      List<Executable> writes =
          List.of(
              () -> view.set("a/0.0", utf8("changed")),
              () -> view.set("new", ByteBuffer.wrap(utf8("new"))),
              () -> view.set("new/deeper", new byte[0]),
              () -> view.delete("a/0.0"),
              () -> view.delete("missing"),
              () -> view.deletePrefix("a"),
              () -> view.deletePrefix(""),
              () -> view.rename("a", "moved"),
              () -> view.rename("a.b", "renamed"));
      for (int i = 0; i < writes.size(); i++) {
        assertThatThrownBy(writes.get(i)::execute)
            .as("write %d on a read-only view", i)
            .isInstanceOf(ReadOnlyException.class);
      }
      assertThat(view.listPrefix("")).isEqualTo(new ArrayList<>(before.keySet()));
      before.forEach((key, value) -> assertThat(bytesOf(view.get(key))).as(key).isEqualTo(value));
    } finally {
      view.close();
    }
  }

  // ------------------------------------------------------------------ reopening

  @Test
  void closeThenReopenFindsTheValues() throws Exception {
    SeededRandom random = new SeededRandom(SeededRandom.seed(25));
    Map<String, byte[]> written = new TreeMap<>();
    written.put(".zgroup", utf8("{\"zarr_format\": 2}"));
    written.put("a/.zarray", random.bytes(200));
    written.put("a/0.0", random.bytes(70_000));
    written.put("a/b/empty", new byte[0]);
    written.put("k with space", random.bytes(10));
    written.forEach(store::set);
    store.close();
    Store reopened = reopen();
    Assumptions.assumeTrue(reopened != null, "the store keeps nothing once closed");
    store = reopened; // closed after the test
    assertThat(store.listPrefix("")).isEqualTo(new ArrayList<>(written.keySet()));
    assertThat(store.listDir("a")).containsExactly(".zarray", "0.0", "b");
    written.forEach((key, value) -> assertThat(bytesOf(store.get(key))).as(key).isEqualTo(value));
    if (store.capabilities().writable()) {
      store.set("after/reopen", utf8("x"));
      assertThat(bytesOf(store.get("after/reopen"))).isEqualTo(utf8("x"));
    }
  }

  // ------------------------------------------------------------------ rename

  @Test
  void renameMovesAKeyOrAPrefixWithEverythingBelowIt() {
    writeTree();
    if (!store.capabilities().rename()) {
      assertThatThrownBy(() -> store.rename("a", "moved"))
          .isInstanceOfAny(UnsupportedOperationException.class, ReadOnlyException.class);
      assertThat(store.listPrefix("")).hasSize(8);
      return;
    }
    store.rename("a/b", "moved/here");
    assertThat(store.listPrefix(""))
        .containsExactly(
            ".zgroup",
            "a-c/z",
            "a.b",
            "a/.zarray",
            "a/0.0",
            "ab/y",
            "moved/here/c",
            "moved/here/d/e");
    assertThat(bytesOf(store.get("moved/here/d/e"))).isEqualTo(utf8("a/b/d/e"));
    assertThat(store.listDir("a"))
        .as("no empty prefix left behind")
        .containsExactly(".zarray", "0.0");
    store.rename("a.b", "deep/renamed.b");
    assertThat(store.contains("a.b")).isFalse();
    assertThat(bytesOf(store.get("deep/renamed.b"))).isEqualTo(utf8("a.b"));
    store.rename("missing", "anywhere");
    assertThat(store.contains("anywhere")).isFalse();
    assertThat(store.listPrefix("anywhere")).isEmpty();
    List<String> before = store.listPrefix("");
    assertThatThrownBy(() -> store.rename("a", "ab"))
        .as("a destination holding keys")
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("ab");
    assertThatThrownBy(() -> store.rename("a-c/z", "a/0.0"))
        .as("a destination holding a value")
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a/0.0");
    assertThatThrownBy(() -> store.rename("a", "a/inside")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.rename("a/.zarray", "a"))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.rename("a", "a")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.rename("", "x")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.rename("a", "")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.rename("../a", "x")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.rename("a", "x//y")).isInstanceOf(InvalidKeyException.class);
    assertThat(store.listPrefix("")).as("refused renames change nothing").isEqualTo(before);
    store.rename("a", "ab/a");
    assertThat(store.listPrefix("ab")).containsExactly("ab/a/.zarray", "ab/a/0.0", "ab/y");
    assertThat(bytesOf(store.get("ab/a/0.0"))).isEqualTo(utf8("a/0.0"));
  }

  // ------------------------------------------------------------------ close

  @Test
  void closeIsIdempotent() {
    store.set("kept", utf8("v"));
    store.close();
    store.close();
    if (usableAfterClose()) {
      assertThat(bytesOf(store.get("kept"))).isEqualTo(utf8("v"));
      store.set("after", utf8("w"));
      assertThat(store.listPrefix("")).containsExactly("after", "kept");
      return;
    }
    List<Executable> operations =
        List.of(
            () -> store.get("kept"),
            () -> store.get("kept", new ByteRange.Suffix(1)),
            () -> store.open("kept"),
            () -> store.getInto("kept", ByteBuffer::allocate),
            () -> store.getMany(List.of(KeyRange.of("kept"))),
            () -> store.contains("kept"),
            () -> store.size("kept"),
            () -> store.set("kept", utf8("w")),
            () -> store.delete("kept"),
            () -> store.deletePrefix("kept"),
            () -> store.listPrefix(""),
            () -> store.listDir(""));
    for (int i = 0; i < operations.size(); i++) {
      Executable operation = operations.get(i);
      assertThatThrownBy(operation::execute)
          .as("operation %d on a closed store", i)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("closed");
    }
  }

  // ------------------------------------------------------------------ concurrency

  /** Runs {@code tasks} on their own threads, started together; fails with the first error. */
  private void runConcurrently(List<Runnable> tasks) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Runnable task = tasks.get(i);
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  task.run();
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              "store-contract-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    long deadline = System.nanoTime() + stressTime().toNanos() + Duration.ofSeconds(60).toNanos();
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        fail("thread " + thread.getName() + " did not finish in time");
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("a concurrent task failed: " + failure.get(), failure.get());
    }
  }

  @Test
  void concurrentReadersNeverSeeATornValue() throws InterruptedException {
    long seed = SeededRandom.seed(21);
    SeededRandom random = new SeededRandom(seed);
    int maxPayload = 128 * 1024;
    String key = "contended/value";
    store.set(key, random.selfCheckingValue(maxPayload));
    long deadline = System.nanoTime() + stressTime().toNanos();
    AtomicLong reads = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    List<Runnable> tasks = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      SeededRandom own = random.split();
      tasks.add(
          () -> {
            for (int i = 0; i < 5_000 && System.nanoTime() < deadline; i++) {
              store.set(key, own.selfCheckingValue(maxPayload));
              writes.incrementAndGet();
            }
          });
    }
    for (int r = 0; r < 2; r++) {
      tasks.add(
          () -> {
            for (int i = 0; i < 50_000 && System.nanoTime() < deadline; i++) {
              byte[] value = bytesOf(store.get(key));
              if (value == null) {
                throw new AssertionError("seed " + seed + ": value vanished during overwrites");
              }
              if (!SeededRandom.isSelfChecking(value, maxPayload)) {
                throw new AssertionError(
                    "seed " + seed + ": read a torn value of " + value.length + " bytes");
              }
              reads.incrementAndGet();
            }
          });
    }
    runConcurrently(tasks);
    assertThat(reads.get()).as("reads done").isPositive();
    assertThat(writes.get()).as("writes done").isPositive();
    assertThat(SeededRandom.isSelfChecking(bytesOf(store.get(key)), maxPayload)).isTrue();
    assertThat(store.listPrefix("")).containsExactly(key);
  }

  @Test
  void concurrentSourcesAndBatchesNeverMixTwoValues() throws InterruptedException {
    long seed = SeededRandom.seed(23);
    SeededRandom random = new SeededRandom(seed);
    int maxPayload = 64 * 1024;
    String key = "contended/opened";
    store.set(key, random.selfCheckingValue(maxPayload));
    long deadline = System.nanoTime() + stressTime().toNanos();
    AtomicLong reads = new AtomicLong();
    List<Runnable> tasks = new ArrayList<>();
    SeededRandom writer = random.split();
    tasks.add(
        () -> {
          for (int i = 0; i < 5_000 && System.nanoTime() < deadline; i++) {
            store.set(key, writer.selfCheckingValue(maxPayload));
          }
        });
    tasks.add(
        () -> {
          // a source read in pieces, its first bytes first, must give one whole value
          for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
            try (ByteSource source = store.open(key).orElseThrow()) {
              int size = (int) source.size();
              byte[] value = new byte[size];
              int cut = Math.min(size, 8 + (i % 3) * 5000);
              source.read(0, value, 0, Math.min(size, 8));
              source.read(cut, value, cut, size - cut);
              source.read(Math.min(size, 8), value, Math.min(size, 8), cut - Math.min(size, 8));
              if (!SeededRandom.isSelfChecking(value, maxPayload)) {
                throw new AssertionError("seed " + seed + ": a source mixed two values");
              }
              reads.incrementAndGet();
            } catch (StoreException e) {
              if (openedValuesSurviveChanges()) {
                throw e;
              }
            }
          }
        });
    tasks.add(
        () -> {
          // the ranges of one key in one batch come from one version of it
          for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
            List<Optional<ByteBuffer>> read =
                store.getMany(
                    List.of(
                        KeyRange.of(key, ByteRange.of(0, 8)),
                        KeyRange.of(key, new ByteRange.FromOffset(8))));
            byte[] head = bytesOf(read.get(0));
            byte[] tail = bytesOf(read.get(1));
            if (head == null || tail == null) {
              throw new AssertionError("seed " + seed + ": value vanished during overwrites");
            }
            byte[] value = new byte[head.length + tail.length];
            System.arraycopy(head, 0, value, 0, head.length);
            System.arraycopy(tail, 0, value, head.length, tail.length);
            if (!SeededRandom.isSelfChecking(value, maxPayload)) {
              throw new AssertionError("seed " + seed + ": one getMany mixed two values");
            }
            reads.incrementAndGet();
          }
        });
    runConcurrently(tasks);
    assertThat(reads.get()).as("reads done").isPositive();
  }

  @Test
  void concurrentWritersAndDeletersInSharedPrefixesKeepEveryOtherKey() throws InterruptedException {
    long seed = SeededRandom.seed(22);
    SeededRandom random = new SeededRandom(seed);
    int threads = 4;
    long deadline = System.nanoTime() + stressTime().toNanos();
    List<Map<String, byte[]>> expected = new ArrayList<>();
    List<Runnable> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SeededRandom own = random.split();
      Map<String, byte[]> mine = new HashMap<>();
      expected.add(mine);
      String owner = "t" + t;
      tasks.add(
          () -> {
            for (int i = 0; i < 400 && System.nanoTime() < deadline; i++) {
              // all threads share these few prefixes, so directories are created and removed
              // under each other's feet
              String key =
                  "shared/" + own.pick("p", "q", "r/s") + "/" + owner + "-" + own.nextInt(6);
              if (own.chance(0.35)) {
                store.delete(key);
                mine.remove(key);
                if (store.contains(key)) {
                  throw new AssertionError("seed " + seed + ": " + key + " still present");
                }
              } else {
                byte[] value = own.bytesUpTo(64);
                store.set(key, value);
                mine.put(key, value);
                byte[] read = bytesOf(store.get(key));
                if (!Arrays.equals(read, value)) {
                  throw new AssertionError("seed " + seed + ": " + key + " lost right after set");
                }
              }
            }
          });
    }
    runConcurrently(tasks);
    TreeMap<String, byte[]> all = new TreeMap<>();
    expected.forEach(all::putAll);
    assertThat(store.listPrefix("")).as("seed %d", seed).containsExactlyElementsOf(all.keySet());
    all.forEach(
        (key, value) ->
            assertThat(bytesOf(store.get(key))).as("seed %d: %s", seed, key).isEqualTo(value));
  }

  // ------------------------------------------------------------------ random sequences vs a model

  private static final List<String> MODEL_PREFIXES =
      List.of("", "g", "g/sub", "g/sub/deep", "h", "arr", "arr/0", "arr/1", "x.y");
  private static final List<String> MODEL_NAMES =
      List.of("k", "k.1", ".zarray", ".zattrs", "0.0", "0", "1", "a b");

  /** Keys that never collide with a prefix: no key is also a directory of another key. */
  private static List<String> modelKeys() {
    List<String> keys = new ArrayList<>();
    for (String prefix : MODEL_PREFIXES) {
      for (String name : MODEL_NAMES) {
        String key = prefix.isEmpty() ? name : prefix + "/" + name;
        if (!MODEL_PREFIXES.contains(key)) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  private static List<String> modelListPrefix(TreeMap<String, byte[]> model, String prefix) {
    String p = prefix.isEmpty() ? "" : prefix + "/";
    List<String> out = new ArrayList<>();
    for (String key : model.keySet()) {
      if (key.startsWith(p)) {
        out.add(key);
      }
    }
    return out;
  }

  private static List<String> modelListDir(TreeMap<String, byte[]> model, String prefix) {
    TreeSet<String> names = new TreeSet<>();
    int skip = prefix.isEmpty() ? 0 : prefix.length() + 1;
    for (String key : modelListPrefix(model, prefix)) {
      int slash = key.indexOf('/', skip);
      names.add(slash < 0 ? key.substring(skip) : key.substring(skip, slash));
    }
    return new ArrayList<>(names);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomOperationSequencesAgreeWithAReferenceModel(long defaultSeed) {
    long seed = SeededRandom.seed(defaultSeed);
    SeededRandom random = new SeededRandom(seed);
    List<String> keys = modelKeys();
    List<String> prefixes = new ArrayList<>(MODEL_PREFIXES);
    prefixes.addAll(List.of("missing", "g/missing", "arr/0/0", "k"));
    TreeMap<String, byte[]> model = new TreeMap<>();
    int operations = randomOperations();
    for (int step = 0; step < operations; step++) {
      int roll = random.nextInt(100);
      String key = random.pick(keys);
      String prefix = random.pick(prefixes);
      String at = "seed " + seed + ", step " + step + ": ";
      if (roll < 30) {
        byte[] value =
            random.chance(0.1) ? random.bytes(random.nextInt(5000)) : random.bytesUpTo(80);
        store.set(key, value);
        model.put(key, value);
      } else if (roll < 42) {
        assertThat(bytesOf(store.get(key))).as(at + "get " + key).isEqualTo(model.get(key));
      } else if (roll < 56) {
        byte[] value = model.get(key);
        ByteRange range = random.byteRange(value == null ? 10 : value.length);
        byte[] expected =
            value == null
                ? null
                : Arrays.copyOfRange(
                    value, (int) range.start(value.length), (int) range.end(value.length));
        assertThat(bytesOf(store.get(key, range)))
            .as(at + "get " + key + " " + range)
            .isEqualTo(expected);
      } else if (roll < 66) {
        store.delete(key);
        model.remove(key);
      } else if (roll < 70) {
        assertThat(store.contains(key))
            .as(at + "contains " + key)
            .isEqualTo(model.containsKey(key));
      } else if (roll < 74) {
        long expected = model.containsKey(key) ? model.get(key).length : -1;
        assertThat(store.size(key)).as(at + "size " + key).isEqualTo(expected);
      } else if (roll < 81) {
        assertThat(store.listPrefix(prefix))
            .as(at + "listPrefix '" + prefix + "'")
            .isEqualTo(modelListPrefix(model, prefix));
      } else if (roll < 88) {
        assertThat(store.listDir(prefix))
            .as(at + "listDir '" + prefix + "'")
            .isEqualTo(modelListDir(model, prefix));
      } else if (roll < 91) {
        String p = random.chance(0.1) ? "" : prefix;
        store.deletePrefix(p);
        if (p.isEmpty()) {
          model.clear();
        } else {
          model.remove(p);
          modelListPrefix(model, p).forEach(model::remove);
        }
      } else if (roll < 96) {
        List<KeyRange> some = new ArrayList<>();
        for (int i = random.nextInt(1, 5); i > 0; i--) {
          String k = random.pick(keys);
          byte[] v = model.get(k);
          some.add(KeyRange.of(k, random.byteRange(v == null ? 10 : v.length)));
        }
        List<Optional<ByteBuffer>> read = store.getMany(some);
        for (int i = 0; i < some.size(); i++) {
          byte[] v = model.get(some.get(i).key());
          assertThat(bytesOf(read.get(i)))
              .as(at + "getMany " + some + " #" + i)
              .isEqualTo(v == null ? null : slice(v, some.get(i).range()));
        }
      } else {
        long expected = 0;
        for (String k : modelListPrefix(model, prefix)) {
          expected += model.get(k).length;
        }
        assertThat(store.totalSize(prefix))
            .as(at + "totalSize '" + prefix + "'")
            .isEqualTo(expected);
      }
    }
    String end = "seed " + seed + ", final state: ";
    assertThat(store.listPrefix("")).as(end + "keys").isEqualTo(new ArrayList<>(model.keySet()));
    model.forEach(
        (key, value) -> assertThat(bytesOf(store.get(key))).as(end + key).isEqualTo(value));
  }
}
