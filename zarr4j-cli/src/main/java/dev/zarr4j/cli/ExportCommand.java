package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j export}: an array, or a basic selection of it, to a NumPy {@code .npy} file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Writes an array, or a selection of it, to a NumPy .npy file (C order, the array's data"
          + " type), streaming block by block so arrays larger than memory export in bounded"
          + " memory. The file appears only when complete.",
      "",
      "A name ending in .csv writes a 1-d or 2-d selection of a boolean, integer or float array"
          + " as CSV (one row per line, no header; floats as NumPy prints them).",
      "",
      "Object arrays, which .npy cannot hold without pickle, export to a .json file instead:"
          + " {\"shape\": [...], \"dtype\": \"|O\", \"object_codec\": {...}, \"encoding\":"
          + " \"...\", \"data\": [elements, flat, in C order]}, bytes as {\"__bytes_base64__\":"
          + " \"...\"}, non-finite floats as {\"__float__\": \"nan\"}, ragged arrays as"
          + " {\"array\": [...], \"dtype\": \"<i8\"}. 'zarr4j import' reads that file back.",
      "",
      "Example: zarr4j export data/example.zarr part.npy --select \"0:10, ::2\""
    })
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STORE", description = StorageOptions.STORE)
  String store;

  @Mixin StorageOptions storage = new StorageOptions();

  @Parameters(
      index = "1",
      paramLabel = "OUT",
      description =
          "The file to write, replaced if it exists: a .npy file, or a .json file for an object"
              + " array.")
  Path out;

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "The array's path inside the store (default: the store's root).")
  String path = "";

  @Option(
      names = "--select",
      paramLabel = "SEL",
      converter = Converters.SelectionConverter.class,
      description =
          "A basic selection in NumPy's form, e.g. \"0:10, ::2\" or \"5, ...\";"
              + " integer-indexed dimensions are dropped as in NumPy (default: everything).")
  Selection select = Selection.all();

  @Option(
      names = "--buffer-size",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description =
          "Most bytes of data fetched at once, e.g. 16M (default: 64M, at most an"
              + " eighth of the heap).")
  long bufferSize = Budget.DEFAULT;

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws IOException {
    Store st = Stores.openExisting(main, store, storage.values, false);
    String p = StoreKeys.normalizePath(path);
    ZarrArray array;
    try {
      array =
          Zarr.openArray(
              st,
              OpenMode.READ,
              ArrayOptions.builder()
                  .path(p)
                  .format(Stores.format(main.resolve(""), store))
                  .build());
    } catch (NodeNotFoundException e) {
      throw new CliException(store + ": " + e.getMessage(), e);
    } catch (ZarrException e) {
      throw new CliException(store + ": cannot open the array: " + e.getMessage(), e);
    }
    // Validate the selection before touching the output.
    BasicIndexer indexer = new BasicIndexer(select, array.shape(), array.spec().layout());
    Path target = main.resolve(out).toAbsolutePath().normalize();
    boolean objects = array.dtype().kind() == DataType.Kind.OBJECT;
    String lower = target.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = lower.endsWith(".json");
    boolean csv = lower.endsWith(".csv");
    if (csv && !CsvExport.supports(array.dtype())) {
      throw new CliException(
          out
              + ": CSV export takes boolean, integer and float arrays; "
              + store
              + (p.isEmpty() ? "" : " path " + p)
              + " holds "
              + array.dtype()
              + " (export it to .npy"
              + (objects ? ", or .json for objects)" : ")"));
    }
    if (objects && !json) {
      throw new CliException(
          store
              + (p.isEmpty() ? "" : " path " + p)
              + " is an object array, which .npy cannot hold without pickle: give an output"
              + " name ending in .json to export it as JSON ("
              + out
              + " was not written)");
    }
    if (!objects && json) {
      throw new CliException(
          out
              + ": JSON export is for object arrays; "
              + store
              + (p.isEmpty() ? "" : " path " + p)
              + " holds "
              + array.dtype()
              + ", so give an output name ending in .npy");
    }
    Path dir = target.getParent();
    if (Files.isDirectory(target)) {
      throw new CliException(out + " is a directory; give a file name for the output");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CliException("cannot write " + out + ": the directory " + dir + " does not exist");
    }
    long budget = Budget.effective(bufferSize);
    Path tmp = FileReplacement.newPartial(target);
    boolean ok = false;
    NpyExport.Summary summary;
    // Not TRUNCATE_EXISTING: the file was just created, empty, and on ext4 a truncation marks it
    // to have all its data flushed at close (about 70 ms of a 256 MiB export; docs/benchmarks.md).
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Progress bar =
            Progress.start("export", indexer.selectionSize(), main.progress(noProgress))) {
      summary =
          csv
              ? CsvExport.write(array, (BasicSelection) select, ch, budget, bar::update)
              : NpyExport.writeToFile(array, select, ch, budget, bar::update);
      ok = true;
    } catch (ZarrException e) {
      throw new CliException(store + ": " + e.getMessage(), e);
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
    // The old output, if any, is removed by a separate process once the new one is in place: the
    // kernel frees a large file's blocks and pages in the call that drops its last name.
    FileReplacement.replace(tmp, target, FileReplacement.DETACHED);
    PrintWriter w = spec.commandLine().getOut();
    w.println(
        "exported "
            + store
            + (p.isEmpty() ? "" : " path " + p)
            + (select.equals(Selection.all()) ? "" : " [" + select + "]")
            + " to "
            + out
            + ": shape "
            + PythonText.tuple(summary.shape())
            + " "
            + summary.dtype()
            + ", "
            + summary.bytes()
            + " bytes");
    return 0;
  }
}
