package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkWrite;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One partial write of a shard ({@link ShardingCodec#encodePartially}): the write is cut over the
 * inner chunks; only the inner chunks it touches are encoded again, and every other stored inner
 * chunk keeps its encoded bytes, copied unchanged into the new shard.
 *
 * <p>What it reads of the stored shard, in order:
 *
 * <ol>
 *   <li>the index, with one ranged read ({@link ShardingCodec#readIndex});
 *   <li>in one batched {@link ByteSource#read(List)} call, the bytes of the stored inner chunks it
 *       keeps and of the stored inner chunks the write covers only in part (which it decodes),
 *       sorted by offset, neighbours that touch merged into one range (a shard zarr4j wrote holds
 *       its inner chunks back to back, so everything it keeps is one range, or one range either
 *       side of each run of inner chunks the write replaces). Unlike a read, a write does not
 *       bridge gaps: the bytes between kept ranges belong to inner chunks the write covers
 *       entirely, which are neither read nor decoded. Missing inner chunks read nothing. A source
 *       holding the shard in memory is sliced instead.
 * </ol>
 *
 * The new shard lays the inner chunks out in C order of the inner grid, as a whole encode does, so
 * a partial write of a shard zarr4j wrote gives the bytes a whole encode of the same elements would
 * give (for deterministic inner codecs). A touched inner chunk left equal to the fill value is left
 * out; a shard left with no inner chunk is not stored ({@link Optional#empty()}).
 */
final class ShardPartialEncoder {
  private ShardPartialEncoder() {}

  /** What a write does to one inner chunk. */
  private static final class Touch {
    final ChunkWrite write;
    final boolean complete;

    Touch(ChunkWrite write, boolean complete) {
      this.write = write;
      this.complete = complete;
    }
  }

  static Optional<ByteBuffer> encode(
      ShardingCodec codec,
      ShardLayout l,
      ByteSource existing,
      ChunkWrite write,
      CodecOptions options) {
    ShardIndex old = existing == null ? null : codec.readIndex(l, existing, options);
    Touch[] touched = split(l, write);

    // the stored bytes to read: inner chunks kept as they are, and ones partly written
    int n = l.count;
    int[] need = new int[n];
    int needed = 0;
    if (old != null) {
      for (int i = 0; i < n; i++) {
        if (!old.isMissing(i) && (touched[i] == null || !touched[i].complete)) {
          need[needed++] = i;
        }
      }
    }
    ByteBuffer[] stored = fetch(l, existing, old, Arrays.copyOf(need, needed));

    // encode the touched inner chunks
    Object fill = l.shard.fillValue();
    ByteBuffer[] fresh = new ByteBuffer[n];
    int[] touchedAt = new int[n];
    int touches = 0;
    for (int i = 0; i < n; i++) {
      if (touched[i] != null) {
        touchedAt[touches++] = i;
      }
    }
    InnerChunkWork.forRanges(
        touches,
        (from, to) -> {
          for (int k = from; k < to; k++) {
            int i = touchedAt[k];
            Touch t = touched[i];
            try {
              ChunkArray c;
              if (t.complete) {
                c = ChunkArray.filled(l.inner, null, null);
              } else if (stored[i] != null) {
                c = codec.codecs().decode(stored[i].duplicate(), l.inner, options).copy();
              } else {
                c = ChunkArray.filled(l.inner);
              }
              t.write.applyTo(c);
              if (!c.isFilledWith(fill)) {
                fresh[i] = codec.codecs().encode(c, options);
              }
            } catch (CodecException e) {
              throw new CodecException("inner chunk " + l.coords(i) + ": " + e.getMessage(), e);
            }
          }
        });

    // lay out the new shard: inner chunks in C order, the index at its start or end
    long[] entries = new long[2 * n];
    Arrays.fill(entries, ShardIndex.MISSING);
    long data = 0;
    for (int i = 0; i < n; i++) {
      ByteBuffer b = touched[i] != null ? fresh[i] : stored[i];
      if (b != null) {
        data += b.remaining();
      }
    }
    boolean start = codec.indexLocation() == ShardingCodec.IndexLocation.START;
    long total = data + l.indexSize;
    if (total > Integer.MAX_VALUE - 64) {
      throw new CodecException(
          "sharding_indexed: an encoded shard of " + total + " bytes does not fit one buffer");
    }
    byte[] out = new byte[(int) total];
    int at = start ? (int) l.indexSize : 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      ByteBuffer b = touched[i] != null ? fresh[i] : stored[i];
      if (b == null) {
        continue;
      }
      int len = b.remaining();
      b.get(b.position(), out, at, len);
      entries[2 * i] = at;
      entries[2 * i + 1] = len;
      at += len;
      any = true;
    }
    if (!any) {
      return Optional.empty();
    }
    ByteBuffer index = ShardIndex.encode(l, codec.indexCodecs(), entries, options);
    index.get(index.position(), out, start ? 0 : (int) data, (int) l.indexSize);
    return Optional.of(ByteBuffer.wrap(out));
  }

  /** The write cut over the inner chunks: per inner chunk (C order), its share, or null. */
  private static Touch[] split(ShardLayout l, ChunkWrite write) {
    Touch[] touched = new Touch[l.count];
    return write.match(w -> splitBox(l, w, touched), w -> splitPoints(l, w, touched));
  }

  private static Touch[] splitBox(ShardLayout l, ChunkWrite.Box w, Touch[] touched) {
    StridedBox box = w.box();
    StridedView src = w.source();
    long[] srcStrides = src.strides();
    int[] step = box.step();
    BoxSplit.forEach(
        l,
        box,
        (inner, first, subStart, subCount, complete) -> {
          long off = src.offset();
          for (int d = 0; d < first.length; d++) {
            off += first[d] * srcStrides[d];
          }
          touched[inner] =
              new Touch(
                  ChunkWrite.box(
                      new StridedBox(subStart, step, subCount),
                      new StridedView(src.storage(), off, srcStrides)),
                  complete);
        });
    return touched;
  }

  private static Touch[] splitPoints(ShardLayout l, ChunkWrite.Points w, Touch[] touched) {
    int count = w.size();
    if (count == 0) {
      return touched;
    }
    l.forEachInnerChunk(
        w.positions(),
        w.sourceOffsets(),
        (inner, local, offs) ->
            touched[inner] = new Touch(ChunkWrite.points(local, w.source(), offs), false));
    return touched;
  }

  /**
   * The stored bytes of the inner chunks {@code need} (ascending inner chunk indices, all stored),
   * per inner chunk index: slices of the source's memory when it has the shard there, else of the
   * ranges one batched read returned (touching neighbours merged).
   */
  private static ByteBuffer[] fetch(ShardLayout l, ByteSource source, ShardIndex old, int[] need) {
    ByteBuffer[] out = new ByteBuffer[l.count];
    if (need.length == 0) {
      return out;
    }
    ByteBuffer memory = source.memory();
    if (memory != null) {
      for (int i : need) {
        out[i] = memory.slice((int) old.offset(i), old.nbytes(i));
      }
      return out;
    }
    // sort by offset, merge neighbours, read every range in one call
    Integer[] order = new Integer[need.length];
    for (int k = 0; k < need.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> Long.compare(old.offset(need[x]), old.offset(need[y])));
    List<ByteRange> ranges = new ArrayList<>();
    int[] rangeOf = new int[need.length];
    long[] rangeStart = new long[need.length];
    long a = 0;
    long b = 0;
    for (int k : order) {
      int i = need[k];
      long off = old.offset(i);
      long end = off + old.nbytes(i);
      if (!ranges.isEmpty() && off <= b && Math.max(b, end) - a <= ShardPartialDecoder.MAX_RANGE) {
        b = Math.max(b, end);
        ranges.set(ranges.size() - 1, ByteRange.of(a, b - a));
      } else {
        a = off;
        b = end;
        ranges.add(ByteRange.of(a, b - a));
      }
      rangeOf[k] = ranges.size() - 1;
      rangeStart[k] = a;
    }
    List<ByteBuffer> got = source.read(ranges);
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
    for (int k = 0; k < need.length; k++) {
      int i = need[k];
      ByteBuffer range = got.get(rangeOf[k]);
      out[i] = range.slice(range.position() + (int) (old.offset(i) - rangeStart[k]), old.nbytes(i));
    }
    return out;
  }
}
