package dev.zarr4j.codec;

/**
 * The stage that serialises a chunk array to bytes (endianness and memory order, object codecs).
 */
public non-sealed interface ArrayToBytesCodec extends Codec {}
