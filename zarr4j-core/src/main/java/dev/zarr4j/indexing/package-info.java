/**
 * Selections and their projection onto a chunk grid: which elements a user asks for and, for each
 * chunk, which of its elements land where in the result. Pure functions of (selection, shape,
 * chunks); this package knows nothing of stores or codecs.
 */
package dev.zarr4j.indexing;
