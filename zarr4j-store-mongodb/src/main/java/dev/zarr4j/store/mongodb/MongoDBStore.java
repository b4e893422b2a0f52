package dev.zarr4j.store.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * A store in a MongoDB collection, laid out as zarr-python's {@code zarr.MongoDBStore}: one
 * document {@code {key: <text>, value: <binary>}} per store key (database {@code mongodb_zarr} and
 * collection {@code zarr_collection} by default), so data written by either is read by the other.
 * Built with {@link #builder()} or opened from a {@code mongodb://} URL by {@link
 * MongoDBStoreProvider}.
 *
 * <p><b>The 16 MiB limit.</b> MongoDB holds a document of at most 16 MiB, and zarr-python stores
 * each value in one document (it never splits one), so a value that cannot travel in one update
 * statement and be stored in one document ({@link #maxValueSize}: 16 MiB less 1 KiB of framing and
 * twice the key's length) is refused before anything is sent, with a {@link StoreException} naming
 * the key and both sizes; the value stored before is kept. Use smaller chunks (or shards) for such
 * arrays.
 *
 * <p><b>Index and queries.</b> Building the store makes a unique ascending index on {@code key}
 * (kept as it is when the collection already has a non-unique one, or duplicate keys that
 * zarr-python wrote). Listings and {@link #deletePrefix} select the keys below a prefix {@code p}
 * with the index range {@code p/ <= key < p0} ({@code 0} follows {@code /}), which needs no pattern
 * escaping; {@code deletePrefix} is one {@code deleteMany}.
 *
 * <p><b>Reads.</b> MongoDB cannot return part of a binary value, so every read fetches the whole
 * document and byte ranges are cut from it here: a value read or opened is the value at one
 * instant, and an opened value ({@link #open}) is held in memory and keeps reading those bytes.
 * {@link #size} and {@link #totalSize} read the values too.
 *
 * <p><b>Writes.</b> {@link #set} is one {@code replaceOne} with upsert, atomic for one document.
 *
 * <p><b>Connections.</b> The driver's pool is thread-safe; server selection, connecting and every
 * answer are bounded by {@link Builder#timeout} (10 s by default), and building the store (which
 * makes the index) fails with a {@link StoreException} naming the servers' {@code host:port} when
 * none answers in that time.
 */
public final class MongoDBStore implements Store {
  /** The field holding the store key, as zarr-python names it. */
  public static final String KEY_FIELD = "key";

  /** The field holding the value, as zarr-python names it. */
  public static final String VALUE_FIELD = "value";

  /** MongoDB's largest document, in bytes (16 MiB). */
  public static final int MAX_DOCUMENT_SIZE = 16 * 1024 * 1024;

  /**
   * Bytes kept free for framing in {@link #maxValueSize}. A value travels in an update statement
   * {@code {q: {key}, u: {key, value}, upsert: true}} of about 62 bytes beyond the value and the
   * key twice, which some servers (mongo-java-server) also hold to 16 MiB; the stored document
   * ({@code _id}, key, value) needs 44. 1 KiB covers both with room for options the driver adds.
   */
  static final int FRAMING_ALLOWANCE = 1024;

  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, false, true);

  private final String servers;
  private final String databaseName;
  private final String collectionName;
  private final MongoClient client;
  private final MongoCollection<BsonDocument> collection;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MongoDBStore(Builder b) {
    ConnectionString connection;
    try {
      connection = new ConnectionString(b.connectionString);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "invalid MongoDB connection string '" + b.connectionString + "': " + e.getMessage(), e);
    }
    this.servers = String.join(",", connection.getHosts());
    this.databaseName = b.database;
    this.collectionName = b.collection;
    long timeout = b.timeout.toMillis();
    MongoClientSettings settings =
        MongoClientSettings.builder()
            .applyConnectionString(connection)
            .applyToClusterSettings(c -> c.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
            .applyToSocketSettings(
                s ->
                    s.connectTimeout(
                            (int) Math.min(Integer.MAX_VALUE, timeout), TimeUnit.MILLISECONDS)
                        .readTimeout(
                            (int) Math.min(Integer.MAX_VALUE, timeout), TimeUnit.MILLISECONDS))
            .applyToConnectionPoolSettings(p -> p.maxWaitTime(timeout, TimeUnit.MILLISECONDS))
            .build();
    try {
      this.client = MongoClients.create(settings);
      this.collection =
          client.getDatabase(databaseName).getCollection(collectionName, BsonDocument.class);
    } catch (MongoException | IllegalArgumentException e) {
      throw new StoreException(
          "cannot open MongoDB collection " + where() + ": " + e.getMessage(), e);
    }
    try {
      makeIndex();
    } catch (MongoException e) {
      client.close();
      throw new StoreException(
          "cannot open MongoDB at " + servers + " (" + namespace() + "): " + e.getMessage(), e);
    }
  }

  /**
   * The unique index on the key; an index or data already there that forbid it are kept, and a user
   * who may not make indexes (code 13) uses the collection as it is.
   */
  private void makeIndex() {
    try {
      collection.createIndex(Indexes.ascending(KEY_FIELD), new IndexOptions().unique(true));
    } catch (MongoServerException e) {
      int code = e.getCode();
      if (code == 11000) {
        // duplicate keys already stored: index them without the constraint
        collection.createIndex(Indexes.ascending(KEY_FIELD));
      } else if (code != 85 && code != 86 && code != 13) {
        // 85, 86: another index on the key (IndexOptionsConflict, IndexKeySpecsConflict);
        // 13: Unauthorized
        throw e;
      }
    }
  }

  /** A builder for a store on {@code mongodb://localhost:27017}, zarr-python's default names. */
  public static Builder builder() {
    return new Builder();
  }

  /** The servers' {@code host:port}, comma-separated. */
  public String servers() {
    return servers;
  }

  /** The database name. */
  public String database() {
    return databaseName;
  }

  /** The collection name. */
  public String collection() {
    return collectionName;
  }

  /**
   * The largest value stored under {@code key}: {@link #MAX_DOCUMENT_SIZE} less 1 KiB of framing
   * and twice the key's UTF-8 bytes (the key is in the query and in the document that replaces).
   */
  public static int maxValueSize(String key) {
    return MAX_DOCUMENT_SIZE - FRAMING_ALLOWANCE - 2 * key.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<ByteBuffer> get(String key) {
    StoreKeys.validate(key);
    byte[] value = fetch(key);
    return value == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(value));
  }

  /** The whole value, read once and held in memory: every read of the source sees those bytes. */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    byte[] value = fetch(key);
    return value == null
        ? Optional.empty()
        : Optional.of(ByteSource.of(ByteBuffer.wrap(value).asReadOnlyBuffer()));
  }

  @Override
  public boolean contains(String key) {
    StoreKeys.validate(key);
    return call(
        "check",
        key,
        () ->
            collection
                    .find(Filters.eq(KEY_FIELD, key))
                    .projection(Projections.include("_id"))
                    .first()
                != null);
  }

  /** The value's bytes, or null when no document holds the key. */
  private byte[] fetch(String key) {
    BsonDocument doc =
        call(
            "read",
            key,
            () ->
                collection
                    .find(Filters.eq(KEY_FIELD, key))
                    .projection(Projections.fields(Projections.include(VALUE_FIELD)))
                    .first());
    if (doc == null) {
      return null;
    }
    BsonValue value = doc.get(VALUE_FIELD);
    if (value == null || !value.isBinary()) {
      throw new StoreException(
          "MongoDB "
              + where()
              + ": the document of key '"
              + key
              + "' has "
              + (value == null ? "no 'value' field" : "a 'value' of type " + value.getBsonType())
              + ", not binary data");
    }
    return value.asBinary().getData();
  }

  // ------------------------------------------------------------------ writes

  /**
   * Stores the value in one document, replacing the key's document or inserting one.
   *
   * @throws StoreException naming the key and the sizes, before anything is sent, if the document
   *     would be larger than MongoDB's 16 MiB ({@link #maxValueSize})
   */
  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    if (value == null) {
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    int max = maxValueSize(key);
    if (value.remaining() > max) {
      throw new StoreException(
          "cannot store the "
              + value.remaining()
              + " bytes of key '"
              + key
              + "' in MongoDB "
              + where()
              + ": a document holds at most "
              + MAX_DOCUMENT_SIZE
              + " bytes (16 MiB), so a value under this key (with its framing) at most "
              + max
              + " bytes; zarr-python's MongoDBStore keeps each value in one document too. Use"
              + " smaller chunks or shards");
    }
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    BsonDocument doc =
        new BsonDocument(KEY_FIELD, new BsonString(key)).append(VALUE_FIELD, new BsonBinary(bytes));
    call(
        "write",
        key,
        () -> {
          try {
            return collection.replaceOne(
                Filters.eq(KEY_FIELD, key), doc, new ReplaceOptions().upsert(true));
          } catch (MongoWriteException e) {
            if (e.getError().getCode() != 11000) {
              throw e;
            }
            // two upserts of a new key raced; the other inserted it, so this one now replaces
            return collection.replaceOne(
                Filters.eq(KEY_FIELD, key), doc, new ReplaceOptions().upsert(true));
          }
        });
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    call("delete", key, () -> collection.deleteMany(Filters.eq(KEY_FIELD, key)));
  }

  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    Bson filter =
        prefix.isEmpty()
            ? new BsonDocument()
            : Filters.or(Filters.eq(KEY_FIELD, prefix), below(prefix));
    call("delete the prefix", prefix, () -> collection.deleteMany(filter));
  }

  // ------------------------------------------------------------------ listing

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    Bson filter = prefix.isEmpty() ? new BsonDocument() : below(prefix);
    TreeSet<String> keys = new TreeSet<>();
    call(
        "list the prefix",
        prefix,
        () -> {
          for (BsonDocument doc :
              collection
                  .find(filter)
                  .projection(
                      Projections.fields(
                          Projections.include(KEY_FIELD), Projections.excludeId()))) {
            BsonValue key = doc.get(KEY_FIELD);
            if (key != null && key.isString() && isValidKey(key.asString().getValue())) {
              keys.add(key.asString().getValue());
            }
          }
          return null;
        });
    return new ArrayList<>(keys);
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

  /** Keys that start with {@code prefix + "/"}: the index range [prefix/, prefix0). */
  private static Bson below(String prefix) {
    return Filters.and(Filters.gte(KEY_FIELD, prefix + "/"), Filters.lt(KEY_FIELD, prefix + "0"));
  }

  private static boolean isValidKey(String key) {
    try {
      StoreKeys.validate(key);
      return true;
    } catch (InvalidKeyException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ plumbing

  /** Closes the client. Idempotent; every later operation throws a StoreException. */
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

  private <T> T call(String what, String key, Supplier<T> action) {
    if (closed.get()) {
      throw new StoreException(this + " is closed");
    }
    try {
      return action.get();
    } catch (MongoException | IllegalStateException e) {
      if (closed.get()) {
        throw new StoreException(this + " is closed", e);
      }
      throw new StoreException(
          "MongoDB " + where() + ": cannot " + what + " '" + key + "': " + e.getMessage(), e);
    }
  }

  private String namespace() {
    return databaseName + "." + collectionName;
  }

  private String where() {
    return "at " + servers + " (" + namespace() + ")";
  }

  @Override
  public String toString() {
    return "MongoDBStore[" + servers + ", " + namespace() + "]";
  }

  /** Settings of a {@link MongoDBStore}; {@link #build()} connects. */
  public static final class Builder {
    private String connectionString = "mongodb://localhost:27017";
    private String database = "mongodb_zarr";
    private String collection = "zarr_collection";
    private Duration timeout = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * The servers and client options as a MongoDB connection string, {@code
     * mongodb://[user:password@]host[:port][,...][/authdb][?options]}; {@code
     * mongodb://localhost:27017} by default.
     */
    public Builder connectionString(String connectionString) {
      if (connectionString == null || connectionString.isEmpty()) {
        throw new IllegalArgumentException("MongoDB connection string must not be null or empty");
      }
      this.connectionString = connectionString;
      return this;
    }

    /** One server, {@code mongodb://host:port}. */
    public Builder hostAndPort(String host, int port) {
      return connectionString("mongodb://" + host + ":" + port);
    }

    /** The database; zarr-python's default {@code mongodb_zarr}. */
    public Builder database(String database) {
      if (database == null || database.isEmpty()) {
        throw new IllegalArgumentException("MongoDB database name must not be null or empty");
      }
      this.database = database;
      return this;
    }

    /** The collection; zarr-python's default {@code zarr_collection}. */
    public Builder collection(String collection) {
      if (collection == null || collection.isEmpty()) {
        throw new IllegalArgumentException("MongoDB collection name must not be null or empty");
      }
      this.collection = collection;
      return this;
    }

    /**
     * The longest wait for a server, a connection and one answer; 10 seconds by default (the
     * driver's own server selection waits 30).
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.toMillis() < 1) {
        throw new IllegalArgumentException("MongoDB timeout must be at least 1 ms, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Connects and makes the index on the key field.
     *
     * @throws StoreException naming the servers' {@code host:port} if none answers within the
     *     timeout, or the connection string is not valid
     */
    public MongoDBStore build() {
      return new MongoDBStore(this);
    }
  }
}
