package dev.zarr4j.convenience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.n5.N5BlockHeader;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** copy, copyAll and copyStore between Zarr v2 and N5 hierarchies, both ways. */
class N5CopyTest {
  static final NodeFormat N5 = NodeFormats.named("n5");

  static ZarrGroup n5() {
    return Zarr.group(new MemoryStore(), GroupOptions.builder().format(N5).build());
  }

  /** A v2 hierarchy with attributes, a sparse array and an array with edge chunks. */
  static ZarrGroup v2Source(SplittableRandom rnd) {
    ZarrGroup src = Zarr.group();
    src.attrs().put("title", "source");
    ZarrGroup sub = src.createGroup("sub");
    sub.attrs().put("depth", 1);
    String[] dtypes = {"|i1", "<i4", ">u2", "<f8", ">f4", "|b1", "<M8[s]"};
    for (int i = 0; i < 4; i++) {
      int ndim = 1 + rnd.nextInt(3);
      long[] shape = new long[ndim];
      long[] chunks = new long[ndim];
      for (int d = 0; d < ndim; d++) {
        shape[d] = rnd.nextInt(1, 10);
        chunks[d] = rnd.nextInt(1, 5);
      }
      DataType t = DataType.parse(dtypes[rnd.nextInt(dtypes.length)]);
      ZarrGroup where = i % 2 == 0 ? src : sub;
      ZarrArray a =
          where.zeros(
              "a" + i,
              ArrayOptions.builder()
                  .shape(shape)
                  .chunks(chunks)
                  .dtype(t)
                  .compressor(i == 3 ? Lz4.DEFAULT : Zlib.of(1))
                  .build());
      Object[] box = new Object[ndim];
      for (int d = 0; d < ndim; d++) {
        long lo = rnd.nextLong(shape[d]);
        box[d] = Slice.of(lo, rnd.nextLong(lo, shape[d]) + 1);
      }
      a.set(BasicSelection.of(box), randomArray(rnd, a.dtype(), boxShape(box)));
      a.attrs().put("index", (long) i);
    }
    return src;
  }

  static NdArray randomArray(SplittableRandom rnd, DataType t, int[] shape) {
    NdArray a = NdArray.zeros(t, shape);
    for (int i = 0; i < a.size(); i++) {
      switch (t.kind()) {
        case BOOL:
          a.setFlat(i, rnd.nextBoolean());
          break;
        case FLOAT:
          a.setFlat(i, rnd.nextInt(-1000, 1000) / 4.0);
          break;
        default:
          a.setFlat(i, (long) rnd.nextInt(0, 100));
      }
    }
    return a;
  }

  static int[] boxShape(Object[] box) {
    int[] s = new int[box.length];
    for (int d = 0; d < box.length; d++) {
      Slice sl = (Slice) box[d];
      s[d] = (int) (sl.stop() - sl.start());
    }
    return s;
  }

  static void assertSameTree(ZarrGroup a, ZarrGroup b) {
    assertThat(b.keys()).isEqualTo(a.keys());
    assertThat(b.attrs().asMap()).isEqualTo(a.attrs().asMap());
    for (String k : a.keys()) {
      if (a.get(k).isArray()) {
        ZarrArray x = a.getArray(k);
        ZarrArray y = b.getArray(k);
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(y.chunks()).isEqualTo(x.chunks());
        assertThat(y.get().astype(x.dtype())).as(k).isEqualTo(x.get());
        assertThat(y.attrs().asMap()).isEqualTo(x.attrs().asMap());
        assertThat(y.compressor()).isEqualTo(x.compressor());
      } else {
        assertSameTree(a.getGroup(k), b.getGroup(k));
      }
    }
  }

  @RepeatedTest(10)
  void copyAllFromV2ToN5AndBack(RepetitionInfo info) {
    ZarrGroup src = v2Source(new SplittableRandom(31L * info.getCurrentRepetition()));
    ZarrGroup n5 = n5();
    List<String> log = new ArrayList<>();
    CopyResult r = Convenience.copyAll(src, n5, CopyOptions.builder().log(log::add).build());
    assertThat(r.copied()).isEqualTo(5); // sub and four arrays
    assertThat(log).contains("copy /sub", "copy /a0 " + arrayText(src.getArray("a0")));
    assertThat(n5.format()).isSameAs(N5);
    assertThat(n5.getGroup("sub").format()).isSameAs(N5);
    assertThat(((MemoryStore) n5.store()).listPrefix(""))
        .allMatch(k -> !k.endsWith(".zarray") && !k.endsWith(".zgroup") && !k.endsWith(".zattrs"));
    assertSameTree(src, n5);
    // every block of the copy is stored at its actual size
    MemoryStore store = (MemoryStore) n5.store();
    for (String key : store.listPrefix("")) {
      if (!key.endsWith("attributes.json")) {
        N5BlockHeader.read(store.get(key).orElseThrow());
      }
    }

    ZarrGroup back = Zarr.group();
    Convenience.copyAll(n5, back);
    assertThat(back.format().name()).isEqualTo("zarr-v2");
    assertSameTree(src, back);
    assertThat(back.getArray("a0").fillValue()).isEqualTo(n5.getArray("a0").fillValue());
  }

