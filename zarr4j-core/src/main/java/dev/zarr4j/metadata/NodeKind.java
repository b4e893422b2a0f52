package dev.zarr4j.metadata;

/** What a path of a hierarchy holds. */
public enum NodeKind {
  /** An array. */
  ARRAY,
  /** A group. */
  GROUP,
  /** Neither. */
  NONE
}
