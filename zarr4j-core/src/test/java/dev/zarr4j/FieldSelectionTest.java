package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.testutil.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code fields} argument of every getter and setter (basic, orthogonal, coordinate, mask and
 * block selections) on a structured array, against a model holding each field's values separately.
 */
class FieldSelectionTest {

  /** {@code [('foo', 'S3'), ('bar', '<i4'), ('baz', '<f8'), ('v', '>i2', (2,))]}. */
  static final DataType RECORD =
      DataType.parse(
          "[[\"foo\", \"|S3\"], [\"bar\", \"<i4\"], [\"baz\", \"<f8\"], [\"v\", \">i2\", [2]]]");

  static final List<String> NAMES = List.of("foo", "bar", "baz", "v");

  /** The docs' example: {@code z.get_coordinate_selection([0, 2], fields=['foo', 'baz'])}. */
  @Test
  void docsCoordinateSelectionOfTwoFields() {
    DataType t = DataType.parse("[[\"foo\", \"|S3\"], [\"bar\", \"<i4\"], [\"baz\", \"<f8\"]]");
    NdArray a = NdArray.zeros(t, 3);
    NdArray foo = NdArray.zeros(DataType.bytes(3), 3);
    foo.setFlat(0, "aaa".getBytes(StandardCharsets.US_ASCII));
    foo.setFlat(1, "bbb".getBytes(StandardCharsets.US_ASCII));
    foo.setFlat(2, "ccc".getBytes(StandardCharsets.US_ASCII));
    a.setFields(foo, "foo");
    a.setFields(NdArray.of(new int[] {1, 2, 3}), "bar");
    a.setFields(NdArray.of(new double[] {4.2, 8.4, 12.6}), "baz");
    ZarrArray z = Zarr.array(a, ArrayOptions.defaults());

    // >>> z['foo'] -> array([b'aaa', b'bbb', b'ccc'], dtype='|S3')
    NdArray f = z.get("'foo'");
    assertThat(f.dtype()).isEqualTo(DataType.bytes(3));
    assertThat(f.getString(0) + f.getString(1) + f.getString(2)).isEqualTo("aaabbbccc");
    // >>> z['baz'] -> array([ 4.2,  8.4, 12.6])
    assertThat(z.get("'baz'").toDoubleArray()).containsExactly(4.2, 8.4, 12.6);
    // >>> z.get_basic_selection(slice(0, 2), fields='bar') -> array([1, 2], dtype=int32)
    NdArray bar = z.getBasicSelection(BasicSelection.of(Slice.of(0, 2)), "bar");
    assertThat(bar.dtype()).isEqualTo(DataType.INT32);
    assertThat(bar.toLongArray()).containsExactly(1, 2);
    // >>> z.get_coordinate_selection([0, 2], fields=['foo', 'baz'])
    // array([(b'aaa',  4.2), (b'ccc', 12.6)], dtype=[('foo', 'S3'), ('baz', '<f8')])
    NdArray two = z.getCoordinateSelection(CoordinateSelection.of(new long[] {0, 2}), "foo", "baz");
    assertThat(two.dtype()).isEqualTo(DataType.parse("[[\"foo\", \"S3\"], [\"baz\", \"<f8\"]]"));
    assertThat(two.shape()).containsExactly(2);
    assertThat((byte[]) two.fields("foo").get(0))
        .isEqualTo("aaa".getBytes(StandardCharsets.US_ASCII));
    assertThat((byte[]) two.fields("foo").get(1))
        .isEqualTo("ccc".getBytes(StandardCharsets.US_ASCII));
    assertThat(two.fields("baz").toDoubleArray()).containsExactly(4.2, 12.6);
    // the vindex text form takes the field names too
    assertThat(z.get("[0, 2], 'foo', 'baz'")).isEqualTo(two);
  }

  static LongStream seeds() {
    return LongStream.range(0, 150);
  }

