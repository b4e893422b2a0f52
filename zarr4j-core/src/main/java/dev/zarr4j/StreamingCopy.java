package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.ChunkProjection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.internal.WaitingTasks;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.pipeline.ChunkPipeline;
import java.util.Arrays;

/**
 * Copies another array into a basic selection chunk by chunk (zarr-python's {@code z2[:] = z1}):
 * for each tile of destination chunks only the matching region of the source is read, so memory
 * stays at a few chunks whatever the arrays' sizes. The source's shape must broadcast to the
 * selection's by NumPy's rules: leading source dimensions of length 1 beyond the selection's are
 * ignored, missing leading ones and dimensions of length 1 are repeated (zarr-python 2.x accepts
 * only the selection's exact shape).
 */
final class StreamingCopy {
  private StreamingCopy() {}

  static void copy(
      ZarrArray source,
      BasicIndexer indexer,
      long[] selShape,
      ChunkPipeline target,
      Selection selection,
      java.util.function.LongConsumer chunksWritten) {
    long[] srcShape = source.shape();
    int extra = srcShape.length - selShape.length;
    // for each selection dimension: the source dimension it reads, or -1 where the source repeats
    int[] srcDim = new int[selShape.length];
    boolean mismatch = false;
    for (int i = 0; i < extra; i++) {
      mismatch |= srcShape[i] != 1;
    }
    for (int k = 0; k < selShape.length; k++) {
      int sd = k + extra;
      if (sd < 0 || (srcShape[sd] == 1 && selShape[k] != 1)) {
        srcDim[k] = -1;
      } else {
        srcDim[k] = sd;
        mismatch |= srcShape[sd] != selShape[k];
      }
    }
    if (mismatch) {
      throw new InvalidSelectionException(
          "source array of shape "
              + Arrays.toString(srcShape)
              + " does not match the shape "
              + Arrays.toString(selShape)
              + " of selection "
              + selection
              + " and cannot be broadcast to it");
    }
    boolean[] dropped = indexer.droppedDimensions();
    // Destination chunks go in tiles that follow the source's chunk grid, and each tile reads its
    // source region once: a source chunk is decoded at most twice per dimension (when destination
    // chunks straddle its edges), not once for every destination chunk it overlaps.
    // the stored objects (shards when sharded; the largest chunk of a rectilinear grid)
    int[] srcChunks = source.spec().grid().maxChunkShape();
    long[] span = new long[dropped.length];
    for (int d = 0, k = 0; d < dropped.length; d++) {
      span[d] = Long.MAX_VALUE;
      if (!dropped[d]) {
        int sd = srcDim[k++];
        if (sd >= 0) {
          span[d] = srcChunks[sd];
        }
      }
    }
    java.util.function.Consumer<java.util.List<ChunkProjection>> copy =
        tile -> {
          copyTile(source, tile, dropped, srcDim, srcShape.length, target);
          chunksWritten.accept(tile.size());
        };
    if (source.chunkStore().capabilities().latencyBound() && !target.latencyBound()) {
      // reading from the network into a local store: as many tiles at once as requests in flight
      WaitingTasks.forEach(indexer.tiles(span), ChunkPipeline.CHUNKS_IN_FLIGHT, copy);
    } else {
      target.forEachChunk(indexer.tiles(span), copy);
    }
  }

  private static void copyTile(
      ZarrArray source,
      java.util.List<ChunkProjection> tile,
      boolean[] dropped,
      int[] srcDim,
      int srcNdim,
      ChunkPipeline target) {
    // the source region the tile needs: length-1 dimensions read once and repeated
    long[] from = new long[dropped.length];
    long[] to = new long[dropped.length];
    Arrays.fill(from, Long.MAX_VALUE);
    for (ChunkProjection p : tile) {
      for (int d = 0; d < dropped.length; d++) {
        from[d] = Math.min(from[d], p.outStart()[d]);
        to[d] = Math.max(to[d], p.outStart()[d] + p.count()[d]);
      }
    }
    Object[] region = new Object[srcNdim];
    long[] counts = new long[srcNdim];
    Arrays.fill(region, Slice.of(0, 1));
    Arrays.fill(counts, 1);
    for (int d = 0, k = 0; d < dropped.length; d++) {
      if (!dropped[d]) {
        int sd = srcDim[k++];
        if (sd >= 0) {
          region[sd] = Slice.of(from[d], to[d]);
          counts[sd] = to[d] - from[d];
        }
      }
    }
    NdArray part =
        ArrayValues.asArray(source.get(BasicSelection.of(region)), target.spec().dtype());
    long[] partStrides = StridedCopy.cStrides(counts);
    long[] srcStrides = new long[dropped.length];
    for (int d = 0, k = 0; d < dropped.length; d++) {
      if (!dropped[d]) {
        int sd = srcDim[k++];
        srcStrides[d] = sd >= 0 ? partStrides[sd] : 0;
      }
    }
    ChunkPipeline.Source src = new ChunkPipeline.Source(part.data(), srcStrides, null, null, false);
    for (ChunkProjection p : tile) {
      // where this chunk's values start in the tile's part
      long[] at = new long[dropped.length];
      for (int d = 0; d < dropped.length; d++) {
        at[d] = p.outStart()[d] - from[d];
      }
      target.writeChunk(
          new ChunkProjection(
              p.chunkCoords(), p.chunkStart(), p.chunkStep(), p.count(), at, p.complete()),
          src);
    }
  }
}
