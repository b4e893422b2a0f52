package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the measurements and prints them as a plain-text table. */
final class Report {
  private final PeerBench.Options options;
  private final long nbytes;
  private final JsonNode pythonInfo;
  private final List<MainRow> main = new ArrayList<>();
  private final List<String[]> limits = new ArrayList<>();
  private final Map<String, String> storedInfo = new LinkedHashMap<>();
  private final List<String[]> index = new ArrayList<>();
  private final List<String> indexNotes = new ArrayList<>();
  private final Map<String, List<String>> sections = new LinkedHashMap<>();

  private CodecTable codecs;

  private double idleBefore = -1;
  private double[] load;

  /** Share of the CPUs other processes used just before the run (-1: unknown). */
  void idleBefore(double others) {
    idleBefore = others;
  }

  /** {busy, others} shares of the CPUs during the run, or null. */
  void load(double[] load) {
    this.load = load;
  }

  /**
   * A row of the main table: {@code bytes} of uncompressed data per run, and the target ratio
   * zarr4j / zarr-python (best times).
   */
  private record MainRow(
      String codec,
      String op,
      long bytes,
      double target,
      Stats java,
      Stats python,
      String mode,
      Stats zarrJava) {}

  /** Per codec, the read limit's parts: chunk files read on the pool, and the decode on it. */
  private final Map<String, Stats[]> readLimits = new LinkedHashMap<>();

  /** Per codec, the write limit's parts: chunk files written on the pool, and the encode on it. */
  private final Map<String, Stats[]> writeLimits = new LinkedHashMap<>();

  /**
   * Per codec, the chunk layout alone on the pool: into the row-major array (as a read moves it)
   * and out of it (as a write does).
   */
  private final Map<String, Stats[]> layouts = new LinkedHashMap<>();

  private final List<String> mainNotes = new ArrayList<>();

  Report(PeerBench.Options options, long nbytes, JsonNode pythonInfo) {
    this.options = options;
    this.nbytes = nbytes;
    this.pythonInfo = pythonInfo;
  }

  /**
   * A full write or read: zarr4j's runs, zarr-python's runs per mode (the best mode is kept) and
   * zarr-java's runs (null when it did not run).
   */
  void main(String codec, String op, Stats java, Map<String, Stats> pythonByMode, Stats zarrJava) {
    double target = op.equals("read") ? PeerBench.READ_TARGET : PeerBench.WRITE_TARGET;
    shape(codec, op, nbytes, target, java, pythonByMode, zarrJava);
  }

  /**
   * A read of part of the array in the main table (for example row bands): {@code bytes} of
   * uncompressed data per run, and the target ratio zarr4j / zarr-python's best mode.
   */
  void shape(
      String codec,
      String op,
      long bytes,
      double target,
      Stats java,
      Map<String, Stats> pythonByMode,
      Stats zarrJava) {
    Stats best = null;
    String mode = null;
    for (Map.Entry<String, Stats> e : pythonByMode.entrySet()) {
      if (!e.getValue().isEmpty() && (best == null || e.getValue().best() < best.best())) {
        best = e.getValue();
        mode = e.getKey();
      }
    }
    main.add(new MainRow(codec, op, bytes, target, java, best, mode, zarrJava));
  }

  /**
   * The parts of a codec's read limit: reading its chunk files on the chunk pool, and decoding its
   * chunks alone on the pool (null for no compressor). The limit is 1 / (1/files + 1/decode) in
   * rates; the main table's read rows print their median as a share of the limit's median.
   */
  void readLimit(String codec, Stats files, Stats decode) {
    readLimits.put(codec, new Stats[] {files, decode});
  }

  /**
   * The parts of a codec's write limit: writing its encoded chunks as new files on the chunk pool
   * (each a temporary file renamed onto the chunk's name), and encoding its chunks alone on the
   * pool (null for no compressor). The limit is 1 / (1/files + 1/encode) in rates; the main table's
   * write row prints its median as a share of the limit's median.
   */
  void writeLimit(String codec, Stats files, Stats encode) {
    writeLimits.put(codec, new Stats[] {files, encode});
  }

