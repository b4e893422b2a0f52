package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.SelectionOutOfBoundsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Maps a {@link BasicSelection} onto an array's shape and chunk grid (any {@link ChunkLayout}): the
 * shape of the result and, chunk by chunk, a {@link ChunkProjection}. Chunks that hold no selected
 * element (for example between the positions of a large step) are skipped. Pure computation: no
 * I/O.
 */
public final class BasicIndexer implements Iterable<ChunkProjection>, Indexer {

  /** One chunk's share of one dimension. */
  private record DimPart(
      long chunk, int start, int step, long count, long outStart, boolean full) {}

  /**
   * The parts of one dimension: where the selection along it meets each chunk. Along a regular
   * dimension they are computed when asked for (a dimension may cross billions of chunks; only the
   * ones a caller visits are built); along a dimension of listed chunk lengths (which the metadata
   * lists one by one) they are listed up front, one binary search per chunk met.
   */
  private final class DimParts {
    private final int dim;
    private final DimPart single; // an integer index: one part
    private final long first;
    private final long total;
    private final long step;
    private final long firstChunk;
    private final long size;
    private final int c; // the regular chunk length, or 0
    private final List<DimPart> listed; // the parts along a dimension of listed lengths

    DimParts(int dim, DimPart single) {
      this.dim = dim;
      this.single = single;
      this.first = 0;
      this.total = 1;
      this.step = 1;
      this.firstChunk = single.chunk();
      this.size = 1;
      this.c = 0;
      this.listed = null;
    }

    DimParts(int dim, long first, long total, long step) {
      this.dim = dim;
      this.single = null;
      this.first = first;
      this.total = total;
      this.step = step;
      DimChunks chunking = layout.dim(dim);
      this.c = chunking.regularLength();
      if (c == 0) {
        this.listed = listParts(chunking);
        this.firstChunk = 0;
        this.size = listed.size();
        return;
      }
      this.listed = null;
      this.firstChunk = total == 0 ? 0 : first / c;
      if (total == 0) {
        size = 0;
      } else if (step <= c) {
        // consecutive positions are at most a chunk apart: every chunk between is met
        size = (first + (total - 1) * step) / c - firstChunk + 1;
      } else {
        size = total; // every position in a chunk of its own
      }
    }

    /** Every chunk the positions meet, in order, with the share of the positions it holds. */
    private List<DimPart> listParts(DimChunks chunking) {
      List<DimPart> out = new ArrayList<>();
      long done = 0;
      int localStep = (int) Math.min(step, Integer.MAX_VALUE);
      while (done < total) {
        long pos = first + done * step;
        long chunk = chunking.chunkOf(pos);
        long chunkBegin = chunking.chunkStart(chunk);
        long chunkEnd = Math.min(chunkBegin + chunking.chunkLength(chunk), shape[dim]);
        long inChunk = Math.min(total - done, (chunkEnd - 1 - pos) / step + 1);
        if (inChunk < 1 || pos < chunkBegin) {
          throw new IllegalStateException(
              "chunk " + chunk + " of dimension " + dim + " does not hold position " + pos);
        }
        boolean full = step == 1 && pos == chunkBegin && inChunk == chunkEnd - chunkBegin;
        out.add(new DimPart(chunk, (int) (pos - chunkBegin), localStep, inChunk, done, full));
        done += inChunk;
      }
      return out;
    }

    long size() {
      return size;
    }

    DimPart get(long k) {
      if (single != null) {
        return single;
      }
      if (listed != null) {
        return listed.get((int) k);
      }
      long done;
      if (step <= c) {
        long chunkBegin = (firstChunk + k) * c;
        done = k == 0 ? 0 : (chunkBegin - first + step - 1) / step;
      } else {
        done = k;
      }
      long pos = first + done * step;
      long chunk = pos / c;
      long chunkBegin = chunk * c;
      long chunkEnd = Math.min(chunkBegin + c, shape[dim]);
      long inChunk = Math.min(total - done, (chunkEnd - 1 - pos) / step + 1);
      boolean full = step == 1 && pos == chunkBegin && inChunk == chunkEnd - chunkBegin;
      int localStep = (int) Math.min(step, Integer.MAX_VALUE);
      return new DimPart(chunk, (int) (pos - chunkBegin), localStep, inChunk, done, full);
    }
  }

  private final long[] shape;
  private final ChunkLayout layout;
  private final boolean[] dropped;
  private final List<DimParts> parts;
  private final long[] selectionShape;

  /**
   * The indexer over a regular grid.
   *
   * @param selection what to select
   * @param shape the array's shape
   * @param chunks the chunk shape
   * @throws InvalidSelectionException if the selection has too many items
   * @throws SelectionOutOfBoundsException if an integer index is outside its dimension
   */
  public BasicIndexer(Selection selection, long[] shape, int[] chunks) {
    this(selection, shape, ChunkLayout.regular(chunks));
  }

