package dev.zarr4j.testkit;

import dev.zarr4j.store.ByteRange;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible source of random test data: every value comes from one seed, which tests print
 * when they fail so that a failure can be replayed exactly.
 *
 * <p>Not thread-safe; give each thread its own instance with {@link #split()}.
 *
 * <p>Besides plain numbers and bytes it makes <em>self-checking values</em>: byte arrays whose
 * length and content are a function of their first eight bytes, so that a reader can tell a whole
 * value from a torn, truncated or mixed one without knowing which value was written last.
 */
public final class SeededRandom {
  /** System property that, when set, overrides the seeds tests choose (see {@link #seed(long)}). */
  public static final String SEED_PROPERTY = "zarr4j.test.seed";

  private static final int SELF_CHECK_HEADER = Long.BYTES;

  private final long seed;
  private final SplittableRandom random;

  /** A generator whose whole output is determined by {@code seed}. */
  public SeededRandom(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * The seed a test should use: the value of the system property {@value #SEED_PROPERTY} when set,
   * else {@code defaultSeed}.
   */
  public static long seed(long defaultSeed) {
    String value = System.getProperty(SEED_PROPERTY);
    return value == null || value.isBlank() ? defaultSeed : Long.parseLong(value.trim());
  }

  /** The seed this generator started from. */
  public long seed() {
    return seed;
  }

  /** A new, independent generator whose seed is drawn from this one. */
  public SeededRandom split() {
    return new SeededRandom(random.nextLong());
  }

  /** A uniformly distributed int in {@code [0, bound)}. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A uniformly distributed int in {@code [origin, bound)}. */
  public int nextInt(int origin, int bound) {
    return random.nextInt(origin, bound);
  }

  /** A uniformly distributed long. */
  public long nextLong() {
    return random.nextLong();
  }

  /** A uniformly distributed long in {@code [origin, bound)}. */
  public long nextLong(long origin, long bound) {
    return random.nextLong(origin, bound);
  }

  /** A fair coin. */
  public boolean nextBoolean() {
    return random.nextBoolean();
  }

  /** True with the given probability. */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** {@code length} random bytes. */
  public byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /**
   * Random bytes whose length is drawn from {@code [0, maxLength]}, favouring small and edge sizes
   * (0 and 1 come up often).
   */
  public byte[] bytesUpTo(int maxLength) {
    int roll = random.nextInt(10);
    int length = roll == 0 ? 0 : roll == 1 ? Math.min(1, maxLength) : random.nextInt(maxLength + 1);
    return bytes(length);
  }

  /** One of {@code items}, uniformly. */
  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** One of {@code items}, uniformly. */
  @SafeVarargs
  public final <T> T pick(T... items) {
    return items[random.nextInt(items.length)];
  }

  /**
   * A byte range of any kind for a value of {@code size} bytes, with offsets and lengths that often
   * fall on the edges or past the end of the value.
   */
  public ByteRange byteRange(long size) {
    long far = size + 1 + random.nextInt(16);
    switch (random.nextInt(4)) {
      case 0:
        return ByteRange.FULL;
      case 1:
        return new ByteRange.Bounded(offset(size, far), random.nextLong(0, far + 1));
      case 2:
        return new ByteRange.FromOffset(offset(size, far));
      default:
        return new ByteRange.Suffix(random.nextLong(0, far + 1));
    }
  }

  private long offset(long size, long far) {
    switch (random.nextInt(5)) {
      case 0:
        return 0;
      case 1:
        return size;
      case 2:
        return far;
      default:
        return random.nextLong(0, size + 1);
    }
  }

  /**
   * A self-checking value: its length (from {@code 8} to {@code 8 + maxPayload}) and content are a
   * function of its first eight bytes, a random token. See {@link #isSelfChecking}.
   */
  public byte[] selfCheckingValue(int maxPayload) {
    return selfCheckingValue(random.nextLong(), maxPayload);
  }

  /** The self-checking value for {@code token}; the same token always gives the same bytes. */
  public static byte[] selfCheckingValue(long token, int maxPayload) {
    SplittableRandom content = new SplittableRandom(token);
    int payload = maxPayload <= 0 ? 0 : content.nextInt(maxPayload + 1);
    byte[] out = new byte[SELF_CHECK_HEADER + payload];
    ByteBuffer.wrap(out).putLong(token);
    byte[] body = new byte[payload];
    content.nextBytes(body);
    System.arraycopy(body, 0, out, SELF_CHECK_HEADER, payload);
    return out;
  }

  /**
   * Whether {@code value} is exactly the self-checking value of the token in its first eight bytes,
   * made with the same {@code maxPayload}.
   */
  public static boolean isSelfChecking(byte[] value, int maxPayload) {
    if (value == null || value.length < SELF_CHECK_HEADER) {
      return false;
    }
    long token = ByteBuffer.wrap(value).getLong();
    return Arrays.equals(value, selfCheckingValue(token, maxPayload));
  }

  @Override
  public String toString() {
    return "SeededRandom[seed=" + seed + "]";
  }
}
