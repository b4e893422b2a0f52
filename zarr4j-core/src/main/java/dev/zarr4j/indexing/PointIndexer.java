package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Point-wise selections (coordinates and masks): every selected element is listed with its array
 * position, then the elements are grouped by chunk (keeping their selection order within a chunk)
 * into {@link ChunkPoints}.
 */
public final class PointIndexer implements Indexer {
  private final long[] selectionShape;
  private final List<ChunkPoints> groups;

  private PointIndexer(long[] selectionShape, List<ChunkPoints> groups) {
    this.selectionShape = selectionShape;
    this.groups = groups;
  }

  /**
   * Indexes a coordinate selection: the index arrays are broadcast together and each broadcast
   * position selects one element.
   *
   * @throws InvalidSelectionException if the number of index arrays differs from the number of
   *     dimensions or their shapes do not broadcast
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException naming the dimension of an index
   *     out of range
   */
  public static PointIndexer coordinates(CoordinateSelection sel, long[] shape, int[] chunks) {
    return coordinates(sel, shape, ChunkLayout.regular(chunks));
  }

  /**
   * Indexes a coordinate selection on a grid of any chunk boundaries (see {@link
   * #coordinates(CoordinateSelection, long[], int[])}).
   */
  public static PointIndexer coordinates(
      CoordinateSelection sel, long[] shape, ChunkLayout chunks) {
    int ndim = shape.length;
    List<NdArray> idx = sel.indices();
    if (idx.size() != ndim) {
      throw new InvalidSelectionException(
          "a coordinate selection needs one index array per dimension: the array has "
              + ndim
              + " dimension"
              + (ndim == 1 ? "" : "s")
              + ", the selection has "
              + idx.size());
    }
    int[][] shapes = new int[ndim][];
    for (int d = 0; d < ndim; d++) {
      shapes[d] = idx.get(d).shape();
    }
    int[] out = broadcast(shapes);
    long n = 1;
    for (int s : out) {
      n *= s;
    }
    if (n > Integer.MAX_VALUE) {
      throw new InvalidSelectionException(
          "a coordinate selection of " + n + " points is too large");
    }
    int count = (int) n;
    long[] positions = new long[count * ndim];
    long[][] values = new long[ndim][];
    long[][] strides = new long[ndim][];
    for (int d = 0; d < ndim; d++) {
      values[d] = idx.get(d).toLongArray();
      strides[d] = broadcastStrides(shapes[d], out);
    }
    int[] counter = new int[out.length];
    for (int i = 0; i < count; i++) {
      for (int d = 0; d < ndim; d++) {
        long off = 0;
        for (int k = 0; k < out.length; k++) {
          off += counter[k] * strides[d][k];
        }
        positions[i * ndim + d] = Selections.normalize(values[d][(int) off], shape[d], d);
      }
      for (int k = out.length - 1; k >= 0; k--) {
        if (++counter[k] < out[k]) {
          break;
        }
        counter[k] = 0;
      }
    }
    long[] selShape = new long[out.length];
    for (int k = 0; k < out.length; k++) {
      selShape[k] = out[k];
    }
    return new PointIndexer(selShape, group(positions, count, shape, chunks));
  }

  /**
   * Indexes a mask selection: the elements where the mask is true, in C order.
   *
   * @throws InvalidSelectionException if the mask's shape differs from the array's
   */
  public static PointIndexer mask(MaskSelection sel, long[] shape, int[] chunks) {
    return mask(sel, shape, ChunkLayout.regular(chunks));
  }

