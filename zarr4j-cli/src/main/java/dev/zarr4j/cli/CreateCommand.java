package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j create}: a new, empty array (zarr-python's {@code zarr.create}). */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Creates an empty array: only its metadata is written, and every element reads as the fill"
          + " value until set. Options left out take zarr-python's defaults (zarr.create):"
          + " float64, guessed chunks, Blosc lz4 compressor, fill value 0, order C. Parent groups"
          + " are created as needed.",
      "",
      "Example: zarr4j create data/new.zarr --shape 100,100 --chunks 10,10 --dtype \\<f4"
    })
final class CreateCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "STORE",
      description =
          "The store: a directory (created if missing; one named *.n5 is an N5 container), a"
              + " .zip file (written whole when the command succeeds) or the URL of a writable"
              + " store (s3://, redis://, sqlite:, ...; see 'zarr4j --help').")
  String store;

  @Mixin StorageOptions storage = new StorageOptions();

  @Option(
      names = "--shape",
      required = true,
      paramLabel = "S",
      converter = Converters.ShapeConverter.class,
      description = "The array's shape, e.g. 100,100.")
  Converters.Shape shape;

  @Option(
      names = "--dtype",
      paramLabel = "DTYPE",
      converter = Converters.DataTypeConverter.class,
      description =
          "The data type, as .zarray spells it: a type string like <f4 or int32, or the JSON"
              + " list form of a structured type (default: <f8).")
  DataType dtype = DataType.FLOAT64;

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Where to create the array inside the store (default: the root).")
  String path = "";

  @Option(
      names = "--overwrite",
      description =
          "Replace an existing array or group at the path (mode w); without it an existing"
              + " node is an error (mode w-).")
  boolean overwrite;

  @Mixin ArrayLayoutOptions layout = new ArrayLayoutOptions();

  @Mixin FormatOption format = new FormatOption();

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    ArrayOptions options = layout.build(spec.commandLine(), shape.lengths(), dtype);
    String p = StoreKeys.normalizePath(path);
    Store st = Stores.openDestination(main, store, storage.values);
    Destinations.refuseForeignFiles(st, store, p);
    ZarrArray array;
    try {
      array =
          Destinations.createArray(
              st,
              store,
              p,
              overwrite,
              options,
              format.resolve(spec.commandLine(), main.resolve(""), store));
    } catch (ZarrException e) {
      throw new CliException(store + ": cannot create the array: " + e.getMessage(), e);
    }
    spec.commandLine()
        .getOut()
        .println(
            "created "
                + store
                + (p.isEmpty() ? "" : " path " + p)
                + ": shape "
                + PythonText.tuple(array.shape())
                + " "
                + array.dtype()
                + ", chunks "
                + PythonText.tuple(array.chunks())
                + ", compressor "
                + (array.compressor() == null ? "None" : array.compressor())
                + ", fill value "
                + Text.py(array.fillValue()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
