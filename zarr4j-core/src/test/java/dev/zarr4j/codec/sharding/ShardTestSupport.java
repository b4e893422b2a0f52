package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.CountingByteSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/** Shared helpers of the sharding tests: random shards, codec chains, a counting source. */
final class ShardTestSupport {
  private ShardTestSupport() {}

  /** The data types the property tests draw from. */
  static final List<DataType> DTYPES =
      List.of(
          DataType.parse("<i2"),
          DataType.parse(">i4"),
          DataType.parse("<u8"),
          DataType.parse("|u1"),
          DataType.parse("|i1"),
          DataType.parse("<f4"),
          DataType.parse("<f8"),
          DataType.parse("|b1"),
          DataType.parse("<c8"),
          DataType.parse("|S3"));

  static Codec v3(String name, Map<String, Object> configuration) {
    return CodecRegistry.fromV3Config(Map.of("name", name, "configuration", configuration));
  }

  static Codec bytesLe() {
    return v3("bytes", Map.of("endian", "little"));
  }

  /** The inner chains the property tests draw from (numcodecs compressors under their v3 form). */
  static List<List<Codec>> innerChains() {
    return List.of(
        List.of(bytesLe()),
        List.of(v3("bytes", Map.of("endian", "big"))),
        List.of(bytesLe(), v3("numcodecs.gzip", Map.of("level", 1))),
        List.of(bytesLe(), v3("numcodecs.zstd", Map.of("level", 1))),
        List.of(
            bytesLe(), v3("numcodecs.blosc", Map.of("cname", "lz4", "clevel", 5, "shuffle", 1))),
        List.of(bytesLe(), CodecRegistry.fromV3Config("crc32c")));
  }

  /** A random shard: random elements, with each inner chunk set to the fill value at random. */
  static ChunkArray randomShard(
      ChunkSpec spec, int[] inner, double missingShare, SplittableRandom rnd) {
    byte[] raw = new byte[Math.toIntExact(spec.byteSize())];
    rnd.nextBytes(raw);
    if (spec.dtype().kind() == DataType.Kind.BOOL) {
      for (int i = 0; i < raw.length; i++) {
        raw[i] &= 1;
      }
    }
    ChunkArray shard = ChunkArray.ofBytes(spec, ByteBuffer.wrap(raw));
    ChunkArray fill = ChunkArray.filled(spec.withShape(inner));
    int nd = inner.length;
    int[] grid = new int[nd];
    int n = 1;
    for (int d = 0; d < nd; d++) {
      grid[d] = spec.shape(d) / inner[d];
      n *= grid[d];
    }
    for (int i = 0; i < n; i++) {
      if (rnd.nextDouble() < missingShare) {
        int rest = i;
        int[] at = new int[nd];
        for (int d = nd - 1; d >= 0; d--) {
          at[d] = (rest % grid[d]) * inner[d];
          rest /= grid[d];
        }
        shard.copyRegionFrom(fill, at);
      }
    }
    return shard;
  }

  /** A fill value for the type: null (zero bytes) or a non-zero value, at random. */
  static Object fillValue(DataType t, SplittableRandom rnd) {
    if (rnd.nextBoolean()) {
      return null;
    }
    return switch (t.kind()) {
      case BOOL -> Boolean.TRUE;
      case INT, UINT -> 3;
      case FLOAT -> 1.5;
      case COMPLEX -> 2.0;
      default -> null;
    };
  }

  /** The elements of a chunk as a storage array (a reference for comparisons). */
  static NdArray toNdArray(ChunkArray c) {
    NdArray a = NdArray.zeros(c.spec().dtype(), c.spec().shape());
    c.copyTo(StridedBox.all(c.spec().shape()), StridedView.of(a));
    return a;
  }

  static boolean sameStorage(Object a, Object b) {
    return Objects.deepEquals(a, b);
  }

  /**
   * A shard index as the format defines it, written independently of the codec: little-endian
   * uint64 pairs followed by their CRC-32C, little-endian.
   */
  static byte[] indexBytes(long[] entries) {
    ByteBuffer b = ByteBuffer.allocate(entries.length * 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
    for (long e : entries) {
      b.putLong(e);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, entries.length * 8);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** The (offset, nbytes) entries of a shard with the default index at its end. */
  static long[] entriesAtEnd(byte[] shard, int count) {
    ByteBuffer b = ByteBuffer.wrap(shard).order(ByteOrder.LITTLE_ENDIAN);
    int at = shard.length - (16 * count + 4);
    long[] e = new long[2 * count];
    for (int i = 0; i < e.length; i++) {
      e[i] = b.getLong(at + 8 * i);
    }
    return e;
  }

  /** The shard with its trailing default index replaced by one of {@code entries}. */
  static byte[] withIndexAtEnd(byte[] shard, long[] entries) {
    byte[] idx = indexBytes(entries);
    byte[] out = shard.clone();
    System.arraycopy(idx, 0, out, out.length - idx.length, idx.length);
    return out;
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  static CodecChain chain(List<Codec> codecs) {
    return CodecChain.of(codecs);
  }

  /** The shared counting source, under the name these tests use. */
  static class CountingSource extends CountingByteSource {
    CountingSource(byte[] bytes) {
      super(bytes);
    }
  }
}
