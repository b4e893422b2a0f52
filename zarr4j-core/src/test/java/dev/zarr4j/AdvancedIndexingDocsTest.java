package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.SelectionOutOfBoundsException;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The examples of the docs' "Advanced indexing" chapter, with the values printed there. */
class AdvancedIndexingDocsTest {

  private static ZarrArray squares() {
    NdArray a = NdArray.zeros(DataType.INT64, 10);
    for (int i = 0; i < 10; i++) {
      a.setFlat(i, (long) i * i);
    }
    return Zarr.array(a, ArrayOptions.defaults());
  }

  private static ZarrArray fifteen() {
    return Zarr.array(NdArray.arange(DataType.INT64, 15, 3, 5), ArrayOptions.defaults());
  }

  private static long[] ints(long... v) {
    return v;
  }

  @Test
  void coordinateArrays() {
    ZarrArray z = squares();
    assertThat(z.get().toLongArray()).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
    assertThat(z.getCoordinateSelection(CoordinateSelection.of(ints(2, 5))).toLongArray())
        .containsExactly(4, 25);
    z.setCoordinateSelection(CoordinateSelection.of(ints(2, 5)), NdArray.of(new long[] {-1, -2}));
    assertThat(z.get().toLongArray()).containsExactly(0, 1, -1, 9, 16, -2, 36, 49, 64, 81);

    ZarrArray m = fifteen();
    assertThat(
            m.getCoordinateSelection(CoordinateSelection.of(ints(0, 2), ints(1, 3))).toLongArray())
        .containsExactly(1, 13);
    m.setCoordinateSelection(
        CoordinateSelection.of(ints(0, 2), ints(1, 3)), NdArray.of(new long[] {-1, -2}));
    assertThat(m.get().toLongArray())
        .containsExactly(0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -2, 14);
    assertThat(m.vindex().get(ints(0, 2), ints(1, 3)).toLongArray()).containsExactly(-1, -2);
    m.vindex().set(NdArray.of(new long[] {-3, -4}), ints(0, 2), ints(1, 3));
    assertThat(m.get().toLongArray())
        .containsExactly(0, -3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -4, 14);
    assertThat(m.get("[0, 2], [1, 3]").toLongArray()).containsExactly(-3, -4);
    // index arrays of different shapes broadcast together
    assertThat(m.get("1, [1, 3]").toLongArray()).containsExactly(6, 8);
    assertThat(m.get("[1, 1], [1, 3]").toLongArray()).containsExactly(6, 8);
  }

  @Test
  void maskArrays() {
    ZarrArray z = squares();
    NdArray sel = NdArray.zeros(DataType.BOOL, 10);
    sel.set(true, 2);
    sel.set(true, 5);
    assertThat(z.getMaskSelection(sel).toLongArray()).containsExactly(4, 25);
    z.setMaskSelection(sel, NdArray.of(new long[] {-1, -2}));
    assertThat(z.get().toLongArray()).containsExactly(0, 1, -1, 9, 16, -2, 36, 49, 64, 81);

    ZarrArray m = fifteen();
    NdArray sel2 = NdArray.zeros(DataType.BOOL, 3, 5);
    sel2.set(true, 0, 1);
    sel2.set(true, 2, 3);
    assertThat(m.getMaskSelection(sel2).toLongArray()).containsExactly(1, 13);
    m.setMaskSelection(sel2, NdArray.of(new long[] {-1, -2}));
    assertThat(m.get().toLongArray())
        .containsExactly(0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -2, 14);
    assertThat(m.vindex().get(sel2).toLongArray()).containsExactly(-1, -2);
    m.vindex().set(NdArray.of(new long[] {-3, -4}), sel2);
    assertThat(m.get().toLongArray())
        .containsExactly(0, -3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -4, 14);
  }

