/**
 * The exceptions zarr4j throws: one unchecked hierarchy rooted at {@link
 * dev.zarr4j.exceptions.ZarrException}, whose subtypes say what went wrong and whose messages name
 * the path, key, dimension or value at fault. The package depends on nothing else in zarr4j, so
 * every layer can throw them.
 */
package dev.zarr4j.exceptions;
