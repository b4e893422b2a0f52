package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.ParsedSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code docs/selections.md}: zarr-python's "Advanced indexing" tutorial spelled as
 * text and with the typed factories. Each example checks that both spellings build equal selections
 * and that reading (or writing) them gives the tutorial's values. {@link
 * #everyJavaBlockOfTheDocIsCodeRunHere} keeps the document and this class in step: every Java block
 * of the document must appear here line for line.
 */
class SelectionLanguageTest {

  // ---------------------------------------------------------------- the tutorial's arrays

  static ZarrArray squares() { // zarr.array(np.arange(10) ** 2)
    NdArray a = NdArray.zeros(DataType.INT64, 10);
    for (int i = 0; i < 10; i++) {
      a.setFlat(i, (long) i * i);
    }
    return Zarr.array(a, ArrayOptions.defaults());
  }

  static ZarrArray fifteen() { // zarr.array(np.arange(15).reshape(3, 5))
    return Zarr.array(NdArray.arange(DataType.INT64, 15, 3, 5), ArrayOptions.defaults());
  }

  private static NdArray longs(int[] shape, long... values) {
    return NdArray.of(values, shape);
  }

  private static int[] shape(int... s) {
    return s;
  }

  // ---------------------------------------------------------------- the grammar

  @Test
  void grammarItemsAndTheirTypedSpelling() {
    assertThat(Selection.parse("5, -1", 2)).isEqualTo(BasicSelection.of(5, -1));
    assertThat(Selection.parse("2:8:3, :", 2))
        .isEqualTo(BasicSelection.of(Slice.of(2, 8, 3), Slice.all()));
    assertThat(Selection.parse("3:, :3, ::2", 3))
        .isEqualTo(BasicSelection.of(Slice.from(3), Slice.to(3), new Slice(null, null, 2)));
    assertThat(Selection.parse("-3:-1", 1)).isEqualTo(BasicSelection.of(Slice.of(-3, -1)));
    assertThat(Selection.parse("0, ...", 3))
        .isEqualTo(BasicSelection.of(0, DimSelector.Ellipsis.INSTANCE));
    assertThat(Selection.parse("(1_000, 2)", 2)).isEqualTo(BasicSelection.of(1000, 2));
    assertThat(Selection.parse("1,", 1)).isEqualTo(BasicSelection.of(1));
    assertThat(Selection.parse("", 2)).isEqualTo(BasicSelection.of());
    assertThat(Selection.parse("[0, 2], :", 2))
        .isEqualTo(OrthogonalSelection.of(new long[] {0, 2}, Slice.all()));
    assertThat(Selection.parse(":, [True, False, True]", 2))
        .isEqualTo(OrthogonalSelection.of(Slice.all(), new boolean[] {true, false, true}));
    assertThat(ParsedSelection.parse("0:2, \"bar\"", 1))
        .isEqualTo(new ParsedSelection(BasicSelection.of(Slice.of(0, 2)), List.of("bar")));

    // on a 3 x 5 array: what each item reads, against the values of np.arange(15).reshape(3, 5)
    ZarrArray z = fifteen();
    assertThat(z.get("-1, ::2").toLongArray()).containsExactly(10, 12, 14);
    assertThat(z.get("1:, -2:").toLongArray()).containsExactly(8, 9, 13, 14);
    assertThat(z.get("..., 4").toLongArray()).containsExactly(4, 9, 14);
    assertThat(z.get("[2, 0, 2], 1").toLongArray()).containsExactly(11, 1, 11);
  }

  @Test
  void textIsClassifiedAsZarrPythonsBracketsDo() {
    assertThat(Selection.parse("1, 0:3", 2)).isInstanceOf(BasicSelection.class);
    assertThat(Selection.parse("[0, 2], [1, 3]", 2)).isInstanceOf(CoordinateSelection.class);
    assertThat(Selection.parse("1, [1, 3]", 2)).isInstanceOf(CoordinateSelection.class);
    assertThat(Selection.parse("[2, 5]", 1)).isInstanceOf(CoordinateSelection.class);
    assertThat(Selection.parse("[0, 2]", 2)).isInstanceOf(OrthogonalSelection.class);
    assertThat(Selection.parse("[0, 2], :", 2)).isInstanceOf(OrthogonalSelection.class);
    assertThat(Selection.parse("[0, 2], [1, 3], :", 3)).isInstanceOf(OrthogonalSelection.class);
    assertThat(Selection.parse("[True, False]", 1)).isInstanceOf(MaskSelection.class);
    assertThat(Selection.parse("[[True], [False]]", 2)).isInstanceOf(MaskSelection.class);
    // oindex and blocks read the same text their own way
    assertThat(OrthogonalSelection.parse("[0, 2], [1, 3]", 2))
        .isEqualTo(OrthogonalSelection.of(new long[] {0, 2}, new long[] {1, 3}));
    assertThat(OrthogonalSelection.parse("[True, False]", 1))
        .isEqualTo(OrthogonalSelection.of(new boolean[] {true, false}));
    assertThat(BlockSelection.parse("1, 0:2", 2)).isEqualTo(BlockSelection.of(1, Slice.of(0, 2)));
  }

