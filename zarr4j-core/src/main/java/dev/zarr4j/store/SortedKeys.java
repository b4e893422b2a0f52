package dev.zarr4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeSet;

/** Listing of keys held in a sorted map, shared by the stores that keep their keys in memory. */
final class SortedKeys {
  private SortedKeys() {}

  /** Every key strictly below {@code prefix}: those that start with {@code prefix + "/"}. */
  static <V> NavigableMap<String, V> below(NavigableMap<String, V> map, String prefix) {
    // '0' follows '/', so this range holds exactly the keys "prefix/..."
    return map.subMap(prefix + "/", true, prefix + "0", false);
  }

  /** The keys below a validated {@code prefix} ("" for all), sorted. */
  static List<String> listPrefix(NavigableMap<String, ?> map, String prefix) {
    return new ArrayList<>((prefix.isEmpty() ? map : below(map, prefix)).keySet());
  }

  /** The names of the direct children of a validated {@code prefix} ("" for the root), sorted. */
  static List<String> listDir(NavigableMap<String, ?> map, String prefix) {
    int skip = prefix.isEmpty() ? 0 : prefix.length() + 1;
    TreeSet<String> names = new TreeSet<>();
    for (String key : (prefix.isEmpty() ? map : below(map, prefix)).keySet()) {
      int slash = key.indexOf('/', skip);
      names.add(slash < 0 ? key.substring(skip) : key.substring(skip, slash));
    }
    return new ArrayList<>(names);
  }
}
