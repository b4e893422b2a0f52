package dev.zarr4j.codec;

/**
 * A stage that transforms a chunk array into another array (transpose, delta, scale-offset ...).
 */
public non-sealed interface ArrayToArrayCodec extends Codec {}
