package dev.zarr4j.codec.n5;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecTestData;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Data types, compressions and chunks shared by the N5 codec tests. */
final class N5TestSupport {
  private N5TestSupport() {}

  /** Every kind of element type N5 blocks hold, in both byte orders where that applies. */
  static final List<DataType> DTYPES =
      List.of(
          DataType.BOOL,
          DataType.INT8,
          DataType.UINT8,
          DataType.INT16,
          DataType.INT16.withByteOrder(ByteOrder.BIG_ENDIAN),
          DataType.UINT16,
          DataType.INT32,
          DataType.UINT32.withByteOrder(ByteOrder.BIG_ENDIAN),
          DataType.INT64,
          DataType.UINT64,
          DataType.FLOAT16,
          DataType.FLOAT32,
          DataType.FLOAT64.withByteOrder(ByteOrder.BIG_ENDIAN),
          DataType.FLOAT64,
          DataType.COMPLEX64,
          DataType.COMPLEX128.withByteOrder(ByteOrder.BIG_ENDIAN),
          DataType.parse("<M8[ns]"),
          DataType.parse("<m8[s]"));

  /** One of each compression, in the spellings zarr-python and N5 Java write. */
  static List<N5Compression> compressions() {
    List<N5Compression> list = new ArrayList<>();
    list.add(N5Compression.RAW);
    list.add(N5Compression.fromJson(Map.of("type", "gzip", "level", 1, "useZlib", false)));
    list.add(N5Compression.fromJson(Map.of("type", "gzip", "level", 6, "useZlib", true)));
    list.add(N5Compression.fromJson(Map.of("type", "gzip")));
    list.add(N5Compression.fromJson(Map.of("type", "bzip2", "blockSize", 3)));
    list.add(N5Compression.fromJson(Map.of("type", "xz", "preset", 1)));
    list.add(
        N5Compression.fromJson(
            Map.of("type", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0)));
    list.add(
        N5Compression.fromJson(
            Map.of("type", "blosc", "cname", "zstd", "clevel", 3, "shuffle", 2, "blocksize", 0)));
    list.add(N5Compression.fromJson(Map.of("type", "zstd", "id", "zstd", "level", 1)));
    list.add(N5Compression.fromJson(Map.of("type", "zstd", "level", 3)));
    list.add(N5Compression.fromJson(Map.of("type", "lz4", "id", "lz4", "acceleration", 1)));
    list.add(N5Compression.fromJson(Map.of("type", "lz4", "blockSize", 64)));
    list.add(N5Compression.fromJson(Map.of("type", "lz4")));
    return list;
  }

  /** A chunk of {@code shape} holding seeded values valid for the type (booleans 0 or 1). */
  static ChunkArray randomChunk(ChunkSpec spec, SplittableRandom rnd) {
    int n = Math.toIntExact(spec.byteSize());
    CodecTestData.Kind[] kinds = CodecTestData.Kind.values();
    byte[] b =
        CodecTestData.generate(
            kinds[rnd.nextInt(kinds.length)], n, Math.max(1, spec.dtype().itemSize()), rnd);
    if (spec.dtype().kind() == DataType.Kind.BOOL) {
      for (int i = 0; i < b.length; i++) {
        b[i] &= 1;
      }
    }
    return ChunkArray.ofBytes(spec, ByteBuffer.wrap(b));
  }

  /** The chunk's raw bytes. */
  static byte[] bytes(ChunkArray c) {
    ByteBuffer b = c.contiguous().bytes();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** A random shape of {@code ndim} dimensions with lengths in [1, max]. */
  static int[] randomShape(SplittableRandom rnd, int ndim, int max) {
    int[] s = new int[ndim];
    for (int i = 0; i < ndim; i++) {
      s[i] = 1 + rnd.nextInt(max);
    }
    return s;
  }
}