  @Test
  void orthogonalIndexing() {
    ZarrArray z = fifteen();
    assertThat(z.getOrthogonalSelection(OrthogonalSelection.of(ints(0, 2), Slice.all())))
        .isEqualTo(NdArray.of(new long[] {0, 1, 2, 3, 4, 10, 11, 12, 13, 14}, 2, 5));
    assertThat(z.getOrthogonalSelection(OrthogonalSelection.of(Slice.all(), ints(1, 3))))
        .isEqualTo(NdArray.of(new long[] {1, 3, 6, 8, 11, 13}, 3, 2));
    assertThat(z.getOrthogonalSelection(OrthogonalSelection.of(ints(0, 2), ints(1, 3))))
        .isEqualTo(NdArray.of(new long[] {1, 3, 11, 13}, 2, 2));
    z.setOrthogonalSelection(
        OrthogonalSelection.of(ints(0, 2), ints(1, 3)),
        NdArray.of(new long[] {-1, -2, -3, -4}, 2, 2));
    assertThat(z.get().toLongArray())
        .containsExactly(0, -1, 2, -2, 4, 5, 6, 7, 8, 9, 10, -3, 12, -4, 14);

    ZarrArray o = fifteen();
    assertThat(o.oindex().get("[0, 2], :"))
        .isEqualTo(NdArray.of(new long[] {0, 1, 2, 3, 4, 10, 11, 12, 13, 14}, 2, 5));
    assertThat(o.oindex().get(Slice.all(), ints(1, 3)))
        .isEqualTo(NdArray.of(new long[] {1, 3, 6, 8, 11, 13}, 3, 2));
    assertThat(o.oindex().get("[0, 2], [1, 3]"))
        .isEqualTo(NdArray.of(new long[] {1, 3, 11, 13}, 2, 2));
    o.oindex().set("[0, 2], [1, 3]", NdArray.of(new long[] {-1, -2, -3, -4}, 2, 2));
    assertThat(o.get().toLongArray())
        .containsExactly(0, -1, 2, -2, 4, 5, 6, 7, 8, 9, 10, -3, 12, -4, 14);
    // at most one list with slices and integers: orthogonal on the array itself
    ZarrArray p = fifteen();
    assertThat(p.get("[0, 2], :")).isEqualTo(p.oindex().get("[0, 2], :"));
  }

  @Test
  void blockIndexing() {
    ZarrArray z =
        Zarr.array(
            NdArray.arange(DataType.INT64, 100, 10, 10),
            ArrayOptions.builder().chunks(3, 3).build());
    NdArray rows = z.getBlockSelection(BlockSelection.of(1));
    assertThat(rows).isEqualTo(z.get("3:6"));
    assertThat(rows.shape()).containsExactly(3, 10);
    assertThat(rows.getLong(0, 0)).isEqualTo(30);
    assertThat(rows.getLong(2, 9)).isEqualTo(59);
    assertThat(z.blocks().get(1)).isEqualTo(rows);
    assertThat(z.blocks().get("0, 1:3"))
        .isEqualTo(
            NdArray.of(
                new long[] {3, 4, 5, 6, 7, 8, 13, 14, 15, 16, 17, 18, 23, 24, 25, 26, 27, 28},
                3,
                6));

    ZarrArray w = Zarr.zeros(ArrayOptions.builder().shape(6, 6).dtype("i8").chunks(2).build());
    w.setBlockSelection(BlockSelection.of(1, 0), 1);
    assertThat(w.get().toLongArray())
        .containsExactly(
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0);
    w.blocks().set(7, Slice.all(), 2);
    assertThat(w.get().toLongArray())
        .containsExactly(
            0, 0, 0, 0, 7, 7, 0, 0, 0, 0, 7, 7, 1, 1, 0, 0, 7, 7, 1, 1, 0, 0, 7, 7, 0, 0, 0, 0, 7,
            7, 0, 0, 0, 0, 7, 7);
    assertThat(w.blocks().get("2, 1:3"))
        .isEqualTo(NdArray.of(new long[] {0, 0, 7, 7, 0, 0, 7, 7}, 2, 4));
  }

