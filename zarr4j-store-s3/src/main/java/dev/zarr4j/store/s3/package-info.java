/**
 * A zarr4j store on Amazon S3 and S3-compatible servers ({@link dev.zarr4j.store.s3.S3Store}, on
 * the AWS SDK for Java v2), opened for {@code s3://bucket/path} URLs by {@link
 * dev.zarr4j.store.s3.S3StoreProvider}: zarr-python's {@code FSStore} on s3fs. Reads go through the
 * core's network machinery ({@code dev.zarr4j.store.remote}): many requests in flight, neighbouring
 * ranges coalesced, timeouts, retries with backoff.
 */
package dev.zarr4j.store.s3;
