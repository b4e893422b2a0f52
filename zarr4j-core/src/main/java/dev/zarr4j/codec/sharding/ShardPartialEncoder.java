package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkWrite;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.InPlaceUpdate;
import dev.zarr4j.store.ValueParts;
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
 *   <li>in one batched {@link ByteSource#read(List)} call, the bytes of the stored inner chunks the
 *       write covers only in part (which it decodes and merges into) and of the stored inner chunks
 *       it keeps, sorted by offset, neighbours that touch merged into one range (a shard zarr4j
 *       wrote holds its inner chunks back to back, so this is one range, or one range either side
 *       of each run of inner chunks the write replaces). A write does not bridge gaps: the bytes
 *       between ranges belong to inner chunks the write covers entirely, which are neither read nor
 *       decoded. Missing inner chunks read nothing. A source holding the shard in memory is sliced
 *       instead.
 * </ol>
 *
 * When the source {@linkplain ByteSource#transfersDirectly transfers ranges directly} (a file), the
 * kept inner chunks are not read: the new value ({@link ValueParts}) names their byte ranges of the
 * stored shard, and the store copies them while storing it (a directory store file to file in the
 * kernel).
 *
 * <p>The new shard lays the inner chunks out in C order of the inner grid, as a whole encode does,
 * so a partial write of a shard zarr4j wrote gives the bytes a whole encode of the same elements
 * would give (for deterministic inner codecs). A touched inner chunk left equal to the fill value
 * is left out; a shard left with no inner chunk is not stored ({@link Optional#empty()}).
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

  static Optional<ValueParts> encode(
      ShardingCodec codec,
      ShardLayout l,
      ByteSource existing,
      ChunkWrite write,
      CodecOptions options) {
    ShardIndex old = existing == null ? null : codec.readIndex(l, existing, options);
    Touch[] touched = split(l, write);

    // the stored bytes to read: those of the inner chunks written in part, which are decoded,
    // and those of the ones kept as they are, unless the source transfers ranges directly (a
    // file): the new value then names their ranges of the stored shard, which are not read
    int n = l.count;
    boolean transfer = existing != null && existing.transfersDirectly();
    int[] need = new int[n];
    int needed = 0;
    if (old != null) {
      for (int i = 0; i < n; i++) {
        boolean kept = touched[i] == null;
        if (!old.isMissing(i) && (kept ? !transfer : !touched[i].complete)) {
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
    boolean start = codec.indexLocation() == ShardingCodec.IndexLocation.START;
    long[] entries = new long[2 * n];
    Arrays.fill(entries, ShardIndex.MISSING);
    long at = start ? l.indexSize : 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      long len;
      if (touched[i] != null) {
        len = fresh[i] == null ? -1 : fresh[i].remaining();
      } else {
        len = old == null || old.isMissing(i) ? -1 : old.nbytes(i);
      }
      if (len < 0) {
        continue;
      }
      entries[2 * i] = at;
      entries[2 * i + 1] = len;
      at += len;
      any = true;
    }
    if (!any) {
      return Optional.empty();
    }
    ByteBuffer index = ShardIndex.encode(l, codec.indexCodecs(), entries, options);
    ValueParts.Builder out = ValueParts.builder();
    if (start) {
      out.add(index);
    }
    for (int i = 0; i < n; i++) {
      if (entries[2 * i] == ShardIndex.MISSING) {
        continue;
      }
      if (touched[i] != null) {
        out.add(fresh[i]);
      } else if (stored[i] != null) {
        out.add(stored[i]);
      } else {
        out.add(existing, old.offset(i), old.nbytes(i));
      }
    }
    if (!start) {
      out.add(index);
    }
    ValueParts whole = out.build();
    InPlaceUpdate update = inPlace(codec, l, existing, old, touched, fresh, options);
    return Optional.of(update == null ? whole : whole.withInPlaceUpdate(update));
  }

  /**
   * Where a shard's index starts after an in-place update: a multiple of this, so that an index of
   * up to this many bytes is one page of the file (written at once, and read first by a whole read
   * of a directory store's file).
   */
  static final int INDEX_ALIGNMENT = 4096;

  /**
   * The in-place alternative to a partial write ({@link InPlaceUpdate}), for an index at the end of
   * the shard that its chain checksums: the re-encoded inner chunks go past the stored shard's end,
   * followed (at the next multiple of {@link #INDEX_ALIGNMENT}) by the index. In order: a copy of
   * the stored index at that place (the shard then ends with the old index, so it is still the old
   * shard, with a gap nothing refers to), the inner chunks into the gap, then the new index over
   * the copy. Null when the shard would grow past twice its live bytes (the inner chunks and index
   * it refers to): the whole write then drops what earlier updates left behind.
   */
  private static InPlaceUpdate inPlace(
      ShardingCodec codec,
      ShardLayout l,
      ByteSource existing,
      ShardIndex old,
      Touch[] touched,
      ByteBuffer[] fresh,
      CodecOptions options) {
    if (old == null
        || codec.indexLocation() != ShardingCodec.IndexLocation.END
        || !codec.indexCodecs().detectsCorruption()
        || l.indexSize > INDEX_ALIGNMENT) {
      return null; // a larger index would be published in several pages, which a crash can tear
    }
    long base = existing.size();
    long[] entries = old.entries();
    List<InPlaceUpdate.Write> chunks = new ArrayList<>();
    long at = base;
    for (int i = 0; i < l.count; i++) {
      if (touched[i] == null) {
        continue;
      }
      if (fresh[i] == null) {
        entries[2 * i] = ShardIndex.MISSING;
        entries[2 * i + 1] = ShardIndex.MISSING;
      } else {
        entries[2 * i] = at;
        entries[2 * i + 1] = fresh[i].remaining();
        chunks.add(new InPlaceUpdate.Write(at, fresh[i]));
        at += fresh[i].remaining();
      }
    }
    long live = l.indexSize;
    for (int i = 0; i < l.count; i++) {
      if (entries[2 * i] != ShardIndex.MISSING) {
        live += entries[2 * i + 1];
      }
    }
    long indexAt = (at + INDEX_ALIGNMENT - 1) / INDEX_ALIGNMENT * INDEX_ALIGNMENT;
    if (indexAt + l.indexSize > 2 * live) {
      return null;
    }
    ByteBuffer stored = old.encoded();
    List<InPlaceUpdate.Write> writes = new ArrayList<>();
    writes.add(new InPlaceUpdate.Write(indexAt, stored));
    writes.addAll(chunks);
    writes.add(
        new InPlaceUpdate.Write(
            indexAt, ShardIndex.encode(l, codec.indexCodecs(), entries, options)));
    return InPlaceUpdate.of(existing, base - l.indexSize, stored, writes, writes.size() - 1);
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
