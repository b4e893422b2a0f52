/**
 * The layout stages: {@link dev.zarr4j.codec.layout.BytesCodec} (a chunk's fixed-size elements as
 * raw bytes in a byte order; Zarr v3's {@code bytes}) and {@link
 * dev.zarr4j.codec.layout.TransposeCodec} (an axis reordering; Zarr v3's {@code transpose}, Zarr
 * v2's order {@code "F"}) and {@link dev.zarr4j.codec.layout.PackBitsCodec} (elements in only the
 * bits they need; Zarr v3's {@code packbits}), registered under their v3 names by {@link
 * dev.zarr4j.codec.layout.LayoutCodecProvider}.
 */
package dev.zarr4j.codec.layout;
