package dev.zarr4j.indexing;

/**
 * Which elements of an array to read or write. A selection is a pure description; the {@link
 * BasicIndexer} maps it onto an array's shape and chunk grid.
 *
 * <p>Build one from NumPy's text form with {@link #parse(String)} ({@code "0:10, ::2, ..."}) or
 * with the typed factories of {@link BasicSelection}.
 */
public sealed interface Selection permits BasicSelection {

  /** Everything: {@code ...}. */
  static Selection all() {
    return BasicSelection.ALL;
  }

  /**
   * Parses NumPy's text form of a basic selection: comma-separated integers (negative counts from
   * the end), slices {@code start:stop:step} with any part omitted, and at most one {@code ...}.
   *
   * @throws dev.zarr4j.InvalidSelectionException naming the item that does not parse
   */
  static Selection parse(String text) {
    return SelectionParser.parse(text);
  }
}
