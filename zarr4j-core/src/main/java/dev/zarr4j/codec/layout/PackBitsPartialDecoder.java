package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes parts of a chunk stored by the {@code packbits} codec: element {@code e} of the chunk (C
 * order) takes bits {@code e * b .. (e + 1) * b - 1} of the packed bytes ({@code b} bits per
 * element, after the padding byte when it comes first), so a box or a list of elements is a set of
 * byte runs of the encoded chunk. Only those are read (packed, from a source that reads only what
 * it is asked for), and the elements decoded from them straight into the caller's array.
 */
final class PackBitsPartialDecoder implements ArrayPartialDecoder {
  private final ByteSource source;
  private final ChunkSpec spec;
  private final PackBitsCodec codec;
  private final CodecOptions options;
  private final PackBitsCodec.Unpacker unpacker;
  private final long[] strides;
  private ChunkArray whole;

  PackBitsPartialDecoder(
      ByteSource source, ChunkSpec spec, PackBitsCodec codec, CodecOptions options) {
    this.source = source;
    this.spec = spec;
    this.codec = codec;
    this.options = options;
    this.unpacker = codec.unpacker(spec.dtype());
    this.strides = ChunkArray.cStrides(spec.shape());
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
    long[] runs = whole == null ? ElementRuns.ofBox(box, strides, 1) : null;
    if (runs == null) {
      decodeAll().copyTo(box, out);
      return;
    }
    int item = spec.dtype().itemSize();
    byte[] elements = new byte[Math.toIntExact(box.size() * item)];
    unpack(runs, elements);
    long[] count = box.count();
    long[] packedStrides = ElementRuns.packedStrides(count, item);
    RawCopy.decode(
        ByteBuffer.wrap(elements),
        0,
        packedStrides,
        out.storage(),
        out.offset(),
        out.strides(),
        count,
        spec.dtype());
  }

  @Override
  public void decodePoints(int[] positions, Object out, long[] outOffsets) {
    int count = outOffsets.length;
    if (whole != null || count > ElementRuns.MAX_RUNS) {
      decodeAll().copyPointsTo(positions, out, outOffsets);
      return;
    }
    long[] elementsAt = ElementRuns.offsetsOf(positions, strides, count);
    int item = spec.dtype().itemSize();
    long[] at = new long[count];
    long[] runs = ElementRuns.ofPoints(elementsAt, 1, item, at);
    byte[] elements = new byte[Math.toIntExact(ElementRuns.length(runs) * item)];
    unpack(runs, elements);
    RawCopy.decodePoints(ByteBuffer.wrap(elements), at, out, outOffsets, spec.dtype());
  }

  /**
   * Decodes the elements of {@code runs} (start/end pairs of element indices, ascending, not
   * overlapping) one after another into {@code dst}, reading only the bytes that hold their bits.
   */
  private void unpack(long[] runs, byte[] dst) {
    int nruns = runs.length / 2;
    if (nruns == 0) {
      return;
    }
    long bpe = unpacker.bitsPerElement();
    int offset = codec.dataOffset();
    long[] bounds = new long[2 * nruns];
    long[] packedAt = new long[nruns]; // where each element run's first byte lands when packed
    int merged = 0;
    long packed = 0;
    for (int r = 0; r < nruns; r++) {
      long from = runs[2 * r] * bpe >>> 3;
      long to = (runs[2 * r + 1] * bpe + 7) >>> 3;
      if (merged > 0 && from + offset <= bounds[2 * merged - 1]) {
        // shares a byte with (or touches) the run before: extend it
        long mergedStart = bounds[2 * merged - 2];
        long mergedPacked = packed - (bounds[2 * merged - 1] - mergedStart);
        packedAt[r] = mergedPacked + (from + offset - mergedStart);
        long end = Math.max(bounds[2 * merged - 1], to + offset);
        packed += end - bounds[2 * merged - 1];
        bounds[2 * merged - 1] = end;
      } else {
        bounds[2 * merged] = from + offset;
        bounds[2 * merged + 1] = to + offset;
        packedAt[r] = packed;
        packed += to - from;
        merged++;
      }
    }
    byte[] bytes = new byte[Math.toIntExact(packed)];
    source.readPacked(ByteRuns.of(Arrays.copyOf(bounds, 2 * merged)), bytes, 0);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int item = spec.dtype().itemSize();
    int o = 0;
    for (int r = 0; r < nruns; r++) {
      long bit = packedAt[r] * 8 + (runs[2 * r] * bpe & 7);
      for (long e = runs[2 * r]; e < runs[2 * r + 1]; e++, o += item) {
        bit = unpacker.unpack(b, 0, bit, dst, o);
      }
    }
  }
}
