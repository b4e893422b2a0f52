/**
 * A zarr4j store on Azure Blob Storage ({@link dev.zarr4j.store.azure.AzureBlobStore}, on the Azure
 * SDK for Java), opened for {@code az://container/path} and {@code abfs[s]://} URLs by {@link
 * dev.zarr4j.store.azure.AzureBlobStoreProvider}: zarr-python's {@code ABSStore}. Reads go through
 * the core's network machinery ({@code dev.zarr4j.store.remote}): many requests in flight,
 * neighbouring ranges coalesced, timeouts, retries with backoff.
 */
package dev.zarr4j.store.azure;
