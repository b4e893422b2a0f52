package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.metadata.v2.GroupMetadataV2;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.NpyHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user mistake exits non-zero (2 for usage errors, 1 for other failures) with one line on
 * standard error naming the culprit, no stack trace, nothing on standard output, and leaves every
 * file in the working directory exactly as it was.
 */
class CliErrorsTest {
  @TempDir Path dir;

  @BeforeEach
  void setUp() throws IOException {
    ZarrArray a =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("arr.zarr"))
                .shape(20, 30)
                .chunks(7, 9)
                .dtype("<i4")
                .build());
    a.set(NdArray.arange(DataType.INT32, 600, 20, 30));
    Files.createDirectories(dir.resolve("grp.zarr"));
    Files.write(dir.resolve("grp.zarr/.zgroup"), GroupMetadataV2.toBytes());
    Files.createDirectories(dir.resolve("obj.zarr"));
    Files.writeString(
        dir.resolve("obj.zarr/.zarray"),
        "{\"chunks\": [2], \"compressor\": null, \"dtype\": \"|O\", \"fill_value\": 0, \"filters\":"
            + " [{\"id\": \"vlen-utf8\"}], \"order\": \"C\", \"shape\": [2], \"zarr_format\": 2}");
    // an array cat has no NumPy print for (records of records)
    DataType inner =
        DataType.structured(
            java.util.List.of(
                new DataType.Field("x", DataType.parse("<i4"), java.util.List.of(), 0)));
    Zarr.create(
        ArrayOptions.builder()
            .store(dir.resolve("nested.zarr"))
            .shape(2)
            .dtype(
                DataType.structured(
                    java.util.List.of(new DataType.Field("a", inner, java.util.List.of(), 0))))
            .build());
    ZarrArray bad =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("corrupt.zarr"))
                .shape(10)
                .chunks(5)
                .dtype("<f8")
                .build());
    bad.set(1.5);
    Files.write(
        dir.resolve("corrupt.zarr/1"),
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
    Npy.write(dir.resolve("in.npy"), NdArray.arange(DataType.INT32, 12, 3, 4));
    NdArray nan = NdArray.zeros(DataType.FLOAT64, 4, 5);
    nan.set(Double.NaN, 3, 4);
    Npy.write(dir.resolve("nan.npy"), nan);
    byte[] whole = Files.readAllBytes(dir.resolve("in.npy"));
    Files.write(dir.resolve("trunc.npy"), java.util.Arrays.copyOf(whole, whole.length - 5));
    Files.writeString(dir.resolve("bad.npy"), "this is not a numpy file at all, just text");
    Files.write(dir.resolve("obj.npy"), NpyHeader.of("|O", false, 2).toBytes());
    Files.writeString(dir.resolve("file.txt"), "a file, not a directory");
    Files.writeString(dir.resolve("rag.csv"), "1,2\n3\n");
    Files.writeString(dir.resolve("hdr.csv"), "a,b\n1,2\n");
    Files.writeString(dir.resolve("big.csv"), "1,2\n300,4\n");
    Files.createDirectories(dir.resolve("grp.n5"));
    Files.writeString(dir.resolve("grp.n5/attributes.json"), "{\"n5\": \"2.0.0\"}");
    String codec = "\"object_codec\": {\"id\": \"vlen-utf8\"}";
    Files.writeString(dir.resolve("notjson.json"), "{\"shape\": [2], ");
    Files.writeString(
        dir.resolve("count.json"), "{\"shape\": [3], " + codec + ", \"data\": [\"a\"]}");
    Files.writeString(dir.resolve("noshape.json"), "{" + codec + ", \"data\": []}");
    Files.writeString(
        dir.resolve("codec.json"),
        "{\"shape\": [1], \"object_codec\": {\"id\": \"zlib\"}, \"data\": [1]}");
    Files.writeString(
        dir.resolve("dtype.json"),
        "{\"shape\": [1], \"dtype\": \"<i4\", " + codec + ", \"data\": [1]}");
    Files.writeString(
        dir.resolve("b64.json"),
        "{\"shape\": [1], \"object_codec\": {\"id\": \"vlen-bytes\"}, \"data\":"
            + " [{\"__bytes_base64__\": \"@@@\"}]}");
    Files.writeString(
        dir.resolve("wrongtype.json"), "{\"shape\": [2], " + codec + ", \"data\": [\"a\", 5]}");
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // export
        err(1, "missing.zarr", "export", "missing.zarr", "out.npy"),
        err(1, "group", "export", "grp.zarr", "out.npy"),
        err(1, "nope", "export", "arr.zarr", "out.npy", "--path", "nope"),
        err(2, "--select", "export", "arr.zarr", "out.npy", "--select", "0:2, x"),
        err(2, "step", "export", "arr.zarr", "out.npy", "--select", "::0"),
        err(1, "index 99", "export", "arr.zarr", "out.npy", "--select", "99"),
        err(1, "too many indices", "export", "arr.zarr", "out.npy", "--select", "1, 2, 3"),
        err(1, "nodir", "export", "arr.zarr", "nodir/out.npy"),
        err(1, "is a directory", "export", "arr.zarr", "grp.zarr"),
        err(1, "corrupt.zarr", "export", "corrupt.zarr", "out.npy"),
        err(1, "file.txt", "export", "file.txt", "out.npy"),
        err(1, "s3://", "export", "s3://bucket/key", "out.npy"),
        err(2, "--bogus", "export", "arr.zarr", "out.npy", "--bogus"),
        err(2, "OUT", "export", "arr.zarr"),
        err(2, "--buffer-size", "export", "arr.zarr", "out.npy", "--buffer-size", "12Q"),
        err(1, ".json", "export", "obj.zarr", "out.npy"),
        err(1, "JSON export is for object arrays", "export", "arr.zarr", "out.json"),
        // import
        err(1, "notjson.json", "import", "notjson.json", "new.zarr"),
        err(1, "needs 3", "import", "count.json", "new.zarr"),
        err(1, "\"shape\"", "import", "noshape.json", "new.zarr"),
        err(1, "not an object codec", "import", "codec.json", "new.zarr"),
        err(1, "\"dtype\"", "import", "dtype.json", "new.zarr"),
        err(1, "base64", "import", "b64.json", "new.zarr"),
        err(1, "wrongtype.json", "import", "wrongtype.json", "new.zarr"),
        err(2, "--dtype", "import", "count.json", "new.zarr", "--dtype", "<i4"),
        err(1, "missing.npy", "import", "missing.npy", "new.zarr"),
        err(1, "bad.npy", "import", "bad.npy", "new.zarr"),
        err(1, "truncated", "import", "trunc.npy", "new.zarr"),
        err(1, "object", "import", "obj.npy", "new.zarr"),
        err(1, "already holds an array", "import", "in.npy", "arr.zarr"),
        err(1, "already holds a group", "import", "in.npy", "grp.zarr"),
        err(1, "inside the array", "import", "in.npy", "arr.zarr", "--path", "sub/x"),
        err(1, "file.txt", "import", "in.npy", "file.txt"),
        err(1, "not a Zarr array or group", "import", "in.npy", "."),
        err(1, "not a Zarr array or group", "import", "in.npy", ".", "--overwrite"),
        err(1, "../x", "import", "in.npy", "arr.zarr", "--path", "../x"),
        err(1, "nan", "import", "nan.npy", "new.zarr", "--dtype", "<i4"),
        err(1, "nan", "import", "nan.npy", "grp.zarr", "--path", "a/b", "--dtype", "<i4"),
        err(
            1,
            "nan",
            "import",
            "nan.npy",
            "grp.zarr",
            "--path",
            "a/b",
            "--dtype",
            "<i4",
            "--buffer-size",
            "8"),
        err(2, "'nope'", "import", "in.npy", "new.zarr", "--compressor", "{\"id\": \"nope\"}"),
        err(2, "--compressor", "import", "in.npy", "new.zarr", "--compressor", "{"),
        err(2, "--compressor", "import", "in.npy", "new.zarr", "--compressor", "[1]"),
        err(2, "'nope'", "import", "in.npy", "new.zarr", "--filters", "[{\"id\": \"nope\"}]"),
        err(2, "--filters", "import", "in.npy", "new.zarr", "--filters", "{\"id\": \"zlib\"}"),
        err(2, "q9", "import", "in.npy", "new.zarr", "--dtype", "q9"),
        err(2, "object", "import", "in.npy", "new.zarr", "--dtype", "|O"),
        err(2, "--dtype", "import", "in.npy", "new.zarr", "--dtype", "<U3"),
        err(2, "--chunks", "import", "in.npy", "new.zarr", "--chunks", "1,2,3"),
        err(2, "--chunks", "import", "in.npy", "new.zarr", "--chunks", "a,b"),
        err(2, "--chunks", "import", "in.npy", "new.zarr", "--chunks", "0,2"),
        err(2, "--fill-value", "import", "in.npy", "new.zarr", "--fill-value", "\"x\""),
        err(2, "--fill-value", "import", "in.npy", "new.zarr", "--fill-value", "x"),
        err(2, "--order", "import", "in.npy", "new.zarr", "--order", "X"),
        err(
            2,
            "--dimension-separator",
            "import",
            "in.npy",
            "new.zarr",
            "--dimension-separator",
            "-"),
        err(2, "STORE", "import", "in.npy"),
        // info, tree, attrs
        err(1, "nope.zarr", "info", "nope.zarr"),
        err(1, "'missing'", "info", "grp.zarr", "--path", "missing"),
        err(1, "--path", "info", "grp.zarr", "--path", "a//b/../.."),
        err(1, "is an array", "tree", "arr.zarr"),
        err(2, "--level", "tree", "grp.zarr", "--level", "-1"),
        err(2, "--level", "tree", "grp.zarr", "--level", "two"),
        err(1, "'nope'", "attrs", "grp.zarr", "--delete", "nope"),
        err(1, "'nope'", "attrs", "arr.zarr", "--set", "a=1", "--delete", "nope"),
        err(2, "'u'", "attrs", "grp.zarr", "--set", "u=m/s"),
        err(2, "KEY=JSON", "attrs", "grp.zarr", "--set", "novalue"),
        err(2, "'a'", "attrs", "grp.zarr", "--delete", "a", "--set", "a=1"),
        err(2, "KEY=JSON", "attrs", "grp.zarr", "--set", "=1"),
        err(2, "'t'", "attrs", "grp.zarr", "--set", "t={\"a\": }"),
        err(1, "nothing.zarr", "attrs", "nothing.zarr", "--set", "a=1"),
        err(1, "is a group", "cat", "grp.zarr"),
        err(1, "--select", "cat", "arr.zarr", "--select", "0:2, ["),
        err(1, "99", "cat", "arr.zarr", "--select", "99"),
        err(1, "use 'zarr4j export'", "cat", "nested.zarr"),
        err(1, "already holds an array", "create", "arr.zarr", "--shape", "5"),
        err(2, "--shape", "create", "new.zarr"),
        err(2, "--shape", "create", "new.zarr", "--shape", "4,x"),
        err(2, "--shape", "create", "new.zarr", "--shape", "4,-2"),
        err(2, "--chunks", "create", "new.zarr", "--shape", "4,4", "--chunks", "1,2,3"),
        err(
            2,
            "--fill-value",
            "create",
            "new.zarr",
            "--shape",
            "4",
            "--dtype",
            "<i4",
            "--fill-value",
            "\"x\""),
        err(2, "--compressor", "create", "new.zarr", "--shape", "4", "--compressor", "{"),
        err(1, "file.txt", "create", "file.txt", "--shape", "4"),
        err(2, "--if-exists", "copy", "arr.zarr", "new.zarr", "--if-exists", "sometimes"),
        err(1, "missing.zarr", "copy", "missing.zarr", "new.zarr"),
        err(2, "--name", "copy", "grp.zarr", "new.zarr", "--name", "x"),
        err(2, "'('", "copy-store", "arr.zarr", "new.zarr", "--exclude", "("),
        err(1, "missing.zarr", "copy-store", "missing.zarr", "new.zarr"),
        err(1, "missing.zarr", "convert", "missing.zarr", "new.n5"),
        err(1, "already exists", "convert", "arr.zarr", "grp.zarr"),
        err(1, "new.n5 was not written", "convert", "obj.zarr", "new.n5"),
        err(1, "N5 has no consolidated metadata", "consolidate", "grp.n5"),
        err(1, "line 2 has 1 values", "import", "rag.csv", "new.zarr"),
        err(1, "'a'", "import", "hdr.csv", "new.zarr"),
        err(1, "'300' is not a int8", "import", "big.csv", "new.zarr", "--dtype", "|i1"),
        err(2, "--dtype", "import", "big.csv", "new.zarr", "--dtype", "<U3"),
        err(1, "CSV export takes", "export", "obj.zarr", "out.csv"),
        err(1, "rechunk takes an array", "rechunk", "grp.zarr", "new.zarr", "--chunks", "2"),
        err(2, "--chunks", "rechunk", "arr.zarr", "new.zarr"),
        err(2, "--chunks", "rechunk", "arr.zarr", "new.zarr", "--chunks", "1,2,3"),
        err(1, "already holds an array", "rechunk", "arr.zarr", "arr.zarr", "--chunks", "4,4"),
        // the command itself
        err(2, "frobnicate", "frobnicate"),
        err(2, "missing command"));
  }

  static Arguments err(int status, String culprit, String... args) {
    return Arguments.of(status, culprit, List.of(args));
  }

  @ParameterizedTest(name = "{2} -> {0}")
  @MethodSource("mistakes")
  void mistakeIsOneLineNamingTheCulpritAndChangesNothing(
      int status, String culprit, List<String> args) {
    Map<String, String> before = snapshot(dir);
    Run r = Run.inProcess(dir, args.toArray(String[]::new));
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.out()).as(r.toString()).isEmpty();
    List<String> lines = r.err().lines().toList();
    assertThat(lines).as(r.toString()).hasSize(1);
    assertThat(lines.get(0)).as(r.toString()).startsWith("zarr4j").containsIgnoringCase(culprit);
    assertThat(snapshot(dir)).as("files after " + args).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verboseCases")
  void verboseAddsTheStackTrace(List<String> args) {
    Run r = Run.inProcess(dir, args.toArray(String[]::new));
    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("\tat dev.zarr4j.");
  }

  static Stream<Arguments> verboseCases() {
    return Stream.of(
        Arguments.of(List.of("export", "--verbose", "arr.zarr", "out.npy", "--select", "99")),
        Arguments.of(List.of("--verbose", "export", "arr.zarr", "out.npy", "--select", "99")),
        Arguments.of(List.of("import", "--verbose", "in.npy", "new.zarr", "--dtype", "q9")));
  }

  /** Every regular file below {@code root}, relative path to SHA-256 of its content. */
  static Map<String, String> snapshot(Path root) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString();
        if (Files.isRegularFile(p)) {
          out.put(rel, sha256(Files.readAllBytes(p)));
        } else if (Files.isDirectory(p)) {
          out.put(rel + "/", "dir");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