  @Test
  void fieldsOfStructuredArrays() {
    DataType t = DataType.parse("[[\"foo\", \"|S3\"], [\"bar\", \"<i4\"], [\"baz\", \"<f8\"]]");
    NdArray a = NdArray.zeros(t, 3);
    String[] foo = {"aaa", "bbb", "ccc"};
    for (int i = 0; i < 3; i++) {
      NdArray rec = NdArray.zeros(t, 1);
      rec.setFields(foo[i], "foo");
      rec.setFields(i + 1, "bar");
      rec.setFields(4.2 * (i + 1), "baz");
      a.setFlat(i, rec.getFlat(0));
    }
    ZarrArray z = Zarr.array(a, ArrayOptions.defaults());
    NdArray f = z.get("'foo'");
    assertThat(f.dtype().toString()).isEqualTo("|S3");
    assertThat(f.getString(0)).isEqualTo("aaa");
    assertThat(f.getString(2)).isEqualTo("ccc");
    assertThat(z.get("'baz'").toDoubleArray()).containsExactly(4.2, 8.4, 4.2 * 3);
    assertThat(
            z.getBasicSelection(dev.zarr4j.indexing.BasicSelection.of(Slice.of(0, 2)), "bar")
                .toLongArray())
        .containsExactly(1, 2);
    NdArray two = z.get("0:2, 'foo', 'baz'");
    assertThat(two.dtype().toString()).isEqualTo("[('foo', '|S3'), ('baz', '<f8')]");
    assertThat(two.fields("baz").toDoubleArray()).containsExactly(4.2, 8.4);
    // writing one field leaves the others alone
    z.set("1, 'bar'", 99);
    assertThat(z.get("'bar'").toLongArray()).containsExactly(1, 99, 3);
    assertThat(z.get("'foo'").getString(1)).isEqualTo("bbb");
    assertThatThrownBy(() -> z.get("'nope'"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining("foo");
  }

  @Test
  void badSelectionsNameTheCulpritAndWriteNothing() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.array(
            NdArray.arange(DataType.INT32, 15, 3, 5),
            ArrayOptions.builder().store(store).chunks(2, 2).build());
    Map<String, String> before = snapshot(store);
    assertThatThrownBy(() -> z.vindex().get(ints(0, 3), ints(1, 1)))
        .isInstanceOf(SelectionOutOfBoundsException.class)
        .hasMessageContaining("dimension 0")
        .hasMessageContaining("length 3");
    assertThatThrownBy(() -> z.oindex().set(5, ints(0), ints(7)))
        .isInstanceOf(SelectionOutOfBoundsException.class)
        .hasMessageContaining("dimension 1");
    assertThatThrownBy(() -> z.setMaskSelection(NdArray.zeros(DataType.BOOL, 3, 4), 1))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("mask of shape [3, 4]");
    assertThatThrownBy(() -> z.oindex().set(1, new boolean[] {true, false}, Slice.all()))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("dimension 0 of length 3");
    assertThatThrownBy(() -> z.vindex().get("[0, 1], :"))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("vindex");
    assertThatThrownBy(
            () -> z.vindex().set(NdArray.of(new int[] {1, 2, 3}), ints(0, 1), ints(0, 1)))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("cannot be broadcast");
    assertThatThrownBy(() -> z.getCoordinateSelection(CoordinateSelection.of(ints(0, 1))))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("one index array per dimension");
    assertThatThrownBy(
            () -> z.vindex().get(NdArray.of(new long[] {0, 1}), NdArray.of(new long[] {0, 1, 2})))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("cannot be broadcast together");
    assertThatThrownBy(() -> z.blocks().get(2))
        .isInstanceOf(SelectionOutOfBoundsException.class)
        .hasMessageContaining("dimension 0");
    assertThatThrownBy(() -> z.blocks().get("::2")).isInstanceOf(InvalidSelectionException.class);
    assertThatThrownBy(() -> z.set("0, 'x'", 1))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("no fields");
    assertThat(snapshot(store)).isEqualTo(before);
  }

  @Test
  void copiesBetweenArraysStreamChunkByChunk() {
    ZarrArray z1 =
        Zarr.empty(ArrayOptions.builder().shape(1000, 1000).chunks(100, 100).dtype("i4").build());
    z1.set(42);
    z1.set("0, :", NdArray.arange(DataType.INT32, 1000));
    ZarrArray z2 = Zarr.emptyLike(z1, ArrayOptions.defaults());
    z2.set(z1);
    assertThat(z2.get()).isEqualTo(z1.get());
    // into a region with steps, from an array of that region's shape
    ZarrArray small =
        Zarr.array(
            NdArray.arange(DataType.INT32, 50, 10, 5), ArrayOptions.builder().chunks(3, 2).build());
    z2.set("100:120:2, 7:12", small);
    assertThat(z2.get("100:120:2, 7:12")).isEqualTo(small.get());
    assertThatThrownBy(() -> z2.set("0:3, 0:3", small))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("does not match");
  }

  private static Map<String, String> snapshot(MemoryStore store) {
    Map<String, String> m = new TreeMap<>();
    for (String k : store.listPrefix("")) {
      m.put(k, java.util.Base64.getEncoder().encodeToString(bytesOf(store.get(k).orElseThrow())));
    }
    return m;
  }

  private static byte[] bytesOf(java.nio.ByteBuffer b) {
    java.nio.ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
