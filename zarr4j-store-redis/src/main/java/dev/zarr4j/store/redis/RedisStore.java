package dev.zarr4j.store.redis;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A store in a Redis server, laid out as zarr-python's {@code zarr.RedisStore}: the value of store
 * key {@code k} is the Redis string {@code prefix:k} (prefix {@code "zarr"} by default), so data
 * written by either is read by the other. Built with {@link #builder()} or opened from a {@code
 * redis://} URL by {@link RedisStoreProvider}.
 *
 * <p><b>Connections.</b> The store holds a pool of connections (at most {@link
 * Builder#maxConnections}, 16 by default) and is thread-safe. Every call to the server, and the
 * wait for a free connection, is bounded by {@link Builder#timeout} (10 s by default); building the
 * store checks the server answers, so an unreachable server fails at once with a {@link
 * StoreException} naming its {@code host:port}. Every failure of the server or the connection is
 * reported as a {@link StoreException} naming the server and the key.
 *
 * <p><b>Reads.</b> A byte range is one {@code GETRANGE} (suffixes and ranges to the end with
 * negative offsets, so no length is asked first); {@link #getMany} sends all its requests in one
 * {@code MULTI}/{@code EXEC} transaction, one round trip that reads every key at one instant.
 *
 * <p><b>Opened values</b> ({@link #open}) keep reading the bytes they were opened on, whatever is
 * written later. A value of at most {@link Builder#snapshotThreshold} bytes (256 KiB by default) is
 * read whole when opened. A larger one is copied on the server ({@code COPY}, atomically with the
 * check of its size, in one Lua script) to a snapshot key {@code zarr4j<NUL>snapshot:<uuid>}
 * outside every store's namespace, read in ranges from there, and deleted ({@code UNLINK}) when the
 * source is closed. The snapshot expires {@link Builder#snapshotTtl} (10 minutes by default) after
 * the source's last read, so a crashed client leaves nothing behind; a source idle for longer then
 * fails with a {@link StoreException} rather than read other bytes. While a source is open its
 * snapshot takes server memory equal to the value.
 *
 * <p><b>Writes.</b> {@code SET} replaces a value atomically; {@link #delete} is {@code UNLINK}.
 * Listings and {@link #deletePrefix} walk the keyspace with {@code SCAN MATCH prefix:p/*} (glob
 * characters of keys escaped), never {@code KEYS}, and delete in batches of {@code UNLINK}; like
 * every {@code SCAN}, they are not snapshots when other clients write at the same time. Redis keys
 * under the prefix that are not valid store keys (or not UTF-8) are not listed.
 *
 * <p>A server that refuses the script or {@code COPY} (Redis before 6.2, a read-only replica, a
 * user without those commands) has every opened value read whole instead.
 *
 * <p>Not supported: Redis Cluster (a snapshot key may live in another slot), TLS ({@code
 * rediss://}).
 */
public final class RedisStore implements Store {
  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, true);

  /** How many keys one {@code SCAN} step asks for, and one {@code UNLINK} deletes at most. */
  private static final int SCAN_COUNT = 1000;

  /** Where snapshots live: no prefix a {@link RedisKeys} accepts (no NUL) can make keys here. */
  private static final String SNAPSHOT_NAMESPACE = "zarr4j\0snapshot:";

  /**
   * Atomically: nil when KEYS[1] is absent; {0, value} when it holds at most ARGV[1] bytes; else
   * {1, length} after copying it to KEYS[2], which expires in ARGV[2] milliseconds.
   */
  private static final byte[] OPEN_SCRIPT =
      String.join(
              "\n",
              "local n = redis.call('STRLEN', KEYS[1])",
              "if n == 0 and redis.call('EXISTS', KEYS[1]) == 0 then return false end",
              "if n <= tonumber(ARGV[1]) then return {0, redis.call('GET', KEYS[1])} end",
              "redis.call('COPY', KEYS[1], KEYS[2])",
              "redis.call('PEXPIRE', KEYS[2], ARGV[2])",
              "return {1, n}")
          .getBytes(StandardCharsets.UTF_8);

  private final String host;
  private final int port;
  private final int database;
  private final RedisKeys keys;
  private final int snapshotThreshold;
  private final long snapshotTtlMillis;
  private final RedisClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisStore(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.database = b.database;
    this.keys = new RedisKeys(b.prefix);
    this.snapshotThreshold = b.snapshotThreshold;
    this.snapshotTtlMillis = Math.max(1, b.snapshotTtl.toMillis());
    int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, b.timeout.toMillis()));
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeout)
            .socketTimeoutMillis(timeout)
            .database(b.database)
            .clientName("zarr4j");
    if (b.password != null) {
      config.password(b.password);
      if (b.user != null) {
        config.user(b.user);
      }
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(b.maxConnections);
    pool.setMaxIdle(b.maxConnections);
    pool.setMaxWait(b.timeout);
    pool.setBlockWhenExhausted(true);
    RedisClient made;
    try {
      made =
          RedisClient.builder()
              .hostAndPort(host, port)
              .clientConfig(config.build())
              .poolConfig(pool)
              .build();
    } catch (JedisException | IllegalArgumentException e) {
      throw new StoreException(
          "cannot connect to Redis at " + address() + ": " + e.getMessage(), e);
    }
    this.client = made;
    try {
      client.ping();
    } catch (JedisException e) {
      client.close();
      throw new StoreException(
          "cannot reach Redis at " + address() + " (database " + database + "): " + messageOf(e),
          e);
    }
  }

  /** A builder for a store on {@code localhost:6379}, database 0, prefix {@code "zarr"}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's {@code host:port}. */
  public String address() {
    return host + ":" + port;
  }

  /** The Redis database number the store uses. */
  public int database() {
    return database;
  }

  /** The prefix of the store's Redis keys (each is {@code prefix:key}). */
  public String prefix() {
    return keys.prefix();
  }

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<ByteBuffer> get(String key) {
    StoreKeys.validate(key);
    byte[] value = call("read", subject(key), () -> client.get(keys.redisKey(key)));
    return value == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(value));
  }

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    return getMany(List.of(KeyRange.of(key, range))).get(0);
  }

  /**
   * Reads every request in one {@code MULTI}/{@code EXEC} transaction: one round trip, and every
   * range of every key from the values as they were at one instant.
   */
  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    if (requests == null) {
      throw new IllegalArgumentException("requests must not be null");
    }
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i) == null) {
        throw new IllegalArgumentException("request " + i + " of getMany is null");
      }
      StoreKeys.validate(requests.get(i).key());
    }
    checkOpen();
    if (requests.isEmpty()) {
      return new ArrayList<>();
    }
    String subject =
        requests.size() == 1
            ? subject(requests.get(0).key())
            : requests.size() + " ranges of keys such as " + subject(requests.get(0).key());
    return call(
        "read",
        subject,
        () -> {
          List<Response<Boolean>> exists = new ArrayList<>(requests.size());
          List<Response<byte[]>> bytes = new ArrayList<>(requests.size());
          try (AbstractTransaction tx = client.multi()) {
            for (KeyRange request : requests) {
              byte[] redisKey = keys.redisKey(request.key());
              exists.add(tx.exists(redisKey));
              bytes.add(getRange(tx, redisKey, request.range()));
            }
            tx.exec();
          }
          List<Optional<ByteBuffer>> out = new ArrayList<>(requests.size());
          for (int i = 0; i < requests.size(); i++) {
            if (!exists.get(i).get()) {
              out.add(Optional.empty());
            } else {
              byte[] b = bytes.get(i) == null ? new byte[0] : bytes.get(i).get();
              out.add(Optional.of(ByteBuffer.wrap(b == null ? new byte[0] : b)));
            }
          }
          return out;
        });
  }

  /** Queues the {@code GETRANGE} of a range, or nothing (null) when the range is surely empty. */
  static Response<byte[]> getRange(AbstractTransaction tx, byte[] redisKey, ByteRange range) {
    if (range instanceof ByteRange.Bounded b) {
      if (b.length() == 0) {
        return null;
      }
      long last =
          b.length() > Long.MAX_VALUE - b.offset() ? Long.MAX_VALUE : b.offset() + b.length();
      return tx.getrange(redisKey, b.offset(), last - 1);
    } else if (range instanceof ByteRange.FromOffset f) {
      return tx.getrange(redisKey, f.offset(), -1);
    } else if (range instanceof ByteRange.Suffix s) {
      // GETRANGE k -0 -1 would be the whole value
      return s.length() == 0 ? null : tx.getrange(redisKey, -s.length(), -1);
    }
    return tx.get(redisKey);
  }

  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    if (allocator == null) {
      throw new IllegalArgumentException("allocator must not be null");
    }
    Optional<ByteBuffer> value = get(key);
    if (value.isEmpty()) {
      return value;
    }
    ByteBuffer bytes = value.get();
    int length = bytes.remaining();
    if (length == 0) {
      return Optional.of(ByteBuffer.allocate(0));
    }
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
   * Opens the value: read whole when small, else a snapshot on the server (see the class
   * documentation). A server that refuses the script or {@code COPY} (an old Redis, a read-only
   * replica, a user without those commands) has the value read whole instead.
   */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    byte[] snapshot = (SNAPSHOT_NAMESPACE + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    Object result =
        call(
            "open",
            subject(key),
            () -> {
              try {
                return client.eval(
                    OPEN_SCRIPT,
                    List.of(keys.redisKey(key), snapshot),
                    List.of(
                        Integer.toString(snapshotThreshold).getBytes(StandardCharsets.UTF_8),
                        Long.toString(snapshotTtlMillis).getBytes(StandardCharsets.UTF_8)));
              } catch (JedisDataException refused) {
                // the server answered with an error: no snapshot here, so one read of everything
                byte[] whole = client.get(keys.redisKey(key));
                return whole == null ? null : List.of(0L, whole);
              }
            });
    if (!(result instanceof List<?> reply) || reply.size() != 2) {
      return Optional.empty(); // the script's false arrives as null
    }
    if (((Long) reply.get(0)) == 0) {
      Object value = reply.get(1);
      return Optional.of(
          ByteSource.of(ByteBuffer.wrap(value == null ? new byte[0] : (byte[]) value)));
    }
    long size = (Long) reply.get(1);
    return Optional.of(new RedisSnapshotSource(this, key, snapshot, size, snapshotTtlMillis));
  }

  @Override
  public boolean contains(String key) {
    StoreKeys.validate(key);
    return call("check", subject(key), () -> client.exists(keys.redisKey(key)));
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    return call(
        "measure",
        subject(key),
        () -> {
          byte[] redisKey = keys.redisKey(key);
          Response<Boolean> exists;
          Response<Long> length;
          try (AbstractTransaction tx = client.multi()) {
            exists = tx.exists(redisKey);
            length = tx.strlen(redisKey);
            tx.exec();
          }
          return exists.get() ? length.get() : -1L;
        });
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    if (value == null) {
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    call("write", subject(key), () -> client.set(keys.redisKey(key), bytes));
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    call("delete", subject(key), () -> client.unlink(keys.redisKey(key)));
  }

  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    call(
        "delete",
        "everything below prefix '" + prefix + "'",
        () -> {
          if (!prefix.isEmpty()) {
            client.unlink(keys.redisKey(prefix));
          }
          scan(
              prefix,
              page -> {
                if (!page.isEmpty()) {
                  client.unlink(page.toArray(new byte[0][]));
                }
              });
          return null;
        });
  }

  // ------------------------------------------------------------------ listing

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    TreeSet<String> found = new TreeSet<>();
    call(
        "list",
        "the keys below prefix '" + prefix + "'",
        () -> {
          scan(prefix, page -> addStoreKeys(page, found));
          return null;
        });
    return new ArrayList<>(found);
  }

  /**
   * Sums the lengths of the values below {@code prefix} with one pipelined {@code STRLEN} per
   * {@code SCAN} page, rather than one round trip per key. Not a snapshot when others write.
   */
  @Override
  public long totalSize(String prefix) {
    StoreKeys.validatePrefix(prefix);
    long[] total = {0};
    call(
        "measure",
        "the values below prefix '" + prefix + "'",
        () -> {
          scan(
              prefix,
              page -> {
                List<Response<Long>> lengths = new ArrayList<>(page.size());
                try (AbstractPipeline pipeline = client.pipelined()) {
                  for (byte[] redisKey : page) {
                    if (keys.storeKeyOf(redisKey) != null) {
                      lengths.add(pipeline.strlen(redisKey));
                    }
                  }
                  pipeline.sync();
                }
                lengths.forEach(length -> total[0] += length.get());
              });
          return null;
        });
    return total[0];
  }

  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    int skip = prefix.isEmpty() ? 0 : prefix.length() + 1;
    TreeSet<String> names = new TreeSet<>();
    for (String key : listPrefix(prefix)) {
      int slash = key.indexOf('/', skip);
      names.add(slash < 0 ? key.substring(skip) : key.substring(skip, slash));
    }
    return new ArrayList<>(names);
  }

  private void addStoreKeys(List<byte[]> page, TreeSet<String> into) {
    for (byte[] redisKey : page) {
      String key = keys.storeKeyOf(redisKey);
      if (key != null) {
        into.add(key);
      }
    }
  }

  /** Hands every page of Redis keys below a store prefix to {@code pages}, walking with SCAN. */
  private void scan(String prefix, java.util.function.Consumer<List<byte[]>> pages) {
    ScanParams params = new ScanParams().match(keys.patternBelow(prefix)).count(SCAN_COUNT);
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      ScanResult<byte[]> result = client.scan(cursor, params);
      pages.accept(result.getResult());
      cursor = result.getCursorAsBytes();
    } while (!isStart(cursor));
  }

  private static boolean isStart(byte[] cursor) {
    return cursor.length == 1 && cursor[0] == '0';
  }

  // ------------------------------------------------------------------ plumbing

  /** Closes the connection pool. Idempotent; every later operation throws a StoreException. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        client.close();
      } catch (RuntimeException ignored) {
        // nothing left to release
      }
    }
  }

  /** The client, for the snapshot sources of this store. */
  RedisClient client() {
    return client;
  }

  /** How messages name a store key: the key and its Redis key. */
  String subject(String key) {
    return "key '" + key + "' (Redis key '" + keys.head() + key + "')";
  }

  /**
   * Runs one exchange with the server, turning its failures into a StoreException naming the server
   * and what was asked ({@code subject}).
   */
  <T> T call(String what, String subject, Supplier<T> action) {
    checkOpen();
    try {
      return action.get();
    } catch (JedisException | IllegalStateException e) {
      if (closed.get()) {
        throw new StoreException(this + " is closed", e);
      }
      throw new StoreException(
          "Redis at " + address() + ": cannot " + what + " " + subject + ": " + messageOf(e), e);
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new StoreException(this + " is closed");
    }
  }

  /** The message of an exception and of its causes, which often say more. */
  static String messageOf(Throwable e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      if (c.getMessage() != null && !out.toString().contains(c.getMessage())) {
        out.append(" (").append(c.getMessage()).append(')');
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "RedisStore[" + address() + ", database " + database + ", prefix '" + prefix() + "']";
  }

  /** Settings of a {@link RedisStore}; {@link #build()} connects. */
  public static final class Builder {
    private String host = "localhost";
    private int port = 6379;
    private int database;
    private String user;
    private String password;
    private String prefix = "zarr";
    private Duration timeout = Duration.ofSeconds(10);
    private int maxConnections = 16;
    private int snapshotThreshold = 256 * 1024;
    private Duration snapshotTtl = Duration.ofMinutes(10);

    private Builder() {}

    /** The server's host name or address; {@code localhost} by default. */
    public Builder host(String host) {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("Redis host must not be null or empty");
      }
      this.host = host;
      return this;
    }

    /** The server's port; 6379 by default. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("Redis port must be in 1..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The database number ({@code SELECT}); 0 by default. */
    public Builder database(int database) {
      if (database < 0) {
        throw new IllegalArgumentException("Redis database must be >= 0, got " + database);
      }
      this.database = database;
      return this;
    }

    /** A user name and password ({@code AUTH}); the user may be null for the default user. */
    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /**
     * The prefix of every Redis key of the store ({@code prefix:key}), zarr-python's {@code
     * prefix}; {@code "zarr"} by default. Any text without NUL.
     */
    public Builder prefix(String prefix) {
      if (prefix == null || prefix.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "Redis key prefix must not be null or contain NUL, got '" + prefix + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * The longest wait for a connection, for connecting, and for one answer of the server; 10
     * seconds by default.
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("Redis timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The most connections the pool opens at once; 16 by default. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "Redis max connections must be >= 1, got " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * The largest value {@link RedisStore#open} reads whole; larger ones are read in ranges from a
     * snapshot on the server. 256 KiB by default; 0 snapshots every non-empty value.
     */
    public Builder snapshotThreshold(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("snapshot threshold must be >= 0, got " + bytes);
      }
      this.snapshotThreshold = bytes;
      return this;
    }

    /** How long a snapshot of an opened value outlives its last read; 10 minutes by default. */
    public Builder snapshotTtl(Duration ttl) {
      if (ttl == null || ttl.toMillis() < 1) {
        throw new IllegalArgumentException("snapshot TTL must be at least 1 ms, got " + ttl);
      }
      this.snapshotTtl = ttl;
      return this;
    }

    /**
     * Connects and checks that the server answers.
     *
     * @throws StoreException naming {@code host:port} if the server cannot be reached within the
     *     timeout, refuses the credentials or has no such database
     */
    public RedisStore build() {
      return new RedisStore(this);
    }
  }
}
