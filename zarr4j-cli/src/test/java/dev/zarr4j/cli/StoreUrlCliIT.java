package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar ({@code java -jar zarr4j-cli.jar}, a process per command) writes and reads every
 * kind of store by URL: an S3 bucket on S3Proxy and a Redis server (both real servers on loopback),
 * a zip file that zarr-python 2 then reads; bad stores fail with one line naming the URL and change
 * nothing; store modules load only for their own scheme.
 */
class StoreUrlCliIT {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final int TIMEOUT = 120;

  @TempDir Path dir;
  private String expected;

  @BeforeEach
  void writeArray() {
    TestArrays.writeIntArray(dir.resolve("src.zarr"), Map.of());
    expected = here("cat", "src.zarr", "--path", "g/a").ok().out();
    here("export", "src.zarr", "orig.npy", "--path", "g/a", "--no-progress").ok();
  }

  /** A command run as {@code java -jar}: what these tests are about (a few seconds each). */
  private Run jar(String... args) {
    return Run.jar(dir, List.of(), TIMEOUT, args);
  }

  /** A command run in this JVM: the checks of what the processes wrote. */
  private Run here(String... args) {
    return Run.inProcess(dir, args);
  }

  /** {@code args} followed by {@code option} before each of {@code values}. */
  private static String[] with(List<String> values, String option, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    for (String v : values) {
      all.add(option);
      all.add(v);
    }
    return all.toArray(String[]::new);
  }

