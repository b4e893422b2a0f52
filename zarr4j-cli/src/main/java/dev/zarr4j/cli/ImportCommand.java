package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.hierarchy.Hierarchy;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.NpyFormatException;
import dev.zarr4j.ndarray.NpyHeader;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j import}: a NumPy {@code .npy} file to a new array. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Creates an array from a NumPy .npy file (C or Fortran order), streaming block by block so"
          + " files larger than memory import in bounded memory. Options left out take"
          + " zarr-python's defaults (zarr.array): guessed chunks, Blosc lz4 compressor, fill value"
          + " 0, order C. Parent groups are created as needed.",
      "",
      "Example: zarr4j import in.npy data/new.zarr --path a/b --chunks 100,100"
    })
final class ImportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "IN",
      description =
          "The file to read: a .npy file; a .csv file of numbers or True/False (1-d or 2-d, no"
              + " header, read whole); or a .json file holding an object array in the layout"
              + " 'zarr4j export' writes (read whole).")
  Path in;

  @Parameters(
      index = "1",
      paramLabel = "STORE",
      description =
          "The store: a directory (created if missing; one named *.n5 is an N5 container), a"
              + " .zip file (written whole when the command succeeds) or the URL of a writable"
              + " store (s3://, redis://, sqlite:, ...; see 'zarr4j --help').")
  String store;

  @Mixin StorageOptions storage = new StorageOptions();

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Where to create the array inside the store (default: the root).")
  String path = "";

  @Option(
      names = "--dtype",
      paramLabel = "DTYPE",
      converter = Converters.DataTypeConverter.class,
      description =
          "The array's data type, as .zarray spells it: a type string like <f4 or"
              + " int32, or the JSON list form of a structured type (default: the file's).")
  DataType dtype;

  @Option(
      names = "--overwrite",
      description =
          "Replace an existing array or group at the path (mode w); without it an"
              + " existing node is an error (mode w-).")
  boolean overwrite;

  @Option(
      names = "--buffer-size",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description =
          "Most bytes of file data read at once, e.g. 16M (default: 64M, at most an"
              + " eighth of the heap).")
  long bufferSize = Budget.DEFAULT;

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @Mixin ArrayLayoutOptions layout = new ArrayLayoutOptions();

  @Mixin FormatOption format = new FormatOption();

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws IOException {
    // 1. Everything that can be checked is checked before anything is created.
    Path input = main.resolve(in);
    if (!Files.exists(input)) {
      throw new CliException("no such file: " + in);
    }
    if (Files.isDirectory(input)) {
      throw new CliException(in + " is a directory, not a .npy file");
    }
    String lower = in.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return importJson(input);
    }
    if (lower.endsWith(".csv")) {
      if (dtype != null && !CsvExport.supports(dtype)) {
        throw new ParameterException(
            spec.commandLine(),
            "Invalid value for option '--dtype': CSV import takes boolean, integer and float"
                + " types, not "
                + dtype);
      }
      NdArray values = CsvImport.read(Files.readAllBytes(input), in.toString(), dtype);
      long[] shape = new long[values.ndim()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = values.shape(d);
      }
      return importValues(values, shape, layout.build(spec.commandLine(), shape, values.dtype()));
    }
    try (FileChannel file = FileChannel.open(input, StandardOpenOption.READ)) {
      NpyHeader header;
      try {
        header = NpyHeader.read(file);
      } catch (NpyFormatException e) {
        throw new CliException(in + " is not a valid .npy file: " + e.getMessage(), e);
      }
      DataType source;
      try {
        source = DataType.fromJson(header.descr());
      } catch (ZarrException e) {
        throw new CliException(
            in + " has an unsupported data type " + header.descr() + ": " + e.getMessage(), e);
      }
      if (source.kind() == DataType.Kind.OBJECT) {
        throw new CliException(
            in
                + " holds a pickled object array, which zarr4j does not read (pickle is Python's);"
                + " export it from Python as the JSON layout 'zarr4j export' writes, and import"
                + " that .json file");
      }
      long[] shape = header.shape();
      long expected = header.dataOffset() + header.dataLength(source.itemSize());
      if (file.size() < expected) {
        throw new CliException(
            in
                + " is truncated: its header describes shape "
                + PythonText.tuple(shape)
                + " of "
                + source
                + " ("
                + expected
                + " bytes with the header) but the file has "
                + file.size()
                + " bytes");
      }
      DataType target = dtype == null ? source : dtype;
      Conversions.check(source, target, spec.commandLine());
      ArrayOptions options = layout.build(spec.commandLine(), shape, target);
      String p = StoreKeys.normalizePath(path);
      boolean storeExisted = storeExists();
      Store st = Stores.openDestination(main, store, storage.values);
      Destinations.refuseForeignFiles(st, store, p);
      List<String> newGroups = missingAncestorGroups(st, p);

      // 2. Create (which refuses, changing nothing, when a node is in the way without --overwrite)
      // and stream; on failure remove what was created.
      ZarrArray array = create(st, p, options);
      long budget = Budget.effective(bufferSize);
      boolean ok = false;
      long blocks;
      try (Progress bar =
          Progress.start("import", header.elementCount(), main.progress(noProgress))) {
        blocks = NpyImport.copy(file, header, source, array, budget, bar::update);
        ok = true;
      } catch (ZarrException e) {
        throw failed(e);
      } finally {
        if (!ok) {
          cleanUp(array, st, p, newGroups, storeExisted);
        }
      }
      report(shape, target, array, blocks);
      return 0;
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + e.getFile(), e);
    }
  }

  /** Imports the JSON form of an object array that {@code zarr4j export} writes. */
  private Integer importJson(Path input) throws IOException {
    if (dtype != null && dtype.kind() != DataType.Kind.OBJECT) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--dtype': a .json file holds an object array; leave"
              + " --dtype out");
    }
    JsonImport.Document doc = JsonImport.read(Files.readAllBytes(input), in.toString());
    ArrayOptions options =
        layout.build(spec.commandLine(), doc.shape(), DataType.OBJECT).toBuilder()
            .objectCodec(doc.codec())
            .build();
    return importValues(doc.values(), doc.shape(), options);
  }

  /** Creates the array and writes {@code values}, all held in memory, in one call. */
  private Integer importValues(NdArray values, long[] shape, ArrayOptions options) {
    String p = StoreKeys.normalizePath(path);
    boolean storeExisted = storeExists();
    Store st = Stores.openDestination(main, store, storage.values);
    Destinations.refuseForeignFiles(st, store, p);
    List<String> newGroups = missingAncestorGroups(st, p);
    ZarrArray array = create(st, p, options);
    boolean ok = false;
    try (Progress bar = Progress.start("import", values.size(), main.progress(noProgress))) {
      array.set(values);
      bar.update(values.size());
      ok = true;
    } catch (ZarrException e) {
      throw failed(e);
    } finally {
      if (!ok) {
        cleanUp(array, st, p, newGroups, storeExisted);
      }
    }
    report(shape, options.dtype(), array, 1);
    return 0;
  }

  /** Creates the array at {@code p} (see {@link Destinations#createArray}). */
  private ZarrArray create(Store st, String p, ArrayOptions options) {
    return Destinations.createArray(
        st,
        store,
        p,
        overwrite,
        options,
        format.resolve(spec.commandLine(), main.resolve(""), store));
  }

  /** The error for an import that failed while writing (what was written is removed). */
  private CliException failed(ZarrException e) {
    return new CliException(
        in
            + ": "
            + e.getMessage()
            + (overwrite
                ? " (the partial array was removed, and the one it replaced is gone)"
                : " (nothing was imported)"),
        e);
  }

  /** The line that says what was imported. */
  private void report(long[] shape, DataType target, ZarrArray array, long blocks) {
    String p = StoreKeys.normalizePath(path);
    spec.commandLine()
        .getOut()
        .println(
            "imported "
                + in
                + " to "
                + store
                + (p.isEmpty() ? "" : " path " + p)
                + ": shape "
                + PythonText.tuple(shape)
                + " "
                + target
                + ", chunks "
                + PythonText.tuple(array.chunks())
                + ", compressor "
                + (array.compressor() == null ? "None" : array.compressor())
                + ", "
                + blocks
                + (blocks == 1 ? " block" : " blocks"));
  }

  /** Whether the store is a local directory or file that exists (a URL counts as existing). */
  private boolean storeExists() {
    return Stores.localPath(main.base(), store).map(Files::exists).orElse(true);
  }

  /** Ancestors of {@code p} that have no {@code .zgroup} yet (creation will write one). */
  private static List<String> missingAncestorGroups(Store st, String p) {
    return Hierarchy.ancestors(p).stream().filter(a -> !Hierarchy.containsGroup(st, a)).toList();
  }

  /**
   * Removes a partly imported array (its metadata and chunk keys only, so unrelated files under the
   * path survive) and the groups and store directory created for it.
   */
  private void cleanUp(
      ZarrArray array, Store st, String p, List<String> newGroups, boolean storeExisted) {
    try {
      String prefix = p.isEmpty() ? "" : p + "/";
      List<String> documents = array.format().documentKeys(p);
      for (String key : st.listPrefix(p)) {
        String rel = key.substring(prefix.length());
        if (documents.contains(key) || array.spec().isChunkKey(rel)) {
          st.delete(key);
        }
      }
      for (int i = newGroups.size() - 1; i >= 0; i--) {
        String g = newGroups.get(i);
        List<String> keys = st.listPrefix(g);
        if (keys.size() == 1 && array.format().documentKeys(g).contains(keys.get(0))) {
          st.delete(keys.get(0));
        }
      }
      Path dir = Stores.localPath(main.base(), store).orElse(null);
      if (!storeExisted && dir != null && Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": warning: could not remove the partial array: "
                  + e.getMessage());
    }
  }
}
