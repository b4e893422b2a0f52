/**
 * zarr4j's entry points and core types: {@link dev.zarr4j.Zarr} (create, open, the {@code *Like}
 * functions), {@link dev.zarr4j.ZarrArray}, {@link dev.zarr4j.ArrayOptions}, {@link
 * dev.zarr4j.Attributes}, {@link dev.zarr4j.Info}, and the unchecked exception hierarchy rooted at
 * {@link dev.zarr4j.exceptions.ZarrException}.
 */
package dev.zarr4j;
