/**
 * Selections and their projection onto a chunk grid: which elements a user asks for and, for each
 * chunk, which of its elements land where in the result. Pure functions of (selection, shape, chunk
 * boundaries): a grid is seen as a {@link dev.zarr4j.indexing.ChunkLayout}, per dimension either
 * regular chunks or listed lengths ({@link dev.zarr4j.indexing.DimChunks}). This package knows
 * nothing of stores or codecs.
 *
 * <p>Selections are written either in NumPy's text form ({@link
 * dev.zarr4j.indexing.Selection#parse( String, int)}) or with typed factories such as {@link
 * dev.zarr4j.indexing.OrthogonalSelection#of}; both spellings build equal records. {@code
 * docs/selections.md} in the zarr4j repository describes the grammar and shows zarr-python's
 * "Advanced indexing" tutorial in both.
 */
package dev.zarr4j.indexing;
