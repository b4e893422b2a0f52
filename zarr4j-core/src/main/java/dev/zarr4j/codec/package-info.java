/**
 * The codec model: the three stage kinds ({@link dev.zarr4j.codec.ArrayToArrayCodec}, {@link
 * dev.zarr4j.codec.ArrayToBytesCodec}, {@link dev.zarr4j.codec.BytesToBytesCodec}), the {@link
 * dev.zarr4j.codec.CodecRegistry} that finds codecs by id through {@link
 * dev.zarr4j.codec.CodecProvider} services, and {@link dev.zarr4j.codec.CodecBackend}, the switch
 * between native and pure-Java implementations; the {@link dev.zarr4j.codec.CodecChain}, chunks in
 * array form ({@link dev.zarr4j.codec.ChunkArray}), partial decoders and the part of a write that
 * falls in one chunk ({@link dev.zarr4j.codec.ChunkWrite}), which a stage that encodes partially
 * applies to a stored chunk. Concrete codecs live in subpackages.
 */
package dev.zarr4j.codec;
