package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes parts of one shard from a source that serves byte ranges. The index is read once, with
 * one ranged read, when a part is first asked for. A part then reads only the inner chunks it
 * touches:
 *
 * <ul>
 *   <li>a missing inner chunk is written as the fill value, reading nothing;
 *   <li>an inner chunk of which the part needs only a little (at most half its elements) and whose
 *       chain decodes parts alone is decoded through that chain's partial decoder over a window of
 *       the shard's source, so only the bytes it needs are read;
 *   <li>every other inner chunk is read whole: their byte ranges, sorted, are merged where they
 *       touch or lie at most {@link #MAX_GAP} bytes apart, and all ranges are asked for in one
 *       {@link ByteSource#read(List)} call (a source over a network store sends them together).
 * </ul>
 *
 * Not thread-safe.
 */
final class ShardPartialDecoder implements ArrayPartialDecoder {
  /** Inner chunks at most this many bytes apart in the shard are read as one range. */
  static final long MAX_GAP = 16 << 10;

  /** A merged range grows no larger than this. */
  static final long MAX_RANGE = 64 << 20;

  private final ShardingCodec codec;
  private final ShardLayout layout;
  private ByteSource source; // the shard's source, or its bytes once read whole
  private final CodecOptions options;
  private ShardIndex index;
  private ChunkArray whole;

  ShardPartialDecoder(
      ShardingCodec codec, ShardLayout layout, ByteSource source, CodecOptions options) {
    this.codec = codec;
    this.layout = layout;
    this.source = source;
    this.options = options;
  }

  @Override
  public ChunkSpec spec() {
    return layout.shard;
  }

  /** {@inheritDoc} The whole shard is read with one read. */
  @Override
  public ChunkArray decodeAll() {
    if (whole == null) {
      whole = codec.decode(source.readAll(), layout.shard, options);
    }
    return whole;
  }

  /** The checked index, read with one ranged read on first use. */
  private ShardIndex index() {
    if (index == null) {
      index = codec.readIndex(layout, source, options);
    }
    return index;
  }

  /** One inner chunk's share of a part, to read whole. */
  private static final class Part {
    final int inner;
    final long offset;
    final int nbytes;
    // a box part
    final StridedBox box;
    final StridedView view;
    final boolean complete; // the box is the whole inner chunk
    // a points part
    final int[] positions;
    final Object out;
    final long[] outOffsets;
    // where its bytes arrive
    int range;
    long rangeStart;

    Part(int inner, ShardIndex index, StridedBox box, StridedView view, boolean complete) {
      this.inner = inner;
      this.offset = index.offset(inner);
      this.nbytes = index.nbytes(inner);
      this.box = box;
      this.view = view;
      this.complete = complete;
      this.positions = null;
      this.out = null;
      this.outOffsets = null;
    }

    Part(int inner, ShardIndex index, int[] positions, Object out, long[] outOffsets) {
      this.inner = inner;
      this.offset = index.offset(inner);
      this.nbytes = index.nbytes(inner);
      this.box = null;
      this.view = null;
      this.complete = false;
      this.positions = positions;
      this.out = out;
      this.outOffsets = outOffsets;
    }
  }

  @Override
  public void decodeBox(StridedBox box, StridedView out) {
    if (whole != null) {
      whole.copyTo(box, out);
      return;
    }
    if (box.size() == 0) {
      return;
    }
    if (index == null && box.size() == layout.shard.size()) {
      // the whole shard: one read of the object, then every inner chunk straight into the output
      source = ByteSource.of(source.readAll());
    }
    ShardIndex idx = index();
    long[] outStrides = out.strides();
    int[] step = box.step();
    List<Part> fetch = new ArrayList<>();
    BoxSplit.forEach(
        layout,
        box,
        (inner, first, subStart, subCount, complete) -> {
          long outOff = out.offset();
          for (int d = 0; d < first.length; d++) {
            outOff += first[d] * outStrides[d];
          }
          StridedView view = new StridedView(out.storage(), outOff, outStrides);
          if (idx.isMissing(inner)) {
            layout.fill(view, subCount);
            return;
          }
          StridedBox sub = new StridedBox(subStart, step, subCount);
          if (!complete && layout.innerPartial && 2 * sub.size() <= layout.innerSize) {
            try (ArrayPartialDecoder d = windowed(idx, inner)) {
              d.decodeBox(sub, view);
            } catch (CodecException e) {
              throw innerError(inner, e);
            }
          } else {
            fetch.add(new Part(inner, idx, sub, view, complete));
          }
        });
    readAndDecode(fetch);
  }

  @Override
  public void decodePoints(int[] positions, Object out, long[] outOffsets) {
    if (whole != null) {
      whole.copyPointsTo(positions, out, outOffsets);
      return;
    }
    int count = outOffsets.length;
    if (count == 0) {
      return;
    }
    ShardIndex idx = index();
    List<Part> fetch = new ArrayList<>();
    layout.forEachInnerChunk(
        positions,
        outOffsets,
        (inner, local, offs) -> {
          int m = offs.length;
          if (idx.isMissing(inner)) {
            layout.fillPoints(out, offs, 0, m);
          } else if (layout.innerPartial && 2L * m <= layout.innerSize) {
            try (ArrayPartialDecoder d = windowed(idx, inner)) {
              d.decodePoints(local, out, offs);
            } catch (CodecException e) {
              throw innerError(inner, e);
            }
          } else {
            fetch.add(new Part(inner, idx, local, out, offs));
          }
        });
    readAndDecode(fetch);
  }

  /** The inner chain's partial decoder over the inner chunk's bytes in the shard's source. */
  private ArrayPartialDecoder windowed(ShardIndex idx, int inner) {
    return codec
        .codecs()
        .partialDecoder(
            new ByteWindow(source, idx.offset(inner), idx.nbytes(inner)), layout.inner, options);
  }

  private CodecException innerError(int inner, CodecException e) {
    return new CodecException("inner chunk " + layout.coords(inner) + ": " + e.getMessage(), e);
  }

  /**
   * Reads the inner chunks of {@code parts} whole, neighbours merged into one range and all ranges
   * in one batched read, and decodes each into its part of the output.
   */
  private void readAndDecode(List<Part> parts) {
    if (parts.isEmpty()) {
      return;
    }
    parts.sort((x, y) -> Long.compare(x.offset, y.offset));
    List<ByteRange> ranges = new ArrayList<>();
    long a = 0;
    long b = 0;
    for (Part p : parts) {
      long end = p.offset + p.nbytes;
      if (!ranges.isEmpty() && p.offset <= b + MAX_GAP && Math.max(b, end) - a <= MAX_RANGE) {
        b = Math.max(b, end);
        ranges.set(ranges.size() - 1, ByteRange.of(a, b - a));
      } else {
        a = p.offset;
        b = end;
        ranges.add(ByteRange.of(a, b - a));
      }
      p.range = ranges.size() - 1;
      p.rangeStart = a;
    }
    ByteBuffer memory = source.memory();
    List<ByteBuffer> got;
    if (memory != null) {
      // the shard is in memory (read whole, or a memory store's value): slices, no copies
      got = new ArrayList<>(ranges.size());
      for (ByteRange r : ranges) {
        ByteRange.Bounded want = (ByteRange.Bounded) r;
        if (want.offset() + want.length() > memory.remaining()) {
          throw new CodecException(
              "shard: "
                  + want.length()
                  + " bytes at offset "
                  + want.offset()
                  + " run past its end ("
                  + memory.remaining()
                  + " bytes)");
        }
        got.add(memory.slice(memory.position() + (int) want.offset(), (int) want.length()));
      }
    } else {
      got = source.read(ranges);
    }
    for (int r = 0; r < ranges.size(); r++) {
      ByteRange.Bounded want = (ByteRange.Bounded) ranges.get(r);
      if (got.get(r).remaining() != want.length()) {
        throw new CodecException(
            "shard: read "
                + got.get(r).remaining()
                + " bytes at offset "
                + want.offset()
                + ", expected "
                + want.length());
      }
    }
    for (Part p : parts) {
      ByteBuffer bytes = got.get(p.range).slice((int) (p.offset - p.rangeStart), p.nbytes);
      try {
        decodePart(p, bytes);
      } catch (CodecException e) {
        throw innerError(p.inner, e);
      }
    }
  }

  private void decodePart(Part p, ByteBuffer bytes) {
    boolean partial = layout.innerPartial && !p.complete;
    if (partial) {
      try (ArrayPartialDecoder d =
          codec.codecs().partialDecoder(ByteSource.of(bytes), layout.inner, options)) {
        if (p.box != null) {
          d.decodeBox(p.box, p.view);
        } else {
          d.decodePoints(p.positions, p.out, p.outOffsets);
        }
      }
      return;
    }
    // decoded into a reused buffer of this thread where the inner chain can, then copied out
    dev.zarr4j.codec.CodecChain chain = codec.codecs();
    dev.zarr4j.internal.ChunkScratch scratch = dev.zarr4j.internal.ChunkScratch.get();
    byte[] lent =
        chain.decodesIntoScratch(layout.inner)
            ? scratch.lendHeap((int) chain.scratchSize(layout.inner))
            : null;
    try {
      ChunkArray c = chain.decode(bytes, layout.inner, options, lent);
      if (p.box != null) {
        c.copyTo(p.box, p.view);
      } else {
        c.copyPointsTo(p.positions, p.out, p.outOffsets);
      }
    } finally {
      if (lent != null) {
        scratch.release(lent);
      }
    }
  }
}
