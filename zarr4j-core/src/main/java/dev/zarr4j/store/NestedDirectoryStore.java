package dev.zarr4j.store;

import java.nio.file.Path;

/**
 * A {@link DirectoryStore} whose arrays keep their chunks in nested directories, as zarr-python
 * 2.13's {@code NestedDirectoryStore}: its {@link #defaultDimensionSeparator()} is {@code "/"}, so
 * an array created here without an explicit separator names the chunk at (1, 2) {@code 1/2}, the
 * file {@code 1/2} inside a sub-directory {@code 1}.
 *
 * <p>Keys map to files exactly as in a {@link DirectoryStore}; the store does not rewrite keys. A
 * key written as {@code 1.2} is stored as the file {@code 1.2}. This is what zarr-python 2.13 does,
 * and it is what reads every layout zarr-python writes:
 *
 * <ul>
 *   <li>an array whose {@code .zarray} says {@code "dimension_separator": "/"} asks for {@code 1/2}
 *       and finds the nested file;
 *   <li>an array written by zarr-python releases before 2.8, whose {@code .zarray} has no {@code
 *       dimension_separator} but whose chunks are nested, is read with this store's default
 *       separator {@code "/"} (the array layer falls back to {@link #defaultDimensionSeparator()}
 *       when the metadata names none, as zarr-python does);
 *   <li>an array created here with an explicit {@code "."} separator keeps flat {@code 1.2} files
 *       and is read back as such.
 * </ul>
 *
 * <p>Listings follow the {@link ListableStore} contract: {@link #listDir} of an array directory
 * returns the top-level chunk directories ({@code 0}, {@code 1}, ...), not the dotted names that
 * zarr-python's {@code listdir} synthesises for nested chunks; use {@link #listPrefix} to see every
 * chunk key.
 */
public class NestedDirectoryStore extends DirectoryStore implements DimensionSeparatorDefault {
  private static final long serialVersionUID = 1L;

  /**
   * Opens a nested directory store on {@code root}, created by the first write if absent.
   *
   * @throws dev.zarr4j.exceptions.StoreException if {@code root} exists and is not a directory
   */
  public NestedDirectoryStore(Path root) {
    super(root);
  }

  /**
   * Opens a nested directory store, optionally lower-casing every key.
   *
   * @param root the directory holding the store
   * @param normalizeKeys lower-case keys and prefixes before use
   * @throws dev.zarr4j.exceptions.StoreException if {@code root} exists and is not a directory
   */
  public NestedDirectoryStore(Path root, boolean normalizeKeys) {
    super(root, normalizeKeys);
  }

  /** {@code "/"}: chunks of arrays created here go into nested directories. */
  @Override
  public String defaultDimensionSeparator() {
    return "/";
  }
}
