/**
 * Locks that make concurrent partial-chunk writes safe: within a JVM now, across processes later.
 */
package dev.zarr4j.sync;
