package dev.zarr4j.indexing;

/**
 * One chunk's share of a selection: either a strided box ({@link ChunkProjection}) or a list of
 * single elements ({@link ChunkPoints}).
 */
public sealed interface Projection permits ChunkProjection, ChunkPoints {

  /** The chunk's grid coordinates. */
  long[] chunkCoords();
}
