package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.Complex;
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
 * Random arrays (shape, chunks, data type, memory order, separator, fill value) receive random
 * basic-selection writes and reads; every read must equal a naive model: a flat array of Java
 * values indexed element by element.
 */
class BasicSelectionPropertyTest {

  static final String[] DTYPES = {
    "|b1", "|i1", "|u1", "<i2", ">u2", "<i4", ">i4", "<u4", "<i8", ">u8", "<f2", ">f2", "<f4",
    ">f4", "<f8", ">f8", "<c8", ">c16", "|S3", "<U2", ">U3", "<M8[D]", ">m8[ns]", "|V3",
  };

  static LongStream seeds() {
    return LongStream.range(0, 400);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void getAndSetAgreeWithNaiveModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 17);
    int ndim = rnd.nextInt(0, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 9);
      chunks[d] = rnd.nextInt(1, 5);
    }
    DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
    Object fill = rnd.nextInt(4) == 0 ? null : randomValue(rnd, dtype);
    MemoryStore store = new MemoryStore();
    ArrayOptions opts =
        ArrayOptions.builder()
            .shape(shape)
            .chunks(chunks)
            .dtype(dtype)
            .compressor(null)
            .fillValue(fill)
            .order(rnd.nextBoolean() ? "C" : "F")
            .dimensionSeparator(rnd.nextBoolean() ? "." : "/")
            .writeEmptyChunks(rnd.nextBoolean())
            .store(store)
            .path(rnd.nextBoolean() ? "" : "g/arr")
            .build();
    ZarrArray z = Zarr.create(opts);
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    Object[] model = new Object[size];
    Object modelFill =
        fill == null ? NdArray.zeros(dtype).get() : NdArray.scalar(dtype, fill).get();
    Arrays.fill(model, modelFill);

    for (int op = 0; op < 12; op++) {
      Selection sel = randomSelection(rnd, shape);
      List<long[]> positions = selectedPositions(sel, shape);
      long[] selShape = selectionShape(sel, shape);
      if (rnd.nextBoolean()) {
        // write
        if (rnd.nextInt(3) == 0) {
          Object v = randomValue(rnd, dtype);
          z.set(sel, v);
          Object canonical = NdArray.scalar(dtype, v).get();
          for (long[] pos : positions) {
            model[flat(pos, shape)] = canonical;
          }
        } else {
          int[] vShape = Arrays.stream(selShape).mapToInt(x -> (int) x).toArray();
          NdArray value = NdArray.zeros(dtype, vShape);
          for (int i = 0; i < value.size(); i++) {
            value.setFlat(i, randomValue(rnd, dtype));
          }
          z.set(sel, value);
          for (int i = 0; i < positions.size(); i++) {
            model[flat(positions.get(i), shape)] = value.getFlat(i);
          }
        }
      } else {
        NdArray got = z.get(sel);
        assertThat(got.shape()).isEqualTo(Arrays.stream(selShape).mapToInt(x -> (int) x).toArray());
        NdArray expected = NdArray.zeros(dtype, got.shape());
        for (int i = 0; i < positions.size(); i++) {
          expected.setFlat(i, model[flat(positions.get(i), shape)]);
        }
        assertThat(got).as("seed %d selection %s", seed, sel).isEqualTo(expected);
      }
    }
    // reopen from the store and compare everything
    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path(z.path()).build());
    NdArray all = reopened.get();
    NdArray expected = NdArray.zeros(dtype, Arrays.stream(shape).mapToInt(x -> (int) x).toArray());
    for (int i = 0; i < size; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(all).as("seed %d full read", seed).isEqualTo(expected);
  }

  static int flat(long[] pos, long[] shape) {
    long f = 0;
    for (int d = 0; d < shape.length; d++) {
      f = f * shape[d] + pos[d];
    }
    return (int) f;
  }

  static Object randomValue(SplittableRandom rnd, DataType dtype) {
    switch (dtype.kind()) {
      case BOOL:
        return rnd.nextBoolean();
      case INT:
        return rnd.nextLong() >> (64 - dtype.itemSize() * 8);
      case UINT:
        return rnd.nextLong() >>> (64 - dtype.itemSize() * 8);
      case FLOAT:
        {
          double v = rnd.nextInt(8) == 0 ? Double.NaN : (rnd.nextInt(-2000, 2000) / 8.0);
          return v;
        }
      case COMPLEX:
        return new Complex(rnd.nextInt(-100, 100) / 4.0, rnd.nextInt(-100, 100) / 4.0);
      case BYTES:
        {
          byte[] b = new byte[rnd.nextInt(0, dtype.itemSize() + 1)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(1, 256);
          }
          return b;
        }
      case UNICODE:
        {
          StringBuilder sb = new StringBuilder();
          int n = rnd.nextInt(0, dtype.length() + 1);
          for (int i = 0; i < n; i++) {
            int cp = rnd.nextBoolean() ? rnd.nextInt('a', 'z' + 1) : rnd.nextInt(0x100, 0x1F600);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
              cp = 0xFFFD; // surrogate code points are not text; a separate test covers them
            }
            sb.appendCodePoint(cp);
          }
          return sb.toString();
        }
      case DATETIME:
      case TIMEDELTA:
        return rnd.nextLong(-1_000_000, 1_000_000);
      case VOID:
        {
          byte[] b = new byte[dtype.itemSize()];
          rnd.nextBytes(b);
          return b;
        }
      default:
        throw new IllegalStateException(dtype.toString());
    }
  }

  static Selection randomSelection(SplittableRandom rnd, long[] shape) {
    List<Object> items = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      long len = shape[d];
      if (rnd.nextInt(5) == 0 && d == shape.length - 1 && !items.isEmpty()) {
        items.add(DimSelector.Ellipsis.INSTANCE);
        break;
      }
      if (len > 0 && rnd.nextInt(4) == 0) {
        long i = rnd.nextLong(0, len);
        items.add(rnd.nextBoolean() ? i : i - len);
      } else {
        Long start = rnd.nextBoolean() ? null : rnd.nextLong(-len - 1, len + 2);
        Long stop = rnd.nextBoolean() ? null : rnd.nextLong(-len - 1, len + 2);
        items.add(new Slice(start, stop, rnd.nextInt(1, 4)));
      }
    }
    if (!items.isEmpty() && rnd.nextInt(3) == 0) {
      items.remove(items.size() - 1); // trailing dimension selected whole
    }
    return BasicSelection.of(items.toArray());
  }

  /** Selected array positions in C order of the result, by the obvious nested loops. */
  static List<long[]> selectedPositions(Selection sel, long[] shape) {
    List<DimSelector> items = ((BasicSelection) sel).expand(shape.length);
    List<long[]> perDim = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      perDim.add(positions(items.get(d), shape[d]));
    }
    List<long[]> out = new ArrayList<>();
    expand(perDim, 0, new long[shape.length], out);
    return out;
  }

  static long[] selectionShape(Selection sel, long[] shape) {
    List<DimSelector> items = ((BasicSelection) sel).expand(shape.length);
    List<Long> s = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      if (!(items.get(d) instanceof DimSelector.Index)) {
        s.add((long) positions(items.get(d), shape[d]).length);
      }
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] positions(DimSelector item, long len) {
    if (item instanceof DimSelector.Index i) {
      return new long[] {i.index() < 0 ? i.index() + len : i.index()};
    }
    Slice s = (Slice) item;
    long start =
        s.start() == null
            ? 0
            : s.start() < 0 ? Math.max(0, s.start() + len) : Math.min(s.start(), len);
    long stop =
        s.stop() == null
            ? len
            : s.stop() < 0 ? Math.max(0, s.stop() + len) : Math.min(s.stop(), len);
    List<Long> p = new ArrayList<>();
    for (long x = start; x < stop; x += s.step()) {
      p.add(x);
    }
    return p.stream().mapToLong(Long::longValue).toArray();
  }

  private static void expand(List<long[]> perDim, int d, long[] cur, List<long[]> out) {
    if (d == perDim.size()) {
      out.add(cur.clone());
      return;
    }
    for (long p : perDim.get(d)) {
      cur[d] = p;
      expand(perDim, d + 1, cur, out);
    }
  }
}