  /**
   * The chunk layout alone for {@code codec}: each chunk's elements moved into their rows of the
   * row-major array ({@code into}, what a full read does besides files and codec) and out of them
   * ({@code outOf}, what a full write does). Not part of the limit; the main table's {@code %parts}
   * column counts it beside the limit's parts.
   */
  void layout(String codec, Stats into, Stats outOf) {
    layouts.put(codec, new Stats[] {into, outOf});
  }

  /**
   * The median rate in MB/s of doing a full read's or write's parts one after the other: the
   * limit's files and codec, and the chunk layout of that direction; NaN when the limit or the
   * layout was not measured.
   */
  private double partsRate(String codec, boolean write) {
    Stats[] parts = (write ? writeLimits : readLimits).get(codec);
    Stats[] layout = layouts.get(codec);
    if (parts == null || layout == null) {
      return Double.NaN;
    }
    return combinedLimit(parts[0], parts[1], layout[write ? 1 : 0], nbytes);
  }

  /**
   * The median write ({@code write}) or read limit of {@code codec} in MB/s, NaN if not measured.
   */
  private double limitRate(String codec, boolean write) {
    Stats[] parts = (write ? writeLimits : readLimits).get(codec);
    return parts == null ? Double.NaN : combinedLimit(parts[0], parts[1], nbytes);
  }

  /**
   * The limit of doing the file work and the codec work on {@code bytes} of uncompressed data one
   * after the other, in MB/s: 1 / (1/files + 1/codec) of their median rates, or the files' median
   * rate alone when {@code codec} is null or empty (no compressor); NaN when {@code files} is
   * empty.
   */
  static double combinedLimit(Stats files, Stats codec, long bytes) {
    if (files == null || files.isEmpty()) {
      return Double.NaN;
    }
    double inverse = 1 / files.medianRate(bytes);
    if (codec != null && !codec.isEmpty()) {
      inverse += 1 / codec.medianRate(bytes);
    }
    return 1 / inverse;
  }

  /**
   * {@link #combinedLimit(Stats, Stats, long)} with a third part done in series, the chunk layout:
   * 1 / (1/files + 1/codec + 1/layout) of their median rates; NaN when {@code files} or {@code
   * layout} is empty.
   */
  static double combinedLimit(Stats files, Stats codec, Stats layout, long bytes) {
    double limit = combinedLimit(files, codec, bytes);
    if (layout == null || layout.isEmpty() || Double.isNaN(limit)) {
      return Double.NaN;
    }
    return 1 / (1 / limit + 1 / layout.medianRate(bytes));
  }

  /**
   * The {@code %lim} cell of a main-table row: {@code java}'s median rate on {@code bytes} as a
   * whole percentage of {@code limit} (MB/s), or empty when the limit is NaN (not measured).
   */
  static String limitShare(Stats java, long bytes, double limit) {
    return Double.isNaN(limit)
        ? ""
        : String.format(Locale.ROOT, "%.0f%%", 100 * java.medianRate(bytes) / limit);
  }

  /** A note printed under the main table (for example why a peer has no figure for a codec). */
  void mainNote(String note) {
    mainNotes.add(note);
  }

  void stored(String codec, long bytes, int files) {
    storedInfo.put(
        codec,
        String.format(
            Locale.ROOT,
            "%s: %d chunk files, %.1f MB stored, ratio %.2f",
            codec,
            files,
            bytes / 1e6,
            (double) nbytes / bytes));
  }

  /** A raw-limit row, in MB/s of uncompressed array data. */
  void limit(String codec, String what, Stats java, Stats python) {
    limits.add(
        new String[] {
          codec,
          what,
          rate(java.bestRate(nbytes)),
          rate(java.medianRate(nbytes)),
          python == null ? "" : rate(python.bestRate(nbytes)),
          python == null ? "" : rate(python.medianRate(nbytes))
        });
  }

