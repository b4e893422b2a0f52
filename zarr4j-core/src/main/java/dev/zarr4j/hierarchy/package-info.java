/**
 * Hierarchies of groups and arrays: {@link dev.zarr4j.hierarchy.TreeView} (the text and HTML
 * pictures {@link dev.zarr4j.ZarrGroup#tree()} returns) and {@link dev.zarr4j.hierarchy.Hierarchy}
 * (store-level operations: whether a path holds an array or a group, creating groups with their
 * parents, deleting and moving nodes).
 *
 * <p>The group type itself, {@link dev.zarr4j.ZarrGroup}, lives in {@code dev.zarr4j} next to
 * {@link dev.zarr4j.ZarrArray}: both implement the sealed {@link dev.zarr4j.ZarrNode}, and a sealed
 * type's subtypes must share its package when the library is used from the class path. Groups are
 * created and opened with {@link dev.zarr4j.Zarr#group} and {@link dev.zarr4j.Zarr#openGroup}.
 */
package dev.zarr4j.hierarchy;
