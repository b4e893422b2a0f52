package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Orthogonal, coordinate, mask and block selections, read and written on random arrays, agree with
 * a naive model: a flat array of Java values, with every selection enumerated element by element.
 * Coordinate index arrays have shapes that broadcast together (scalars and several dimensions
 * included), and each access goes through {@code get/set}, the named method or the view at random.
 */
class AdvancedSelectionPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 400);
  }

  /** The array positions a selection takes, in result order, and the result's shape. */
  record Expected(List<long[]> positions, int[] shape) {}

  @ParameterizedTest
  @MethodSource("seeds")
  void everySelectionKindAgreesWithNaiveModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 5);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 9);
      chunks[d] = rnd.nextInt(1, 5);
    }
    DataType dtype =
        DataType.parse(
            BasicSelectionPropertyTest.DTYPES[
                rnd.nextInt(BasicSelectionPropertyTest.DTYPES.length)]);
    Object fill = BasicSelectionPropertyTest.randomValue(rnd, dtype);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(new MemoryStore())
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .compressor(null)
                .fillValue(fill)
                .order(rnd.nextBoolean() ? "C" : "F")
                .build());
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    Object[] model = new Object[size];
    Arrays.fill(model, NdArray.scalar(dtype, fill).get());

    for (int op = 0; op < 10; op++) {
      Selection sel;
      Expected exp;
      switch (rnd.nextInt(4)) {
        case 0:
          {
            OrthogonalSelection o = randomOrthogonal(rnd, shape);
            sel = o;
            exp = orthogonal(o, shape);
            break;
          }
        case 1:
          {
            // index arrays of shapes that broadcast together (NumPy rules), scalars included
            SelectionModel.Drawn c =
                SelectionModel.draw(SelectionModel.Kind.COORDINATE, rnd, shape, chunks);
            sel = c.selection();
            exp = new Expected(c.positions(), c.shape());
            break;
          }
        case 2:
          {
            NdArray mask = NdArray.zeros(DataType.BOOL, toInts(shape));
            List<long[]> pos = new ArrayList<>();
            for (int i = 0; i < size; i++) {
              if (rnd.nextInt(3) == 0) {
                mask.setFlat(i, true);
                pos.add(unravel(i, shape));
              }
            }
            sel = new MaskSelection(mask);
            exp = new Expected(pos, new int[] {pos.size()});
            break;
          }
        default:
          {
            Object[] items = new Object[ndim];
            Object[] asSlices = new Object[ndim];
            for (int d = 0; d < ndim; d++) {
              long blocks = (shape[d] + chunks[d] - 1) / chunks[d];
              if (rnd.nextBoolean()) {
                long b = rnd.nextLong(0, blocks);
                items[d] = b;
                asSlices[d] = Slice.of(b * chunks[d], Math.min((b + 1) * chunks[d], shape[d]));
              } else {
                long a = rnd.nextLong(0, blocks + 1);
                long b = rnd.nextLong(a, blocks + 2);
                items[d] = Slice.of(a, b);
                asSlices[d] =
                    Slice.of(Math.min(a * chunks[d], shape[d]), Math.min(b * chunks[d], shape[d]));
              }
            }
            sel = BlockSelection.of(items);
            exp = orthogonal(OrthogonalSelection.of(asSlices), shape);
            break;
          }
      }
      if (rnd.nextBoolean()) {
        if (rnd.nextInt(3) == 0) {
          Object v = BasicSelectionPropertyTest.randomValue(rnd, dtype);
          write(z, sel, v, rnd);
          Object canonical = NdArray.scalar(dtype, v).get();
          for (long[] p : exp.positions()) {
            model[BasicSelectionPropertyTest.flat(p, shape)] = canonical;
          }
        } else {
          NdArray value = NdArray.zeros(dtype, exp.shape());
          for (int i = 0; i < value.size(); i++) {
            value.setFlat(i, BasicSelectionPropertyTest.randomValue(rnd, dtype));
          }
          write(z, sel, value, rnd);
          for (int i = 0; i < exp.positions().size(); i++) {
            model[BasicSelectionPropertyTest.flat(exp.positions().get(i), shape)] =
                value.getFlat(i);
          }
        }
      } else {
        NdArray got = read(z, sel, rnd);
        NdArray expected = NdArray.zeros(dtype, exp.shape());
        for (int i = 0; i < exp.positions().size(); i++) {
          expected.setFlat(
              i, model[BasicSelectionPropertyTest.flat(exp.positions().get(i), shape)]);
        }
        assertThat(got).as("seed %d selection %s", seed, sel).isEqualTo(expected);
      }
    }
    NdArray all = z.get();
    NdArray expected = NdArray.zeros(dtype, toInts(shape));
    for (int i = 0; i < size; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(all).as("seed %d full read", seed).isEqualTo(expected);
  }

  /** Reads through {@code get}, the kind's named method, or its view, at random. */
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
    return z.get(sel);
  }

  /** Writes through {@code set}, the kind's named method, or its view, at random. */
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
      z.set(sel, value);
    }
  }

  static OrthogonalSelection randomOrthogonal(SplittableRandom rnd, long[] shape) {
    Object[] items = new Object[shape.length];
    for (int d = 0; d < shape.length; d++) {
      long len = shape[d];
      switch (rnd.nextInt(4)) {
        case 0:
          items[d] = rnd.nextLong(-len, len);
          break;
        case 1:
          items[d] =
              new Slice(
                  rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 1), null, rnd.nextInt(1, 3));
          break;
        case 2:
          {
            long[] l = new long[rnd.nextInt(0, 5)];
            for (int i = 0; i < l.length; i++) {
              l[i] = rnd.nextLong(-len, len); // unsorted, repeats allowed
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
    return OrthogonalSelection.of(items);
  }

  /** Outer product of per-dimension positions, integers dropping their dimension. */
  static Expected orthogonal(OrthogonalSelection o, long[] shape) {
    List<DimSelector> items = o.expand(shape.length);
    List<long[]> perDim = new ArrayList<>();
    List<Integer> outShape = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      DimSelector it = items.get(d);
      long len = shape[d];
      List<Long> p = new ArrayList<>();
      if (it instanceof DimSelector.Index i) {
        p.add(i.index() < 0 ? i.index() + len : i.index());
      } else if (it instanceof Slice s) {
        long start =
            s.start() == null
                ? 0
                : s.start() < 0 ? Math.max(0, s.start() + len) : Math.min(s.start(), len);
        long stop =
            s.stop() == null
                ? len
                : s.stop() < 0 ? Math.max(0, s.stop() + len) : Math.min(s.stop(), len);
        for (long x = start; x < stop; x += s.step()) {
          p.add(x);
        }
      } else if (it instanceof DimSelector.IndexList l) {
        for (long x : l.indices()) {
          p.add(x < 0 ? x + len : x);
        }
      } else {
        boolean[] m = ((DimSelector.BoolMask) it).mask();
        for (int x = 0; x < m.length; x++) {
          if (m[x]) {
            p.add((long) x);
          }
        }
      }
      if (!(it instanceof DimSelector.Index)) {
        outShape.add(p.size());
      }
      perDim.add(p.stream().mapToLong(Long::longValue).toArray());
    }
    List<long[]> out = new ArrayList<>();
    product(perDim, 0, new long[shape.length], out);
    return new Expected(out, outShape.stream().mapToInt(Integer::intValue).toArray());
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

  static long[] unravel(int flat, long[] shape) {
    long[] p = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      p[d] = flat % shape[d];
      flat /= (int) shape[d];
    }
    return p;
  }

  static int[] toInts(long[] a) {
    return Arrays.stream(a).mapToInt(x -> (int) x).toArray();
  }
}
