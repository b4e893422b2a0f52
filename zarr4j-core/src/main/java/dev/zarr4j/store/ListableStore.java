package dev.zarr4j.store;

import java.util.List;

/** Listing of the keys of a key-value store. */
public interface ListableStore {

  /**
   * Every key below {@code prefix}: keys that start with {@code prefix + "/"}, or every key when
   * the prefix is empty. Sorted lexicographically.
   */
  List<String> listPrefix(String prefix);

  /**
   * The direct children of {@code prefix}: the names (not full keys) of keys and of sub-prefixes
   * one level below it, sorted, without duplicates (zarr-python's {@code listdir}).
   */
  List<String> listDir(String prefix);
}
