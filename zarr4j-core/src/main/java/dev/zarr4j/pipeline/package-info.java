/**
 * The chunk pipeline: {@link dev.zarr4j.pipeline.ChunkPipeline} reads and writes one array's chunks
 * for the per-chunk projections of a selection, in parallel, through the array's codec chain and
 * store. It depends on the array model and the codecs, never on a metadata format.
 */
package dev.zarr4j.pipeline;
