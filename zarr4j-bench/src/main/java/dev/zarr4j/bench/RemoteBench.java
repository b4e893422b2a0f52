package dev.zarr4j.bench;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.LruCacheStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.s3.S3Store;
import dev.zarr4j.store.s3.S3StoreOptions;
import dev.zarr4j.testkit.LatencyProxy;
import dev.zarr4j.testkit.S3ProxyServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code bin/bench --scenario remote}: an array of 256 chunks on S3 (S3Proxy in this JVM, objects
 * in memory) written and read directly, through a {@link LatencyProxy} that delays each request (20
 * ms by default), through it with one request in flight at a time, and read a first and a second
 * time through an {@link LruCacheStore}. For each: the time, the HTTP requests the proxy saw (the
 * store operations of the direct runs from {@link LoggingStore}), MB/s, and the ratio of the time
 * to the serial estimate (requests x latency). zarr-python over s3fs is not available here, so the
 * comparison is with the serial estimate and with the same job at one request in flight.
 *
 * <p>The scenario waits on the network, not the CPU, so it runs on a busy machine; its direct rows
 * show what the machine's CPU costs the same job.
 */
final class RemoteBench {
  private static final String ACCESS = "zarr4j-bench-access";
  private static final String SECRET = "zarr4j-bench-secret";

  private RemoteBench() {}

