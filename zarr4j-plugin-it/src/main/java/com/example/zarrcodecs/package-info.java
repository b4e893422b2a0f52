/**
 * Two codecs written outside zarr4j, as a user would write them, against zarr4j-core's public codec
 * API only: {@link com.example.zarrcodecs.ZigZagDelta}, an array-to-array stage (integers to the
 * zig-zag encoded differences along one axis, in the unsigned type of the same width), and {@link
 * com.example.zarrcodecs.RunLength}, a bytes-to-bytes run-length coder. {@link
 * com.example.zarrcodecs.ExampleCodecProvider} registers them through {@code
 * META-INF/services/dev.zarr4j.codec.CodecProvider}.
 */
package com.example.zarrcodecs;
