/**
 * A zarr4j store on Google Cloud Storage ({@link dev.zarr4j.store.gcs.GcsStore}, on Google's {@code
 * google-cloud-storage} client library), opened for {@code gs://bucket/path} and {@code
 * gcs://bucket/path} URLs by {@link dev.zarr4j.store.gcs.GcsStoreProvider}: zarr-python's {@code
 * FSStore} on gcsfs. Reads go through the core's network machinery ({@code
 * dev.zarr4j.store.remote}): many requests in flight, neighbouring ranges coalesced, timeouts,
 * retries with backoff.
 */
package dev.zarr4j.store.gcs;