  @Test
  void malformedTextIsRejectedWithTheCulprit() {
    assertThatThrownBy(() -> Selection.parse("[[True, False], [True]]", 2))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("different lengths");
    assertThatThrownBy(() -> Selection.parse("[[True], False]", 2))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("unevenly");
    assertThatThrownBy(() -> Selection.parse("[[0, 1], [1, 0]]", 2))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("only True and False");
    assertThatThrownBy(() -> Selection.parse("0, [[True]]", 2))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("only item");
    assertThatThrownBy(() -> Selection.parse("1:2:0", 1))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("step");
    assertThatThrownBy(() -> Selection.parse("..., ...", 2))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("only one '...'");
    assertThatThrownBy(() -> Selection.parse("0, 'foo'", 1))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("names fields");
    assertThatThrownBy(() -> OrthogonalSelection.parse("[[True], [False]]", 2))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("oindex");
    assertThatThrownBy(() -> BlockSelection.parse("[0, 1]", 1))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("blocks");
    assertThatThrownBy(() -> CoordinateSelection.of(1, 0.5))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("0.5");
  }

  // ---------------------------------------------------------------- coordinate arrays

  @Test
  void coordinatesOneDimension() {
    ZarrArray z = squares();
    Selection text = Selection.parse("[2, 5]", z.ndim());
    Selection typed = CoordinateSelection.of(new long[] {2, 5});
    NdArray picked = z.get(typed); // [4, 25]
    z.set(text, NdArray.of(new long[] {-1, -2}));
    NdArray after = z.get(); // [0, 1, -1, 9, 16, -2, 36, 49, 64, 81]

    assertThat(text).isEqualTo(typed);
    assertThat(picked.toLongArray()).containsExactly(4, 25);
    assertThat(after.toLongArray()).containsExactly(0, 1, -1, 9, 16, -2, 36, 49, 64, 81);
    assertThat(z.get(text).toLongArray()).containsExactly(-1, -2);
  }

  @Test
  void coordinatesTwoDimensions() {
    ZarrArray z = fifteen();
    Selection text = Selection.parse("[0, 2], [1, 3]", z.ndim());
    Selection typed = CoordinateSelection.of(new long[] {0, 2}, new long[] {1, 3});
    NdArray picked = z.get(typed); // [1, 13]
    z.set(text, NdArray.of(new long[] {-1, -2}));
    NdArray after = z.get(); // [[0, -1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, -2, 14]]
    NdArray viaView = z.vindex().get("[0, 2], [1, 3]"); // [-1, -2]
    z.vindex().set(NdArray.of(new long[] {-3, -4}), new long[] {0, 2}, new long[] {1, 3});
    NdArray again = z.get("[0, 2], [1, 3]"); // [-3, -4]

    assertThat(text).isEqualTo(typed);
    assertThat(picked.toLongArray()).containsExactly(1, 13);
    assertThat(after)
        .isEqualTo(longs(shape(3, 5), 0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -2, 14));
    assertThat(viaView.toLongArray()).containsExactly(-1, -2);
    assertThat(again.toLongArray()).containsExactly(-3, -4);
    assertThat(z.get().toLongArray())
        .containsExactly(0, -3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -4, 14);
  }

  @Test
  void coordinatesBroadcastTogether() {
    ZarrArray z = fifteen();
    Selection text = Selection.parse("1, [1, 3]", z.ndim());
    Selection typed = CoordinateSelection.of(1, new long[] {1, 3});
    Selection spelledOut = Selection.parse("[1, 1], [1, 3]", z.ndim());
    NdArray row = z.get(text); // [6, 8]

    assertThat(text).isEqualTo(typed);
    assertThat(spelledOut).isEqualTo(CoordinateSelection.of(new long[] {1, 1}, new long[] {1, 3}));
    assertThat(row.toLongArray()).containsExactly(6, 8);
    assertThat(z.get(typed)).isEqualTo(row);
    assertThat(z.get(spelledOut)).isEqualTo(row);
  }

