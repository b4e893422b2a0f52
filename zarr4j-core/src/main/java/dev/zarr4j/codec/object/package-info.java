/**
 * numcodecs' object codecs for Zarr v2 arrays of {@code dtype=object}, byte-compatible with
 * numcodecs 0.11 in both directions: {@link dev.zarr4j.codec.object.VLenUtf8} ({@code vlen-utf8},
 * strings), {@link dev.zarr4j.codec.object.VLenBytes} ({@code vlen-bytes}, byte strings), {@link
 * dev.zarr4j.codec.object.VLenArray} ({@code vlen-array}, ragged numeric arrays), {@link
 * dev.zarr4j.codec.object.JsonCodec} ({@code json2}) and {@link dev.zarr4j.codec.object.MsgPack}
 * ({@code msgpack2}) for mixed JSON-like values, and {@link dev.zarr4j.codec.object.Categorize}
 * ({@code categorize}, strings as integer codes; {@link dev.zarr4j.codec.object.CategorizeUnicode}
 * is its filter form for fixed-width {@code U} arrays). numcodecs' {@code pickle} id is recognised
 * and refused: unpickling can run arbitrary code.
 *
 * <p>Each codec is a {@link dev.zarr4j.codec.ObjectCodec}: the first entry of a Zarr v2 array's
 * {@code filters}, turning the chunk's elements, in the chunk's memory order, into bytes that any
 * further filters and the compressor then process. Codecs are immutable and thread-safe; {@code
 * toConfig()} equals numcodecs' {@code get_config()} with every default written, {@code toString()}
 * equals numcodecs' repr, and {@link dev.zarr4j.codec.object.ObjectCodecProvider} registers them
 * with {@link dev.zarr4j.codec.CodecRegistry}.
 *
 * <p><b>Element types.</b> Text is {@link java.lang.String}, byte strings {@code byte[]}, ragged
 * arrays 1-dimensional {@link dev.zarr4j.ndarray.NdArray}s, JSON and MessagePack values {@code
 * null}, {@link java.lang.Boolean}, {@link java.lang.Long} (decoded; any integer type encodes),
 * {@link java.math.BigInteger}, {@link java.lang.Double}, {@link java.lang.String}, {@link
 * java.util.List} and {@link java.util.Map}. {@code null} elements follow numcodecs: the VLen
 * codecs write them as empty values (so they decode as {@code ""}, {@code byte[0]} or an empty
 * array), JSON and MessagePack keep them as {@code null}, Categorize gives them code 0 (decoded as
 * {@code ""}).
 *
 * <p><b>Memory order.</b> The VLen codecs and Categorize write the elements in the order given (the
 * chunk's memory order). JSON and MsgPack nest them by the chunk's shape in C order, which for
 * C-order chunks is numcodecs' layout; for F-order chunks, zarr-python 2.13 nests the logical array
 * when writing but reads the nesting back as memory order, and zarr4j follows its reading on both
 * sides.
 *
 * <p><b>Hostile input.</b> Decoders check every count and length against the remaining bytes and
 * the expected element count before allocating, refuse invalid UTF-8 (as Python does), limit
 * nesting (JSON 1000 levels, MessagePack 1024 containers as Python's msgpack) and fail with a
 * {@link dev.zarr4j.exceptions.CodecException}.
 */
package dev.zarr4j.codec.object;
