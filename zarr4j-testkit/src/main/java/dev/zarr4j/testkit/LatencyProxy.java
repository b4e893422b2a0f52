package dev.zarr4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on the loopback interface that makes a local server look far away: it forwards every
 * connection to a target port and holds back each request's first byte for a fixed delay, as a
 * network round trip would. Tests and the benchmark put it in front of a local S3 or HTTP server to
 * see whether a store keeps many requests in flight (n requests in flight cost about one delay, n
 * requests one by one cost n delays).
 *
 * <p>A connection takes turns: the client's bytes sent after the server has answered (or the first
 * bytes of a connection) begin a new request, which is delayed and counted; bytes that follow
 * before the server answers belong to the same request. An interim {@code HTTP/1.1 100 Continue}
 * answer does not end the turn, so a request with {@code Expect: 100-continue} is one request and
 * one delay. Answers are forwarded at once. Half-closes are passed on (a client that shuts down its
 * output still reads the whole answer), and each connection uses two threads of its own, so any
 * number of connections proceed at once.
 *
 * <pre>{@code
 * try (LatencyProxy proxy = LatencyProxy.start(serverPort, Duration.ofMillis(20))) {
 *   URI far = URI.create("http://127.0.0.1:" + proxy.port());
 *   ...
 *   long requests = proxy.requests();
 * }
 * }</pre>
 */
public final class LatencyProxy implements AutoCloseable {
  private static final byte[] CONTINUE = "HTTP/1.1 100".getBytes(StandardCharsets.US_ASCII);
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final ServerSocket listener;
  private final int targetPort;
  private final long delayNanos;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final String name;
  private volatile boolean closed;

  private LatencyProxy(int targetPort, Duration delay) throws IOException {
    if (targetPort < 1 || targetPort > 65535) {
      throw new IllegalArgumentException("target port must be 1-65535, got " + targetPort);
    }
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive, got " + delay);
    }
    this.targetPort = targetPort;
    this.delayNanos = delay.toNanos();
    this.name = "zarr4j-latency-proxy-" + NEXT_ID.incrementAndGet();
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    Thread acceptor = new Thread(this::accept, name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a proxy on a free loopback port forwarding to {@code targetPort} on the loopback
   * interface, delaying each request by {@code delay}.
   *
   * @throws UncheckedIOException if no port can be bound
   * @throws IllegalArgumentException if the port is out of range or the delay negative
   */
  public static LatencyProxy start(int targetPort, Duration delay) {
    try {
      return new LatencyProxy(targetPort, delay);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a latency proxy to port " + targetPort, e);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The delay each request gets. */
  public Duration delay() {
    return Duration.ofNanos(delayNanos);
  }

  /** How many connections clients have opened since the start or the last {@link #resetCounts}. */
  public long connections() {
    return connections.get();
  }

  /** How many requests (turns) have been forwarded since the start or the last reset. */
  public long requests() {
    return requests.get();
  }

  /** The most connections open at once since the start or the last reset. */
  public int maxOpenConnections() {
    return maxOpen.get();
  }

  /**
   * The most requests in flight at once (begun, and not yet answered) since the start or the last
   * reset: 1 for a client that sends one request at a time.
   */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Sets the counters to zero (the open connections stay open). */
  public void resetCounts() {
    connections.set(0);
    requests.set(0);
    maxOpen.set(open.get());
    maxInFlight.set(inFlight.get());
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      Socket server = new Socket();
      try {
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(server);
        open.decrementAndGet();
        continue;
      }
      sockets.add(client);
      sockets.add(server);
      if (closed) { // closed while this connection was set up: close() may have missed it
        closeQuietly(client);
        closeQuietly(server);
      }
      new Connection(client, server).start();
    }
  }

  /** One client connection and its connection to the target, pumped by two threads. */
  private final class Connection {
    private final Socket client;
    private final Socket server;

    /** Whether the client's next bytes begin a new request. */
    private volatile boolean newTurn = true;

    /** Whether a request has begun and its answer not. */
    private final java.util.concurrent.atomic.AtomicBoolean waiting =
        new java.util.concurrent.atomic.AtomicBoolean();

    private void answered() {
      if (waiting.compareAndSet(true, false)) {
        inFlight.decrementAndGet();
      }
    }

    private final AtomicInteger pumpsLeft = new AtomicInteger(2);

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      Thread up = new Thread(this::upstream, name + "-up");
      Thread down = new Thread(this::downstream, name + "-down");
      up.setDaemon(true);
      down.setDaemon(true);
      up.start();
      down.start();
    }

    /** Client to server: each new turn waits the delay before its first byte goes on. */
    private void upstream() {
      byte[] buf = new byte[64 * 1024];
      // the streams are not closed here: closing one closes its socket, ending the other direction
      try {
        InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream();
        int n;
        while ((n = in.read(buf)) > 0) {
          if (newTurn) {
            newTurn = false;
            requests.incrementAndGet();
            if (waiting.compareAndSet(false, true)) {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }
            sleep(delayNanos);
          }
          out.write(buf, 0, n);
          out.flush();
        }
        server.shutdownOutput(); // the client's half-close, passed on
      } catch (IOException e) {
        // a reset or the proxy closing: end both directions
        closeQuietly(server);
      } finally {
        finish();
      }
    }

    /** Server to client, at once; an answer (other than an interim 100) ends the turn. */
    private void downstream() {
      byte[] buf = new byte[64 * 1024];
      try {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buf)) > 0) {
          if (!onlyInterim(buf, n)) {
            answered();
            newTurn = true;
          }
          out.write(buf, 0, n);
          out.flush();
        }
        client.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(client);
      } finally {
        finish();
      }
    }

    private void finish() {
      if (pumpsLeft.decrementAndGet() == 0) {
        answered();
        closeQuietly(client);
        closeQuietly(server);
        sockets.remove(client);
        sockets.remove(server);
        open.decrementAndGet();
      }
    }
  }

  /** Whether the bytes are exactly one interim {@code 100} answer (the request goes on). */
  private static boolean onlyInterim(byte[] buf, int n) {
    if (n < CONTINUE.length) {
      return false;
    }
    for (int i = 0; i < CONTINUE.length; i++) {
      if (buf[i] != CONTINUE[i]) {
        return false;
      }
    }
    for (int i = CONTINUE.length; i + 3 < n; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        return i + 4 == n;
      }
    }
    return true; // the interim answer's head continues in the next read
  }

  private static void sleep(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Stops accepting and closes every connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  @Override
  public String toString() {
    return "LatencyProxy(127.0.0.1:"
        + port()
        + " -> "
        + targetPort
        + ", "
        + delay().toMillis()
        + " ms per request)";
  }
}
