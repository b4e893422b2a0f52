package dev.zarr4j.indexing;

/**
 * Which elements of an array to read or write. A selection is a pure description; an {@link
 * Indexer} maps it onto an array's shape and chunk grid.
 *
 * <p>There is one selection language with two spellings that build equal selections: NumPy's text
 * form, read by {@link #parse(String, int)} (and, with field names, {@link ParsedSelection#parse};
 * for {@code oindex} and {@code blocks} by {@link OrthogonalSelection#parse} and {@link
 * BlockSelection#parse}), and the typed factories {@link BasicSelection#of}, {@link
 * OrthogonalSelection#of}, {@link CoordinateSelection#of(Object...)}, {@link MaskSelection} and
 * {@link BlockSelection#of}. For example {@code Selection.parse("[0, 2], :", 2)} equals {@code
 * OrthogonalSelection.of(new long[] {0, 2}, Slice.all())}. The grammar, how text is classified, and
 * every example of zarr-python's "Advanced indexing" tutorial in both spellings are in {@code
 * docs/selections.md} of the zarr4j repository.
 */
public sealed interface Selection
    permits BasicSelection,
        OrthogonalSelection,
        CoordinateSelection,
        MaskSelection,
        BlockSelection {

  /** Everything: {@code ...}. */
  static Selection all() {
    return BasicSelection.ALL;
  }

  /**
   * Parses NumPy's text form: comma-separated integers (negative counts from the end), slices
   * {@code start:stop:step} with any part omitted, at most one {@code ...}, position lists {@code
   * [0, 2]}, boolean lists {@code [True, False]} and a nested boolean list as a mask over the whole
   * array. Integers and lists only (one per dimension) make a {@link CoordinateSelection}; a nested
   * boolean list, or a 1-d array's lone boolean list, a {@link MaskSelection}; lists mixed with
   * slices an {@link OrthogonalSelection}; everything else a {@link BasicSelection}, as
   * zarr-python's square brackets do. The number of dimensions is taken to be the number of items;
   * use {@link #parse(String, int)} when it is known.
   *
   * @throws dev.zarr4j.exceptions.InvalidSelectionException naming the item that does not parse, or
   *     if the text names fields (use {@link ParsedSelection#parse})
   */
  static Selection parse(String text) {
    return parse(text, -1);
  }

  /**
   * Parses NumPy's text form for an array of {@code ndim} dimensions (see {@link #parse(String)}).
   */
  static Selection parse(String text, int ndim) {
    ParsedSelection p = SelectionParser.parse(text, ndim);
    if (!p.fields().isEmpty()) {
      throw new dev.zarr4j.exceptions.InvalidSelectionException(
          "selection '" + text + "' names fields; read fields through ZarrArray.get");
    }
    return p.selection();
  }
}
