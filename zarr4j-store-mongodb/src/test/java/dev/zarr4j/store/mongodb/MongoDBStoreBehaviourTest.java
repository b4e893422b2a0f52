package dev.zarr4j.store.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Stores;
import dev.zarr4j.testkit.SeededRandom;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * What {@link MongoDBStore} does beyond the store contract, on mongo-java-server: zarr-python's
 * document layout both ways, the unique index on the key, the 16 MiB document limit, regular
 * expression characters in keys, unreachable or silent servers, and {@code mongodb://} URLs.
 */
class MongoDBStoreBehaviourTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static MongoClient raw() {
    return MongoClients.create(MongoServerForTests.connectionString());
  }

  private static MongoCollection<BsonDocument> rawCollection(MongoClient client, MongoDBStore s) {
    return client.getDatabase(s.database()).getCollection(s.collection(), BsonDocument.class);
  }

  @Test
  void eachValueIsOneKeyValueDocumentAsZarrPythonWritesThem() {
    try (MongoDBStore store = MongoServerForTests.newStore().build();
        MongoClient client = raw()) {
      store.set("g/a/0.0", new byte[] {1, 2, 3});
      MongoCollection<BsonDocument> docs = rawCollection(client, store);
      List<BsonDocument> all = docs.find().into(new ArrayList<>());
      assertThat(all).hasSize(1);
      BsonDocument doc = all.get(0);
      assertThat(doc.keySet()).containsExactly("_id", "key", "value");
      assertThat(doc.getString("key").getValue()).isEqualTo("g/a/0.0");
      assertThat(doc.getBinary("value").getType())
          .as("generic binary, as pymongo writes bytes")
          .isEqualTo((byte) 0);
      assertThat(doc.getBinary("value").getData()).containsExactly(1, 2, 3);
      store.set("g/a/0.0", new byte[] {4});
      assertThat(docs.countDocuments()).as("replaced, not added").isEqualTo(1);
      // what another client (zarr-python) writes in that layout is read here
      docs.insertOne(
          new BsonDocument("key", new BsonString("g/b/.zarray"))
              .append("value", new BsonBinary(utf8("{}"))));
      assertThat(store.listDir("g")).containsExactly("a", "b");
      assertThat(bytesOf(store.get("g/b/.zarray").orElseThrow())).isEqualTo(utf8("{}"));
      // documents that hold no store key are not listed; a value that is not binary is an error
      docs.insertOne(new BsonDocument("key", new BsonString("/bad")));
      docs.insertOne(new BsonDocument("other", new BsonString("x")));
      docs.insertOne(
          new BsonDocument("key", new BsonString("text")).append("value", new BsonString("v")));
      assertThat(store.listPrefix("")).containsExactly("g/a/0.0", "g/b/.zarray", "text");
      assertThatThrownBy(() -> store.get("text"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'text'")
          .hasMessageContaining("not binary");
    }
  }

  @Test
  void theKeyFieldHasAUniqueIndex() {
    try (MongoDBStore store = MongoServerForTests.newStore().build();
        MongoClient client = raw()) {
      List<Document> indexes =
          client
              .getDatabase(store.database())
              .getCollection(store.collection())
              .listIndexes()
              .into(new ArrayList<>());
      Document keyIndex =
          indexes.stream()
              .filter(i -> i.get("key", Document.class).containsKey("key"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no index on key: " + indexes));
      assertThat(keyIndex.getBoolean("unique")).isTrue();
    }
  }

  /**
   * Threads writing the same new keys at once leave one document per key and no error. On
   * mongo-java-server the upserts run one at a time, so the retry after a duplicate-key error (the
   * race a real mongod can show) is not reached here; a check-then-insert would still fail this.
   */
  @Test
  void concurrentFirstWritesOfOneKeyLeaveOneDocument() throws Exception {
    try (MongoDBStore store = MongoServerForTests.newStore().build();
        MongoClient client = raw()) {
      int threads = 4;
      int keys = 40;
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] mine = {(byte) t};
          done.add(
              pool.submit(
                  () -> {
                    for (int k = 0; k < keys; k++) {
                      barrier.await(); // every thread upserts the same new key at once
                      store.set("race/" + k, mine);
                    }
                    return null;
                  }));
        }
        for (java.util.concurrent.Future<?> f : done) {
          f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      MongoCollection<BsonDocument> docs = rawCollection(client, store);
      assertThat(docs.countDocuments()).as("one document per key").isEqualTo(keys);
      for (int k = 0; k < keys; k++) {
        assertThat(store.get("race/" + k).orElseThrow().remaining()).isEqualTo(1);
      }
    }
  }

  @Test
  void aCollectionWithAnotherIndexOnTheKeyOpensAsItIs() {
    String collection = "preindexed" + System.nanoTime();
    try (MongoClient client = raw()) {
      MongoCollection<Document> docs = client.getDatabase("zarr4j_tests").getCollection(collection);
      docs.createIndex(Indexes.ascending("key"));
      docs.insertOne(
          new Document("key", "k").append("value", new org.bson.types.Binary(utf8("v"))));
      try (MongoDBStore store =
          MongoDBStore.builder()
              .connectionString(MongoServerForTests.connectionString())
              .database("zarr4j_tests")
              .collection(collection)
              .build()) {
        assertThat(bytesOf(store.get("k").orElseThrow())).isEqualTo(utf8("v"));
        store.set("k", utf8("w"));
        assertThat(docs.countDocuments(Filters.eq("key", "k"))).isEqualTo(1);
      }
    }
  }

  @Test
  void aCollectionWithDuplicateKeysOpensAndListsEachKeyOnce() {
    String collection = "duplicates" + System.nanoTime();
    try (MongoClient client = raw()) {
      MongoCollection<Document> docs = client.getDatabase("zarr4j_tests").getCollection(collection);
      for (int i = 0; i < 2; i++) {
        docs.insertOne(
            new Document("key", "k").append("value", new org.bson.types.Binary(new byte[] {1})));
      }
      try (MongoDBStore store =
          MongoDBStore.builder()
              .connectionString(MongoServerForTests.connectionString())
              .database("zarr4j_tests")
              .collection(collection)
              .build()) {
        assertThat(store.listPrefix("")).containsExactly("k");
        assertThat(bytesOf(store.get("k").orElseThrow())).containsExactly(1);
        store.delete("k");
        assertThat(store.contains("k")).as("every duplicate deleted").isFalse();
      }
    }
  }

  @Test
  void valuesOverTheDocumentLimitAreRefusedBeforeSendingNamingKeyAndSize() {
    try (MongoDBStore store = MongoServerForTests.newStore().build()) {
      String key = "arr/0.0";
      int max = MongoDBStore.maxValueSize(key);
      assertThat(max).isEqualTo(16 * 1024 * 1024 - 1024 - 2 * key.length());
      byte[] largest = new SeededRandom(3).bytes(max);
      store.set(key, largest);
      assertThat(bytesOf(store.get(key).orElseThrow())).isEqualTo(largest);
      byte[] tooLarge = new byte[max + 1];
      assertThatThrownBy(() -> store.set(key, tooLarge))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'" + key + "'")
          .hasMessageContaining(Integer.toString(max + 1))
          .hasMessageContaining("16 MiB");
      assertThat(bytesOf(store.get(key).orElseThrow()))
          .as("the old value is kept")
          .isEqualTo(largest);
      assertThatThrownBy(() -> store.set("other", new byte[17 * 1024 * 1024]))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'other'");
      assertThat(store.contains("other")).isFalse();
    }
  }

  @Test
  void regularExpressionCharactersInKeysMatchOnlyThemselves() {
    try (MongoDBStore store = MongoServerForTests.newStore().build()) {
      List<String> keys =
          List.of(
              "a.b/x", "axb/y", "a+b/z", "aab/w", "(c)/v", "c/u", "a*/t", "a/s", "[d]/r", "d/q");
      keys.forEach(k -> store.set(k, utf8(k)));
      assertThat(store.listPrefix("")).isEqualTo(new ArrayList<>(new TreeSet<>(keys)));
      assertThat(store.listPrefix("a.b")).containsExactly("a.b/x");
      assertThat(store.listPrefix("a+b")).containsExactly("a+b/z");
      assertThat(store.listPrefix("(c)")).containsExactly("(c)/v");
      assertThat(store.listPrefix("a*")).containsExactly("a*/t");
      assertThat(store.listPrefix("[d]")).containsExactly("[d]/r");
      store.deletePrefix("a.b");
      store.deletePrefix("a*");
      assertThat(store.listPrefix(""))
          .containsExactly("(c)/v", "[d]/r", "a+b/z", "a/s", "aab/w", "axb/y", "c/u", "d/q");
    }
  }

  @Test
  void anUnreachableServerFailsWithinTheTimeoutNamingHostAndPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                MongoDBStore.builder()
                    .hostAndPort("127.0.0.1", port)
                    .timeout(Duration.ofMillis(1500))
                    .build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept()); // and never answer
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  MongoDBStore.builder()
                      .hostAndPort("127.0.0.1", silent.getLocalPort())
                      .timeout(Duration.ofMillis(1000))
                      .build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void mongodbUrlsOpenTheStoreWithTheirNames() {
    int port = MongoServerForTests.address().getPort();
    String collection = "url" + System.nanoTime();
    try (ReadableStore opened =
        Stores.open(
            "mongodb://127.0.0.1:" + port + "/zarr4j_tests/" + collection,
            Map.of("timeout_ms", 3000))) {
      assertThat(opened).isInstanceOf(MongoDBStore.class);
      MongoDBStore store = (MongoDBStore) opened;
      assertThat(store.database()).isEqualTo("zarr4j_tests");
      assertThat(store.collection()).isEqualTo(collection);
      assertThat(store.servers()).isEqualTo("127.0.0.1:" + port);
      store.set("a", utf8("x"));
      try (MongoDBStore same =
          MongoServerForTests.newStore().database("zarr4j_tests").collection(collection).build()) {
        assertThat(same.contains("a")).isTrue();
      }
    }
    try (ReadableStore defaults = Stores.open("mongodb://127.0.0.1:" + port)) {
      assertThat(((MongoDBStore) defaults).database()).isEqualTo("mongodb_zarr");
      assertThat(((MongoDBStore) defaults).collection()).isEqualTo("zarr_collection");
    }
    try (ReadableStore dbOnly = Stores.open("mongodb://127.0.0.1:" + port + "/mine?appName=t")) {
      assertThat(((MongoDBStore) dbOnly).database()).isEqualTo("mine");
      assertThat(((MongoDBStore) dbOnly).collection()).isEqualTo("zarr_collection");
    }
    assertThatThrownBy(() -> Stores.open("mongodb://127.0.0.1:" + port + "/a/b/c"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("/database/collection");
    assertThatThrownBy(() -> Stores.open("mongodb://127.0.0.1:" + port, Map.of("bogus", 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'bogus'");
    assertThatThrownBy(
            () -> Stores.open("mongodb://127.0.0.1:" + port, Map.of("timeout_ms", "soon")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("timeout_ms");
  }
}
