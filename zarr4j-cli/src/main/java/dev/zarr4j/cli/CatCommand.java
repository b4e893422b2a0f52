package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.ParsedSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j cat}: an array's values, or a selection's, printed as NumPy prints arrays. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Prints the values of an array, or of a selection of it, as NumPy's print(a) does with its"
          + " default options: rows wrapped at 75 characters and, past 1000 elements, only the"
          + " first and last 3 items of each longer axis around '...' (only those are read for a"
          + " basic selection). Prints boolean, integer, float, complex, string, datetime, timedelta"
          + " and record arrays (sub-array fields included) and object arrays of text, bytes,"
          + " JSON or MsgPack values and ragged arrays (each element printed as NumPy's repr of"
          + " that array).",
      "",
      "Example: zarr4j cat data/example.zarr --select \"0:5, ::1000\""
    })
final class CatCommand implements Callable<Integer> {
  @Mixin NodeLocation location = new NodeLocation();

  @Option(
      names = "--select",
      paramLabel = "SEL",
      description =
          "A selection in NumPy's form as zarr-python's z[...] takes it: \"0:10, ::2\","
              + " \"5, ...\", \"[0, 2], :\", \"[0, 2], [1, 3]\", a field name in quotes"
              + " (default: everything).")
  String select;

  @Option(names = "--full", description = "Print every value, however many.")
  boolean full;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    ZarrNode node = Nodes.open(main, location.store, location.path, false);
    if (!(node instanceof ZarrArray array)) {
      throw new CliException(
          location.store
              + ": '"
              + Nodes.describe(node.path())
              + "' is a group, not an array; use 'zarr4j tree' to list its members");
    }
    ParsedSelection sel;
    try {
      sel = select == null ? null : ParsedSelection.parse(select, array.ndim());
    } catch (ZarrException e) {
      throw new CliException("invalid --select '" + select + "': " + e.getMessage(), e);
    }
    if (sel == null || sel.fields().isEmpty()) {
      checkPrintable(array.dtype(), array);
    }
    NumpyPrint.Printed printed;
    try {
      printed = read(array, sel);
    } catch (ZarrException e) {
      throw new CliException(location.store + ": " + e.getMessage(), e);
    }
    checkPrintable(printed.items().dtype(), array);
    String text;
    try {
      text = NumpyPrint.str(printed);
    } catch (IllegalArgumentException e) {
      // an object element NumPy's print is not reproduced for (a MsgPack timestamp, say)
      throw new CliException(
          location.store
              + ": cannot print '"
              + Nodes.describe(location.path)
              + "': "
              + e.getMessage()
              + " (use 'zarr4j export' to get its values)",
          e);
    }
    spec.commandLine().getOut().println(text);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Refuses what cat cannot print: object arrays other than text or byte strings, and more. */
  private void checkPrintable(DataType t, ZarrArray array) {
    String codec = array.objectCodec() == null ? "" : array.objectCodec().id();
    boolean printable =
        t.kind() == DataType.Kind.OBJECT
            ? java.util.Set.of("vlen-utf8", "vlen-bytes", "vlen-array", "json2", "msgpack2")
                .contains(codec)
            : NumpyPrint.supports(t);
    if (!printable) {
      throw new CliException(
          location.store
              + ": cat prints boolean, integer, float, complex, string, datetime, timedelta and"
              + " record arrays (fields of those types, sub-array fields too), and object arrays of"
              + " text, byte strings, JSON or MsgPack values, or ragged arrays (vlen-array); '"
              + Nodes.describe(location.path)
              + "' holds "
              + t
              + " (use 'zarr4j export' to get its values)");
    }
  }

  /** The items printed: for a large basic selection only its edges are read. */
  private NumpyPrint.Printed read(ZarrArray array, ParsedSelection sel) {
    Selection s = sel == null ? Selection.all() : sel.selection();
    boolean fields = sel != null && !sel.fields().isEmpty();
    if (!full && !fields && s instanceof BasicSelection basic) {
      BasicIndexer indexer = new BasicIndexer(basic, array.shape(), array.spec().layout());
      if (indexer.selectionSize() > NumpyPrint.THRESHOLD) {
        return readEdges(array, basic);
      }
    }
    NdArray values = fields ? array.get(s, sel.fields().toArray(new String[0])) : array.get(s);
    return NumpyPrint.edges(values, full);
  }

  /** The first and last items of every long axis of a basic selection, read as one oindex. */
  private static NumpyPrint.Printed readEdges(ZarrArray array, BasicSelection basic) {
    ResolvedSelection resolved = ResolvedSelection.of(basic, array.shape());
    long[] shape = resolved.shape();
    int[][] picks = new int[shape.length][];
    boolean[] elided = new boolean[shape.length];
    for (int j = 0; j < shape.length; j++) {
      picks[j] = NumpyPrint.edgeIndices(shape[j]);
      elided[j] = picks[j].length < shape[j];
    }
    NdArray edges = array.get(OrthogonalSelection.of(resolved.orthogonal(picks)));
    return new NumpyPrint.Printed(edges, elided);
  }
}
