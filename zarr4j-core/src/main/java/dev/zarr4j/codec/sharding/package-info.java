/**
 * Zarr v3's {@code sharding_indexed} codec ({@link dev.zarr4j.codec.sharding.ShardingCodec}): many
 * inner chunks stored in one object (a shard) with an index of where each one's bytes are, so a
 * reader fetches the index and then only the inner chunks it needs, and a writer of part of a shard
 * re-encodes only the inner chunks it touches, copying the others' bytes. Registered under its v3
 * name by {@link dev.zarr4j.codec.sharding.ShardingCodecProvider}.
 */
package dev.zarr4j.codec.sharding;
