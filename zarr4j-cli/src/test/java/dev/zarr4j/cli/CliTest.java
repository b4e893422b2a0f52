package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.python.PythonText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** The commands' successful paths in process: help, version, import then export, overwrite. */
class CliTest {
  @TempDir Path dir;

  /** "" (the top command) and every subcommand Main registers, but help and the completion. */
  static java.util.stream.Stream<String> commands() {
    java.util.Set<String> names =
        Main.commandLine(new Main(), new String[0]).getSubcommands().keySet();
    return java.util.stream.Stream.concat(
        java.util.stream.Stream.of(""),
        names.stream().filter(n -> !n.equals("help") && !n.equals("generate-completion")));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("commands")
  void everyCommandHasHelp(String command) {
    assertThat(commands().count()).isGreaterThanOrEqualTo(15); // "" and 14 commands
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    Run r = Run.inProcess(dir, args);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Usage: zarr4j" + (command.isEmpty() ? "" : " " + command));
    if (!command.isEmpty()) {
      assertThat(r.out()).as("an example in the help").contains("Example: zarr4j " + command + " ");
    }
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpSubcommandAndVersion() {
    assertThat(Run.inProcess(dir, "help", "import").ok().out()).contains("--fill-value=JSON");
    Run v = Run.inProcess(dir, "--version").ok();
    assertThat(v.out()).matches("(?s)zarr4j \\d+\\.\\d+\\.\\d+.*\nJava .*");
    assertThat(Run.inProcess(dir, "export", "--version").ok().out()).startsWith("zarr4j ");
  }

  /** A run registers only the subcommand it names; the help and a misspelt name see them all. */
  @Test
  void aRunRegistersTheCommandItNamesAndTheHelpListsAll() {
    Run r = Run.inProcess(dir, "--quiet", "exprt", "a.zarr");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("zarr4j: Unmatched arguments from index 1: 'exprt'");
    Run top = Run.inProcess(dir, "--help").ok();
    for (String name : List.of("tour", "info", "rechunk", "export", "import", "help")) {
      assertThat(top.out()).contains("  " + name + " ");
    }
    assertThat(Run.inProcess(dir, "-q", "info", "--help").ok().out())
        .startsWith("Usage: zarr4j info");
  }

  @Test
  void importThenExportRoundTripsAndOverwriteIsExplicit() throws IOException {
    NdArray a = NdArray.arange(DataType.FLOAT32, 600, 20, 30);
    Npy.write(dir.resolve("a.npy"), a);
    Run imp =
        Run.inProcess(
                dir,
                "import",
                "a.npy",
                "s.zarr",
                "--path",
                "g/x",
                "--chunks",
                "7,-1",
                "--buffer-size",
                "256")
            .ok();
    assertThat(imp.out()).contains("shape (20, 30) float32").contains("chunks (7, 30)");
    assertThat(imp.err()).isEmpty();
    assertThat(dir.resolve("s.zarr/.zgroup")).exists();
    assertThat(dir.resolve("s.zarr/g/.zgroup")).exists();
    ZarrArray z =
        Zarr.openArray(
            Zarr.directoryStore(dir.resolve("s.zarr")),
            OpenMode.READ,
            dev.zarr4j.ArrayOptions.builder().path("g/x").build());
    assertThat(z.get()).isEqualTo(a);

    Run exp =
        Run.inProcess(
                dir,
                "export",
                "s.zarr",
                "b.npy",
                "--path",
                "g/x",
                "--select",
                "2:9, ::3",
                "--buffer-size",
                "100")
            .ok();
    assertThat(exp.out()).contains("shape (7, 10) float32");
    assertThat(Npy.read(dir.resolve("b.npy"))).isEqualTo(z.get("2:9, ::3"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")))
          .as("temporary files left")
          .isEmpty();
    }

    // a second import needs --overwrite, and then replaces the array
    Npy.write(dir.resolve("c.npy"), NdArray.arange(DataType.INT16, 6, 2, 3));
    assertThat(Run.inProcess(dir, "import", "c.npy", "s.zarr", "--path", "g/x").status())
        .isEqualTo(1);
    Run.inProcess(dir, "import", "c.npy", "s.zarr", "--path", "g/x", "--overwrite").ok();
    ZarrArray replaced =
        Zarr.openArray(
            Zarr.directoryStore(dir.resolve("s.zarr")),
            OpenMode.READ,
            dev.zarr4j.ArrayOptions.builder().path("g/x").build());
    assertThat(replaced.shape()).containsExactly(2, 3);
    assertThat(replaced.get()).isEqualTo(NdArray.arange(DataType.INT16, 6, 2, 3));
    assertThat(replaced.nchunksInitialized()).isEqualTo(1);
  }

  @Test
  void objectArraysExportToJsonInBoundedBlocksAndImportBack() throws IOException {
    ZarrArray z =
        Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(dir.resolve("o.zarr"))
                .shape(7, 3)
                .chunks(2, 2)
                .dtype("str")
                .fillValue("")
                .build());
    NdArray v = NdArray.zeros(DataType.OBJECT, 7, 3);
    for (int i = 0; i < v.size(); i++) {
      v.setFlat(i, i % 4 == 0 ? "" : "e" + i + "\u00e9\"q");
    }
    z.set(v);
    Run refused = Run.inProcess(dir, "export", "o.zarr", "o.npy");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("ending in .json");
    assertThat(dir.resolve("o.npy")).doesNotExist();
    assertThat(dir.resolve("o.json")).doesNotExist();
    Run exp =
        Run.inProcess(
                dir, "export", "o.zarr", "o.json", "--select", "1:, ::2", "--buffer-size", "128")
            .ok();
    assertThat(exp.out()).contains("to o.json: shape (6, 2) object");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> doc =
        (java.util.Map<String, Object>)
            dev.zarr4j.python.PythonJson.parse(Files.readAllBytes(dir.resolve("o.json")));
    assertThat(doc.get("shape")).isEqualTo(List.of(6L, 2L));
    assertThat(doc.get("object_codec")).isEqualTo(java.util.Map.of("id", "vlen-utf8"));
    NdArray expected = z.get("1:, ::2");
    List<?> data = (List<?>) doc.get("data");
    assertThat(data).hasSize(expected.size());
    for (int i = 0; i < data.size(); i++) {
      assertThat(data.get(i)).isEqualTo(expected.getFlat(i));
    }
    // and back: the JSON file imports as an object array with the same codec and values
    Run imp = Run.inProcess(dir, "import", "o.json", "back.zarr", "--chunks", "4,1").ok();
    assertThat(imp.out()).contains("shape (6, 2) object, chunks (4, 1)");
    ZarrArray back = Zarr.openArray(dir.resolve("back.zarr"));
    assertThat(back.objectCodec()).isEqualTo(z.objectCodec());
    assertThat(back.get()).isEqualTo(expected);
  }

  @Test
  void exportOfAScalarSelectionIsZeroDimensional() throws IOException {
    Npy.write(dir.resolve("a.npy"), NdArray.arange(DataType.INT64, 12, 3, 4));
    Run.inProcess(dir, "import", "a.npy", "s.zarr").ok();
    Run.inProcess(dir, "export", "s.zarr", "one.npy", "--select", "-1, 2").ok();
    NdArray one = Npy.read(dir.resolve("one.npy"));
    assertThat(one.shape()).isEmpty();
    assertThat(one.getLong()).isEqualTo(10);
  }

  @Test
  void textFormsMatchNumPy() {
    assertThat(Text.array(NdArray.arange(DataType.INT32, 10000)))
        .isEqualTo("array([   0,    1,    2, ..., 9997, 9998, 9999], dtype=int32)");
    assertThat(Text.array(NdArray.arange(DataType.INT64, 4, 2, 2)))
        .isEqualTo("array([[0, 1],\n       [2, 3]])");
    assertThat(Text.py(List.of(1L, "a", true))).isEqualTo("[1, 'a', True]");
    assertThat(PythonText.tuple(new long[] {5})).isEqualTo("(5,)");
  }

  @Test
  void quietSilencesWhatWasDoneButNotValuesOrErrors() throws IOException {
    Npy.write(dir.resolve("a.npy"), NdArray.arange(DataType.INT16, 6, 2, 3));
    Run imp = Run.inProcess(dir, "-q", "import", "a.npy", "q.zarr").ok();
    assertThat(imp.out()).isEmpty();
    assertThat(imp.err()).isEmpty();
    Run copy = Run.inProcess(dir, "copy", "--quiet", "q.zarr", "c.zarr", "--name", "x").ok();
    assertThat(copy.out()).isEmpty();
    assertThat(
            Zarr.openArray(
                    Zarr.directoryStore(dir.resolve("c.zarr")),
                    OpenMode.READ,
                    dev.zarr4j.ArrayOptions.builder().path("x").build())
                .get())
        .isEqualTo(NdArray.arange(DataType.INT16, 6, 2, 3));
    assertThat(Run.inProcess(dir, "--quiet", "cat", "q.zarr").ok().out())
        .isEqualTo("[[0 1 2]\n [3 4 5]]\n");
    Run again = Run.inProcess(dir, "-q", "import", "a.npy", "q.zarr");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("already holds an array");
  }
}
