package com.example.zarrcodecs;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An in-memory model of an array (a flat C-order list of Java values) and random selections of
 * every kind drawn together with the positions they take, enumerated element by element without
 * zarr4j's indexers.
 */
final class Model {
  /** The selection kinds, as zarr-python names them. */
  enum Kind {
    BASIC,
    ORTHOGONAL,
    COORDINATE,
    MASK,
    BLOCK
  }

  /** A selection, the array positions it takes in result order, and the result's shape. */
  record Drawn(Selection selection, List<long[]> positions, int[] shape) {}

  final DataType dtype;
  final Object fill;
  long[] shape;
  Object[] values;

  Model(DataType dtype, Object fill, long[] shape) {
    this.dtype = dtype;
    this.fill = NdArray.scalar(dtype, fill).get();
    this.shape = shape.clone();
    this.values = new Object[size(shape)];
    Arrays.fill(values, this.fill);
  }

  static int size(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return Math.toIntExact(n);
  }

  int flat(long[] pos) {
    long f = 0;
    for (int d = 0; d < shape.length; d++) {
      f = f * shape[d] + pos[d];
    }
    return (int) f;
  }

  long[] unravel(int flat) {
    long[] p = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      p[d] = flat % shape[d];
      flat /= (int) shape[d];
    }
    return p;
  }

  /** The whole model as an array. */
  NdArray all() {
    NdArray a = NdArray.zeros(dtype, toInts(shape));
    for (int i = 0; i < values.length; i++) {
      a.setFlat(i, values[i]);
    }
    return a;
  }

  /** What a read of {@code d} returns. */
  NdArray read(Drawn d) {
    NdArray a = NdArray.zeros(dtype, d.shape());
    for (int i = 0; i < d.positions().size(); i++) {
      a.setFlat(i, values[flat(d.positions().get(i))]);
    }
    return a;
  }

  /** Applies a write of {@code value} (an array of the result's shape) in order. */
  void write(Drawn d, NdArray value) {
    for (int i = 0; i < d.positions().size(); i++) {
      values[flat(d.positions().get(i))] = value.getFlat(i);
    }
  }

  /** Applies a write of one value everywhere {@code d} selects. */
  void writeScalar(Drawn d, Object scalar) {
    Object v = NdArray.scalar(dtype, scalar).get();
    for (long[] p : d.positions()) {
      values[flat(p)] = v;
    }
  }

  /** Resizes as zarr-python does: kept positions keep their values, new ones hold the fill. */
  void resize(long[] newShape) {
    Object[] next = new Object[size(newShape)];
    Arrays.fill(next, fill);
    for (int i = 0; i < values.length; i++) {
      long[] p = unravel(i);
      boolean inside = true;
      long f = 0;
      for (int d = 0; d < p.length; d++) {
        inside &= p[d] < newShape[d];
        f = f * newShape[d] + p[d];
      }
      if (inside) {
        next[(int) f] = values[i];
      }
    }
    shape = newShape.clone();
    values = next;
  }

  static int[] toInts(long[] a) {
    return Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
  }

  // ------------------------------------------------------------------ drawing selections

  /** A random selection of {@code kind} on this model's shape with chunks {@code chunks}. */
  Drawn draw(Kind kind, SplittableRandom rnd, int[] chunks) {
    int nd = shape.length;
    switch (kind) {
      case BASIC:
        {
          Object[] items = new Object[nd];
          for (int d = 0; d < nd; d++) {
            long len = shape[d];
            items[d] =
                rnd.nextInt(3) == 0 && len > 0
                    ? (Object) rnd.nextLong(-len, len)
                    : new Slice(
                        rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 1),
                        rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 2),
                        rnd.nextInt(1, 4));
          }
          Drawn o = orthogonal(items);
          return new Drawn(BasicSelection.of(items), o.positions(), o.shape());
        }
      case ORTHOGONAL:
        {
          Object[] items = new Object[nd];
          for (int d = 0; d < nd; d++) {
            long len = shape[d];
            switch (rnd.nextInt(4)) {
              case 0:
                items[d] = rnd.nextLong(-len, len);
                break;
              case 1:
                items[d] =
                    new Slice(rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 1), null, 1);
                break;
              case 2:
                {
                  long[] l = new long[rnd.nextInt(0, 5)];
                  for (int i = 0; i < l.length; i++) {
                    l[i] = rnd.nextLong(-len, len); // unsorted, negative, repeated
                  }
                  items[d] = l;
                  break;
                }
              default:
                {
                  boolean[] m = new boolean[(int) len];
                  for (int i = 0; i < m.length; i++) {
                    m[i] = rnd.nextBoolean();
                  }
                  items[d] = m;
                }
            }
          }
          Drawn o = orthogonal(items);
          return new Drawn(OrthogonalSelection.of(items), o.positions(), o.shape());
        }
      case COORDINATE:
        {
          int n = rnd.nextInt(0, 7);
          long[][] idx = new long[nd][n];
          List<long[]> pos = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            long[] p = new long[nd];
            for (int d = 0; d < nd; d++) {
              p[d] = rnd.nextLong(0, shape[d]);
              idx[d][i] = rnd.nextBoolean() ? p[d] : p[d] - shape[d];
            }
            pos.add(p);
          }
          return new Drawn(CoordinateSelection.of(idx), pos, new int[] {n});
        }
      case MASK:
        {
          NdArray mask = NdArray.zeros(DataType.BOOL, toInts(shape));
          List<long[]> pos = new ArrayList<>();
          int density = rnd.nextInt(1, 5);
          for (int i = 0; i < values.length; i++) {
            if (rnd.nextInt(density + 1) == 0) {
              mask.setFlat(i, true);
              pos.add(unravel(i));
            }
          }
          return new Drawn(new MaskSelection(mask), pos, new int[] {pos.size()});
        }
      default:
        {
          Object[] items = new Object[nd];
          Object[] asSlices = new Object[nd];
          for (int d = 0; d < nd; d++) {
            long c = chunks[d];
            long blocks = (shape[d] + c - 1) / c;
            if (rnd.nextBoolean() && blocks > 0) {
              long b = rnd.nextLong(0, blocks);
              items[d] = b;
              asSlices[d] = Slice.of(b * c, Math.min((b + 1) * c, shape[d]));
            } else {
              long a = rnd.nextLong(0, blocks + 1);
              long b = rnd.nextLong(a, blocks + 2);
              items[d] = Slice.of(a, b);
              asSlices[d] = Slice.of(Math.min(a * c, shape[d]), Math.min(b * c, shape[d]));
            }
          }
          Drawn o = orthogonal(asSlices);
          return new Drawn(BlockSelection.of(items), o.positions(), o.shape());
        }
    }
  }

  /** The outer product of per-dimension positions; an integer item drops its dimension. */
  private Drawn orthogonal(Object[] items) {
    List<long[]> perDim = new ArrayList<>();
    List<Integer> outShape = new ArrayList<>();
    for (int d = 0; d < items.length; d++) {
      long len = shape[d];
      Object it = items[d];
      List<Long> p = new ArrayList<>();
      if (it instanceof Long i) {
        p.add(i < 0 ? i + len : i);
      } else if (it instanceof Slice s) {
        long[] r = s.resolve(len);
        for (long k = 0; k < r[1]; k++) {
          p.add(r[0] + k * s.step());
        }
      } else if (it instanceof long[] l) {
        for (long x : l) {
          p.add(x < 0 ? x + len : x);
        }
      } else {
        boolean[] m = (boolean[]) it;
        for (int x = 0; x < m.length; x++) {
          if (m[x]) {
            p.add((long) x);
          }
        }
      }
      if (!(it instanceof Long)) {
        outShape.add(p.size());
      }
      perDim.add(p.stream().mapToLong(Long::longValue).toArray());
    }
    List<long[]> out = new ArrayList<>();
    product(perDim, 0, new long[items.length], out);
    return new Drawn(null, out, outShape.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void product(List<long[]> perDim, int d, long[] cur, List<long[]> out) {
    if (d == perDim.size()) {
      out.add(cur.clone());
      return;
    }
    for (long p : perDim.get(d)) {
      cur[d] = p;
      product(perDim, d + 1, cur, out);
    }
  }

  // ------------------------------------------------------------------ access routes

  /** Reads through {@code get}, the kind's named method or its view, at random. */
  static NdArray read(ZarrArray z, Selection sel, SplittableRandom rnd) {
    int route = rnd.nextInt(3);
    if (route == 0) {
      return z.get(sel);
    }
    if (sel instanceof CoordinateSelection c) {
      return route == 1
          ? z.getCoordinateSelection(c)
          : z.vindex().get(c.indices().toArray(new NdArray[0]));
    }
    if (sel instanceof MaskSelection m) {
      return route == 1 ? z.getMaskSelection(m.mask()) : z.vindex().get(m.mask());
    }
    if (sel instanceof OrthogonalSelection o) {
      return route == 1 ? z.getOrthogonalSelection(o) : z.oindex().get(o.items().toArray());
    }
    if (sel instanceof BlockSelection b) {
      return route == 1 ? z.getBlockSelection(b) : z.blocks().get(b.items().toArray());
    }
    return z.getBasicSelection((BasicSelection) sel);
  }

  /** Writes through {@code set}, the kind's named method or its view, at random. */
  static void write(ZarrArray z, Selection sel, Object value, SplittableRandom rnd) {
    int route = rnd.nextInt(3);
    if (route == 0) {
      z.set(sel, value);
    } else if (sel instanceof CoordinateSelection c) {
      if (route == 1) {
        z.setCoordinateSelection(c, value);
      } else {
        z.vindex().set(value, c.indices().toArray(new NdArray[0]));
      }
    } else if (sel instanceof MaskSelection m) {
      if (route == 1) {
        z.setMaskSelection(m.mask(), value);
      } else {
        z.vindex().set(value, m.mask());
      }
    } else if (sel instanceof OrthogonalSelection o) {
      if (route == 1) {
        z.setOrthogonalSelection(o, value);
      } else {
        z.oindex().set(value, o.items().toArray());
      }
    } else if (sel instanceof BlockSelection b) {
      if (route == 1) {
        z.setBlockSelection(b, value);
      } else {
        z.blocks().set(value, b.items().toArray());
      }
    } else {
      z.setBasicSelection((BasicSelection) sel, value);
    }
  }
}
