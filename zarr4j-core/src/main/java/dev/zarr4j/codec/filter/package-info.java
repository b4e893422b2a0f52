/**
 * numcodecs' numeric filters for Zarr v2 arrays: {@link dev.zarr4j.codec.filter.Delta}, {@link
 * dev.zarr4j.codec.filter.FixedScaleOffset}, {@link dev.zarr4j.codec.filter.Quantize}, {@link
 * dev.zarr4j.codec.filter.BitRound}, {@link dev.zarr4j.codec.filter.PackBits}, {@link
 * dev.zarr4j.codec.filter.AsType} and {@link dev.zarr4j.codec.filter.Shuffle}.
 *
 * <p>A Zarr v2 filter transforms the flat chunk buffer (in the chunk's memory order) before the
 * compressor. Each filter here is a {@link dev.zarr4j.codec.BytesToBytesCodec} that reads and
 * writes exactly the bytes numcodecs 0.11 does on NumPy 1.x: elements are interpreted with the
 * filter's own {@code dtype} configuration (BitRound with the incoming element type), and the
 * arithmetic follows NumPy's casting, promotion and rounding rules, including its legacy
 * value-based casting for Python scalars. Configurations ({@code toConfig}) equal numcodecs' {@code
 * get_config()} with defaults written out, and {@code toString()} equals numcodecs' repr.
 */
package dev.zarr4j.codec.filter;