  static boolean wanted(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--scenario") && args[i + 1].equals("remote")) {
        return true;
      }
    }
    return false;
  }

  /** One measured job. */
  private record Row(String what, double ms, long requests, long bytes, int latencyMs) {}

  static void main(String[] args) throws Exception {
    int latencyMs = 20;
    int reps = 3;
    int chunk = 64; // 256 chunks of 64 x 64 float32 (16 KiB) in a 1024 x 1024 array
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scenario" -> i++;
        case "--latency-ms" -> latencyMs = Integer.parseInt(args[++i]);
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              String.join(
                  "\n",
                  "usage: bin/bench --scenario remote [--latency-ms N] [--reps N]",
                  "  256 chunks of 64 x 64 float32 on S3Proxy in this JVM: written and read",
                  "  direct, through a loopback proxy adding N ms per request (default 20), the",
                  "  same with one request in flight, and read twice through an LRU cache;",
                  "  the median of --reps runs (default 3; one run for one-in-flight rows)"));
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int side = chunk * 16;
    SplittableRandom r = new SplittableRandom(42);
    float[] values = new float[side * side];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.nextDouble();
    }
    NdArray data = NdArray.of(values, side, side);
    long bytes = (long) side * side * 4;

    S3ProxyServer s3proxy = S3ProxyServer.start(ACCESS, SECRET);
    URI direct = s3proxy.endpoint();
    String bucket = "zarr4j-bench";
    s3proxy.createBucket(bucket);
    String before = loadAverage();
    List<Row> rows = new ArrayList<>();
    try (LatencyProxy proxy = LatencyProxy.start(s3proxy.port(), Duration.ofMillis(latencyMs))) {
      URI far = URI.create("http://127.0.0.1:" + proxy.port());
      ArrayOptions options =
          ArrayOptions.builder().shape(side, side).chunks(chunk, chunk).dtype("<f4").build();
      // one untimed write and read first, so the rows after compare warmed-up code
      try (Store store = open(direct, bucket, "warmup.zarr", 64)) {
        ZarrArray z = Zarr.create(options.toBuilder().store(store).build());
        z.set(data);
        check(z, data);
      }
      // direct: requests counted as store operations
      try (LoggingStore store = new LoggingStore(open(direct, bucket, "direct.zarr", 64))) {
        ZarrArray z = Zarr.create(options.toBuilder().store(store).build());
        rows.add(median("write, direct", reps, 0, bytes, () -> ops(store), () -> z.set(data)));
        rows.add(median("read, direct", reps, 0, bytes, () -> ops(store), () -> check(z, data)));
      }
      for (int inFlight : new int[] {64, 1}) {
        int n = inFlight == 1 ? 1 : reps;
        try (Store store = open(far, bucket, "far" + inFlight + ".zarr", inFlight)) {
          ZarrArray z = Zarr.create(options.toBuilder().store(store).build());
          String how = ", " + latencyMs + " ms proxy, " + inFlight + " in flight";
          rows.add(
              median(
                  "write" + how, n, latencyMs, bytes, proxy::requests, () -> z.set(data), proxy));
          rows.add(
              median(
                  "read" + how, n, latencyMs, bytes, proxy::requests, () -> check(z, data), proxy));
          if (inFlight == 64) {
            for (int rep = 0; rep < n; rep++) {
              LruCacheStore cache = new LruCacheStore(store, 256L << 20);
              ZarrArray c = Zarr.openArray(cache, OpenMode.READ);
              Row first =
                  once(
                      "read via LRU cache, first" + how,
                      latencyMs,
                      bytes,
                      proxy,
                      () -> check(c, data));
              Row second =
                  once(
                      "read via LRU cache, second" + how,
                      latencyMs,
                      bytes,
                      proxy,
                      () -> check(c, data));
              if (rep == n - 1) {
                rows.add(first);
                rows.add(second);
              }
            }
          }
        }
      }
    } finally {
      s3proxy.close();
    }
    print(rows, latencyMs, reps, before, loadAverage());
  }

  private static long ops(LoggingStore store) {
    return store.total();
  }

  private static void check(ZarrArray z, NdArray data) {
    NdArray got = z.get();
    if (!got.equals(data)) {
      throw new IllegalStateException("read back differs from what was written");
    }
  }

  private static Row median(
      String what, int reps, int latencyMs, long bytes, Supplier<Long> counter, Runnable job) {
    return median(what, reps, latencyMs, bytes, counter, job, null);
  }

  private static Row median(
      String what,
      int reps,
      int latencyMs,
      long bytes,
      Supplier<Long> counter,
      Runnable job,
      LatencyProxy proxy) {
    double[] ms = new double[reps];
    long requests = 0;
    for (int i = 0; i < reps; i++) {
      if (proxy != null) {
        proxy.resetCounts();
      }
      long c0 = proxy != null ? 0 : counter.get();
      long t0 = System.nanoTime();
      job.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
      requests = counter.get() - c0;
    }
    Arrays.sort(ms);
    return new Row(what, ms[reps / 2], requests, bytes, latencyMs);
  }

  private static Row once(
      String what, int latencyMs, long bytes, LatencyProxy proxy, Runnable job) {
    proxy.resetCounts();
    long t0 = System.nanoTime();
    job.run();
    return new Row(what, (System.nanoTime() - t0) / 1e6, proxy.requests(), bytes, latencyMs);
  }

  private static void print(
      List<Row> rows, int latencyMs, int reps, String loadBefore, String loadAfter) {
    System.out.printf(
        Locale.ROOT,
        "remote scenario: 256 chunks of 64 x 64 float32 (4.2 MB) on S3Proxy 4.1 in this JVM;"
            + " proxy delay %d ms per request; median of %d runs (one for 1-in-flight rows)%n",
        latencyMs,
        reps);
    System.out.printf(
        Locale.ROOT,
        "%-56s %9s %9s %8s %12s %8s%n",
        "job",
        "ms",
        "requests",
        "MB/s",
        "serial ms",
        "ratio");
    for (Row r : rows) {
      double serial = r.requests() * (double) r.latencyMs();
      System.out.printf(
          Locale.ROOT,
          "%-56s %9.0f %9d %8.1f %12s %8s%n",
          r.what(),
          r.ms(),
          r.requests(),
          r.bytes() / 1e6 / (r.ms() / 1e3),
          r.latencyMs() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", serial),
          r.latencyMs() == 0 || serial == 0
              ? "-"
              : String.format(Locale.ROOT, "%.2f", r.ms() / serial));
    }
    System.out.println(
        "requests: HTTP requests the proxy forwarded (direct rows: store operations, a batched read"
            + " counting once); serial ms = requests x delay; ratio = ms / serial ms");
    System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static S3Store open(URI endpoint, String bucket, String prefix, int inFlight) {
    return S3Store.open(
        S3StoreOptions.builder(bucket)
            .endpoint(endpoint)
            .region("us-east-1")
            .pathStyle(true)
            .credentials(ACCESS, SECRET)
            .prefix(prefix)
            .remote(RemoteOptions.builder().maxRequestsInFlight(inFlight).build())
            .build());
  }
}
