/**
 * What network stores share: many requests in flight, neighbouring byte ranges coalesced, a timeout
 * on every call and retries of transient failures.
 *
 * <p>A network store describes one object service by an {@link
 * dev.zarr4j.store.remote.ObjectClient} (a HEAD and a ranged GET of one key, each one attempt that
 * throws {@link dev.zarr4j.store.remote.TransientRequestException} when trying again may help) and
 * serves its read side through {@link dev.zarr4j.store.remote.RemoteReads}: single reads, batched
 * {@code getMany} reads sent together (at most {@link
 * dev.zarr4j.store.remote.RemoteOptions#maxRequestsInFlight()} at once, on the store's own I/O
 * threads, apart from the threads that decode), and opened values whose ranges are coalesced into
 * few requests ({@link dev.zarr4j.store.remote.RangeCoalescer}). {@link
 * dev.zarr4j.store.remote.RemoteCalls} runs every call: it bounds the requests in flight, retries
 * transient failures with exponential backoff and full jitter within a deadline, and then fails
 * with a {@link dev.zarr4j.exceptions.StoreException} naming the URL and key.
 *
 * <p>This package uses the JDK only; the HTTP store ({@code dev.zarr4j.store.http}) and the S3
 * store (module {@code zarr4j-store-s3}) are built on it.
 */
package dev.zarr4j.store.remote;