  private void assertOneLineError(Run r, String url) {
    assertThat(r.status()).as(r.toString()).isIn(1, 2);
    assertThat(r.err().strip()).as(r.toString()).doesNotContain("\n").contains(url);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void everyCommandWritesAndReadsAnS3Bucket() throws Exception {
    String bucket = "cli-" + NEXT.incrementAndGet();
    TestServers.createBucket(bucket);
    List<String> o = TestServers.s3Options();
    String url = "s3://" + bucket + "/data.zarr";
    jar(with(o, "--dst-option", "convert", "src.zarr", url, "--no-progress")).ok();
    assertThat(here(with(o, "--storage-option", "cat", url, "--path", "g/a")).ok().out())
        .isEqualTo(expected);
    here(with(o, "--storage-option", "attrs", url, "--path", "g/a", "--set", "units=\"m\"")).ok();
    jar(with(o, "--storage-option", "import", "orig.npy", url, "--path", "h", "--no-progress"))
        .ok();
    here(with(o, "--storage-option", "consolidate", url)).ok();
    // S3 to a zip file, which export reads back to the same .npy bytes
    jar(with(o, "--src-option", "copy", url, "out.zip", "--path", "h", "--no-progress")).ok();
    here("export", "out.zip", "back.npy", "--path", "h", "--no-progress").ok();
    assertThat(Files.readAllBytes(dir.resolve("back.npy")))
        .isEqualTo(Files.readAllBytes(dir.resolve("orig.npy")));
    assertThat(here(with(o, "--storage-option", "attrs", url, "--path", "g/a")).ok().out())
        .contains("\"units\": \"m\"");
    // a missing bucket and an endpoint nobody listens on (checked in this JVM: the SDK's start
    // costs seconds a process): one line naming the URL, nothing made
    String missing = "s3://no-such-bucket-" + bucket + "/x.zarr";
    assertOneLineError(
        here(with(o, "--dst-option", "copy-store", "src.zarr", missing)), "no-such-bucket");
    List<String> dead =
        List.of(
            "endpoint_url=http://127.0.0.1:1",
            "region=us-east-1",
            "key=k",
            "secret=s",
            "retry_deadline=2");
    assertOneLineError(
        here(with(dead, "--storage-option", "create", url, "--shape", "4", "--path", "z")), url);
    assertThat(dir.resolve("x.zarr")).doesNotExist();
  }

  @Test
  void everyCommandWritesAndReadsARedisServer() throws Exception {
    int port = TestServers.redis();
    String url = "redis://127.0.0.1:" + port + "/0?prefix=cli" + NEXT.incrementAndGet();
    jar("import", "orig.npy", url, "--path", "x", "--chunks", "5,5", "--no-progress").ok();
    here("export", url, "back.npy", "--path", "x", "--no-progress").ok();
    assertThat(Files.readAllBytes(dir.resolve("back.npy")))
        .isEqualTo(Files.readAllBytes(dir.resolve("orig.npy")));
    jar("copy", "src.zarr", url, "--path", "g", "--no-progress").ok();
    assertThat(here("cat", url, "--path", "g/a").ok().out()).isEqualTo(expected);
    jar(
            "rechunk",
            url,
            url,
            "--path",
            "g/a",
            "--dest-path",
            "r",
            "--chunks",
            "12,1",
            "--no-progress")
        .ok();
    jar("copy-store", url, "copy.zarr").ok();
    assertThat(here("cat", "copy.zarr", "--path", "r").ok().out()).isEqualTo(expected);
    // nobody listens on port 1
    String dead = "redis://127.0.0.1:1/0";
    assertOneLineError(
        jar("create", dead, "--shape", "4", "--storage-option", "timeout_ms=2000"), dead);
  }

  @Test
  void zarrPythonReadsAZipFileTheCliWrote() throws Exception {
    ZarrPython.require();
    jar("import", "orig.npy", "out.zip", "--path", "x", "--chunks", "5,3", "--no-progress").ok();
    jar("copy", "src.zarr", "out.zip", "--path", "g", "--no-progress").ok();
    here("attrs", "out.zip", "--path", "g/a", "--set", "units=\"m\"").ok();
    String script =
        String.join(
            "\n",
            "import sys, numpy, zarr",
            "store = zarr.ZipStore(sys.argv[1], mode='r')",
            "root = zarr.open_group(store, mode='r')",
            "want = numpy.load(sys.argv[2])",
            "assert (root['x'][...] == want).all(), 'x differs'",
            "assert root['x'].chunks == (5, 3), root['x'].chunks",
            "assert (root['g/a'][...] == want).all(), 'g/a differs'",
            "assert root['g/a'].attrs['units'] == 'm'",
            "names = store.zf.namelist()",
            "assert len(names) == len(set(names)), 'duplicate entries'",
            "print('ok', len(names))");
    Path py = dir.resolve("check.py");
    Files.writeString(py, script);
    var r =
        ZarrPython.run(
            List.of(
                py.toString(),
                dir.resolve("out.zip").toString(),
                dir.resolve("orig.npy").toString()),
            120);
    assertThat(r.output()).startsWith("ok");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void storeModulesLoadOnlyForTheirOwnScheme() {
    List<String> log = List.of("-Xlog:class+load=info");
    String[] sdks = {
      "software.amazon.awssdk",
      "redis.clients",
      "com.mongodb",
      "org.sqlite",
      "org.lmdbjava",
      "com.sleepycat"
    };
    Run plain = Run.jar(dir, log, TIMEOUT, "info", "src.zarr", "--path", "g/a");
    assertThat(plain.status()).as(plain.toString()).isZero();
    assertThat(plain.out())
        .contains("dev.zarr4j.cli.Main")
        .doesNotContain(sdks)
        .doesNotContain("StoreProvider");
    String db = "sqlite:" + dir.resolve("d.sqlite").toAbsolutePath();
    here("convert", "src.zarr", db, "--no-progress").ok();
    Run sqlite = Run.jar(dir, log, TIMEOUT, "info", db, "--path", "g/a");
    assertThat(sqlite.status()).as(sqlite.toString()).isZero();
    assertThat(sqlite.out())
        .contains("org.sqlite")
        .contains("dev.zarr4j.store.s3.S3StoreProvider")
        .doesNotContain("software.amazon.awssdk", "redis.clients", "com.mongodb", "org.lmdbjava");
  }

  @Test
  void anLmdbUrlWorksWithAPlainJavaJar() {
    // lmdbjava needs java.nio opened: the jar's manifest does it (Add-Opens)
    String url = "lmdb:" + dir.resolve("data.lmdb").toAbsolutePath();
    jar("convert", "src.zarr", url, "--no-progress").ok();
    assertThat(jar("cat", url, "--path", "g/a").ok().out()).isEqualTo(expected);
  }
}
