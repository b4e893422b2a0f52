package dev.zarr4j.store.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process MongoDB wire-protocol server of the tests ({@code mongo-java-server}, memory
 * backend), started once per test JVM on a free loopback port and stopped when the JVM exits.
 */
final class MongoServerForTests {
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();
  private static MongoServer server;
  private static InetSocketAddress address;

  private MongoServerForTests() {}

  /** The server's address, starting it on first use. */
  static synchronized InetSocketAddress address() {
    if (server == null) {
      MongoServer s = new MongoServer(new MemoryBackend());
      s.bind("127.0.0.1", 0);
      address = s.getLocalAddress();
      server = s;
      Runtime.getRuntime().addShutdownHook(new Thread(s::shutdownNow, "mongo-server-stop"));
    }
    return address;
  }

  /** {@code mongodb://127.0.0.1:<port>}. */
  static String connectionString() {
    InetSocketAddress a = address();
    return "mongodb://127.0.0.1:" + a.getPort();
  }

  /** A store on the server in a collection no other test uses. */
  static MongoDBStore.Builder newStore() {
    return MongoDBStore.builder()
        .connectionString(connectionString())
        .database("zarr4j_tests")
        .collection("c" + COLLECTIONS.incrementAndGet());
  }
}