  /** An indexing row's result for the targets line: what, ratio of best times, target (0: none). */
  private record IndexTarget(String what, double ratio, double target) {}

  private final List<IndexTarget> indexTargets = new ArrayList<>();

  /**
   * An indexing row: operations per second for zarr4j and zarr-python (its best mode kept, by best
   * time), and the target ratio (0 for none); zarr-java has no figure on this row.
   */
  void index(
      String what,
      Stats java,
      Map<String, Stats> pythonByMode,
      int ops,
      double target,
      String tag) {
    index(what, java, pythonByMode, ops, target, tag, null);
  }

  /**
   * An indexing row as {@link #index(String, Stats, Map, int, double, String)}, with zarr-java's
   * runs of the same operations (null when it did not run them).
   */
  void index(
      String what,
      Stats java,
      Map<String, Stats> pythonByMode,
      int ops,
      double target,
      String tag,
      Stats zarrJava) {
    Stats python = null;
    String mode = "";
    if (pythonByMode != null) {
      for (Map.Entry<String, Stats> e : pythonByMode.entrySet()) {
        if (!e.getValue().isEmpty() && (python == null || e.getValue().best() < python.best())) {
          python = e.getValue();
          mode = e.getKey();
        }
      }
    }
    double q = python == null ? Double.NaN : python.best() / java.best();
    index.add(
        new String[] {
          what,
          rate(ops / java.best()),
          rate(ops / java.median()),
          python == null ? "" : rate(ops / python.best()),
          python == null ? "" : rate(ops / python.median()),
          python == null ? "" : mode,
          python == null ? "" : ratio(q),
          python == null ? "" : ratio(python.median() / java.median()),
          zarrJava == null ? "" : rate(ops / zarrJava.best()),
          zarrJava == null ? "" : rate(ops / zarrJava.median()),
          zarrJava == null ? "" : ratio(zarrJava.best() / java.best()),
          zarrJava == null ? "" : ratio(zarrJava.median() / java.median()),
          target <= 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  ">= %.0fx %s",
                  target,
                  python == null ? "" : q >= target ? "met" : "NOT MET")
        });
    if (python != null && target > 0) {
      indexTargets.add(new IndexTarget(tag, q, target));
    }
  }

  void indexNote(String note) {
    indexNotes.add(note);
  }

  /** A scenario's own lines, printed under its title after the tables. */
  void section(String title, List<String> lines) {
    sections.put(title, List.copyOf(lines));
  }

  /** Starts the codecs scenario's table. */
  CodecTable codecTable(int chunks, int chunk, double seconds) {
    codecs = new CodecTable(chunks, chunk, seconds);
    return codecs;
  }

  /** The codecs scenario: per codec and side, seconds per chunk of encode and decode. */
  final class CodecTable {
    private final int chunks;
    private final int chunk;
    private final double seconds;
    private final List<CodecRow> rows = new ArrayList<>();

    private CodecTable(int chunks, int chunk, double seconds) {
      this.chunks = chunks;
      this.chunk = chunk;
      this.seconds = seconds;
    }

    void add(
        String codec,
        boolean targeted,
        int chunksUsed,
        Map<String, Stats> encode,
        Map<String, Stats> decode,
        Map<String, Double> ratios,
        String check) {
      rows.add(new CodecRow(codec, targeted, chunksUsed, encode, decode, ratios, check));
    }

    private long chunkBytes() {
      return (long) chunk * chunk * 4;
    }

    private void print(PrintStream out) {
      long cb = chunkBytes();
      out.println();
      out.printf(
          Locale.ROOT,
          "codecs alone, one thread: up to %d chunks of %d x %d <f4 (%.2f MB each) from the array's"
              + " diagonal; each measurement runs whole passes for >= %.2f s; MB/s of uncompressed"
              + " data (1 MB = 1e6 bytes), best and median of %d repetitions after %d warm-up%n",
          chunks,
          chunk,
          chunk,
          cb / 1e6,
          seconds,
          options.reps,
          options.warmup);
      String fmt = "%-20s %-6s %7s %7s   %7s %7s   %7s %7s   %7s %7s   %6s %6s   %6s %6s   %s%n";
      out.printf(
          Locale.ROOT,
          fmt,
          "",
          "",
          "zarr4j",
          "default",
          "zarr4j",
          "pure-J",
          "numcod",
          "1 thr",
          "numcod",
          "2 thr",
          "dflt/",
          "nc",
          "pure/",
          "nc",
          "");
      out.printf(
          Locale.ROOT,
          fmt,
          "codec",
          "op",
          "best",
          "median",
          "best",
          "median",
          "best",
          "median",
          "best",
          "median",
          "best",
          "median",
          "best",
          "median",
          "targets (best)");
      for (CodecRow r : rows) {
        for (String op : List.of("encode", "decode")) {
          Map<String, Stats> m = op.equals("encode") ? r.encode : r.decode;
          List<Object> cells = new ArrayList<>();
          cells.add(op.equals("encode") ? r.codec : "");
          cells.add(op);
          for (String side : CodecScenario.SIDES) {
            Stats st = m.get(side);
            cells.add(st == null || st.isEmpty() ? "" : rate(st.bestRate(cb)));
            cells.add(st == null || st.isEmpty() ? "" : rate(st.medianRate(cb)));
          }
          Stats nc = m.get("numcodecs");
          String verdict = "";
          for (String side : List.of("default", "pure-java")) {
            Stats st = m.get(side);
            if (nc == null || nc.isEmpty() || st == null || st.isEmpty()) {
              cells.add("");
              cells.add("");
              continue;
            }
            double qb = nc.best() / st.best();
            cells.add(ratio(qb));
            cells.add(ratio(nc.median() / st.median()));
            if (r.targeted) {
              double target =
                  side.equals("default")
                      ? CodecScenario.DEFAULT_TARGET
                      : CodecScenario.PURE_JAVA_TARGET;
              verdict +=
                  String.format(
                      Locale.ROOT,
                      "%s>=%.1fx %s",
                      verdict.isEmpty() ? "" : ", ",
                      target,
                      qb >= target ? "met" : "NOT MET");
            }
          }
          cells.add(verdict);
          out.printf(Locale.ROOT, fmt, cells.toArray());
        }
      }
      out.println(
          "  (numcodecs 1 thr: blosc.use_threads = False, set_nthreads(1); 2 thr: c-blosc's own 2"
              + " threads, for reference; both sides decode into a given array)");
      out.println(
          "compression ratio (zarr4j default / pure-Java / numcodecs) and same-bytes check:");
      for (CodecRow r : rows) {
        out.printf(
            Locale.ROOT,
            "  %-20s %5s / %5s / %5s   %d chunks, %s%n",
            r.codec,
            fmtRatio(r.ratios.get("default")),
            fmtRatio(r.ratios.get("pure-java")),
            fmtRatio(r.ratios.get("numcodecs")),
            r.chunksUsed,
            r.check);
      }
    }

    private String fmtRatio(Double d) {
      return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    /** The verdict line, or null when numcodecs did not run. */
    private String targets() {
      StringBuilder misses = new StringBuilder();
      int met = 0;
      int total = 0;
      for (CodecRow r : rows) {
        if (!r.targeted) {
          continue;
        }
        for (String op : List.of("encode", "decode")) {
          Map<String, Stats> m = op.equals("encode") ? r.encode : r.decode;
          Stats nc = m.get("numcodecs");
          if (nc == null || nc.isEmpty()) {
            return null;
          }
          for (String side : List.of("default", "pure-java")) {
            double target =
                side.equals("default")
                    ? CodecScenario.DEFAULT_TARGET
                    : CodecScenario.PURE_JAVA_TARGET;
            double q = nc.best() / m.get(side).best();
            total++;
            if (q >= target) {
              met++;
            } else {
              misses.append(
                  String.format(
                      Locale.ROOT,
                      "%s%s %s %s %.2fx",
                      misses.length() == 0 ? "" : ", ",
                      r.codec,
                      side,
                      op,
                      q));
            }
          }
        }
      }
      return String.format(
          Locale.ROOT,
          "CODEC TARGETS (zarr4j/numcodecs 1 thread, best of %d): default path >= %.1fx, pure-Java"
              + " >= %.1fx, encode and decode: %d/%d met%s",
          options.reps,
          CodecScenario.DEFAULT_TARGET,
          CodecScenario.PURE_JAVA_TARGET,
          met,
          total,
          misses.length() == 0 ? "" : " (not met: " + misses + ")");
    }
  }

  private record CodecRow(
      String codec,
      boolean targeted,
      int chunksUsed,
      Map<String, Stats> encode,
      Map<String, Stats> decode,
      Map<String, Double> ratios,
      String check) {}

  private static String rate(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }

  /**
   * The main table: per codec and operation, MB/s (best, median) and MB per CPU-second of zarr4j,
   * zarr-python (its best mode) and zarr-java, and the ratios zarr4j / zarr-python (with the
   * target) and zarr4j / zarr-java.
   */
  private void printMain(PrintStream out) {
    boolean zarrJava = options.useZarrJava;
    out.println();
    String fmt =
        "%-10s %-18s %6s %6s %6s %5s %6s   %6s %6s %6s %-11s %6s %6s %6s   %6s %6s   %6s %6s   %s%n";
    // group labels over the columns of fmt: 33 chars for zarr4j, 32 for zarr-python with its mode
    out.printf(
        Locale.ROOT,
        "%-10s %-18s %-33s   %-32s %-20s   %-13s   %-13s%n",
        "",
        "",
        "zarr4j MB/s",
        "zarr-python MB/s (best mode)",
        zarrJava ? "zarr-java MB/s" : "",
        "zarr4j/python",
        zarrJava ? "zarr4j/zarr-java" : "");
    out.printf(
        Locale.ROOT,
        fmt,
        "codec",
        "op",
        "best",
        "median",
        "MB/cpu",
        "%lim",
        "%parts",
        "best",
        "median",
        "MB/cpu",
        "(py mode)",
        zarrJava ? "best" : "",
        zarrJava ? "median" : "",
        zarrJava ? "MB/cpu" : "",
        "best",
        "median",
        zarrJava ? "best" : "",
        zarrJava ? "median" : "",
        "target (z4j/py best)");
    for (MainRow r : main) {
      double target = r.target;
      String[] py = peerCells(r.java, r.python, r.bytes);
      String[] zj = zarrJava ? peerCells(r.java, r.zarrJava, r.bytes) : new String[5];
      if (zarrJava && r.zarrJava == null) {
        zj = new String[] {"n/a", "n/a", "", "n/a", "n/a"};
      }
      String verdict = "";
      if (r.python != null) {
        double ratioBest = r.python.best() / r.java.best();
        verdict =
            String.format(
                Locale.ROOT, ">= %.1fx %s", target, ratioBest >= target ? "met" : "NOT MET");
      }
      boolean write = r.op.equals("write");
      double limit = limitRate(r.codec, write);
      double parts = write || r.op.equals("read") ? partsRate(r.codec, write) : Double.NaN;
      out.printf(
          Locale.ROOT,
          fmt,
          r.codec,
          r.op,
          rate(r.java.bestRate(r.bytes)),
          rate(r.java.medianRate(r.bytes)),
          rate(r.bytes / r.java.medianCpu() / 1e6),
          limitShare(r.java, r.bytes, limit),
          limitShare(r.java, r.bytes, parts),
          py[0],
          py[1],
          py[2],
          r.mode == null ? "" : "(" + r.mode + ")",
          blank(zj[0]),
          blank(zj[1]),
          blank(zj[2]),
          py[3],
          py[4],
          blank(zj[3]),
          blank(zj[4]),
          verdict);
    }
    out.println(
        "  (MB/cpu: MB per CPU-second of the whole process, all threads, median; a measure of work"
            + " that load from other processes disturbs less than wall-clock rates)");
    out.println(
        "  (%lim: zarr4j's median rate as a share of the limit on the same bytes, 1 / (1/files +"
            + " 1/codec) of the medians of raw-limit rows on the chunk pool: for reads 'read files,"
            + " new heap buffer each' and 'codec alone: decode', for writes '"
            + PeerBench.WRITE_FILES
            + "'"
            + " and 'codec alone: encode'; the limit rows are noisy, so a share"
            + " over 100% means the limit is understated)");
    out.println(
        "  (%parts: the same share of 1 / (1/files + 1/codec + 1/layout), full reads and writes"
            + " only, where layout is the '"
            + PeerBench.LAYOUT_ROW
            + "' row of the same direction: the move of each chunk's elements to or from their"
            + " rows in the array, which every chunked read or write of a row-major array makes"
            + " and the limit leaves out)");
    out.println(
        "  (bands: "
            + PeerBench.BANDS
            + " chunk-aligned bands one chunk thick per run, spread over the array, one call"
            + " each; zarr-java reads them in its parallel mode)");
    if (zarrJava) {
      out.println(
          "  (zarr-java: dev.zarr:zarr-java 0.0.9, its Zarr v2 API, whole-array write/read in its"
              + " parallel mode, in this JVM, taking turns with zarr4j and zarr-python; z4j/zj:"
              + " zarr-java's time / zarr4j's)");
    }
    for (String note : mainNotes) {
      out.println("  " + note);
    }
  }

  /**
   * A peer's cells next to zarr4j's: best MB/s, median MB/s, MB/cpu, ratio of best times (peer /
   * zarr4j) and of medians; empty strings when the peer did not run.
   */
  private String[] peerCells(Stats java, Stats peer, long bytes) {
    if (peer == null || peer.isEmpty()) {
      return new String[] {"", "", "", "", ""};
    }
    return new String[] {
      rate(peer.bestRate(bytes)),
      rate(peer.medianRate(bytes)),
      rate(bytes / peer.medianCpu() / 1e6),
      ratio(peer.best() / java.best()),
      ratio(peer.median() / java.median())
    };
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }

  void print(PrintStream out, double elapsed) {
    int n = options.size;
    out.println();
    out.printf(
        Locale.ROOT,
        "zarr4j vs zarr-python%s: %d x %d <f4, chunks %d x %d (%d chunks), %.1f MB"
            + " uncompressed%s%n",
        options.main && options.useZarrJava ? " and zarr-java" : "",
        n,
        n,
        options.chunk,
        options.chunk,
        (n / options.chunk) * (n / options.chunk),
        nbytes / 1e6,
        options.main || options.index ? ", DirectoryStore in a temp dir, page cache warm" : "");
    out.println(
        PeerBench.jvmDescription() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    if (pythonInfo != null) {
      out.printf(
          Locale.ROOT,
          "zarr-python: Python %s, zarr %s, numcodecs %s, numpy %s, blosc threads %s%n",
          pythonInfo.path("python").asText(),
          pythonInfo.path("zarr").asText(),
          pythonInfo.path("numcodecs").asText(),
          pythonInfo.path("numpy").asText(),
          pythonInfo.path("blosc_threads").asText());
    }
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
        "%d measured repetitions after %d warm-up, zarr4j, zarr-python%s interleaved (taking turns"
            + " to go first), the page cache written back (sync, untimed) before every full write"
            + " and before the reads; MB/s of uncompressed array data (1 MB = 1e6 bytes)%n",
        options.reps,
        options.warmup,
        options.useZarrJava && (options.main || options.index)
            ? " and zarr-java (main table, index windows)"
            : "");
    if (!main.isEmpty()) {
      printMain(out);
    }
    if (!limits.isEmpty()) {
      out.println();
      out.println("raw limits on the same bytes (MB/s of uncompressed array data):");
      for (String s : storedInfo.values()) {
        out.println("  " + s);
      }
      String fmt = "%-10s %-56s %9s %9s   %9s %9s%n";
      out.printf(Locale.ROOT, fmt, "", "", "java", "", "python", "");
      out.printf(Locale.ROOT, fmt, "codec", "measurement", "best", "median", "best", "median");
      for (String[] r : limits) {
        out.printf(Locale.ROOT, fmt, (Object[]) r);
      }
      out.println(
          "  (python: files read with open().read(); numcodecs encode/decode per chunk, blosc on its"
              + " own threads)");
    }
    if (!index.isEmpty()) {
      out.println();
      out.println("indexing scenario (operations per second):");
      String fmt = "%-52s %8s %8s   %8s %8s %-10s  %7s %7s   %9s %8s  %7s %7s   %s%n";
      boolean zj = options.useZarrJava;
      out.printf(
          Locale.ROOT,
          fmt,
          "",
          "zarr4j",
          "",
          "zarr-py",
          "",
          "",
          "z4j/",
          "py",
          zj ? "zarr-java" : "",
          "",
          zj ? "z4j/" : "",
          zj ? "zj" : "",
          "");
      out.printf(
          Locale.ROOT,
          fmt,
          "measurement",
          "best",
          "median",
          "best",
          "median",
          "(py mode)",
          "best",
          "median",
          zj ? "best" : "",
          zj ? "median" : "",
          zj ? "best" : "",
          zj ? "median" : "",
          "target (z4j/py)");
      for (String[] r : index) {
        out.printf(Locale.ROOT, fmt, (Object[]) r);
      }
      for (String s : indexNotes) {
        out.println("  " + s);
      }
      if (!indexTargets.isEmpty()) {
        StringBuilder t = new StringBuilder();
        int met = 0;
        for (IndexTarget it : indexTargets) {
          met += it.ratio() >= it.target() ? 1 : 0;
          t.append(t.length() == 0 ? "" : ", ")
              .append(
                  String.format(
                      Locale.ROOT,
                      "%s %.2fx (>= %.0fx%s)",
                      it.what(),
                      it.ratio(),
                      it.target(),
                      it.ratio() >= it.target() ? "" : ", NOT MET"));
        }
        out.printf(
            Locale.ROOT,
            "INDEX TARGETS (zarr4j/zarr-python best-mode, best of %d): %s => %d/%d met%n",
            options.reps,
            t,
            met,
            indexTargets.size());
      }
    }
    if (codecs != null) {
      codecs.print(out);
    }
    for (Map.Entry<String, List<String>> e : sections.entrySet()) {
      out.println();
      out.println(e.getKey() + ":");
      for (String line : e.getValue()) {
        out.println("  " + line);
      }
    }
    out.println();
    out.printf(Locale.ROOT, "total time %.0f s%n", elapsed);
    StringBuilder t = new StringBuilder();
    int met = 0;
    int total = 0;
    for (MainRow r : main) {
      if (r.python == null) {
        continue;
      }
      double target = r.target;
      double q = r.python.best() / r.java.best();
      total++;
      if (q >= target) {
        met++;
      }
      t.append(
          String.format(
              Locale.ROOT,
              "%s%s %s %.2fx%s",
              t.length() == 0 ? "" : ", ",
              r.codec,
              r.op,
              q,
              q >= target ? "" : " (NOT MET)"));
    }
    if (codecs != null && codecs.targets() != null) {
      out.println(codecs.targets());
    }
    if (total > 0) {
      out.printf(
          Locale.ROOT,
          "TARGETS (zarr4j/zarr-python best-mode, best of %d): read >= %.1fx, write >= %.1fx,"
              + " bands >= %.1fx per codec: %s => %d/%d met%n",
          options.reps,
          PeerBench.READ_TARGET,
          PeerBench.WRITE_TARGET,
          PeerBench.SHAPE_TARGET,
          t,
          met,
          total);
    } else if (options.main) {
      out.printf(
          Locale.ROOT,
          "TARGETS: read >= %.1fx and write >= %.1fx zarr-python per codec (not checked: %s)%n",
          PeerBench.READ_TARGET,
          PeerBench.WRITE_TARGET,
          main.isEmpty() ? "the main scenario did not run" : "no zarr-python in this run");
    }
  }
}