  // ---------------------------------------------------------------- mask arrays

  @Test
  void maskOneDimension() {
    ZarrArray z = squares();
    NdArray sel = NdArray.zeros(DataType.BOOL, 10);
    sel.set(true, 2);
    sel.set(true, 5);
    Selection typed = new MaskSelection(sel);
    Selection text =
        Selection.parse(
            "[False, False, True, False, False, True, False, False, False, False]", z.ndim());
    NdArray picked = z.get(typed); // [4, 25]
    z.set(text, NdArray.of(new long[] {-1, -2}));
    NdArray after = z.get(); // [0, 1, -1, 9, 16, -2, 36, 49, 64, 81]

    assertThat(text).isEqualTo(typed);
    assertThat(picked.toLongArray()).containsExactly(4, 25);
    assertThat(after.toLongArray()).containsExactly(0, 1, -1, 9, 16, -2, 36, 49, 64, 81);
    assertThat(z.getMaskSelection(sel).toLongArray()).containsExactly(-1, -2);
  }

  @Test
  void maskTwoDimensions() {
    ZarrArray z = fifteen();
    NdArray sel = NdArray.zeros(DataType.BOOL, 3, 5);
    sel.set(true, 0, 1);
    sel.set(true, 2, 3);
    Selection typed = new MaskSelection(sel);
    Selection text =
        Selection.parse(
            "[[False, True, False, False, False],"
                + " [False, False, False, False, False],"
                + " [False, False, False, True, False]]",
            z.ndim());
    NdArray picked = z.get(typed); // [1, 13]
    z.set(text, NdArray.of(new long[] {-1, -2}));
    NdArray after = z.get(); // [[0, -1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, -2, 14]]
    NdArray viaView = z.vindex().get(sel); // [-1, -2]
    z.vindex().set(NdArray.of(new long[] {-3, -4}), sel);
    NdArray again = z.get(); // [[0, -3, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, -4, 14]]

    assertThat(text).isEqualTo(typed);
    assertThat(picked.toLongArray()).containsExactly(1, 13);
    assertThat(after)
        .isEqualTo(longs(shape(3, 5), 0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -2, 14));
    assertThat(viaView.toLongArray()).containsExactly(-1, -2);
    assertThat(again)
        .isEqualTo(longs(shape(3, 5), 0, -3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -4, 14));
  }

  // ---------------------------------------------------------------- orthogonal indexing

  @Test
  void orthogonal() {
    ZarrArray z = fifteen();
    Selection rowsText = Selection.parse("[0, 2], :", z.ndim());
    Selection rowsTyped = OrthogonalSelection.of(new long[] {0, 2}, Slice.all());
    NdArray rows = z.get(rowsTyped); // [[0, 1, 2, 3, 4], [10, 11, 12, 13, 14]]
    Selection colsText = Selection.parse(":, [1, 3]", z.ndim());
    Selection colsTyped = OrthogonalSelection.of(Slice.all(), new long[] {1, 3});
    NdArray cols = z.get(colsTyped); // [[1, 3], [6, 8], [11, 13]]
    Selection bothText = OrthogonalSelection.parse("[0, 2], [1, 3]", z.ndim());
    Selection bothTyped = OrthogonalSelection.of(new long[] {0, 2}, new long[] {1, 3});
    NdArray both = z.get(bothTyped); // [[1, 3], [11, 13]]
    z.set(bothText, NdArray.of(new long[] {-1, -2, -3, -4}, 2, 2));
    NdArray after = z.get(); // [[0, -1, 2, -2, 4], [5, 6, 7, 8, 9], [10, -3, 12, -4, 14]]

    assertThat(rowsText).isEqualTo(rowsTyped);
    assertThat(colsText).isEqualTo(colsTyped);
    assertThat(bothText).isEqualTo(bothTyped);
    assertThat(rows).isEqualTo(longs(shape(2, 5), 0, 1, 2, 3, 4, 10, 11, 12, 13, 14));
    assertThat(cols).isEqualTo(longs(shape(3, 2), 1, 3, 6, 8, 11, 13));
    assertThat(both).isEqualTo(longs(shape(2, 2), 1, 3, 11, 13));
    assertThat(after)
        .isEqualTo(longs(shape(3, 5), 0, -1, 2, -2, 4, 5, 6, 7, 8, 9, 10, -3, 12, -4, 14));
    assertThat(z.get(rowsText)).isEqualTo(longs(shape(2, 5), 0, -1, 2, -2, 4, 10, -3, 12, -4, 14));
  }

