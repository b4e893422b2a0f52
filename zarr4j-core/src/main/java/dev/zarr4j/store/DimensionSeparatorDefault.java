package dev.zarr4j.store;

/**
 * Implemented by stores that, like zarr-python's {@code NestedDirectoryStore}, ask arrays created
 * in them to spell chunk keys with another separator than {@code "."} when the array chooses none.
 * Kept apart from {@link Store}, which knows nothing of arrays.
 */
public interface DimensionSeparatorDefault {

  /** The separator: {@code "."} or {@code "/"}. */
  String defaultDimensionSeparator();
}
