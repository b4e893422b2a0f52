package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.metadata.NodeFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The Zarr v3 scenario ({@code bin/bench --scenario v3}): the main table's 8192 x 8192 float32 data
 * as Zarr v2 and v3 Zstd arrays, unsharded and sharded (shards of 2048 x 2048 holding inner chunks
 * of 256 x 256), written and read by zarr4j and by zarr-java 0.0.9 in the same run: full writes,
 * full reads, random whole inner-chunk reads and writes, and, for the sharded arrays, the rate of
 * reading the whole shard around each random inner chunk (what an implementation without partial
 * shard reads does), with the targets checked on the medians.
 *
 * <p>Each repetition runs every operation on every array, the arrays taking turns to go first, so
 * load from other processes hits all alike. The "v3 unsharded within 5% of v2" targets need finer
 * resolution than that: the v2 and v3 rows are measured minutes apart, and this machine's
 * run-to-run spread (disk writeback, page cache, JIT, GC) is larger than 5%. So after the table's
 * repetitions, zarr4j's v2 and v3 unsharded arrays of the same chunks (256, and 512 for the full
 * write and read) are measured again as interleaved pairs ({@code --pair-reps}, 9 by default): each
 * pair runs one operation on the v2 array and then on the v3 array, back to back, alternating which
 * goes first, on the arrays the table already wrote (writes overwrite them with the same data).
 * Those targets are the median of the per-pair rate ratios, with their min-max as the spread; the
 * process CPU time of each side is printed beside them, not used as the target. zarr-java's
 * unsharded array is paired with zarr4j's v3 one of the same chunks the same way, for the "ahead of
 * zarr-java" target on unsharded arrays. Before each side of a pair the page cache is written back
 * ({@code sync}, untimed): the writes rewrite hundreds of MB of files, and without it each side
 * paid, in its timed loop, for a varying part of the writeback of what the side before it wrote.
 *
 * <p>zarr-java's zstd decoder fails on zstd inside shards (it decodes the whole backing array of
 * its input view), so its sharded array uses another codec inside the shards ({@code
 * --peer-shard-codec}, Blosc with Zstd level 3 and byte shuffle by default), and zarr4j writes and
 * reads an array with that same chain too, for a like-for-like comparison. Its zstd encoder works
 * inside shards, so zarr-java also writes (full writes only, read back by zarr4j to check them) a
 * sharded array with zarr4j's own chain, zstd level 3: the like-for-like figure of zarr4j's sharded
 * zstd-3 full write.
 */
final class V3Bench {
  static final int INNER = 256;
  static final int SHARD = 2048;

  /** v3 unsharded within 5% of v2 with the same chunks: v3 / v2 >= 0.95. */
  static final double V2_TARGET = 0.95;

  /** Sharded full read within 15% of unsharded: sharded / unsharded >= 0.85. */
  static final double SHARDED_READ_TARGET = 0.85;

  /** Random inner-chunk reads >= 5x the rate of decoding whole shards. */
  static final double PARTIAL_READ_TARGET = 5;

  /** Random inner-chunk writes >= 10x zarr-java's. */
  static final double PARTIAL_WRITE_TARGET = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private V3Bench() {}