  static String arrayText(ZarrArray a) {
    return dev.zarr4j.python.PythonText.tuple(a.shape()) + " " + a.dtype();
  }

  @Test
  void copyOneArrayBothWaysAndBetweenN5Hierarchies() {
    ZarrGroup v2 = Zarr.group();
    ZarrArray a =
        v2.zeros(
            "a",
            ArrayOptions.builder()
                .shape(5, 3)
                .chunks(2, 2)
                .dtype("<u4")
                .compressor(Blosc.DEFAULT)
                .build());
    a.set(NdArray.arange(DataType.UINT32, 15, 5, 3));
    ZarrGroup n5 = n5();
    Convenience.copy(a, n5);
    ZarrArray b = n5.getArray("a");
    assertThat(b.get()).isEqualTo(a.get());
    assertThat(b.compressor()).isEqualTo(Blosc.DEFAULT);
    // N5 to N5 with the same spec copies the stored blocks as they are
    ZarrGroup n5b = n5();
    Convenience.copy(b, n5b, CopyOptions.builder().name("c").build());
    MemoryStore s1 = (MemoryStore) n5.store();
    MemoryStore s2 = (MemoryStore) n5b.store();
    assertThat(s2.get("c/1/2")).isEqualTo(s1.get("a/1/2"));
    assertThat(n5b.getArray("c").get()).isEqualTo(a.get());
    // and back to v2
    ZarrGroup v2b = Zarr.group();
    Convenience.copy(n5b.getArray("c"), v2b);
    assertThat(v2b.getArray("c").get()).isEqualTo(a.get());
    assertThat(v2b.getArray("c").format().name()).isEqualTo("zarr-v2");
  }

  @Test
  void whatN5CannotHoldIsRefusedOnCopy() {
    ZarrGroup v2 = Zarr.group();
    v2.full("ones", 1, ArrayOptions.builder().shape(3).build());
    v2.zeros("text", ArrayOptions.builder().shape(2).dtype("<U3").build());
    v2.zeros("fortran", ArrayOptions.builder().shape(2, 2).order("F").build());
    ZarrGroup n5 = n5();
    assertThatThrownBy(() -> Convenience.copy(v2.getArray("ones"), n5))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("N5 only supports fill_value = 0");
    assertThatThrownBy(() -> Convenience.copy(v2.getArray("text"), n5))
        .isInstanceOf(InvalidArrayException.class);
    assertThatThrownBy(() -> Convenience.copy(v2.getArray("fortran"), n5))
        .hasMessageContaining("order = C");
    // with overrides that N5 can hold, the copy goes through
    Convenience.copy(
        v2.getArray("ones"),
        n5,
        CopyOptions.builder().createOptions(ArrayOptions.builder().fillValue(0).build()).build());
    assertThat(n5.getArray("ones").get()).isEqualTo(NdArray.full(DataType.FLOAT64, 1.0, 3));
    Convenience.copy(
        v2.getArray("fortran"),
        n5,
        CopyOptions.builder().createOptions(ArrayOptions.builder().order("C").build()).build());
    assertThat(n5.getArray("fortran").get()).isEqualTo(NdArray.zeros(DataType.FLOAT64, 2, 2));
  }

  @Test
  void copyStoreCopiesAnN5HierarchyAsBytes() {
    ZarrGroup n5 = n5();
    n5.attrs().put("k", "v");
    n5.zeros("x/y", ArrayOptions.builder().shape(3, 5).chunks(2, 2).dtype("i8").build())
        .set(NdArray.arange(DataType.INT64, 15, 3, 5));
    MemoryStore dest = new MemoryStore();
    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copyStore(n5.store(), dest, CopyStoreOptions.builder().log(log::add).build());
    assertThat(r.copied()).isEqualTo(3 + 6);
    assertThat(log).contains("copy x/y/attributes.json", "copy x/y/2/1");
    ZarrGroup copy = Zarr.openGroup(dest, OpenMode.READ);
    assertThat(copy.format()).isSameAs(N5);
    assertThat(copy.attrs().asMap()).isEqualTo(Map.of("k", "v"));
    assertThat(copy.getArray("x/y").get()).isEqualTo(NdArray.arange(DataType.INT64, 15, 3, 5));
    // a v2 hierarchy copied into an N5 one's store under a path stays v2 there
    ZarrGroup v2 = Zarr.group();
    v2.zeros("z", ArrayOptions.builder().shape(2).build());
    Convenience.copyStore(v2.store(), dest, CopyStoreOptions.builder().destPath("v2").build());
    assertThat(dest.contains("v2/z/.zarray")).isTrue();
    assertThat(
            new String(
                dest.get("attributes.json").orElseThrow().array(), StandardCharsets.US_ASCII))
        .contains("\"k\": \"v\"");
  }
}
