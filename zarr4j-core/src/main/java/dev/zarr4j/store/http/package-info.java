/**
 * A read-only store over HTTP(S) ({@link dev.zarr4j.store.http.HttpStore}), opened for {@code
 * http://} and {@code https://} URLs by {@link dev.zarr4j.store.http.HttpStoreProvider}:
 * zarr-python's {@code FSStore} on fsspec's HTTP file system. Built on the JDK's {@code
 * java.net.http} and the shared network machinery of {@code dev.zarr4j.store.remote}.
 */
package dev.zarr4j.store.http;