  @Test
  void orthogonalThroughTheView() {
    ZarrArray z = fifteen();
    NdArray rows = z.oindex().get("[0, 2], :"); // [[0, 1, 2, 3, 4], [10, 11, 12, 13, 14]]
    NdArray cols = z.oindex().get(Slice.all(), new long[] {1, 3}); // [[1, 3], [6, 8], [11, 13]]
    NdArray both = z.oindex().get("[0, 2], [1, 3]"); // [[1, 3], [11, 13]]
    z.oindex().set("[0, 2], [1, 3]", NdArray.of(new long[] {-1, -2, -3, -4}, 2, 2));
    NdArray direct = z.get("[0, 2], :"); // the same as z.oindex().get("[0, 2], :")

    assertThat(rows).isEqualTo(longs(shape(2, 5), 0, 1, 2, 3, 4, 10, 11, 12, 13, 14));
    assertThat(cols).isEqualTo(longs(shape(3, 2), 1, 3, 6, 8, 11, 13));
    assertThat(both).isEqualTo(longs(shape(2, 2), 1, 3, 11, 13));
    assertThat(z.get().toLongArray())
        .containsExactly(0, -1, 2, -2, 4, 5, 6, 7, 8, 9, 10, -3, 12, -4, 14);
    assertThat(direct).isEqualTo(z.oindex().get("[0, 2], :"));
    assertThat(Selection.parse("[0, 2], :", 2))
        .isEqualTo(OrthogonalSelection.parse("[0, 2], :", 2));
  }

  // ---------------------------------------------------------------- block indexing

  @Test
  void blocksRead() {
    ZarrArray z =
        Zarr.array(
            NdArray.arange(DataType.INT64, 100, 10, 10),
            ArrayOptions.builder().chunks(3, 3).build());
    BlockSelection text = BlockSelection.parse("1", z.ndim());
    BlockSelection typed = BlockSelection.of(1);
    NdArray band = z.get(typed); // rows 3 to 5 whole: [[30, ..., 39], [40, ..., 49], [50, ..., 59]]
    NdArray same = z.get("3:6"); // equal to band
    BlockSelection cornerText = BlockSelection.parse("0, 1:3", z.ndim());
    BlockSelection cornerTyped = BlockSelection.of(0, Slice.of(1, 3));
    NdArray corner = z.get(cornerTyped); // [[3, ..., 8], [13, ..., 18], [23, ..., 28]]

    assertThat(text).isEqualTo(typed);
    assertThat(cornerText).isEqualTo(cornerTyped);
    long[] expectedBand = new long[30];
    for (int i = 0; i < 30; i++) {
      expectedBand[i] = 30 + i;
    }
    assertThat(band).isEqualTo(longs(shape(3, 10), expectedBand));
    assertThat(same).isEqualTo(band);
    assertThat(z.blocks().get(1)).isEqualTo(band);
    assertThat(corner)
        .isEqualTo(
            longs(shape(3, 6), 3, 4, 5, 6, 7, 8, 13, 14, 15, 16, 17, 18, 23, 24, 25, 26, 27, 28));
    assertThat(z.blocks().get("0, 1:3")).isEqualTo(corner);
  }

  @Test
  void blocksWrite() {
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(6, 6).dtype("i8").chunks(2, 2).build());
    z.set(BlockSelection.parse("1, 0", z.ndim()), 1); // z.set_block_selection((1, 0), 1)
    NdArray first = z.get();
    z.set(BlockSelection.of(Slice.all(), 2), 7); // z.blocks[:, 2] = 7
    NdArray second = z.get();
    NdArray part = z.get(BlockSelection.parse("2, 1:3", z.ndim())); // [[0, 0, 7, 7], [0, 0, 7, 7]]

