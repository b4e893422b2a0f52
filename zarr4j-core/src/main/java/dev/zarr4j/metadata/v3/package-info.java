/**
 * Zarr v3 (the final core specification and the zarr-extensions registry): {@code zarr.json}
 * documents for arrays and groups with the attributes inline, data type and fill value spellings,
 * chunk key encodings, and consolidated metadata inline in the root document as zarr-python 3
 * writes it. {@link dev.zarr4j.metadata.v3.V3Format} is the format's one seam.
 */
package dev.zarr4j.metadata.v3;
