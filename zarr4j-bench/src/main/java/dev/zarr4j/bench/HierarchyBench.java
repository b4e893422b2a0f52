package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.LoggingStore.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Opening a large hierarchy: a directory store holding {@code --groups} groups of {@code
 * --per-group} arrays each (1,000 arrays by default) is opened and every array's shape and data
 * type listed, once through the ordinary metadata documents and once through consolidated metadata.
 * For each, the table gives the time (median and best of {@code --reps} runs after {@code --warmup}
 * runs that let the JIT compile the code paths) and the store operations one run makes, counted by
 * a wrapper around the store: metadata reads, existence checks and directory listings. zarr-python
 * does the same on the same files when {@code /usr/bin/python3} with zarr is present.
 *
 * <pre>
 * java -cp zarr4j-bench/target/zarr4j-bench.jar dev.zarr4j.bench.HierarchyBench [--reps 5]
 * </pre>
 */
public final class HierarchyBench {
  private HierarchyBench() {}

  /** One way of opening, measured. */
  record Result(String name, double[] millis, int arrays, long reads, long checks, long listings) {
    double median() {
      double[] s = millis.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    double best() {
      return Arrays.stream(millis).min().orElse(Double.NaN);
    }
  }

  public static void main(String[] args) throws Exception {
    int groups = 10;
    int perGroup = 100;
    int reps = 10;
    int warmup = 3;
    boolean python = true;
    boolean keep = false;
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--groups" -> groups = Integer.parseInt(args[++i]);
        case "--per-group" -> perGroup = Integer.parseInt(args[++i]);
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--no-python" -> python = false;
        case "--keep" -> keep = true;
        case "--dir" -> parent = Path.of(args[++i]);
        default -> {
          System.out.println(
              String.join(
                  "\n",
                  "usage: HierarchyBench [--groups N] [--per-group N] [--reps N] [--warmup N] [--no-python] [--keep] [--dir D]",
                  "  opens a directory-store hierarchy of N*N arrays and lists every shape and dtype,",
                  "  with and without consolidated metadata, counting store operations"));
          return;
        }
      }
    }
    Path dir = Files.createTempDirectory(parent, "zarr4j-hierarchy-bench");
    try {
      Path root = dir.resolve("h.zarr");
      int arrays = build(root, groups, perGroup);
      List<Result> results = new ArrayList<>();
      results.add(measure("zarr4j, plain", root, warmup, reps, false));
      results.add(measure("zarr4j, consolidated", root, warmup, reps, true));
      Path py = Path.of("/usr/bin/python3");
      if (python && Files.isExecutable(py)) {
        results.addAll(python(py, root, warmup, reps, dir));
      }
      print(root, groups, perGroup, arrays, warmup, reps, results);
    } finally {
      if (!keep) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } else {
        System.out.println("kept " + dir);
      }
    }
  }

  /** groups g000.. each holding arrays a000.. of a few shapes and types; then consolidated. */
  static int build(Path path, int groups, int perGroup) {
    String[] dtypes = {"<i4", "<f8", "|u1", "<c16", "<U8"};
    int n = 0;
    try (ZarrGroup root = Zarr.group(path, GroupOptions.builder().overwrite(true).build())) {
      root.attrs().put("description", "HierarchyBench");
      for (int g = 0; g < groups; g++) {
        ZarrGroup group = root.createGroup(String.format(Locale.ROOT, "g%03d", g));
        group.attrs().put("index", g);
        for (int a = 0; a < perGroup; a++) {
          group.zeros(
              String.format(Locale.ROOT, "a%03d", a),
              ArrayOptions.builder()
                  .shape(100 + a, 1 + g % 3)
                  .chunks(50, 1)
                  .dtype(dtypes[(g + a) % dtypes.length])
                  .build());
          n++;
        }
      }
    }
    Convenience.consolidateMetadata(path);
    return n;
  }

  static Result measure(String name, Path path, int warmup, int reps, boolean consolidated) {
    LoggingStore last = null;
    int arrays = 0;
    double[] millis = new double[reps];
    for (int r = -warmup; r < reps; r++) { // r < 0: warm-up
      LoggingStore store = new LoggingStore(new DirectoryStore(path), false);
      long t0 = System.nanoTime();
      ZarrGroup root =
          consolidated
              ? Convenience.openConsolidated(store, OpenMode.READ).asGroup()
              : Zarr.openGroup(store, OpenMode.READ);
      List<String> listing = new ArrayList<>();
      root.visitValues(
          node -> {
            if (node instanceof ZarrArray a) {
              listing.add(a.path() + " " + Arrays.toString(a.shape()) + " " + a.dtype());
            }
            return null;
          });
      long t1 = System.nanoTime();
      if (r >= 0) {
        millis[r] = (t1 - t0) / 1e6;
      }
      arrays = listing.size();
      last = store;
    }
    return new Result(
        name,
        millis,
        arrays,
        last.count(Kind.OPEN, Kind.GET, Kind.GET_INTO, Kind.GET_MANY),
        last.count(Kind.CONTAINS, Kind.SIZE),
        last.count(Kind.LIST_PREFIX, Kind.LIST_DIR));
  }

  static List<Result> python(Path py, Path root, int warmup, int reps, Path dir)
      throws IOException, InterruptedException {
    Path script = dir.resolve("hierarchy_bench.py");
    try (InputStream in = HierarchyBench.class.getResourceAsStream("hierarchy_bench.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p =
        new ProcessBuilder(
                py.toString(),
                script.toString(),
                root.toString(),
                Integer.toString(reps),
                Integer.toString(warmup))
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      System.err.println("zarr-python run failed: " + new String(out, StandardCharsets.UTF_8));
      return List.of();
    }
    JsonNode json = new ObjectMapper().readTree(out);
    List<Result> results = new ArrayList<>();
    for (String mode : List.of("plain", "consolidated")) {
      JsonNode m = json.get(mode);
      double[] times = new double[m.get("times").size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = m.get("times").get(i).asDouble();
      }
      JsonNode c = m.get("counts");
      results.add(
          new Result(
              "zarr-python, " + mode,
              times,
              m.get("arrays").asInt(),
              c.get("reads").asLong(),
              c.get("checks").asLong(),
              c.get("listings").asLong()));
    }
    return results;
  }

  static void print(
      Path root, int groups, int perGroup, int arrays, int warmup, int reps, List<Result> results) {
    System.out.printf(
        Locale.ROOT,
        "Hierarchy of %d groups x %d arrays = %d arrays in a directory store (%s)%n"
            + "open, then list every array's shape and dtype; median and best of %d runs after %d"
            + " warm-up runs%n%n",
        groups,
        perGroup,
        arrays,
        root,
        reps,
        warmup);
    System.out.printf(
        Locale.ROOT,
        "%-26s %8s %8s %8s %15s %17s %9s%n",
        "",
        "arrays",
        "median",
        "best",
        "metadata reads",
        "existence checks",
        "listings");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-26s %8d %6.1fms %6.1fms %15d %17d %9d%n",
          r.name(),
          r.arrays(),
          r.median(),
          r.best(),
          r.reads(),
          r.checks(),
          r.listings());
    }
  }
}
