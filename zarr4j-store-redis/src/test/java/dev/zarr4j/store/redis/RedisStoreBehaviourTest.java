package dev.zarr4j.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What {@link RedisStore} does beyond the store contract, on a real {@code redis-server}: the key
 * layout zarr-python reads, glob characters in keys and prefixes, listings and deletes larger than
 * one SCAN page, snapshots of opened values (deleted on close, expiring), unreachable or silent
 * servers, and {@code redis://} URLs.
 */
class RedisStoreBehaviourTest {

  private static RedisClient raw() {
    return RedisClient.create("127.0.0.1", RedisServer.get().port);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** Every Redis key that starts with {@code head}, found with a raw SCAN. */
  private static Set<String> rawKeys(RedisClient client, String head) {
    Set<String> out = new TreeSet<>();
    ScanParams params = new ScanParams().match(utf8(RedisKeys.escapeGlob(head) + "*")).count(1000);
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      ScanResult<byte[]> page = client.scan(cursor, params);
      page.getResult().forEach(k -> out.add(new String(k, StandardCharsets.UTF_8)));
      cursor = page.getCursorAsBytes();
    } while (!(cursor.length == 1 && cursor[0] == '0'));
    return out;
  }

  @Test
  void valuesLiveUnderPrefixColonKeyAsZarrPythonWritesThem() {
    try (RedisStore store = RedisServer.get().newStore().build();
        RedisClient client = raw()) {
      String head = store.prefix() + ":";
      store.set("g/.zgroup", utf8("{\"zarr_format\": 2}"));
      store.set("g/a/0.0", new byte[] {1, 2, 3});
      assertThat(rawKeys(client, head)).containsExactly(head + "g/.zgroup", head + "g/a/0.0");
      assertThat(client.get(utf8(head + "g/a/0.0"))).containsExactly(1, 2, 3);
      // what another client (zarr-python) writes in that layout is read here
      client.set(utf8(head + "g/b/.zarray"), utf8("{}"));
      assertThat(store.listDir("g")).containsExactly(".zgroup", "a", "b");
      assertThat(bytesOf(store.get("g/b/.zarray").orElseThrow())).isEqualTo(utf8("{}"));
      // Redis keys under the prefix that are no store keys are not listed
      client.set(utf8(head + "/leading-slash"), utf8("x"));
      client.set(utf8(head + "a/../b"), utf8("x"));
      client.set(new byte[] {'z', (byte) 0xff}, utf8("x"));
      byte[] notUtf8 = utf8(head + "bad-\u00e9");
      notUtf8[notUtf8.length - 1] = (byte) 0xff;
      client.set(notUtf8, utf8("x"));
      assertThat(store.listPrefix("")).containsExactly("g/.zgroup", "g/a/0.0", "g/b/.zarray");
      // deletePrefix("") removes every Redis key under the prefix, store key or not
      store.deletePrefix("");
      assertThat(rawKeys(client, head)).isEmpty();
      client.del(new byte[] {'z', (byte) 0xff});
    }
  }

  @Test
  void globCharactersInKeysAndPrefixesMatchOnlyThemselves() {
    String prefix = "glob[1]*?" + System.nanoTime();
    try (RedisStore store = RedisServer.get().newStore().prefix(prefix).build();
        RedisStore lookalike =
            RedisServer.get().newStore().prefix(prefix.replace("[1]*?", "1xy")).build()) {
      List<String> keys = List.of("a*/x", "a?/y", "[ab]/z", "ab/w", "a/v", "a]/u", "aa/t");
      keys.forEach(k -> store.set(k, utf8(k)));
      lookalike.set("a*/x", utf8("other store"));
      assertThat(store.listPrefix("")).isEqualTo(new ArrayList<>(new TreeSet<>(keys)));
      assertThat(store.listPrefix("a*")).containsExactly("a*/x");
      assertThat(store.listPrefix("a?")).containsExactly("a?/y");
      assertThat(store.listPrefix("[ab]")).containsExactly("[ab]/z");
      assertThat(store.listPrefix("a]")).containsExactly("a]/u");
      assertThat(store.listDir("")).containsExactly("[ab]", "a", "a*", "a?", "a]", "aa", "ab");
      store.deletePrefix("a*");
      store.deletePrefix("[ab]");
      assertThat(store.listPrefix("")).containsExactly("a/v", "a?/y", "a]/u", "aa/t", "ab/w");
      assertThat(lookalike.listPrefix("")).containsExactly("a*/x");
      store.deletePrefix("");
      assertThat(lookalike.listPrefix("")).containsExactly("a*/x");
      lookalike.deletePrefix("");
    }
  }

  @Test
  void listingsAndDeletesSpanManyScanPages() {
    try (RedisStore store = RedisServer.get().newStore().build()) {
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < 2500; i++) {
        String key = "many/" + (i % 7) + "/" + i;
        store.set(key, new byte[] {(byte) i});
        expected.add(key);
      }
      store.set("manyx", new byte[1]);
      assertThat(store.listPrefix("many")).containsExactlyElementsOf(expected);
      assertThat(store.listDir("many")).containsExactly("0", "1", "2", "3", "4", "5", "6");
      assertThat(store.totalSize("many")).isEqualTo(2500);
      store.deletePrefix("many");
      assertThat(store.listPrefix("")).containsExactly("manyx");
    }
  }

  @Test
  void aValueOf64MiBGoesThroughEveryReadPath() {
    int size = 64 << 20;
    byte[] value = new byte[size];
    for (int i = 0; i < size; i++) {
      value[i] = (byte) (i ^ (i >>> 8) ^ (i >>> 16) ^ (i >>> 24)); // every shift of it differs
    }
    try (RedisStore store = RedisServer.get().newStore().build()) {
      store.set("huge", value);
      assertThat(store.size("huge")).isEqualTo(size);
      assertThat(bytesOf(store.getInto("huge", ByteBuffer::allocateDirect).orElseThrow()))
          .isEqualTo(value);
      assertThat(bytesOf(store.get("huge", ByteRange.of(size - 5, 100)).orElseThrow()))
          .isEqualTo(java.util.Arrays.copyOfRange(value, size - 5, size));
      try (ByteSource source = store.open("huge").orElseThrow()) {
        store.delete("huge");
        assertThat(source.size()).isEqualTo(size);
        assertThat(bytesOf(source.read(new ByteRange.Suffix(1 << 20))))
            .isEqualTo(java.util.Arrays.copyOfRange(value, size - (1 << 20), size));
        assertThat(bytesOf(source.readAll())).isEqualTo(value);
      }
    }
  }

  @Test
  void aLargeOpenedValueIsASnapshotDeletedOnClose() {
    byte[] value = new SeededRandom(5).bytes(1 << 20);
    try (RedisStore store = RedisServer.get().newStore().build();
        RedisClient client = raw()) {
      store.set("big", value);
      String snapshots = "zarr4j\0snapshot:";
      Set<String> before = rawKeys(client, snapshots);
      ByteSource source = store.open("big").orElseThrow();
      Set<String> during = new HashSet<>(rawKeys(client, snapshots));
      during.removeAll(before);
      assertThat(during).as("one new snapshot key").hasSize(1);
      String snapshot = during.iterator().next();
      assertThat(client.pttl(utf8(snapshot))).isPositive();
      store.set("big", new byte[10]);
      assertThat(bytesOf(source.read(new ByteRange.Suffix(100))))
          .isEqualTo(java.util.Arrays.copyOfRange(value, value.length - 100, value.length));
      source.close();
      assertThat(client.exists(utf8(snapshot))).as("deleted on close").isFalse();
      // a small value is read whole: no snapshot
      try (ByteSource small = store.open("big").orElseThrow()) {
        assertThat(small.size()).isEqualTo(10);
        assertThat(rawKeys(client, snapshots)).isEqualTo(before);
      }
    }
  }

  @Test
  void aUserWhoMayNotCopyOrRunScriptsOpensValuesWhole() {
    String user = "nocopy" + System.nanoTime();
    try (RedisClient client = raw()) {
      client.sendCommand(
          Protocol.Command.ACL, "SETUSER", user, "on", ">secret", "~*", "+@all", "-copy", "-eval");
      try (RedisStore store =
          RedisServer.get().newStore().credentials(user, "secret").snapshotThreshold(0).build()) {
        byte[] value = new SeededRandom(8).bytes(5000);
        store.set("v", value);
        Set<String> snapshotsBefore = rawKeys(client, "zarr4j\0snapshot:");
        try (ByteSource source = store.open("v").orElseThrow()) {
          store.set("v", new byte[3]); // the whole value was read when opened
          assertThat(source.size()).isEqualTo(5000);
          assertThat(bytesOf(source.readAll())).isEqualTo(value);
        }
        assertThat(store.open("missing")).isEmpty();
        assertThat(rawKeys(client, "zarr4j\0snapshot:")).isEqualTo(snapshotsBefore);
        store.deletePrefix("");
      } finally {
        client.sendCommand(Protocol.Command.ACL, "DELUSER", user);
      }
    }
  }

  @Test
  void aSnapshotUnusedPastItsLifetimeFailsRatherThanReadOtherBytes() throws Exception {
    try (RedisStore store =
        RedisServer.get()
            .newStore()
            .snapshotThreshold(0)
            .snapshotTtl(Duration.ofMillis(100))
            .build()) {
      store.set("k", utf8("0123456789"));
      try (ByteSource source = store.open("k").orElseThrow()) {
        assertThat(bytesOf(source.read(ByteRange.of(2, 3)))).isEqualTo(utf8("234"));
        Thread.sleep(400);
        assertThatThrownBy(() -> source.read(ByteRange.of(0, 4)))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("'k'")
            .hasMessageContaining("expired");
      }
    }
  }

  @Test
  void anUnreachableServerFailsAtOnceNamingHostAndPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> RedisStore.builder().host("127.0.0.1").port(port).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
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
                  RedisStore.builder()
                      .host("127.0.0.1")
                      .port(silent.getLocalPort())
                      .timeout(Duration.ofMillis(500))
                      .build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aServerLostAfterOpeningFailsEachCallNamingItAndTheKey() {
    // a store whose pool points at the live server, then a call with a key of the wrong type
    try (RedisStore store = RedisServer.get().newStore().build();
        RedisClient client = raw()) {
      client.hset(store.prefix() + ":h", "f", "v");
      assertThatThrownBy(() -> store.get("h"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("127.0.0.1:" + RedisServer.get().port)
          .hasMessageContaining("'h'")
          .hasMessageContaining("WRONGTYPE");
      client.del(store.prefix() + ":h");
    }
  }

  @Test
  void redisUrlsOpenTheStoreWithTheirSettings() {
    int port = RedisServer.get().port;
    String prefix = "url" + System.nanoTime();
    try (ReadableStore opened =
        Stores.open(
            "redis://127.0.0.1:" + port + "/2?prefix=" + prefix, Map.of("timeout_ms", "3000"))) {
      assertThat(opened).isInstanceOf(RedisStore.class);
      RedisStore store = (RedisStore) opened;
      assertThat(store.prefix()).isEqualTo(prefix);
      assertThat(store.database()).isEqualTo(2);
      store.set("a", utf8("x"));
      try (RedisStore db0 =
              RedisStore.builder().host("127.0.0.1").port(port).prefix(prefix).build();
          RedisStore db2 =
              RedisStore.builder()
                  .host("127.0.0.1")
                  .port(port)
                  .database(2)
                  .prefix(prefix)
                  .build()) {
        assertThat(db0.contains("a")).as("database 0 is another keyspace").isFalse();
        assertThat(db2.contains("a")).isTrue();
      }
      store.deletePrefix("");
    }
    String user = "urluser" + System.nanoTime();
    try (RedisClient client = raw()) {
      client.sendCommand(Protocol.Command.ACL, "SETUSER", user, "on", ">p@ss w", "~*", "+@all");
      try (ReadableStore withUser =
          Stores.open("redis://" + user + ":p%40ss%20w@127.0.0.1:" + port + "?prefix=" + prefix)) {
        assertThat(withUser.contains("a")).isFalse();
      }
      assertThatThrownBy(() -> Stores.open("redis://" + user + ":wrong@127.0.0.1:" + port))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    } finally {
      try (RedisClient client = raw()) {
        client.sendCommand(Protocol.Command.ACL, "DELUSER", user);
      }
    }
    try (ReadableStore defaults = Stores.open("redis://127.0.0.1:" + port)) {
      assertThat(((RedisStore) defaults).prefix()).isEqualTo("zarr");
      assertThat(((RedisStore) defaults).database()).isZero();
    }
    assertThatThrownBy(() -> Stores.open("redis://127.0.0.1:" + port + "?bogus=1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'bogus'");
    assertThatThrownBy(
            () -> Stores.open("redis://127.0.0.1:" + port + "?prefix=a", Map.of("prefix", "b")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'prefix'");
    assertThatThrownBy(() -> Stores.open("redis://127.0.0.1:" + port + "/x"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("database number");
    assertThatThrownBy(
            () -> Stores.open("redis://127.0.0.1:" + port, Map.of("max_connections", "many")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("max_connections");
  }
}