    assertThat(BlockSelection.parse("1, 0", 2)).isEqualTo(BlockSelection.of(1, 0));
    assertThat(BlockSelection.parse(":, 2", 2)).isEqualTo(BlockSelection.of(Slice.all(), 2));
    assertThat(BlockSelection.parse("2, 1:3", 2)).isEqualTo(BlockSelection.of(2, Slice.of(1, 3)));
    assertThat(first)
        .isEqualTo(
            longs(
                shape(6, 6),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                1,
                1,
                0,
                0,
                0,
                0,
                1,
                1,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0));
    assertThat(second)
        .isEqualTo(
            longs(
                shape(6, 6),
                0,
                0,
                0,
                0,
                7,
                7,
                0,
                0,
                0,
                0,
                7,
                7,
                1,
                1,
                0,
                0,
                7,
                7,
                1,
                1,
                0,
                0,
                7,
                7,
                0,
                0,
                0,
                0,
                7,
                7,
                0,
                0,
                0,
                0,
                7,
                7));
    assertThat(part).isEqualTo(longs(shape(2, 4), 0, 0, 7, 7, 0, 0, 7, 7));
  }

  // ---------------------------------------------------------------- fields

  @Test
  void fieldsOfStructuredArrays() {
    DataType t = DataType.parse("[[\"foo\", \"|S3\"], [\"bar\", \"<i4\"], [\"baz\", \"<f8\"]]");
    NdArray a = NdArray.zeros(t, 3);
    NdArray foo = NdArray.zeros(DataType.parse("|S3"), 3);
    foo.setFlat(0, "aaa");
    foo.setFlat(1, "bbb");
    foo.setFlat(2, "ccc");
    a.setFields(foo, "foo");
    a.setFields(NdArray.of(new int[] {1, 2, 3}), "bar");
    a.setFields(NdArray.of(new double[] {4.2, 8.4, 12.6}), "baz");
    ZarrArray z = Zarr.array(a, ArrayOptions.defaults());

    ParsedSelection fooText = ParsedSelection.parse("'foo'", z.ndim());
    ParsedSelection fooTyped = new ParsedSelection(BasicSelection.of(), List.of("foo"));
    NdArray foos = z.get(fooTyped.selection(), "foo"); // [b'aaa', b'bbb', b'ccc'], dtype |S3
    NdArray bazs = z.get("'baz'"); // [4.2, 8.4, 12.6]
    ParsedSelection barText = ParsedSelection.parse("0:2, 'bar'", z.ndim());
    ParsedSelection barTyped =
        new ParsedSelection(BasicSelection.of(Slice.of(0, 2)), List.of("bar"));
    NdArray bars = z.getBasicSelection(BasicSelection.of(Slice.of(0, 2)), "bar"); // [1, 2], int32
    ParsedSelection twoText = ParsedSelection.parse("[0, 2], 'foo', 'baz'", z.ndim());
    ParsedSelection twoTyped =
        new ParsedSelection(CoordinateSelection.of(new long[] {0, 2}), List.of("foo", "baz"));
    NdArray two = z.get(twoTyped.selection(), "foo", "baz"); // [(b'aaa', 4.2), (b'ccc', 12.6)]

    assertThat(fooText).isEqualTo(fooTyped);
    assertThat(barText).isEqualTo(barTyped);
    assertThat(twoText).isEqualTo(twoTyped);
    assertThat(foos.dtype().toString()).isEqualTo("|S3");
    assertThat(List.of(foos.getString(0), foos.getString(1), foos.getString(2)))
        .containsExactly("aaa", "bbb", "ccc");
    assertThat(z.get("'foo'")).isEqualTo(foos);
    assertThat(bazs.toDoubleArray()).containsExactly(4.2, 8.4, 12.6);
    assertThat(bars.dtype()).isEqualTo(DataType.parse("<i4"));
    assertThat(bars.toLongArray()).containsExactly(1, 2);
    assertThat(z.get("0:2, 'bar'")).isEqualTo(bars);
    assertThat(two.dtype().toString()).isEqualTo("[('foo', '|S3'), ('baz', '<f8')]");
    assertThat(two.shape()).containsExactly(2);
    assertThat(two.fields("foo").getString(0)).isEqualTo("aaa");
    assertThat(two.fields("foo").getString(1)).isEqualTo("ccc");
    assertThat(two.fields("baz").toDoubleArray()).containsExactly(4.2, 12.6);
    assertThat(z.get("[0, 2], 'foo', 'baz'")).isEqualTo(two);
  }

  // ---------------------------------------------------------------- the document itself

  /** Every Java block of docs/selections.md, as its lines (indentation removed). */
  static List<List<String>> javaBlocksOfTheDoc() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "selections.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<List<String>> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
    return blocks;
  }

  @Test
  void everyJavaBlockOfTheDocIsCodeRunHere() throws IOException {
    List<String> source =
        Files.readString(
                Path.of("src", "test", "java", "dev", "zarr4j", "SelectionLanguageTest.java"))
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();
    List<List<String>> blocks = javaBlocksOfTheDoc();
    assertThat(blocks).as("Java blocks in docs/selections.md").hasSizeGreaterThanOrEqualTo(10);
    for (List<String> block : blocks) {
      assertThat(java.util.Collections.indexOfSubList(source, block))
          .as(
              "this block of docs/selections.md appears line for line in SelectionLanguageTest:%n%s",
              String.join("\n", block))
          .isNotNegative();
    }
  }
}
