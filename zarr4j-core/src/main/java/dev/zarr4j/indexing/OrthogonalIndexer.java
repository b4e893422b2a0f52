package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Maps an {@link OrthogonalSelection} with position lists or masks onto a chunk grid. Each
 * dimension's selected positions are grouped by chunk; every combination of one group per dimension
 * is a chunk, whose elements are the outer product of the groups, listed as {@link ChunkPoints}.
 */
public final class OrthogonalIndexer implements Indexer {

  /** The positions one dimension selects inside one chunk, with their result positions. */
  private record Group(long chunk, int[] inChunk, long[] out) {}

  private final int ndim;
  private final List<List<Group>> dims;
  private final long[] selectionShape;
  private final long[] outStrides; // per array dimension, 0 for dropped dimensions

  /**
   * @throws InvalidSelectionException if a mask's length differs from its dimension's
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException naming the dimension of a position
   *     out of range
   */
  public OrthogonalIndexer(OrthogonalSelection selection, long[] shape, int[] chunks) {
    this(selection, shape, ChunkLayout.regular(chunks));
  }

  /**
   * The indexer over any grid.
   *
   * @throws InvalidSelectionException if a mask's length differs from its dimension's
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException naming the dimension of a position
   *     out of range
   */
  public OrthogonalIndexer(OrthogonalSelection selection, long[] shape, ChunkLayout layout) {
    this.ndim = shape.length;
    List<DimSelector> items = selection.expand(ndim);
    this.dims = new ArrayList<>(ndim);
    List<Long> outShape = new ArrayList<>();
    boolean[] dropped = new boolean[ndim];
    for (int d = 0; d < ndim; d++) {
      long[] positions = positions(items.get(d), shape[d], d);
      dropped[d] = items.get(d) instanceof DimSelector.Index;
      if (!dropped[d]) {
        outShape.add((long) positions.length);
      }
      dims.add(groups(positions, layout.dim(d)));
    }
    this.selectionShape = outShape.stream().mapToLong(Long::longValue).toArray();
    // C-order strides of the result, placed at the array dimensions they belong to
    this.outStrides = new long[ndim];
    long acc = 1;
    int k = selectionShape.length - 1;
    for (int d = ndim - 1; d >= 0; d--) {
      if (!dropped[d]) {
        outStrides[d] = acc;
        acc *= selectionShape[k--];
      }
    }
  }

  private static long[] positions(DimSelector item, long length, int dim) {
    if (item instanceof DimSelector.Index i) {
      return new long[] {Selections.normalize(i.index(), length, dim)};
    }
    if (item instanceof Slice s) {
      long[] r = s.resolve(length);
      if (r[1] > Integer.MAX_VALUE) {
        throw new InvalidSelectionException("slice " + s + " selects too many positions");
      }
      long[] p = new long[(int) r[1]];
      for (int k = 0; k < p.length; k++) {
        p[k] = r[0] + k * s.step();
      }
      return p;
    }
    if (item instanceof DimSelector.IndexList l) {
      long[] p = new long[l.size()];
      for (int k = 0; k < p.length; k++) {
        p[k] = Selections.normalize(l.at(k), length, dim);
      }
      return p;
    }
    DimSelector.BoolMask m = (DimSelector.BoolMask) item;
    if (m.length() != length) {
      throw new InvalidSelectionException(
          "boolean mask of length "
              + m.length()
              + " does not match dimension "
              + dim
              + " of length "
              + length);
    }
    int count = 0;
    for (int k = 0; k < m.length(); k++) {
      if (m.at(k)) {
        count++;
      }
    }
    long[] p = new long[count];
    int j = 0;
    for (int k = 0; k < m.length(); k++) {
      if (m.at(k)) {
        p[j++] = k;
      }
    }
    return p;
  }

  /** Groups a dimension's positions by chunk, keeping their order within each chunk. */
  private static List<Group> groups(long[] positions, DimChunks chunking) {
    java.util.TreeMap<Long, List<Integer>> byChunk = new java.util.TreeMap<>();
    for (int k = 0; k < positions.length; k++) {
      byChunk.computeIfAbsent(chunking.chunkOf(positions[k]), c -> new ArrayList<>()).add(k);
    }
    List<Group> out = new ArrayList<>(byChunk.size());
    for (var e : byChunk.entrySet()) {
      List<Integer> ks = e.getValue();
      int[] in = new int[ks.size()];
      long[] o = new long[ks.size()];
      long begin = chunking.chunkStart(e.getKey());
      for (int j = 0; j < in.length; j++) {
        in[j] = (int) (positions[ks.get(j)] - begin);
        o[j] = ks.get(j);
      }
      out.add(new Group(e.getKey(), in, o));
    }
    return out;
  }

  @Override
  public long[] selectionShape() {
    return selectionShape.clone();
  }

  @Override
  public Iterator<ChunkPoints> projections() {
    long total = 1;
    for (List<Group> g : dims) {
      total *= g.size();
    }
    long chunksTouched = total;
    return new Iterator<>() {
      final int[] idx = new int[ndim];
      long produced = 0;

      @Override
      public boolean hasNext() {
        return produced < chunksTouched;
      }

      @Override
      public ChunkPoints next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Group[] gs = new Group[ndim];
        long[] coords = new long[ndim];
        long n = 1;
        for (int d = 0; d < ndim; d++) {
          gs[d] = dims.get(d).get(idx[d]);
          coords[d] = gs[d].chunk();
          n *= gs[d].inChunk().length;
        }
        if (n > Integer.MAX_VALUE / Math.max(1, ndim)) {
          throw new InvalidSelectionException("too many elements selected in one chunk");
        }
        int count = (int) n;
        int[] pos = new int[count * ndim];
        long[] out = new long[count];
        int[] k = new int[ndim];
        for (int i = 0; i < count; i++) {
          long o = 0;
          for (int d = 0; d < ndim; d++) {
            pos[i * ndim + d] = gs[d].inChunk()[k[d]];
            o += gs[d].out()[k[d]] * outStrides[d];
          }
          out[i] = o;
          for (int d = ndim - 1; d >= 0; d--) {
            if (++k[d] < gs[d].inChunk().length) {
              break;
            }
            k[d] = 0;
          }
        }
        for (int d = ndim - 1; d >= 0; d--) {
          if (++idx[d] < dims.get(d).size()) {
            break;
          }
          idx[d] = 0;
        }
        produced++;
        return new ChunkPoints(coords, pos, out);
      }
    };
  }
}
