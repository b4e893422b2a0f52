package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes parts of a chunk stored as raw elements in C order: a box or a list of elements is a set
 * of element runs of the encoded bytes, read packed from the source (which decodes only what they
 * need, when it is a Blosc frame) and copied from there into the caller's array.
 */
final class RawPartialDecoder implements ArrayPartialDecoder {
  /** Most runs read at once; a part needing more is decoded whole. */
  static final int MAX_RUNS = 1 << 13;

  /** Packed results up to this size are fresh arrays; larger ones are lent. */
  private static final int SMALL = 64 << 10;

  private final ByteSource source;
  private final ChunkSpec spec;
  private final DataType stored;
  private final BytesCodec codec;
  private final CodecOptions options;
  private final long[] byteStrides;
  private ChunkArray whole;

  RawPartialDecoder(
      ByteSource source, ChunkSpec spec, DataType stored, BytesCodec codec, CodecOptions options) {
    this.source = source;
    this.spec = spec;
    this.stored = stored;
    this.codec = codec;
    this.options = options;
    long[] st = ChunkArray.cStrides(spec.shape());
    for (int i = 0; i < st.length; i++) {
      st[i] *= stored.itemSize();
    }
    this.byteStrides = st;
  }

  @Override
  public ChunkSpec spec() {
    return spec;
  }

  @Override
  public ChunkArray decodeAll() {
    if (whole == null) {
      whole = codec.decode(source.readAll(), spec, options);
    }
    return whole;
  }

  @Override
  public void decodeBox(StridedBox box, StridedView out) {
    int[] runs = whole == null ? boxRuns(box) : null;
    if (runs == null) {
      decodeAll().copyTo(box, out);
      return;
    }
    int n = runBytes(runs);
    ChunkScratch scratch = ChunkScratch.get();
    byte[] packed = n <= SMALL ? new byte[n] : scratch.lendHeap(n);
    try {
      source.readPacked(ByteRuns.ofInts(runs, runs.length), packed, 0);
      RawCopy.decode(
          ByteBuffer.wrap(packed, 0, n),
          0,
          packedStrides(box.count()),
          out.storage(),
          out.offset(),
          out.strides(),
          box.count(),
          stored);
    } finally {
      if (n > SMALL) {
        scratch.release(packed);
      }
    }
  }

  @Override
  public void decodePoints(int[] positions, Object out, long[] outOffsets) {
    int count = outOffsets.length;
    if (whole != null || count > MAX_RUNS) {
      decodeAll().copyPointsTo(positions, out, outOffsets);
      return;
    }
    int nd = byteStrides.length;
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      long o = 0;
      for (int d = 0; d < nd; d++) {
        o += positions[i * nd + d] * byteStrides[d];
      }
      offsets[i] = o;
    }
    long[] packedAt = new long[count];
    int[] runs = pointRuns(offsets, packedAt);
    int n = runBytes(runs);
    ChunkScratch scratch = ChunkScratch.get();
    byte[] packed = n <= SMALL ? new byte[n] : scratch.lendHeap(n);
    try {
      source.readPacked(ByteRuns.ofInts(runs, runs.length), packed, 0);
      RawCopy.decodePoints(ByteBuffer.wrap(packed, 0, n), packedAt, out, outOffsets, stored);
    } finally {
      if (n > SMALL) {
        scratch.release(packed);
      }
    }
  }

  /**
   * The byte runs (start/end pairs, sorted, adjacent runs merged) a strided box occupies, or null
   * when there would be more than {@link #MAX_RUNS} of them.
   */
  int[] boxRuns(StridedBox box) {
    int nd = byteStrides.length;
    int[] start = box.start();
    int[] step = box.step();
    long[] count = box.count();
    long elements = box.size();
    if (elements == 0) {
      return new int[0];
    }
    int item = stored.itemSize();
    if (nd == 0) {
      return new int[] {0, item};
    }
    int inner = nd - 1;
    boolean contiguous = step[inner] == 1;
    long runLen = contiguous ? count[inner] * item : item;
    long nruns = contiguous ? elements / count[inner] : elements;
    if (nruns > MAX_RUNS) {
      return null;
    }
    int[] runs = new int[(int) (2 * nruns)];
    int n = 0;
    long[] pos = new long[nd];
    long base = 0;
    for (int d = 0; d < nd; d++) {
      base += start[d] * byteStrides[d];
    }
    long innerStride = byteStrides[inner] * step[inner];
    long innerCount = contiguous ? 1 : count[inner];
    while (true) {
      long off = base;
      for (int d = 0; d < nd; d++) {
        off += pos[d] * step[d] * byteStrides[d];
      }
      for (long k = 0; k < innerCount; k++) {
        int a = (int) (off + k * innerStride);
        int b = (int) (a + runLen);
        if (n > 0 && runs[2 * n - 1] == a) {
          runs[2 * n - 1] = b;
        } else {
          runs[2 * n] = a;
          runs[2 * n + 1] = b;
          n++;
        }
      }
      int d = nd - 2;
      while (true) {
        if (d < 0) {
          return Arrays.copyOf(runs, 2 * n);
        }
        if (++pos[d] < count[d]) {
          break;
        }
        pos[d] = 0;
        d--;
      }
    }
  }

  /**
   * The byte runs holding elements at the given byte offsets (any order, repeats allowed), with
   * {@code packedAt[i]} set to where element {@code i} lands in the packed result.
   */
  int[] pointRuns(long[] offsets, long[] packedAt) {
    int item = stored.itemSize();
    int count = offsets.length;
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[i] = offsets[i] << 32 | i;
    }
    Arrays.sort(keys);
    int[] runs = new int[2 * count];
    int n = 0;
    int at = -item;
    long last = -1;
    for (long k : keys) {
      long o = k >>> 32;
      if (o != last) {
        at += item;
        int a = (int) o;
        if (n > 0 && runs[2 * n - 1] == a) {
          runs[2 * n - 1] = a + item;
        } else {
          runs[2 * n] = a;
          runs[2 * n + 1] = a + item;
          n++;
        }
        last = o;
      }
      packedAt[(int) k] = at;
    }
    return Arrays.copyOf(runs, 2 * n);
  }

  private static int runBytes(int[] runs) {
    int n = 0;
    for (int r = 0; r + 1 < runs.length; r += 2) {
      n += runs[r + 1] - runs[r];
    }
    return n;
  }

  /** Byte strides of a box's elements packed one after another in C order. */
  private long[] packedStrides(long[] count) {
    long[] strides = new long[count.length];
    long acc = stored.itemSize();
    for (int d = count.length - 1; d >= 0; d--) {
      strides[d] = acc;
      acc *= count[d];
    }
    return strides;
  }
}