  /**
   * The indexer over any grid.
   *
   * @param selection what to select
   * @param shape the array's shape
   * @param layout the grid's chunk boundaries
   * @throws InvalidSelectionException if the selection has too many items
   * @throws SelectionOutOfBoundsException if an integer index is outside its dimension
   */
  public BasicIndexer(Selection selection, long[] shape, ChunkLayout layout) {
    if (!(selection instanceof BasicSelection basic)) {
      throw new InvalidSelectionException("not a basic selection: " + selection);
    }
    this.shape = shape.clone();
    this.layout = layout;
    int n = shape.length;
    List<DimSelector> items = basic.expand(n);
    this.dropped = new boolean[n];
    this.parts = new ArrayList<>(n);
    List<Long> outShape = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      DimSelector item = items.get(d);
      long len = shape[d];
      DimChunks chunking = layout.dim(d);
      DimParts dim;
      if (item instanceof DimSelector.Index idx) {
        long i = idx.index() < 0 ? idx.index() + len : idx.index();
        if (i < 0 || i >= len) {
          throw new SelectionOutOfBoundsException(
              d,
              "index "
                  + idx.index()
                  + " is out of bounds for dimension "
                  + d
                  + " with length "
                  + len);
        }
        dropped[d] = true;
        long chunk = chunking.chunkOf(i);
        long begin = chunking.chunkStart(chunk);
        boolean full = Math.min(chunking.chunkLength(chunk), len - begin) == 1;
        dim = new DimParts(d, new DimPart(chunk, (int) (i - begin), 1, 1, 0, full));
      } else {
        Slice s = (Slice) item;
        long[] r = s.resolve(len);
        outShape.add(r[1]);
        dim = new DimParts(d, r[0], r[1], s.step());
      }
      parts.add(dim);
    }
    this.selectionShape = outShape.stream().mapToLong(Long::longValue).toArray();
  }

  /** The shape of the selection's result (integer-indexed dimensions removed). */
  @Override
  public long[] selectionShape() {
    return selectionShape.clone();
  }

  /** Number of selected elements. */
  public long selectionSize() {
    long n = 1;
    for (long s : selectionShape) {
      n *= s;
    }
    return n;
  }

  /**
   * For each array dimension, whether it is selected by a single integer (absent from the result).
   */
  public boolean[] droppedDimensions() {
    return dropped.clone();
  }

  /** Number of chunks the selection touches (saturating at {@link Long#MAX_VALUE}). */
  public long chunkCount() {
    long n = 1;
    for (DimParts p : parts) {
      if (p.size() == 0) {
        return 0;
      }
      n = p.size() > Long.MAX_VALUE / n ? Long.MAX_VALUE : n * p.size();
    }
    return n;
  }

  @Override
  public Iterator<ChunkProjection> projections() {
    return iterator();
  }

  /** The chunk projections, in C order of chunk coordinates. */
  @Override
  public Iterator<ChunkProjection> iterator() {
    int n = parts.size();
    return new Iterator<>() {
      final long[] idx = new long[n];
      boolean more = chunkCount() > 0;

      @Override
      public boolean hasNext() {
        return more;
      }

      @Override
      public ChunkProjection next() {
        if (!more) {
          throw new NoSuchElementException();
        }
        ChunkProjection p = project(idx);
        int k = n - 1;
        while (k >= 0) {
          if (++idx[k] < parts.get(k).size()) {
            break;
          }
          idx[k] = 0;
          k--;
        }
        more = k >= 0;
        return p;
      }
    };
  }

  /** The projection of the chunk made of part {@code idx[d]} along each dimension. */
  private ChunkProjection project(long[] idx) {
    int n = parts.size();
    long[] coords = new long[n];
    int[] start = new int[n];
    int[] step = new int[n];
    long[] count = new long[n];
    long[] out = new long[n];
    boolean complete = true;
    for (int d = 0; d < n; d++) {
      DimPart p = parts.get(d).get(idx[d]);
      coords[d] = p.chunk();
      start[d] = p.start();
      step[d] = p.step();
      count[d] = p.count();
      out[d] = p.outStart();
      complete &= p.full();
    }
    return new ChunkProjection(coords, start, step, count, out, complete);
  }

  /**
   * The chunk projections in groups ("tiles"): along each dimension {@code d}, the chunks whose
   * first output position falls in the same multiple of {@code span[d]} go together, so a tile
   * covers about {@code span} of the output (plus at most one chunk's overhang per dimension).
   * Copies from an array chunked by {@code span} read each tile's source region once. Every chunk
   * is in exactly one tile.
   */
  public Iterator<List<ChunkProjection>> tiles(long[] span) {
    int n = parts.size();
    List<List<long[]>> groups = new ArrayList<>(n); // per dimension: [first, end) part indices
    for (int d = 0; d < n; d++) {
      DimParts dim = parts.get(d);
      List<long[]> g = new ArrayList<>();
      long width = Math.max(1, span[d]);
      for (long i = 0; i < dim.size(); ) {
        long tile = dim.get(i).outStart() / width;
        long j = i + 1;
        while (j < dim.size() && dim.get(j).outStart() / width == tile) {
          j++;
        }
        g.add(new long[] {i, j});
        i = j;
      }
      groups.add(g);
    }
    return new Iterator<>() {
      final int[] gi = new int[n];
      boolean more = chunkCount() > 0;

      @Override
      public boolean hasNext() {
        return more;
      }

      @Override
      public List<ChunkProjection> next() {
        if (!more) {
          throw new NoSuchElementException();
        }
        // every chunk of the current group along each dimension, in C order
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int d = 0; d < n; d++) {
          long[] r = groups.get(d).get(gi[d]);
          lo[d] = r[0];
          hi[d] = r[1];
        }
        List<ChunkProjection> tile = new ArrayList<>();
        long[] idx = lo.clone();
        while (true) {
          tile.add(project(idx));
          int k = n - 1;
          while (k >= 0 && ++idx[k] == hi[k]) {
            idx[k] = lo[k];
            k--;
          }
          if (k < 0) {
            break;
          }
        }
        int k = n - 1;
        while (k >= 0 && ++gi[k] == groups.get(k).size()) {
          gi[k] = 0;
          k--;
        }
        more = k >= 0;
        return tile;
      }
    };
  }
}