  /**
   * One field and several fields, read and written through every selection kind and its named
   * method, agree with a model of the four fields; the other fields are never touched.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void everyKindReadsAndWritesFields(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 6151 + 11);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 6);
      chunks[d] = rnd.nextInt(1, 4);
    }
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(store)
                .shape(shape)
                .chunks(chunks)
                .dtype(RECORD)
                .order(rnd.nextBoolean() ? "C" : "F")
                .build());
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    // the model: per field, per element, a canonical Java value (long[] for the sub-array field)
    Map<String, Object[]> model = new LinkedHashMap<>();
    for (String n : NAMES) {
      Object[] col = new Object[size];
      for (int i = 0; i < size; i++) {
        col[i] = randomFieldValue(rnd, n);
      }
      model.put(n, col);
    }
    // start from random records, written whole
    NdArray records = NdArray.zeros(RECORD, AdvancedSelectionPropertyTest.toInts(shape));
    for (String n : NAMES) {
      records.setFields(
          fieldArray(n, model.get(n), allPositions(shape), shape, records.shape()), n);
    }
    z.set(records);

    for (int op = 0; op < 8; op++) {
      SelectionModel.Kind kind = SelectionModel.randomKind(rnd);
      SelectionModel.Drawn sel = SelectionModel.draw(kind, rnd, shape, chunks);
      String[] fields = randomFields(rnd);
      if (rnd.nextBoolean()) {
        NdArray got = getFields(z, sel.selection(), fields, rnd.nextBoolean());
        if (fields.length == 1) {
          assertThat(got)
              .as("seed %d %s %s", seed, sel.selection(), fields[0])
              .isEqualTo(
                  fieldArray(fields[0], model.get(fields[0]), sel.positions(), shape, sel.shape()));
        } else {
          assertThat(got.dtype()).isEqualTo(structuredOf(fields));
          assertThat(got.shape()).containsExactly(sel.shape());
          for (String n : fields) {
            assertThat(got.fields(n))
                .as("seed %d %s field %s of %s", seed, sel.selection(), n, Arrays.toString(fields))
                .isEqualTo(fieldArray(n, model.get(n), sel.positions(), shape, sel.shape()));
          }
        }
      } else {
        // new values for the selected elements, as a value of the selection's shape (or one that
        // broadcasts to it), then written into the model the way NumPy assigns: in order
        int[] vShape =
            rnd.nextBoolean() ? sel.shape() : SelectionModel.broadcastableTo(rnd, sel.shape());
        Map<String, Object[]> fresh = new LinkedHashMap<>();
        int vSize = Arrays.stream(vShape).reduce(1, (a, b) -> a * b);
        for (String n : fields) {
          Object[] col = new Object[vSize];
          for (int i = 0; i < vSize; i++) {
            col[i] = randomFieldValue(rnd, n);
          }
          fresh.put(n, col);
        }
        Object value;
        if (fields.length == 1) {
          value = fieldArray(fields[0], fresh.get(fields[0]), null, null, vShape);
        } else {
          NdArray v = NdArray.zeros(structuredOf(fields), vShape);
          for (String n : fields) {
            v.setFields(fieldArray(n, fresh.get(n), null, null, vShape), n);
          }
          value = v;
        }
        setFields(z, sel.selection(), value, fields, rnd.nextBoolean());
        for (int i = 0; i < sel.count(); i++) {
          int[] at = SelectionModel.broadcastIndex(SelectionModel.unravel(i, sel.shape()), vShape);
          int from = vSize == 0 ? 0 : flatOf(at, vShape);
          int to = SelectionModel.flat(sel.positions().get(i), shape);
          for (String n : fields) {
            model.get(n)[to] = fresh.get(n)[from];
          }
        }
      }
    }
    NdArray all = z.get();
    for (String n : NAMES) {
      assertThat(all.fields(n))
          .as("seed %d field %s", seed, n)
          .isEqualTo(fieldArray(n, model.get(n), allPositions(shape), shape, all.shape()));
    }
  }

  @Test
  void scalarsBroadcastToOneFieldAndBadValuesWriteNothing() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.zeros(
            ArrayOptions.builder().store(store).shape(4, 5).chunks(3, 2).dtype(RECORD).build());
    NdArray mask = NdArray.zeros(DataType.BOOL, 4, 5);
    mask.set(true, 0, 4);
    mask.set(true, 3, 1);
    z.setMaskSelection(mask, 7, "bar");
    z.setOrthogonalSelection(
        OrthogonalSelection.of(new long[] {2, 0}, new boolean[] {false, true, false, false, true}),
        2.5,
        "baz");
    z.setBlockSelection(BlockSelection.of(1, 2), "xy", "foo");
    z.setCoordinateSelection(
        CoordinateSelection.of(new long[] {1}, new long[] {1}),
        NdArray.of(new short[] {-3, 4}),
        "v");
    NdArray all = z.get();
    assertThat(all.fields("bar").toLongArray())
        .containsExactly(0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0);
    assertThat(all.fields("baz").toDoubleArray())
        .containsExactly(0, 2.5, 0, 0, 2.5, 0, 0, 0, 0, 0, 0, 2.5, 0, 0, 2.5, 0, 0, 0, 0, 0);
    assertThat(all.fields("foo").getString(3, 4)).isEqualTo("xy");
    assertThat(all.fields("foo").getString(2, 4)).isEmpty();
    assertThat(all.fields("v").toLongArray()).containsExactly(expectedV());

    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> z.setMaskSelection(mask, NdArray.of(new int[] {1, 2, 3}), "bar"))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[3]");
    assertThatThrownBy(() -> z.setBlockSelection(BlockSelection.of(0, 0), 1, "nope"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("nope");
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
  }

  private static long[] expectedV() {
    long[] v = new long[40];
    int at = (1 * 5 + 1) * 2;
    v[at] = -3;
    v[at + 1] = 4;
    return v;
  }

  // ------------------------------------------------------------------ routes

  /** Reads fields through {@code get(sel, fields)} or the kind's named getter, at random. */
  private static NdArray getFields(ZarrArray z, Selection sel, String[] fields, boolean generic) {
    if (generic) {
      return z.get(sel, fields);
    }
    if (sel instanceof BasicSelection b) {
      return z.getBasicSelection(b, fields);
    } else if (sel instanceof OrthogonalSelection o) {
      return z.getOrthogonalSelection(o, fields);
    } else if (sel instanceof CoordinateSelection c) {
      return z.getCoordinateSelection(c, fields);
    } else if (sel instanceof MaskSelection m) {
      return z.getMaskSelection(m.mask(), fields);
    }
    return z.getBlockSelection((BlockSelection) sel, fields);
  }

