package dev.zarr4j.interop.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * zarrita.js ({@code zarrita@0.7.5} with {@code @zarrita/storage}'s file system store) as a Zarr v3
 * peer: each batch is one run of {@code node zarrita-peer.mjs} (the script is the test resource
 * {@code /interop/zarrita-peer.mjs}; its header records what zarrita does and the JSON it speaks).
 *
 * <p>The npm packages are those of {@code zarr4j-core/src/test/node/package-lock.json}, installed
 * by {@code bin/test} into {@code .cache/node/node_modules} at the project root. They are looked
 * for there (from the working directory upwards), or where {@code -Dzarr4j.node.modules=DIR} says;
 * node is {@code /usr/bin/node} unless {@code -Dzarr4j.node=PATH}. When either is missing, or
 * zarrita is not 0.7.5, {@link #require()} skips the calling test, or fails it under {@code
 * -Dzarr4j.interop.required=true} (as {@code bin/test} runs).
 *
 * <p>The script runs from a temporary directory holding a copy of it and a {@code node_modules}
 * link to the installed modules (Node resolves ES module imports from the script's own location).
 */
public final class ZarritaPeer implements ZarrPeer {
  /** The zarrita version the script and {@link #SUPPORT} were checked against. */
  public static final String ZARRITA_VERSION = "0.7.5";

  /** Seconds one Node run may take before it is killed. */
  public static final int TIMEOUT_SECONDS = 120;

  private static final Set<String> NUMERIC =
      Set.of(
          "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64");

  /**
   * What zarrita 0.7.5 writes and reads on Node 20 (the script's header has the details; {@code
   * PeerInteropIT} checks both the support and every limit).
   */
  public static final PeerSupport SUPPORT =
      new PeerSupport(
          "zarrita",
          NUMERIC,
          union(NUMERIC, Set.of("string")),
          Set.of("bytes", "transpose", "gzip", "zstd", "blosc"),
          Set.of(
              "bytes",
              "transpose",
              "gzip",
              "zstd",
              "blosc",
              "crc32c",
              "sharding_indexed",
              "vlen-utf8"),
          List.of(
              new PeerSupport.Limit(
                  "int64/uint64 fill values beyond +-(2^53-1) (written as JSON numbers; the script"
                      + " refuses them)",
                  true,
                  false,
                  ZarritaPeer::bigFill),
              new PeerSupport.Limit(
                  "int64/uint64 fill values a double does not hold exactly (parsed as JSON numbers)",
                  false,
                  true,
                  ZarritaPeer::inexactFill),
              new PeerSupport.Limit(
                  "a negative zero fill value (written as 0)",
                  true,
                  false,
                  ZarritaPeer::negZeroFill),
              new PeerSupport.Limit(
                  "bool with bytes endian \"big\" (swapped in 4-byte groups, corrupting the data)",
                  true,
                  true,
                  s ->
                      s.dataType().equals("bool")
                          && PeerSupport.anyCodec(
                              s,
                              "bytes",
                              c -> c.path("configuration").path("endian").asText().equals("big"))),
              new PeerSupport.Limit(
                  "sharding_indexed with index_location \"start\" (misread: only the end is"
                      + " implemented)",
                  false,
                  true,
                  s ->
                      PeerSupport.anyCodec(
                          s,
                          "sharding_indexed",
                          c ->
                              c.path("configuration")
                                  .path("index_location")
                                  .asText("end")
                                  .equals("start"))),
              new PeerSupport.Limit(
                  "codecs beside sharding_indexed in the array's chain (ignored; an identity transpose does"
                      + " no harm), nested sharding",
                  false,
                  true,
                  s ->
                      s.sharded()
                          && (s.codecs().stream()
                                  .anyMatch(
                                      c ->
                                          !c.path("name").asText().equals("sharding_indexed")
                                              && !PeerSupport.isIdentityTranspose(c))
                              || PeerCodecs.allNames(s.codecs()).stream()
                                      .filter("sharding_indexed"::equals)
                                      .count()
                                  > 1))));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ZarritaPeer instance;
  private static String unavailable;

  private final Path node;
  private final Path workDir;
  private final Path script;

  private ZarritaPeer(Path node, Path workDir) {
    this.node = node;
    this.workDir = workDir;
    this.script = workDir.resolve("zarrita-peer.mjs");
  }

  /**
   * The peer, if node and the modules are installed; otherwise skips the calling test, or fails it
   * when {@code -Dzarr4j.interop.required=true}.
   */
  public static synchronized ZarritaPeer require() {
    if (instance == null && unavailable == null) {
      try {
        instance = start();
      } catch (RuntimeException e) {
        unavailable = e.getMessage();
      }
    }
    if (instance == null) {
      if (Boolean.getBoolean("zarr4j.interop.required")) {
        throw new AssertionError(
            "zarrita.js is required (-Dzarr4j.interop.required=true) but unavailable: "
                + unavailable);
      }
      assumeTrue(false, "zarrita.js unavailable: " + unavailable);
    }
    return instance;
  }

  private static ZarritaPeer start() {
    Path node = Path.of(System.getProperty("zarr4j.node", "/usr/bin/node"));
    if (!Files.isExecutable(node)) {
      throw new PeerException(node + " is not an executable");
    }
    Path modules = findModules();
    try {
      Path dir = Files.createTempDirectory("zarrita-peer");
      deleteOnExit(dir);
      try (InputStream in = ZarritaPeer.class.getResourceAsStream("/interop/zarrita-peer.mjs")) {
        if (in == null) {
          throw new PeerException("missing test resource /interop/zarrita-peer.mjs");
        }
        Files.write(dir.resolve("zarrita-peer.mjs"), in.readAllBytes());
      }
      Files.createSymbolicLink(dir.resolve("node_modules"), modules.toAbsolutePath());
      ZarritaPeer peer = new ZarritaPeer(node, dir);
      JsonNode info = peer.run(List.of("info"));
      String version = info.path("zarrita").asText();
      if (!version.equals(ZARRITA_VERSION)) {
        throw new PeerException(
            "zarrita " + version + " installed in " + modules + ", expected " + ZARRITA_VERSION);
      }
      return peer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findModules() {
    String configured = System.getProperty("zarr4j.node.modules");
    if (configured != null) {
      Path p = Path.of(configured);
      if (!Files.isDirectory(p.resolve("zarrita"))) {
        throw new PeerException("no zarrita in -Dzarr4j.node.modules=" + configured);
      }
      return p;
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve(".cache").resolve("node").resolve("node_modules");
      if (Files.isDirectory(p.resolve("zarrita"))) {
        return p;
      }
    }
    throw new PeerException(
        "no .cache/node/node_modules/zarrita above "
            + Path.of("").toAbsolutePath()
            + " (bin/test installs it: npm ci in .cache/node)");
  }

  private static void deleteOnExit(Path dir) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Stream<Path> s = Files.walk(dir)) {
                    // a link is deleted, not followed
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                  } catch (IOException | UncheckedIOException e) {
                    // best effort
                  }
                }));
  }

  @Override
  public String name() {
    return "zarrita";
  }

  @Override
  public PeerSupport support() {
    return SUPPORT;
  }

  @Override
  public List<PeerResult<Void>> writeAll(Path store, List<PeerArraySpec> specs) {
    Path spec;
    try {
      Files.createDirectories(store);
      spec = Files.createTempFile(workDir, "spec", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      PeerArraySpec.toJsonFile(specs, spec);
      JsonNode out = run(List.of("write", store.toAbsolutePath().toString(), spec.toString()));
      List<PeerResult<Void>> results = new ArrayList<>();
      for (JsonNode r : out.path("results")) {
        String path = r.path("path").asText();
        results.add(
            r.path("ok").asBoolean(false)
                ? PeerResult.ok(path, null)
                : PeerResult.failed(path, r.path("error").asText("no error reported")));
      }
      if (results.size() != specs.size()) {
        throw new PeerException(
            "zarrita reported " + results.size() + " results for " + specs.size() + " arrays");
      }
      return results;
    } finally {
      spec.toFile().delete();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One Node run reads them all. If that run dies (zarrita can crash Node itself on a shard
   * index it misreads: an out-of-range file offset trips an assertion in Node's file system code),
   * each array is read again in a run of its own, so only the culprit fails.
   */
  @Override
  public List<PeerResult<PeerArray>> readAll(Path store, List<String> paths) {
    List<String> args = new ArrayList<>();
    args.add("read-many");
    args.add(store.toAbsolutePath().toString());
    args.addAll(paths);
    JsonNode out;
    try {
      out = run(args);
    } catch (PeerException e) {
      if (paths.size() == 1) {
        return List.of(PeerResult.failed(paths.get(0), e.getMessage()));
      }
      List<PeerResult<PeerArray>> one = new ArrayList<>();
      for (String p : paths) {
        one.addAll(readAll(store, List.of(p)));
      }
      return one;
    }
    List<PeerResult<PeerArray>> results = new ArrayList<>();
    for (JsonNode a : out.path("arrays")) {
      String path = a.path("path").asText();
      if (a.has("error")) {
        results.add(PeerResult.failed(path, a.path("error").asText()));
        continue;
      }
      try {
        results.add(PeerResult.ok(path, array(a)));
      } catch (RuntimeException e) {
        results.add(
            PeerResult.failed(
                path,
                e instanceof PeerException
                    ? e.getMessage()
                    : "unreadable output: " + e + " in " + abbreviate(a)));
      }
    }
    if (results.size() != paths.size()) {
      throw new PeerException(
          "zarrita reported " + results.size() + " arrays for " + paths.size() + " paths");
    }
    return results;
  }

  private static PeerArray array(JsonNode a) {
    String dataType = a.path("data_type").asText();
    JsonNode metadata = a.get("metadata");
    List<JsonNode> codecs = new ArrayList<>();
    metadata.path("codecs").forEach(codecs::add);
    return new PeerArray(
        a.path("path").asText(),
        PeerArraySpec.longs(a.path("shape")),
        PeerArraySpec.ints(metadata.path("chunk_grid").path("configuration").path("chunk_shape")),
        dataType,
        fill(dataType, a.get("fill_value")),
        codecs,
        PeerValues.fromJson(dataType, a.get("values")),
        metadata);
  }

  private static Object fill(String dataType, JsonNode v) {
    try {
      return PeerValues.elementFromJson(dataType, v);
    } catch (NumberFormatException e) {
      throw new PeerException("zarrita reports fill value " + v + ", not a " + dataType, e);
    }
  }

  /** Runs the script with arguments; its stdout parsed as JSON. */
  private JsonNode run(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(node.toString());
    cmd.add(script.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new PeerException("cannot start " + cmd.subList(0, 2), e);
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<byte[]> stdout = drain(p.getInputStream());
      CompletableFuture<byte[]> stderr = drain(p.getErrorStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new PeerException(
            "zarrita-peer "
                + args.get(0)
                + " timed out after "
                + TIMEOUT_SECONDS
                + " s; stderr:\n"
                + text(stderr));
      }
      String out = text(stdout);
      if (p.exitValue() != 0) {
        throw new PeerException(
            "zarrita-peer "
                + String.join(" ", args.subList(0, Math.min(args.size(), 3)))
                + " exited with "
                + p.exitValue()
                + "; stderr:\n"
                + text(stderr));
      }
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new PeerException(
            "zarrita-peer printed no JSON: " + abbreviate(out) + "; stderr:\n" + text(stderr), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PeerException("interrupted", e);
    }
  }

  /** Reads a stream to its end on its own thread (not a pool's: both pipes must drain at once). */
  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (in) {
                f.complete(in.readAllBytes());
              } catch (IOException e) {
                f.complete(("<unreadable: " + e + ">").getBytes(StandardCharsets.UTF_8));
              }
            },
            "zarrita-peer-drain");
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static String text(CompletableFuture<byte[]> f) {
    try {
      return new String(f.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "<unreadable: " + e + ">";
    }
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static boolean bigFill(PeerArraySpec spec) {
    if (!(spec.fillValue() instanceof Long v)) {
      return false;
    }
    long max = (1L << 53) - 1;
    return spec.dataType().equals("uint64")
        ? Long.compareUnsigned(v, max) > 0
        : v > max || v < -max;
  }

  private static boolean inexactFill(PeerArraySpec spec) {
    if (!(spec.fillValue() instanceof Long v)) {
      return false;
    }
    BigInteger exact =
        spec.dataType().equals("uint64")
            ? new BigInteger(Long.toUnsignedString(v))
            : BigInteger.valueOf(v);
    return !new BigDecimal(exact.doubleValue()).toBigInteger().equals(exact);
  }

  private static boolean negZeroFill(PeerArraySpec spec) {
    Object f = spec.fillValue();
    return (f instanceof Float x && Float.floatToRawIntBits(x) == Integer.MIN_VALUE)
        || (f instanceof Double y && Double.doubleToRawLongBits(y) == Long.MIN_VALUE);
  }
}
