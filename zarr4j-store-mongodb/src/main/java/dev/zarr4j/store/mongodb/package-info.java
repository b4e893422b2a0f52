/**
 * {@link dev.zarr4j.store.mongodb.MongoDBStore}: Zarr data in a MongoDB collection, in the document
 * layout of zarr-python's {@code zarr.MongoDBStore} ({@code {key, value}}), and {@link
 * dev.zarr4j.store.mongodb.MongoDBStoreProvider}, which opens it from a {@code mongodb://} URL.
 */
package dev.zarr4j.store.mongodb;
