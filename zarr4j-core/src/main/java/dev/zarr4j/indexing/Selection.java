package dev.zarr4j.indexing;

/**
 * Which elements of an array to read or write. A selection is a pure description; the {@link
 * BasicIndexer} maps it onto an array's shape and chunk grid.
 *
 * <p>Build one from NumPy's text form with {@link #parse(String)} ({@code "0:10, ::2, ..."}) or
 * with the typed factories of {@link BasicSelection}.
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
   * [0, 2]} and boolean lists {@code [True, False]}. Integers and lists only (one per dimension)
   * make a {@link CoordinateSelection}; lists mixed with slices an {@link OrthogonalSelection};
   * everything else a {@link BasicSelection}, as zarr-python's square brackets do. The number of
   * dimensions is taken to be the number of items; use {@link #parse(String, int)} when it is
   * known.
   *
   * @throws dev.zarr4j.InvalidSelectionException naming the item that does not parse, or if the
   *     text names fields (use {@link ParsedSelection#parse})
   */
  static Selection parse(String text) {
    return parse(text, -1);
  }

  /** Parses NumPy's text form for an array of {@code ndim} dimensions (see {@link #parse(String)}). */
  static Selection parse(String text, int ndim) {
    ParsedSelection p = SelectionParser.parse(text, ndim);
    if (!p.fields().isEmpty()) {
      throw new dev.zarr4j.InvalidSelectionException(
          "selection '" + text + "' names fields; read fields through ZarrArray.get");
    }
    return p.selection();
  }
}
