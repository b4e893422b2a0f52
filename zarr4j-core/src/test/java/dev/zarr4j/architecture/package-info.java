/** Checks of the core's package structure against the architecture it promises. */
package dev.zarr4j.architecture;
