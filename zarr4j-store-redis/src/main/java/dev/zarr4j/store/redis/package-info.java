/**
 * {@link dev.zarr4j.store.redis.RedisStore}: Zarr data in a Redis server, in the key layout of
 * zarr-python's {@code zarr.RedisStore} ({@code prefix:key}), and {@link
 * dev.zarr4j.store.redis.RedisStoreProvider}, which opens it from a {@code redis://} URL.
 */
package dev.zarr4j.store.redis;
