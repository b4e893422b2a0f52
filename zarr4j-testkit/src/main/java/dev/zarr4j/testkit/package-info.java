/**
 * Reusable tests for zarr4j extensions: {@link dev.zarr4j.testkit.StoreContractTest}, which any
 * {@link dev.zarr4j.store.Store} implementation's test extends, and {@link
 * dev.zarr4j.testkit.SeededRandom}, the reproducible generator the tests draw their data from.
 *
 * <p>This artifact depends on JUnit 5 and AssertJ at compile scope; add it to a project with {@code
 * test} scope.
 */
package dev.zarr4j.testkit;