  /**
   * Writes fields through {@code set(sel, value, fields)} or the kind's named setter, at random.
   */
  private static void setFields(
      ZarrArray z, Selection sel, Object value, String[] fields, boolean generic) {
    if (generic) {
      z.set(sel, value, fields);
    } else if (sel instanceof BasicSelection b) {
      z.setBasicSelection(b, value, fields);
    } else if (sel instanceof OrthogonalSelection o) {
      z.setOrthogonalSelection(o, value, fields);
    } else if (sel instanceof CoordinateSelection c) {
      z.setCoordinateSelection(c, value, fields);
    } else if (sel instanceof MaskSelection m) {
      z.setMaskSelection(m.mask(), value, fields);
    } else {
      z.setBlockSelection((BlockSelection) sel, value, fields);
    }
  }

  // ------------------------------------------------------------------ model

  private static String[] randomFields(SplittableRandom rnd) {
    if (rnd.nextBoolean()) {
      return new String[] {NAMES.get(rnd.nextInt(NAMES.size()))};
    }
    List<String> shuffled = new ArrayList<>(NAMES);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      java.util.Collections.swap(shuffled, i, rnd.nextInt(i + 1));
    }
    return shuffled.subList(0, rnd.nextInt(2, NAMES.size() + 1)).toArray(new String[0]);
  }

  /** The packed structured type of some fields, in the order given, as NumPy's {@code a[names]}. */
  private static DataType structuredOf(String[] fields) {
    StringBuilder sb = new StringBuilder("[");
    for (String n : fields) {
      sb.append(sb.length() > 1 ? ", " : "")
          .append(
              switch (n) {
                case "foo" -> "[\"foo\", \"|S3\"]";
                case "bar" -> "[\"bar\", \"<i4\"]";
                case "baz" -> "[\"baz\", \"<f8\"]";
                default -> "[\"v\", \">i2\", [2]]";
              });
    }
    return DataType.parse(sb.append(']').toString());
  }

  private static Object randomFieldValue(SplittableRandom rnd, String field) {
    switch (field) {
      case "foo":
        {
          byte[] b = new byte[rnd.nextInt(0, 4)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt('a', 'z' + 1);
          }
          return b;
        }
      case "bar":
        return (long) rnd.nextInt();
      case "baz":
        return rnd.nextInt(-4000, 4000) / 16.0;
      default:
        return new long[] {rnd.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1), rnd.nextInt(-5, 6)};
    }
  }

  /**
   * NumPy's {@code a[field]} of the model: element {@code i} of the result is the field's value at
   * {@code positions[i]} (or at flat position {@code i} when positions is null); the sub-array
   * field gets a trailing dimension of 2.
   */
  private static NdArray fieldArray(
      String field, Object[] column, List<long[]> positions, long[] shape, int[] resultShape) {
    boolean sub = field.equals("v");
    int[] s = sub ? Arrays.copyOf(resultShape, resultShape.length + 1) : resultShape;
    if (sub) {
      s[resultShape.length] = 2;
    }
    DataType t = RECORD.field(field).type();
    NdArray out = NdArray.zeros(t, s);
    int n = Arrays.stream(resultShape).reduce(1, (a, b) -> a * b);
    for (int i = 0; i < n; i++) {
      Object v = column[positions == null ? i : SelectionModel.flat(positions.get(i), shape)];
      if (sub) {
        long[] pair = (long[]) v;
        out.setFlat(2 * i, pair[0]);
        out.setFlat(2 * i + 1, pair[1]);
      } else {
        out.setFlat(i, v);
      }
    }
    return out;
  }

  private static List<long[]> allPositions(long[] shape) {
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    List<long[]> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(AdvancedSelectionPropertyTest.unravel(i, shape));
    }
    return out;
  }

  private static int flatOf(int[] at, int[] shape) {
    int f = 0;
    for (int d = 0; d < shape.length; d++) {
      f = f * shape[d] + at[d];
    }
    return f;
  }
}