  /**
   * Indexes a mask selection on a grid of any chunk boundaries (see {@link #mask(MaskSelection,
   * long[], int[])}).
   */
  public static PointIndexer mask(MaskSelection sel, long[] shape, ChunkLayout chunks) {
    NdArray mask = sel.mask();
    int[] ms = mask.shape();
    boolean same = ms.length == shape.length;
    for (int d = 0; same && d < ms.length; d++) {
      same = ms[d] == shape[d];
    }
    if (!same) {
      throw new InvalidSelectionException(
          "mask of shape "
              + Arrays.toString(ms)
              + " does not match the array's shape "
              + Arrays.toString(shape));
    }
    boolean[] m = (boolean[]) mask.data();
    int ndim = shape.length;
    int count = 0;
    for (boolean b : m) {
      if (b) {
        count++;
      }
    }
    long[] positions = new long[count * ndim];
    int k = 0;
    int[] counter = new int[ndim];
    for (int flat = 0; flat < m.length; flat++) {
      if (m[flat]) {
        for (int d = 0; d < ndim; d++) {
          positions[k * ndim + d] = counter[d];
        }
        k++;
      }
      for (int d = ndim - 1; d >= 0; d--) {
        if (++counter[d] < ms[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return new PointIndexer(new long[] {count}, group(positions, count, shape, chunks));
  }

  /**
   * Groups selected elements by chunk. Element {@code i} has array position {@code positions[i *
   * ndim + d]} and lands at flat offset {@code i} of the result.
   */
  static List<ChunkPoints> group(long[] positions, int count, long[] shape, ChunkLayout chunks) {
    long[] outOffsets = new long[count];
    for (int i = 0; i < count; i++) {
      outOffsets[i] = i;
    }
    return group(positions, outOffsets, shape, chunks);
  }

  /** Groups elements with explicit result offsets by chunk, keeping their order within a chunk. */
  static List<ChunkPoints> group(
      long[] positions, long[] outOffsets, long[] shape, ChunkLayout layout) {
    DimChunks[] chunks = layout.dims().toArray(new DimChunks[0]);
    int ndim = shape.length;
    int count = outOffsets.length;
    long[] grid = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      grid[d] = chunks[d].chunkCount(shape[d]);
    }
    long[] chunkId = new long[count];
    for (int i = 0; i < count; i++) {
      long id = 0;
      for (int d = 0; d < ndim; d++) {
        id = id * grid[d] + chunks[d].chunkOf(positions[i * ndim + d]);
      }
      chunkId[i] = id;
    }
    long gridSize = 1;
    for (int d = 0; d < ndim && gridSize >= 0; d++) {
      gridSize = grid[d] == 0 || gridSize <= Long.MAX_VALUE / grid[d] ? gridSize * grid[d] : -1;
    }
    // counting needs two arrays of the grid's size: only when the grid is small next to the points
    if (gridSize >= 0 && gridSize <= Math.max(1 << 10, 4L * count)) {
      return groupByCounting(positions, outOffsets, chunks, chunkId, (int) gridSize);
    }
    // stable sort by chunk: rank the distinct chunk ids, then sort (rank, element) pairs
    long[] distinct = chunkId.clone();
    Arrays.sort(distinct);
    int u = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[u++] = distinct[i];
      }
    }
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      long rank = Arrays.binarySearch(distinct, 0, u, chunkId[i]);
      keys[i] = (rank << 32) | i;
    }
    Arrays.sort(keys);
    List<ChunkPoints> out = new ArrayList<>(u);
    int start = 0;
    while (start < count) {
      long rank = keys[start] >>> 32;
      int end = start;
      while (end < count && (keys[end] >>> 32) == rank) {
        end++;
      }
      int n = end - start;
      int[] pos = new int[n * ndim];
      long[] offs = new long[n];
      int first = (int) keys[start];
      long[] coords = new long[ndim];
      long[] begin = new long[ndim];
      for (int d = 0; d < ndim; d++) {
        coords[d] = chunks[d].chunkOf(positions[first * ndim + d]);
        begin[d] = chunks[d].chunkStart(coords[d]);
      }
      for (int j = 0; j < n; j++) {
        int i = (int) keys[start + j];
        for (int d = 0; d < ndim; d++) {
          pos[j * ndim + d] = (int) (positions[i * ndim + d] - begin[d]);
        }
        offs[j] = outOffsets[i];
      }
      out.add(new ChunkPoints(coords, pos, offs));
      start = end;
    }
    return out;
  }

  /**
   * {@link #group} for a grid of few chunks: a counting sort by chunk id (stable, so elements keep
   * their order within a chunk), chunks in increasing id order as the sorting path gives them.
   */
  private static List<ChunkPoints> groupByCounting(
      long[] positions, long[] outOffsets, DimChunks[] chunks, long[] chunkId, int gridSize) {
    int ndim = chunks.length;
    int count = outOffsets.length;
    int[] start = new int[gridSize + 1];
    for (long id : chunkId) {
      start[(int) id + 1]++;
    }
    int groups = 0;
    for (int c = 0; c < gridSize; c++) {
      groups += start[c + 1] > 0 ? 1 : 0;
      start[c + 1] += start[c];
    }
    int[] order = new int[count];
    int[] fill = start.clone();
    for (int i = 0; i < count; i++) {
      order[fill[(int) chunkId[i]]++] = i;
    }
    List<ChunkPoints> out = new ArrayList<>(groups);
    for (int c = 0; c < gridSize; c++) {
      int from = start[c];
      int n = start[c + 1] - from;
      if (n == 0) {
        continue;
      }
      int first = order[from];
      long[] coords = new long[ndim];
      long[] begin = new long[ndim];
      for (int d = 0; d < ndim; d++) {
        coords[d] = chunks[d].chunkOf(positions[first * ndim + d]);
        begin[d] = chunks[d].chunkStart(coords[d]);
      }
      int[] pos = new int[n * ndim];
      long[] offs = new long[n];
      for (int j = 0; j < n; j++) {
        int i = order[from + j];
        for (int d = 0; d < ndim; d++) {
          pos[j * ndim + d] = (int) (positions[i * ndim + d] - begin[d]);
        }
        offs[j] = outOffsets[i];
      }
      out.add(new ChunkPoints(coords, pos, offs));
    }
    return out;
  }

  /** NumPy's broadcast shape of several shapes. */
  static int[] broadcast(int[][] shapes) {
    int n = 0;
    for (int[] s : shapes) {
      n = Math.max(n, s.length);
    }
    int[] out = new int[n];
    Arrays.fill(out, 1);
    for (int[] s : shapes) {
      for (int k = 0; k < s.length; k++) {
        int o = n - s.length + k;
        if (s[k] == out[o] || s[k] == 1) {
          continue;
        }
        if (out[o] == 1) {
          out[o] = s[k];
          continue;
        }
        StringBuilder sb = new StringBuilder();
        for (int[] t : shapes) {
          sb.append(sb.length() > 0 ? ", " : "").append(Arrays.toString(t));
        }
        throw new InvalidSelectionException(
            "index arrays of shapes " + sb + " cannot be broadcast together");
      }
    }
    return out;
  }

  /**
   * Element strides of an array of {@code shape} read at the positions of {@code out} (0 where it
   * broadcasts).
   */
  static long[] broadcastStrides(int[] shape, int[] out) {
    long[] strides = new long[out.length];
    long acc = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      int o = out.length - shape.length + k;
      strides[o] = shape[k] == 1 ? 0 : acc;
      acc *= shape[k];
    }
    return strides;
  }

  @Override
  public long[] selectionShape() {
    return selectionShape.clone();
  }

  @Override
  public Iterator<ChunkPoints> projections() {
    return groups.iterator();
  }
}