  /** The scenario's command line options. */
  static final class Options {
    int size = 8192;
    int reps = 5;
    int warmup = 1;
    int ops = 1000;
    int slowOps = 50;
    int pairReps = 9;
    boolean peer = true;
    boolean wide = true;
    String peerShardCodec = "blosc-zstd";
    long seed = 42;
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    boolean keep;
    double waitIdle = 60;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--scenario" -> {
            if (!args[++i].equals("v3")) {
              throw new IllegalArgumentException("the v3 scenario runs alone (--scenario v3)");
            }
          }
          case "--size" -> o.size = Integer.parseInt(args[++i]);
          case "--reps" -> o.reps = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--ops" -> o.ops = Integer.parseInt(args[++i]);
          case "--slow-ops" -> o.slowOps = Integer.parseInt(args[++i]);
          case "--pair-reps" -> o.pairReps = Integer.parseInt(args[++i]);
          case "--no-peer" -> o.peer = false;
          case "--no-512" -> o.wide = false;
          case "--peer-shard-codec" -> o.peerShardCodec = args[++i];
          case "--seed" -> o.seed = Long.parseLong(args[++i]);
          case "--dir" -> o.parent = Path.of(args[++i]);
          case "--keep" -> o.keep = true;
          case "--wait-idle" -> o.waitIdle = Double.parseDouble(args[++i]);
          case "-h", "--help" -> {
            System.out.println(
                String.join(
                    "\n",
                    "usage: bin/bench --scenario v3 [options]",
                    "  Zarr v2 / v3 / v3 sharded (shards "
                        + SHARD
                        + ", inner chunks "
                        + INNER
                        + ")",
                    "  Zstd arrays, zarr4j and zarr-java 0.0.9 in the same run",
                    "  --size N        array is N x N float32 (default 8192; a multiple of "
                        + SHARD
                        + ")",
                    "  --reps N        measured repetitions (default 5)",
                    "  --warmup N      warm-up repetitions (default 1)",
                    "  --ops N         random inner-chunk reads and writes per repetition"
                        + " (default 1000)",
                    "  --slow-ops N    operations per repetition of the slow measurements (default",
                    "                  50): whole-shard reads, inner-chunk writes into sharded",
                    "                  arrays, every inner-chunk operation on zarr-java's sharded array",
                    "  --pair-reps N   measured v2 / v3 pairs behind the 'v3 unsharded / v2' targets",
                    "                  (default 9; 0 to skip them and use the table's medians): each",
                    "                  pair runs an operation on zarr4j's v2 array then on its v3",
                    "                  array with the same chunks, back to back, alternating which",
                    "                  goes first, after --warmup unmeasured pairs; the target is the",
                    "                  median of the per-pair ratios (spread: their min-max), with",
                    "                  the process CPU time of each side as an extra column",
                    "  --peer-shard-codec C  codec inside zarr-java's shards: blosc-zstd (default),",
                    "                  gzip or none (its zstd fails inside shards)",
                    "  --no-peer       zarr4j only",
                    "  --no-512        skip the full write/read rows with 512 x 512 chunks",
                    "  --dir DIR       where the temporary directory goes (default java.io.tmpdir)",
                    "  --keep          keep the temporary directory",
                    "  --seed N        data seed (default 42)",
                    "  --wait-idle S   first wait up to S seconds for other processes to leave the",
                    "                  CPUs idle (default 60; 0 to start at once)"));
            System.exit(0);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + a + " for --scenario v3 (try --scenario v3 --help)");
        }
      }
      if (o.size % SHARD != 0) {
        throw new IllegalArgumentException("--size must be a multiple of " + SHARD);
      }
      if (o.pairReps < 0) {
        throw new IllegalArgumentException("--pair-reps must be 0 or more, not " + o.pairReps);
      }
      if (o.slowOps > o.ops) {
        o.slowOps = o.ops;
      }
      return o;
    }
  }

  /** Whether {@code args} ask for this scenario ({@code --scenario v3}). */
  static boolean wanted(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--scenario") && args[i + 1].equals("v3")) {
        return true;
      }
    }
    return false;
  }

  /** Runs the scenario with {@code bin/bench}'s arguments and prints its table. */
  static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path tmp = Files.createTempDirectory(Files.createDirectories(o.parent), "zarr4j-bench-v3-");
    try {
      run(o, tmp);
    } finally {
      if (!o.keep) {
        PeerBench.deleteTree(tmp);
      } else {
        System.out.println("kept " + tmp);
      }
    }
  }

  // ---------------------------------------------------------------- arrays

  /** One array of the table and its measurements. */
  static final class Row {
    final V3Subject subject;
    final boolean random;

    /** Only full writes are measured (the library cannot read what it writes; zarr4j checks it). */
    final boolean writeOnly;

    final int innerReadOps;
    final int innerWriteOps;
    final Stats write = new Stats();
    final Stats read = new Stats();
    final Stats innerRead = new Stats();
    final Stats innerWrite = new Stats();
    final Stats shardRead = new Stats();
    long storedBytes;
    int storedFiles;

    /**
     * @param random whether the random inner-chunk operations are measured
     * @param readOps random inner-chunk reads per repetition
     * @param writeOps random inner-chunk writes per repetition
     */
    Row(V3Subject subject, boolean random, int readOps, int writeOps) {
      this(subject, random, readOps, writeOps, false);
    }

    Row(V3Subject subject, boolean random, int readOps, int writeOps, boolean writeOnly) {
      this.subject = subject;
      this.random = random && !writeOnly;
      this.writeOnly = writeOnly;
      this.innerReadOps = readOps;
      this.innerWriteOps = writeOps;
    }
  }

  /** The codec chain inside the peer's shards, as {@code zarr.json} entries. */
  static String shardInnerCodecs(String name) {
    String bytes = "{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}";
    return switch (name) {
      case "blosc-zstd" ->
          bytes
              + ",{\"name\":\"blosc\",\"configuration\":{\"cname\":\"zstd\",\"clevel\":3,"
              + "\"shuffle\":\"shuffle\",\"typesize\":4,\"blocksize\":0}}";
      case "gzip" -> bytes + ",{\"name\":\"gzip\",\"configuration\":{\"level\":1}}";
      case "none" -> bytes;
      default ->
          throw new IllegalArgumentException(
              "--peer-shard-codec is blosc-zstd, gzip or none, not " + name);
    };
  }

  /** A sharded chain (index: bytes + crc32c at the end, as zarr4j and zarr-python write it). */
  static String shardedChain(String innerCodecs) {
    return "[{\"name\":\"sharding_indexed\",\"configuration\":{\"chunk_shape\":["
        + INNER
        + ","
        + INNER
        + "],\"codecs\":["
        + innerCodecs
        + "],\"index_codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},"
        + "{\"name\":\"crc32c\"}],\"index_location\":\"end\"}}]";
  }

  /** zarr4j's codecs inside its zstd shards: bytes, then zstd level 3 without checksum. */
  static final String ZSTD3_INNER =
      "{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},"
          + "{\"name\":\"zstd\",\"configuration\":{\"level\":3,\"checksum\":false}}";

  /** The layout of zarr-java's write-only sharded zstd-3 array. */
  static final String ZJ_SHARDED_ZSTD = "v3 zstd-3, shards 2048 / inner 256, write only";

  static final String ZSTD3_CHAIN =
      "[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},"
          + "{\"name\":\"zstd\",\"configuration\":{\"level\":3,\"checksum\":false}}]";

  /** zarr4j's codecs from a JSON list of {@code zarr.json} codec entries. */
  static List<Codec> zarr4jCodecs(String json) throws IOException {
    List<Codec> out = new ArrayList<>();
    for (Object c : JSON.readValue(json, List.class)) {
      out.add(CodecRegistry.fromV3Config(c));
    }
    return out;
  }

  static List<Row> rows(Options o, Path tmp) throws IOException {
    long n = o.size;
    List<Row> rows = new ArrayList<>();
    ArrayOptions.Builder base =
        ArrayOptions.builder().shape(n, n).dtype("<f4").compressor(Zstd.of(3));
    ArrayOptions.Builder v3 = base.build().toBuilder().format(NodeFormats.named("zarr-v3"));
    rows.add(
        row(
            o,
            new V3Subject.Zarr4j(
                "v2 zstd-3, chunks 256",
                tmp.resolve("j-v2-256"),
                false,
                base.build().toBuilder().chunks(INNER, INNER).build()),
            true));
    rows.add(
        row(
            o,
            new V3Subject.Zarr4j(
                "v3 zstd-3, chunks 256",
                tmp.resolve("j-v3-256"),
                false,
                v3.build().toBuilder().chunks(INNER, INNER).build()),
            true));
    if (o.wide) {
      rows.add(
          row(
              o,
              new V3Subject.Zarr4j(
                  "v2 zstd-3, chunks 512",
                  tmp.resolve("j-v2-512"),
                  false,
                  base.build().toBuilder().chunks(512, 512).build()),
              false));
      rows.add(
          row(
              o,
              new V3Subject.Zarr4j(
                  "v3 zstd-3, chunks 512",
                  tmp.resolve("j-v3-512"),
                  false,
                  v3.build().toBuilder().chunks(512, 512).build()),
              false));
    }
    rows.add(
        row(
            o,
            new V3Subject.Zarr4j(
                "v3 zstd-3, shards 2048 / inner 256",
                tmp.resolve("j-v3-sharded"),
                true,
                v3.build().toBuilder().chunks(INNER, INNER).shards(SHARD, SHARD).build()),
            true));
    String peerChain = shardedChain(shardInnerCodecs(o.peerShardCodec));
    if (o.peer) {
      rows.add(
          row(
              o,
              new V3Subject.Zarr4j(
                  "v3 " + o.peerShardCodec + ", shards 2048 / inner 256",
                  tmp.resolve("j-v3-sharded-peer-codec"),
                  true,
                  ArrayOptions.builder()
                      .format(NodeFormats.named("zarr-v3"))
                      .shape(n, n)
                      .chunks(SHARD, SHARD)
                      .dtype("<f4")
                      .codecs(zarr4jCodecs(peerChain))
                      .build()),
              true));
      rows.add(
          row(
              o,
              new V3Subject.ZarrJava(
                  "v3 zstd-3, chunks 256",
                  tmp.resolve("zj-v3-256"),
                  false,
                  new long[] {n, n},
                  new int[] {INNER, INNER},
                  ZSTD3_CHAIN),
              true));
      Row sharded =
          new Row(
              new V3Subject.ZarrJava(
                  "v3 " + o.peerShardCodec + ", shards 2048 / inner 256",
                  tmp.resolve("zj-v3-sharded"),
                  true,
                  new long[] {n, n},
                  new int[] {SHARD, SHARD},
                  peerChain),
              true,
              o.slowOps,
              o.slowOps);
      rows.add(sharded);
      rows.add(
          new Row(
              new V3Subject.ZarrJava(
                  ZJ_SHARDED_ZSTD,
                  tmp.resolve("zj-v3-sharded-zstd"),
                  true,
                  new long[] {n, n},
                  new int[] {SHARD, SHARD},
                  shardedChain(ZSTD3_INNER)),
              false,
              0,
              0,
              true));
    }
    return rows;
  }

  /**
   * A zarr4j row: random inner-chunk reads {@code --ops} times, writes as often, or {@code
   * --slow-ops} times into a sharded array (each rewrites a whole shard today).
   */
  private static Row row(Options o, V3Subject s, boolean random) {
    return new Row(s, random, o.ops, s.sharded ? o.slowOps : o.ops);
  }

  // ---------------------------------------------------------------- measuring

  private interface Timed {
    void run() throws Exception;
  }

  /** Wall-clock and process CPU seconds of {@code body}, after a GC. */
  private static double[] time(Timed body) throws Exception {
    System.gc();
    long c = PeerBench.cpuNanos();
    long t = System.nanoTime();
    body.run();
    return new double[] {(System.nanoTime() - t) / 1e9, (PeerBench.cpuNanos() - c) / 1e9};
  }

  private static void add(Stats s, double[] t, boolean measured) {
    if (measured) {
      s.add(t[0], t[1]);
    }
  }

  /** Reads the whole inner chunks at the first {@code count} positions, one call each. */
  private static void readInner(V3Subject s, long[][] pos, int count) throws Exception {
    for (int k = 0; k < count; k++) {
      s.read(pos[k][0], pos[k][1], INNER, INNER);
    }
  }

  /**
   * Writes the whole inner chunks at the first {@code count} positions with their own values
   * (copied into {@code block} in the loop), so the array keeps its data.
   */
  private static void writeInner(
      V3Subject s, float[] data, int n, long[][] pos, int count, float[] block) throws Exception {
    for (int k = 0; k < count; k++) {
      copyBlock(data, n, pos[k][0], pos[k][1], block);
      s.write(pos[k][0], pos[k][1], block, INNER, INNER);
    }
  }

  static void run(Options o, Path tmp) throws Exception {
    long t0 = System.nanoTime();
    int n = o.size;
    long nbytes = (long) n * n * 4;
    System.err.printf(Locale.ROOT, "generating %dx%d float32 (%.1f MB)...%n", n, n, nbytes / 1e6);
    float[] data = BenchData.field(n, n, o.seed);
    List<Row> rows = rows(o, tmp);
    // the same random inner chunks for every array
    int grid = n / INNER;
    SplittableRandom rnd = new SplittableRandom(o.seed + 3);
    long[][] pos = new long[o.ops][2];
    for (long[] p : pos) {
      p[0] = (long) rnd.nextInt(grid) * INNER;
      p[1] = (long) rnd.nextInt(grid) * INNER;
    }
    double idleBefore = o.waitIdle > 0 ? MachineLoad.waitForIdle(o.waitIdle) : -1;
    MachineLoad load = MachineLoad.start(0);
    float[] block = new float[INNER * INNER];
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      boolean measured = rep >= 0;
      boolean first = rep == -o.warmup;
      System.err.printf(
          Locale.ROOT,
          "%s %d of %d...%n",
          measured ? "repetition" : "warm-up",
          measured ? rep + 1 : rep + o.warmup + 1,
          measured ? o.reps : o.warmup);
      List<Row> order = rotated(rows, rep + o.warmup);
      for (Row r : order) {
        r.subject.create();
        add(r.write, time(() -> r.subject.writeAll(data, n, n)), measured);
      }
      for (Row r : order) {
        if (r.writeOnly) {
          if (first) {
            check(r, readByZarr4j(r), data, "a full write read back by zarr4j");
          }
          continue;
        }
        r.subject.open();
        Object[] out = new Object[1];
        add(r.read, time(() -> out[0] = r.subject.readAll()), measured);
        if (first) {
          check(r, r.subject.values(out[0]), data, "a full read");
        }
      }
      for (Row r : order) {
        if (!r.random) {
          continue;
        }
        if (first) {
          checkInner(r, r.subject, pos, data, n);
        }
        add(r.innerRead, time(() -> readInner(r.subject, pos, r.innerReadOps)), measured);
      }
      for (Row r : order) {
        if (!r.random || !r.subject.sharded) {
          continue;
        }
        add(
            r.shardRead,
            time(
                () -> {
                  for (int k = 0; k < o.slowOps; k++) {
                    long i = pos[k][0] / SHARD * SHARD;
                    long j = pos[k][1] / SHARD * SHARD;
                    r.subject.read(i, j, SHARD, SHARD);
                  }
                }),
            measured);
      }
      for (Row r : order) {
        if (!r.random) {
          continue;
        }
        // each write puts the chunk's own values back, so the array stays equal to the data
        add(
            r.innerWrite,
            time(() -> writeInner(r.subject, data, n, pos, r.innerWriteOps, block)),
            measured);
      }
    }
    List<PairedRows> paired = measurePairs(o, rows, data, pos);
    double[] during = load == null ? null : load.since(0);
    System.err.println("checking the arrays and cross-reading...");
    List<String> checks = new ArrayList<>();
    for (Row r : rows) {
      if (r.writeOnly) {
        check(r, readByZarr4j(r), data, "a full write read back by zarr4j");
      } else {
        r.subject.open();
        check(
            r, r.subject.values(r.subject.readAll()), data, "a full read after the random writes");
      }
      long[] st = stored(r.subject.dir);
      r.storedBytes = st[0];
      r.storedFiles = (int) st[1];
    }
    if (o.peer) {
      crossChecks(rows, data, checks);
    }
    print(
        System.out,
        o,
        rows,
        paired,
        nbytes,
        idleBefore,
        during,
        checks,
        (System.nanoTime() - t0) / 1e9);
  }

  // ---------------------------------------------------------------- the paired v2 / v3 part

  /** The operations measured as pairs on arrays with random inner-chunk operations. */
  private static final List<String> PAIRED_OPS =
      List.of("full write", "full read", "inner reads", "inner writes");

  /** The operations measured as pairs on the 512 x 512 arrays (as their table rows). */
  private static final List<String> PAIRED_FULL_OPS = List.of("full write", "full read");

  /**
   * zarr4j's v2 and v3 unsharded arrays of one chunk size, already written by the table's
   * repetitions, and one paired comparison (v2 baseline, v3 candidate) per operation.
   */
  static final class PairedRows {
    final int chunk;
    final Row baseline;
    final Row candidate;

    /** Whether the baseline is zarr-java's array (else zarr4j's v2 array, the candidate its v3). */
    final boolean peer;

    final Map<String, PairedComparison> ops = new LinkedHashMap<>();

    /** zarr4j's v2 array ({@code v2}, the baseline) against its v3 array of the same chunks. */
    PairedRows(int chunk, Row v2, Row v3, List<String> opNames) {
      this(chunk, v2, v3, opNames, false);
    }

    PairedRows(int chunk, Row baseline, Row candidate, List<String> opNames, boolean peer) {
      this.chunk = chunk;
      this.baseline = baseline;
      this.candidate = candidate;
      this.peer = peer;
      for (String op : opNames) {
        ops.put(op, new PairedComparison());
      }
    }
  }

  /**
   * Measures zarr4j's v2 and v3 unsharded arrays as interleaved pairs: {@code --warmup} unmeasured
   * then {@code --pair-reps} measured repetitions, each running every operation on both arrays back
   * to back, v2 first in even repetitions and v3 first in odd ones. Returns nothing to compare when
   * {@code --pair-reps} is 0.
   */
  private static List<PairedRows> measurePairs(
      Options o, List<Row> rows, float[] data, long[][] pos) throws Exception {
    List<PairedRows> pairs = new ArrayList<>();
    if (o.pairReps == 0) {
      return pairs;
    }
    Row v2 = find(rows, "zarr4j", "v2 zstd-3, chunks 256");
    Row v3 = find(rows, "zarr4j", "v3 zstd-3, chunks 256");
    pairs.add(new PairedRows(INNER, v2, v3, PAIRED_OPS));
    Row zj = find(rows, "zarr-java", "v3 zstd-3, chunks 256");
    if (zj != null) {
      pairs.add(new PairedRows(INNER, zj, v3, PAIRED_OPS, true));
    }
    Row v2w = find(rows, "zarr4j", "v2 zstd-3, chunks 512");
    Row v3w = find(rows, "zarr4j", "v3 zstd-3, chunks 512");
    if (v2w != null && v3w != null) {
      pairs.add(new PairedRows(512, v2w, v3w, PAIRED_FULL_OPS));
    }
    // The arrays the table wrote are reused, not created again: both sides write the same data
    // over their own existing array, so each overwrite replaces as many chunk files of alike size,
    // and the page cache and disk state are alike for v2 and v3.
    for (PairedRows p : pairs) {
      p.baseline.subject.open();
      p.candidate.subject.open();
    }
    int n = o.size;
    float[] block = new float[INNER * INNER];
    for (int rep = -o.warmup; rep < o.pairReps; rep++) {
      boolean measured = rep >= 0;
      boolean baselineFirst = Math.floorMod(rep, 2) == 0;
      System.err.printf(
          Locale.ROOT,
          "paired repetition (v2 / v3, zarr-java / zarr4j), %s %d of %d...%n",
          measured ? "repetition" : "warm-up",
          measured ? rep + 1 : rep + o.warmup + 1,
          measured ? o.pairReps : o.warmup);
      for (PairedRows p : pairs) {
        for (Map.Entry<String, PairedComparison> e : p.ops.entrySet()) {
          String op = e.getKey();
          Row first = baselineFirst ? p.baseline : p.candidate;
          Row second = baselineFirst ? p.candidate : p.baseline;
          PageCache.settle(); // untimed: no side pays for the writeback of the one before
          double[] a = timeOp(op, first, data, n, pos, block);
          PageCache.settle();
          double[] b = timeOp(op, second, data, n, pos, block);
          if (measured) {
            e.getValue().add(baselineFirst ? a : b, baselineFirst ? b : a);
          }
        }
      }
    }
    return pairs;
  }

  /** Times one operation of a paired repetition on a row's array (already open). */
  private static double[] timeOp(String op, Row r, float[] data, int n, long[][] pos, float[] block)
      throws Exception {
    V3Subject s = r.subject;
    return switch (op) {
      case "full write" -> time(() -> s.writeAll(data, n, n));
      case "full read" -> time(s::readAll);
      case "inner reads" -> time(() -> readInner(s, pos, r.innerReadOps));
      case "inner writes" -> time(() -> writeInner(s, data, n, pos, r.innerWriteOps, block));
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static List<Row> rotated(List<Row> rows, int by) {
    List<Row> out = new ArrayList<>(rows);
    java.util.Collections.rotate(out, -(by % rows.size()));
    return out;
  }

  private static void copyBlock(float[] data, int n, long i, long j, float[] block) {
    for (int r = 0; r < INNER; r++) {
      System.arraycopy(data, (int) ((i + r) * n + j), block, r * INNER, INNER);
    }
  }

  /** The array of a write-only row as zarr4j reads it. */
  private static float[] readByZarr4j(Row r) throws Exception {
    V3Subject probe = new V3Subject.Zarr4j("", r.subject.dir, false, null);
    probe.open();
    return probe.values(probe.readAll());
  }

  private static void check(Row r, float[] got, float[] expected, String what) {
    if (!Arrays.equals(got, expected)) {
      throw new IllegalStateException(r.subject.label() + ": " + what + " gave different data");
    }
  }

  private static void checkInner(Row r, V3Subject s, long[][] pos, float[] data, int n)
      throws Exception {
    float[] want = new float[INNER * INNER];
    for (int k = 0; k < r.innerReadOps; k++) {
      long[] p = pos[k];
      copyBlock(data, n, p[0], p[1], want);
      if (!Arrays.equals(s.values(s.read(p[0], p[1], INNER, INNER)), want)) {
        throw new IllegalStateException(
            r.subject.label() + ": inner chunk at " + Arrays.toString(p) + " differs");
      }
    }
  }

  /**
   * Each library reads the other's v3 arrays once (not timed); the outcome goes under the table.
   */
  private static void crossChecks(List<Row> rows, float[] data, List<String> out) {
    for (Row writer : rows) {
      V3Subject w = writer.subject;
      if (!w.layout.startsWith("v3") || w.layout.contains("512")) {
        continue;
      }
      boolean ours = w instanceof V3Subject.Zarr4j;
      if (!ours && w.layout.equals(ZJ_SHARDED_ZSTD)) {
        continue; // checked by zarr4j with every repetition's write
      }
      V3Subject probe =
          ours
              ? new V3Subject.ZarrJava("", w.dir, false, new long[2], new int[2], "[]")
              : new V3Subject.Zarr4j("", w.dir, false, null);
      String what = probe.library + " reads " + w.label() + ": ";
      try {
        probe.open();
        float[] got = probe.values(probe.readAll());
        out.add(what + (Arrays.equals(got, data) ? "same data" : "DIFFERENT DATA"));
      } catch (Exception | AssertionError e) {
        out.add(what + "fails (" + firstLine(e) + ")");
      }
    }
  }

  private static String firstLine(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getClass().getSimpleName() + ": " + c.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static long[] stored(Path dir) throws IOException {
    long bytes = 0;
    long files = 0;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)
            && !p.getFileName().toString().endsWith(".json")
            && !p.getFileName().toString().startsWith(".z")) {
          bytes += Files.size(p);
          files++;
        }
      }
    }
    return new long[] {bytes, files};
  }

  // ---------------------------------------------------------------- the table

  private static Row find(List<Row> rows, String library, String layout) {
    for (Row r : rows) {
      if (r.subject.library.equals(library) && r.subject.layout.equals(layout)) {
        return r;
      }
    }
    return null;
  }

  private static double rateOf(Stats s, double per) {
    return s.isEmpty() ? Double.NaN : per / s.median();
  }

  private static String cell(Stats s, double per) {
    if (s.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.0f (%.0f)", per / s.median(), per / s.best());
  }

  private static void print(
      PrintStream out,
      Options o,
      List<Row> rows,
      List<PairedRows> paired,
      long nbytes,
      double idleBefore,
      double[] load,
      List<String> checks,
      double elapsed) {
    int n = o.size;
    out.println();
    out.printf(
        Locale.ROOT,
        "Zarr v3 and sharding: %d x %d <f4 (%.1f MB uncompressed), DirectoryStore / zarr-java"
            + " FilesystemStore in a temp dir, page cache warm%n",
        n,
        n,
        nbytes / 1e6);
    out.println(
        PeerBench.jvmDescription()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores; zarr-java 0.0.9 (whole-array calls in its parallel mode)");
    if (load != null) {
      out.printf(
          Locale.ROOT,
          "machine load during the run: CPUs %.0f%% busy, %.0f%% by other processes%s%n",
          load[0] * 100,
          load[1] * 100,
          idleBefore >= 0
              ? String.format(Locale.ROOT, " (%.0f%% just before it)", idleBefore * 100)
              : "");
    }
    out.printf(
        Locale.ROOT,
        "median (best) of %d measured repetitions after %d warm-up, every array in every"
            + " repetition, taking turns to go first; MB/s of uncompressed data (1 MB = 1e6"
            + " bytes); inner chunk = %d x %d at a random grid position, the same %d positions for"
            + " every array (each write puts the chunk's own values back, copied into a buffer in the"
            + " timed loop); the slow operations use only the first %d positions: whole-shard"
            + " reads, inner-chunk writes into sharded arrays, and every inner-chunk operation on"
            + " zarr-java's sharded array%n",
        o.reps,
        o.warmup,
        INNER,
        INNER,
        o.ops,
        o.slowOps);
    out.println();
    String fmt = "%-10s %-46s %13s %13s %13s %13s %13s %15s%n";
    out.printf(
        Locale.ROOT,
        fmt,
        "",
        "",
        "full write",
        "full read",
        "inner reads",
        "inner writes",
        "whole-shard",
        "stored");
    out.printf(
        Locale.ROOT,
        fmt,
        "library",
        "array",
        "MB/s",
        "MB/s",
        "per s",
        "per s",
        "reads per s",
        "MB (files)");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          fmt,
          r.subject.library,
          r.subject.layout,
          cell(r.write, nbytes / 1e6),
          cell(r.read, nbytes / 1e6),
          cell(r.innerRead, r.innerReadOps),
          cell(r.innerWrite, r.innerWriteOps),
          cell(r.shardRead, o.slowOps),
          String.format(Locale.ROOT, "%.1f (%d)", r.storedBytes / 1e6, r.storedFiles));
    }
    printPaired(out, o, paired, nbytes);
    out.println();
    out.println(
        paired.isEmpty()
            ? "targets (ratios of medians in this run):"
            : "targets (ratios of medians in this run; v3 / v2 and zarr4j's unsharded / zarr-java's"
                + " from the paired measurements: median of the per-pair ratios [min-max]):");
    Row v2 = find(rows, "zarr4j", "v2 zstd-3, chunks 256");
    Row v3 = find(rows, "zarr4j", "v3 zstd-3, chunks 256");
    Row sh = find(rows, "zarr4j", "v3 zstd-3, shards 2048 / inner 256");
    String peerLayout = "v3 " + o.peerShardCodec + ", shards 2048 / inner 256";
    Row shp = find(rows, "zarr4j", peerLayout);
    Row zj = find(rows, "zarr-java", "v3 zstd-3, chunks 256");
    Row zjs = find(rows, "zarr-java", peerLayout);
    double mb = nbytes / 1e6;
    // 1. v3 unsharded within 5% of v2, same chunks
    if (paired.isEmpty()) {
      List<String> parts = new ArrayList<>();
      boolean ok = true;
      for (String op : PAIRED_OPS) {
        double q = rate(v3, op, mb, o) / rate(v2, op, mb, o);
        ok &= q >= V2_TARGET;
        parts.add(String.format(Locale.ROOT, "%s %.2fx", op, q));
      }
      target(
          out,
          "v3 unsharded / v2, chunks 256 both, >= 0.95x (unpaired)",
          String.join(", ", parts),
          ok);
      Row v2w = find(rows, "zarr4j", "v2 zstd-3, chunks 512");
      Row v3w = find(rows, "zarr4j", "v3 zstd-3, chunks 512");
      if (v2w != null && v3w != null) {
        double qw = rate(v3w, "full write", mb, o) / rate(v2w, "full write", mb, o);
        double qr = rate(v3w, "full read", mb, o) / rate(v2w, "full read", mb, o);
        target(
            out,
            "v3 unsharded / v2, chunks 512 both, >= 0.95x (unpaired)",
            String.format(Locale.ROOT, "full write %.2fx, full read %.2fx", qw, qr),
            qw >= V2_TARGET && qr >= V2_TARGET);
      }
    }
    for (PairedRows p : paired) {
      if (!p.peer) {
        pairedTarget(out, p);
      }
    }
    // 2. sharded full read within 15% of unsharded
    double q2 = rate(sh, "full read", mb, o) / rate(v3, "full read", mb, o);
    target(
        out,
        "sharded full read / v3 unsharded (chunks 256), >= 0.85x",
        String.format(Locale.ROOT, "%.2fx", q2),
        q2 >= SHARDED_READ_TARGET);
    // 3. random inner-chunk reads vs decoding whole shards
    double q3 = rate(sh, "inner reads", mb, o) / rate(sh, "whole-shard", mb, o);
    target(
        out,
        "sharded inner-chunk reads / whole-shard reads, >= 5x",
        String.format(Locale.ROOT, "%.1fx", q3),
        q3 >= PARTIAL_READ_TARGET);
    if (zjs != null) {
      // 4. random inner-chunk writes vs zarr-java's
      double q4 = rate(sh, "inner writes", mb, o) / rate(zjs, "inner writes", mb, o);
      double q4b = rate(shp, "inner writes", mb, o) / rate(zjs, "inner writes", mb, o);
      target(
          out,
          "sharded inner-chunk writes / zarr-java's, >= 10x",
          String.format(
              Locale.ROOT,
              "%.1fx (zarr4j zstd-3 vs zarr-java %s); %.1fx (both %s)",
              q4,
              o.peerShardCodec,
              q4b,
              o.peerShardCodec),
          q4 >= PARTIAL_WRITE_TARGET && q4b >= PARTIAL_WRITE_TARGET);
      // 5. every figure ahead of zarr-java's
      PairedRows peerPair = paired.stream().filter(p -> p.peer).findFirst().orElse(null);
      if (peerPair == null) {
        ahead(out, "unsharded zstd-3, chunks 256", v3, zj, mb, o);
      } else {
        aheadPaired(out, "unsharded zstd-3, chunks 256 (paired)", peerPair);
      }
      ahead(out, "sharded, both " + o.peerShardCodec, shp, zjs, mb, o);
      Row zjz = find(rows, "zarr-java", ZJ_SHARDED_ZSTD);
      double q5 = rate(sh, "full write", mb, o) / rate(zjz, "full write", mb, o);
      target(
          out,
          "ahead of zarr-java, sharded, both zstd-3, full write, > 1x",
          String.format(
              Locale.ROOT, "%.2fx (zarr-java writes, zarr4j reads it back: same data)", q5),
          q5 > 1);
      // not a target: two codecs (zarr-java cannot read zstd inside shards, so it has no
      // sharded zstd-3 array to read or update; the like-for-like figures are above)
      List<String> cross = new ArrayList<>();
      for (String op : List.of("full write", "full read", "inner reads", "inner writes")) {
        cross.add(
            String.format(Locale.ROOT, "%s %.2fx", op, rate(sh, op, mb, o) / rate(zjs, op, mb, o)));
      }
      out.printf(
          Locale.ROOT,
          "  (for reference, two codecs: zarr4j's sharded zstd-3 / zarr-java's sharded %s: %s)%n",
          o.peerShardCodec,
          String.join(", ", cross));
      double zjq = rate(zjs, "inner reads", mb, o) / rate(zjs, "whole-shard", mb, o);
      out.printf(
          Locale.ROOT,
          "  (for reference: zarr-java's sharded inner-chunk reads / its whole-shard reads: %.1fx)%n",
          zjq);
    }
    if (!checks.isEmpty()) {
      out.println();
      out.println("cross-reads (once, not timed):");
      for (String c : checks) {
        out.println("  " + c);
      }
    }
    out.printf(Locale.ROOT, "%ntotal %.0f s%n", elapsed);
  }

  /**
   * The paired section under the table: for each chunk size and operation, both sides' median
   * rates, the median per-pair ratio with its spread, and each side's median process CPU time per
   * operation with the median per-pair CPU ratio.
   */
  static void printPaired(PrintStream out, Options o, List<PairedRows> paired, long nbytes) {
    List<PairedRows> formats = paired.stream().filter(p -> !p.peer).toList();
    List<PairedRows> peers = paired.stream().filter(p -> p.peer).toList();
    if (!formats.isEmpty()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "zarr4j v2 / v3 unsharded, paired: %d measured pairs after %d warm-up; each pair runs"
              + " the operation on the v2 array then on the v3 array with the same chunks, back to"
              + " back, v3 first in every other pair, the page cache written back (sync) before"
              + " each side; both sides rewrite the same data over the arrays the table wrote;"
              + " ratio = v3 rate / v2 rate within a pair, median [min-max] over the pairs; CPU ="
              + " process CPU time (all threads) per operation, median, and the median per-pair v2"
              + " CPU / v3 CPU (above 1: v3 costs less), not a target%n",
          o.pairReps,
          o.warmup);
      printPairRows(out, formats, nbytes, "v2", "v3");
    }
    if (!peers.isEmpty()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "zarr-java / zarr4j, v3 unsharded zstd-3, paired the same way (%d measured pairs):"
              + " ratio = zarr4j rate / zarr-java rate within a pair; CPU zj/z4 above 1: zarr4j"
              + " costs less%n",
          o.pairReps);
      printPairRows(out, peers, nbytes, "zarr-java", "zarr4j");
    }
  }

  private static void printPairRows(
      PrintStream out, List<PairedRows> paired, long nbytes, String base, String cand) {
    String fmt = "%-7s %-13s %14s %14s %22s %24s %9s%n";
    String b = base.equals("v2") ? "v2" : "zj";
    String c = cand.equals("v3") ? "v3" : "z4";
    out.printf(
        Locale.ROOT,
        fmt,
        "chunks",
        "operation",
        base + " rate",
        cand + " rate",
        cand + " / " + base + " [min-max]",
        "CPU per op " + b + " / " + c,
        "CPU " + b + "/" + c);
    for (PairedRows p : paired) {
      for (Map.Entry<String, PairedComparison> e : p.ops.entrySet()) {
        String op = e.getKey();
        PairedComparison pc = e.getValue();
        boolean full = op.startsWith("full");
        int ops = op.equals("inner reads") ? p.baseline.innerReadOps : p.baseline.innerWriteOps;
        double per = full ? nbytes / 1e6 : ops;
        String unit = full ? " MB/s" : " /s";
        out.printf(
            Locale.ROOT,
            fmt,
            p.chunk,
            op,
            String.format(Locale.ROOT, "%.0f%s", per / pc.baseline().median(), unit),
            String.format(Locale.ROOT, "%.0f%s", per / pc.candidate().median(), unit),
            ratioCell(pc),
            full
                ? String.format(
                    Locale.ROOT,
                    "%.3f / %.3f s",
                    pc.baseline().medianCpu(),
                    pc.candidate().medianCpu())
                : String.format(
                    Locale.ROOT,
                    "%.0f / %.0f us",
                    pc.baseline().medianCpu() / ops * 1e6,
                    pc.candidate().medianCpu() / ops * 1e6),
            String.format(Locale.ROOT, "%.2fx", pc.medianCpuRatio()));
      }
    }
  }

  /** A paired comparison's median ratio and spread: {@code 1.01x [0.97-1.04]}. */
  static String ratioCell(PairedComparison c) {
    return String.format(
        Locale.ROOT, "%.2fx [%.2f-%.2f]", c.medianRatio(), c.minRatio(), c.maxRatio());
  }

  /** The "v3 unsharded / v2 >= 0.95x" target line of one chunk size, on the paired medians. */
  static void pairedTarget(PrintStream out, PairedRows p) {
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (Map.Entry<String, PairedComparison> e : p.ops.entrySet()) {
      double q = e.getValue().medianRatio();
      ok &= q >= V2_TARGET;
      parts.add(e.getKey() + " " + ratioCell(e.getValue()));
    }
    target(
        out,
        "v3 unsharded / v2, chunks " + p.chunk + " both, >= 0.95x (paired)",
        String.join(", ", parts),
        ok);
  }

  private static void ahead(
      PrintStream out, String what, Row ours, Row theirs, double mb, Options o) {
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (String op : List.of("full write", "full read", "inner reads", "inner writes")) {
      double q = rate(ours, op, mb, o) / rate(theirs, op, mb, o);
      ok &= q > 1;
      parts.add(String.format(Locale.ROOT, "%s %.2fx", op, q));
    }
    target(out, "ahead of zarr-java, " + what + ", > 1x", String.join(", ", parts), ok);
  }

  /** The "ahead of zarr-java" target on a zarr-java / zarr4j pair's median per-pair ratios. */
  static void aheadPaired(PrintStream out, String what, PairedRows p) {
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (Map.Entry<String, PairedComparison> e : p.ops.entrySet()) {
      ok &= e.getValue().medianRatio() > 1;
      parts.add(e.getKey() + " " + ratioCell(e.getValue()));
    }
    target(out, "ahead of zarr-java, " + what + ", > 1x", String.join(", ", parts), ok);
  }

  private static double rate(Row r, String op, double mb, Options o) {
    if (r == null) {
      return Double.NaN;
    }
    return switch (op) {
      case "full write" -> rateOf(r.write, mb);
      case "full read" -> rateOf(r.read, mb);
      case "inner reads" -> rateOf(r.innerRead, r.innerReadOps);
      case "inner writes" -> rateOf(r.innerWrite, r.innerWriteOps);
      case "whole-shard" -> rateOf(r.shardRead, o.slowOps);
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static void target(PrintStream out, String what, String figures, boolean met) {
    out.printf(Locale.ROOT, "  %-58s %s: %s%n", what, figures, met ? "met" : "NOT MET");
  }
}
