package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every writing command writes to a zip file (staged, written in one pass when the command
 * succeeds) and to the URL of a writable store ({@code sqlite:} here; S3 and Redis in {@code
 * StoreUrlCliIT}), with storage options; failures leave the destination as it was and name the
 * store.
 */
class StoreDestinationCliTest {
  @TempDir Path dir;

  /** Writes an int32 array at {@code src.zarr/g/a} and returns its values. */
  private NdArray writeArray(String name) {
    return TestArrays.writeIntArray(dir.resolve(name), Map.of("units", "m"));
  }

  private static List<String> entries(Path zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      z.stream().map(ZipEntry::getName).forEach(names::add);
    }
    return names;
  }

  /** Files left beside the destination (staging directories, partial archives). */
  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  private String sqlite(String name) {
    return "sqlite:" + dir.resolve(name).toAbsolutePath();
  }

  /**
   * Seeded round trips: an array goes through a chain of two random destinations (a zip file, an
   * SQLite URL, a directory, an N5 directory) by random commands, and exports to the same .npy
   * bytes as the original.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void anArrayRoundTripsThroughRandomStoresAndCommands(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int nd = 1 + r.nextInt(3);
    int[] shape = new int[nd];
    long[] lengths = new long[nd];
    int[] chunks = new int[nd];
    int n = 1;
    for (int d = 0; d < nd; d++) {
      shape[d] = 1 + r.nextInt(15);
      lengths[d] = shape[d];
      chunks[d] = 1 + r.nextInt(shape[d]);
      n *= shape[d];
    }
    String[] dtypes = {"<i4", "<f8", "<i2"};
    String dtype = dtypes[r.nextInt(dtypes.length)];
    try (DirectoryStore store = new DirectoryStore(dir.resolve("orig.zarr"))) {
      ZarrArray z =
          Zarr.create(ArrayOptions.builder().store(store).shape(lengths).dtype(dtype).build());
      z.set(NdArray.arange(DataType.parse(dtype), n, shape));
    }
    Run.inProcess(dir, "export", "orig.zarr", "orig.npy", "--no-progress").ok();
    String[] kinds = {"a.zip", sqlite("a.sqlite"), "a.zarr", "b.zip", sqlite("b.sqlite"), "b.n5"};
    String first = kinds[r.nextInt(3)];
    String second = kinds[3 + r.nextInt(3)];
    String chunkText = joined(chunks);
    Run.inProcess(
            dir, "import", "orig.npy", first, "--path", "x", "--chunks", chunkText, "--no-progress")
        .ok();
    String how = List.of("copy", "convert", "rechunk", "copy-store").get(r.nextInt(4));
    if (second.endsWith(".n5") && how.equals("copy-store")) {
      how = "copy"; // stored Zarr v2 keys in an N5 directory are no N5 container
    }
    List<String> args = new ArrayList<>(List.of(how, first, second));
    if (how.equals("rechunk")) {
      args.addAll(
          List.of("--path", "x", "--chunks", (1 + r.nextInt(shape[0])) + ",-1".repeat(nd - 1)));
    }
    if (how.equals("copy")) {
      args.addAll(List.of("--path", "x"));
    }
    if (!how.equals("copy-store")) {
      args.add("--no-progress");
    }
    Run copied = Run.inProcess(dir, args.toArray(String[]::new));
    assertThat(copied.status()).as(copied.toString()).isZero();
    Run.inProcess(dir, "export", second, "back.npy", "--path", "x", "--no-progress").ok();
    assertThat(Files.readAllBytes(dir.resolve("back.npy")))
        .as("%s %s -> %s -> %s", dtype, how, first, second)
        .isEqualTo(Files.readAllBytes(dir.resolve("orig.npy")));
    assertThat(leftovers()).isEmpty();
  }

  private static String joined(int[] values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append(sb.length() == 0 ? "" : ",").append(v);
    }
    return sb.toString();
  }

  @Test
  void commandsThatRewriteKeysWriteAZipInOnePassWithEachKeyOnce() throws IOException {
    writeArray("src.zarr");
    Run.inProcess(dir, "copy", "src.zarr", "out.zip", "--no-progress").ok();
    String expected = Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out();
    assertThat(Run.inProcess(dir, "cat", "out.zip", "--path", "g/a").ok().out())
        .isEqualTo(expected);
    // attrs --set rewrites .zattrs, consolidate adds .zmetadata, create adds an array beside
    Run.inProcess(dir, "attrs", "out.zip", "--path", "g/a", "--set", "units=\"km\"").ok();
    Run.inProcess(dir, "create", "out.zip", "--path", "g/b", "--shape", "4", "--dtype", "<i2").ok();
    Run.inProcess(dir, "consolidate", "out.zip").ok();
    List<String> names = entries(dir.resolve("out.zip"));
    assertThat(new HashSet<>(names)).hasSize(names.size());
    assertThat(names).contains("g/a/.zattrs", "g/b/.zarray", ".zmetadata", "g/a/0.0");
    assertThat(Run.inProcess(dir, "attrs", "out.zip", "--path", "g/a").ok().out())
        .contains("\"units\": \"km\"");
    assertThat(Run.inProcess(dir, "cat", "out.zip", "--path", "g/a").ok().out())
        .isEqualTo(expected);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aFailedCommandLeavesTheZipAsItWasAndCreatesNone() throws IOException {
    writeArray("src.zarr");
    Run.inProcess(dir, "copy", "src.zarr", "out.zip", "--no-progress").ok();
    byte[] before = Files.readAllBytes(dir.resolve("out.zip"));
    Run exists =
        Run.inProcess(dir, "create", "out.zip", "--path", "g/a", "--shape", "4", "--dtype", "<i2");
    assertThat(exists.status()).isEqualTo(1);
    assertThat(exists.err()).contains("out.zip").contains("--overwrite");
    Run noAttr = Run.inProcess(dir, "attrs", "out.zip", "--path", "g/a", "--delete", "nope");
    assertThat(noAttr.status()).isEqualTo(1);
    assertThat(Files.readAllBytes(dir.resolve("out.zip"))).isEqualTo(before);
    // a dry run writes nothing, not even a new archive
    Run.inProcess(dir, "copy", "src.zarr", "out.zip", "--dry-run", "--if-exists", "replace").ok();
    assertThat(Files.readAllBytes(dir.resolve("out.zip"))).isEqualTo(before);
    Run.inProcess(dir, "copy-store", "src.zarr", "new.zip", "--dry-run").ok();
    assertThat(dir.resolve("new.zip")).doesNotExist();
    // a failing import creates no archive
    Files.writeString(dir.resolve("bad.npy"), "not a npy file");
    Run bad = Run.inProcess(dir, "import", "bad.npy", "new.zip", "--no-progress");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(dir.resolve("new.zip")).doesNotExist();
    // --overwrite replaces the node at the path and keeps the rest of the archive
    Run.inProcess(
            dir,
            "create",
            "out.zip",
            "--path",
            "g/a",
            "--shape",
            "4",
            "--dtype",
            "<i2",
            "--overwrite")
        .ok();
    List<String> names = entries(dir.resolve("out.zip"));
    assertThat(names).contains("g/a/.zarray", ".zgroup", "g/.zgroup").doesNotContain("g/a/0.0");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aZipDestinationTakesItsCompressionAsAStorageOption() throws IOException {
    writeArray("src.zarr");
    Run.inProcess(
            dir,
            "convert",
            "src.zarr",
            "deflated.zip",
            "--dst-option",
            "compression=deflated",
            "--no-progress")
        .ok();
    try (ZipFile z = new ZipFile(dir.resolve("deflated.zip").toFile())) {
      assertThat(z.stream().map(ZipEntry::getMethod)).containsOnly(ZipEntry.DEFLATED);
    }
    Run unknown =
        Run.inProcess(
            dir, "convert", "src.zarr", "other.zip", "--dst-option", "level=9", "--no-progress");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("'level'").contains("other.zip");
    assertThat(dir.resolve("other.zip")).doesNotExist();
  }

  @Test
  void anSqliteUrlIsWrittenAndReadByEveryCommand() {
    NdArray a = writeArray("src.zarr");
    String db = sqlite("data.sqlite");
    Run.inProcess(dir, "convert", "src.zarr", db, "--zarr-format", "3", "--no-progress").ok();
    String expected = Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out();
    assertThat(Run.inProcess(dir, "cat", db, "--path", "g/a").ok().out()).isEqualTo(expected);
    Run.inProcess(dir, "attrs", db, "--path", "g/a", "--set", "scale=2").ok();
    assertThat(Run.inProcess(dir, "attrs", db, "--path", "g/a").ok().out())
        .contains("\"scale\": 2");
    Run.inProcess(dir, "create", db, "--path", "g/c", "--shape", "3", "--dtype", "<f4").ok();
    assertThat(Run.inProcess(dir, "tree", db).ok().out()).contains("c (3,) float32");
    Run.inProcess(
            dir,
            "rechunk",
            db,
            db,
            "--path",
            "g/a",
            "--dest-path",
            "r",
            "--chunks",
            "12,1",
            "--no-progress")
        .ok();
    assertThat(Run.inProcess(dir, "cat", db, "--path", "r").ok().out()).isEqualTo(expected);
    // read-only through the provider's own option
    Run ro =
        Run.inProcess(
            dir, "create", db, "--path", "x", "--shape", "3", "--storage-option", "read_only=true");
    assertThat(ro.status()).isEqualTo(1);
    assertThat(ro.err()).contains(db).contains("read-only");
    assertThat(a.shape()).containsExactly(12, 10);
  }

  @Test
  void badStoresFailWithOneLineNamingTheUrl() throws IOException {
    writeArray("src.zarr");
    Run scheme = Run.inProcess(dir, "copy", "src.zarr", "nosuch://host/x", "--no-progress");
    assertThat(scheme.status()).isEqualTo(1);
    assertThat(scheme.err().strip()).doesNotContain("\n").contains("nosuch://host/x");
    Run http =
        Run.inProcess(dir, "create", "http://127.0.0.1:9/x.zarr", "--shape", "4", "--dtype", "<i4");
    assertThat(http.status()).isEqualTo(1);
    assertThat(http.err().strip())
        .doesNotContain("\n")
        .contains("http://127.0.0.1:9/x.zarr")
        .contains("read-only");
    Run option =
        Run.inProcess(dir, "info", "src.zarr", "--path", "g/a", "--storage-option", "nokey");
    assertThat(option.status()).isEqualTo(2);
    Run unknown =
        Run.inProcess(dir, "info", "src.zarr", "--path", "g/a", "--storage-option", "colour=blue");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("colour").contains("src.zarr");
    Run known =
        Run.inProcess(
            dir, "info", "src.zarr", "--path", "g/a", "--storage-option", "normalize_keys=false");
    assertThat(known.status()).as(known.toString()).isZero();
    Set<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
    assertThat(files).containsExactly("src.zarr");
  }

  @Test
  void aMongoDbUrlIsWrittenAndRead() {
    writeArray("src.zarr");
    MongoServer server = new MongoServer(new MemoryBackend());
    InetSocketAddress at = server.bind();
    try {
      String url = "mongodb://127.0.0.1:" + at.getPort() + "/cli/arrays";
      Run.inProcess(dir, "copy", "src.zarr", url, "--no-progress").ok();
      String expected = Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out();
      assertThat(Run.inProcess(dir, "cat", url, "--path", "g/a").ok().out()).isEqualTo(expected);
      Run.inProcess(dir, "attrs", url, "--path", "g/a", "--set", "units=\"km\"").ok();
      Run.inProcess(dir, "convert", url, "back.zip", "--no-progress").ok();
      assertThat(Run.inProcess(dir, "attrs", "back.zip", "--path", "g/a").ok().out())
          .contains("\"units\": \"km\"");
      assertThat(Run.inProcess(dir, "cat", "back.zip", "--path", "g/a").ok().out())
          .isEqualTo(expected);
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  void aBerkeleyDbUrlIsWrittenAndRead() {
    writeArray("src.zarr");
    String url = "bdb:" + dir.resolve("data.bdb").toAbsolutePath();
    Run.inProcess(dir, "copy-store", "src.zarr", url).ok();
    Run.inProcess(dir, "consolidate", url).ok();
    String expected = Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out();
    assertThat(Run.inProcess(dir, "cat", url, "--path", "g/a").ok().out()).isEqualTo(expected);
    assertThat(Run.inProcess(dir, "tree", url).ok().out()).contains("a (12, 10) int32");
  }
}
