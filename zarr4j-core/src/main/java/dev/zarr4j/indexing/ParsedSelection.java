package dev.zarr4j.indexing;

import java.util.List;

/**
 * A selection parsed from NumPy's text form together with any field names it ends with, as in
 * zarr-python's {@code z[0:2, 'foo']}.
 *
 * @param selection the selection (basic, orthogonal or coordinate, classified as zarr-python does)
 * @param fields the field names, empty when none
 */
public record ParsedSelection(Selection selection, List<String> fields) {

  /** Copies the field list. */
  public ParsedSelection {
    fields = List.copyOf(fields);
  }

  /**
   * Parses text for an array of {@code ndim} dimensions.
   *
   * @throws dev.zarr4j.exceptions.InvalidSelectionException naming the item that does not parse
   */
  public static ParsedSelection parse(String text, int ndim) {
    return SelectionParser.parse(text, ndim);
  }
}
