package dev.zarr4j.convenience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.exceptions.CopyException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.testutil.StoreSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** copy, copyAll and copyStore beyond the docs' examples. */
class CopyTest {

  private static byte[] bytes(Store s, String key) {
    ByteBuffer b = s.get(key).orElseThrow();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Random arrays (shape, chunks, dtype, written region) copied two ways give the same data. */
  @RepeatedTest(20)
  void copiedDataEqualsTheSource(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(7919L * info.getCurrentRepetition());
    String[] dtypes = {"i1", "<i4", ">u2", "<f8", ">f4", "|b1", "<c8"};
    int ndim = 1 + rnd.nextInt(3);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 12);
      chunks[d] = 1 + rnd.nextInt(5);
    }
    DataType dtype = DataType.parse(dtypes[rnd.nextInt(dtypes.length)]);
    ZarrGroup src = Zarr.group();
    ZarrArray a =
        src.full("a", 1, ArrayOptions.builder().shape(shape).chunks(chunks).dtype(dtype).build());
    // write a random box, leaving other chunks uninitialized
    Object[] box = new Object[ndim];
    for (int d = 0; d < ndim; d++) {
      long lo = shape[d] == 0 ? 0 : rnd.nextLong(shape[d]);
      long hi = lo + (shape[d] - lo == 0 ? 0 : rnd.nextLong(shape[d] - lo) + 1);
      box[d] = dev.zarr4j.indexing.Slice.of(lo, hi);
    }
    a.set(dev.zarr4j.indexing.BasicSelection.of(box), 0);
    a.attrs().put("seed", info.getCurrentRepetition());

    ZarrGroup same = Zarr.group();
    CopyResult r = Convenience.copy(a, same);
    ZarrArray b = same.getArray("a");
    assertThat(b.get()).isEqualTo(a.get());
    assertThat(b.spec()).isEqualTo(a.spec());
    assertThat(b.attrs().asMap()).isEqualTo(a.attrs().asMap());
    assertThat(b.nchunksInitialized()).isEqualTo(b.nchunks());
    assertThat(r.bytesCopied()).isEqualTo(a.size() * dtype.itemSize());

    ZarrGroup recoded = Zarr.group();
    Convenience.copy(
        a,
        recoded,
        CopyOptions.builder()
            .createOptions(
                ArrayOptions.builder()
                    .compressor(Zlib.of(1))
                    .chunks(shape.length == 0 ? new long[0] : chunksPlusOne(chunks))
                    .build())
            .build());
    ZarrArray c = recoded.getArray("a");
    assertThat(c.get()).isEqualTo(a.get());
    assertThat(c.compressor()).isEqualTo(Zlib.of(1));
  }

  private static long[] chunksPlusOne(long[] chunks) {
    long[] out = chunks.clone();
    for (int i = 0; i < out.length; i++) {
      out[i]++;
    }
    return out;
  }

  @Test
  void matchingArraysCopyStoredBytes() {
    MemoryStore s = new MemoryStore();
    ZarrGroup src = Zarr.group(s);
    ZarrArray a = src.zeros("a", ArrayOptions.builder().shape(100).chunks(10).dtype("<i8").build());
    a.set("0:50", NdArray.arange(DataType.INT64, 50));
    // stored bytes that are not what zarr4j would write for these values: still copied as they are
    byte[] stored = bytes(s, "a/0");
    MemoryStore d = new MemoryStore();
    Convenience.copy(a, Zarr.group(d));
    for (int i = 0; i < 5; i++) {
      assertThat(bytes(d, "a/" + i)).isEqualTo(bytes(s, "a/" + i));
    }
    assertThat(bytes(d, "a/0")).isEqualTo(stored);
    // uninitialized source chunks are written as fill chunks, as a decoded copy stores them
    assertThat(d.contains("a/9")).isTrue();
    // arrays without a fill value stay sparse
    ZarrArray e = src.empty("e", ArrayOptions.builder().shape(20).chunks(10).dtype("<i8").build());
    e.set("0:10", 1);
    MemoryStore d2 = new MemoryStore();
    Convenience.copy(e, Zarr.group(d2));
    assertThat(d2.listPrefix("e")).containsExactly("e/.zarray", "e/.zattrs", "e/0");
  }

  @Test
  void objectArraysKeepTheirObjectCodec() {
    ZarrGroup src = Zarr.group();
    // 5 elements in chunks of 2 and 3: partial edge chunks padded with the fill value 0
    NdArray text = NdArray.zeros(DataType.OBJECT, 5);
    for (int i = 0; i < 5; i++) {
      text.setFlat(i, "t\u00e9xt " + i);
    }
    ZarrArray a = src.array("text", text, ArrayOptions.builder().dtype("str").chunks(2).build());
    ZarrGroup same = Zarr.group();
    Convenience.copyAll(src, same);
    assertThat(same.getArray("text").objectCodec()).isEqualTo(a.objectCodec());
    assertThat(same.getArray("text").get()).isEqualTo(text);
    ZarrGroup recoded = Zarr.group();
    Convenience.copyAll(
        src,
        recoded,
        CopyOptions.builder().createOptions(ArrayOptions.builder().chunks(3).build()).build());
    assertThat(recoded.getArray("text").get()).isEqualTo(text);
    assertThat(recoded.getArray("text").chunks()).containsExactly(3);
    assertThat(recoded.tree().toString()).isEqualTo("/\n \u2514\u2500\u2500 text (5,) object");
  }

  @Test
  void shallowNameAndAttributes() {
    ZarrGroup src = Zarr.group();
    src.attrs().put("root", 1);
    ZarrGroup g = src.createGroup("g");
    g.attrs().put("g", 2);
    g.zeros("a", ArrayOptions.builder().shape(3).build()).attrs().put("a", 3);
    g.createGroup("sub").zeros("b", ArrayOptions.builder().shape(3).build());

    ZarrGroup d1 = Zarr.group();
    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copy(g, d1, CopyOptions.builder().shallow(true).log(log::add).build());
    assertThat(log)
        .containsExactly(
            "copy /g", "copy /g/a (3,) float64", "all done: 2 copied, 0 skipped, 24 bytes copied");
    assertThat(r).isEqualTo(new CopyResult(2, 0, 24));
    assertThat(d1.getGroup("g").keys()).containsExactly("a");
    assertThat(d1.getGroup("g").attrs().get("g")).isEqualTo(2L);
    assertThat(d1.getArray("g/a").attrs().get("a")).isEqualTo(3L);

    ZarrGroup d2 = Zarr.group();
    Convenience.copy(g, d2, CopyOptions.builder().withoutAttrs(true).name("renamed").build());
    assertThat(d2.getGroup("renamed").attrs().keys()).isEmpty();
    assertThat(d2.getArray("renamed/a").attrs().keys()).isEmpty();
    assertThat(d2.getArray("renamed/sub/b").shape()).containsExactly(3);

    assertThatThrownBy(() -> Convenience.copy(src, Zarr.group()))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("give a name");
    ZarrGroup d3 = Zarr.group();
    Convenience.copy(src, d3, CopyOptions.builder().name("all").build());
    assertThat(d3.getGroup("all").attrs().get("root")).isEqualTo(1L);
    assertThat(d3.getGroup("all").arrayKeys(true)).containsExactly("g/a", "g/sub/b");

    ZarrGroup d4 = Zarr.group();
    Convenience.copyAll(src, d4);
    assertThat(d4.attrs().get("root")).isEqualTo(1L);
    ZarrGroup d5 = Zarr.group();
    Convenience.copyAll(src, d5, CopyOptions.builder().dryRun(true).build());
    assertThat(d5.attrs().keys()).isEmpty();
    assertThat(d5.keys()).isEmpty();
  }

  @Test
  void skipInitializedAndArraysInTheWay() {
    ZarrGroup src = Zarr.group();
    src.full("full", 5, ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build()).set(5);
    src.full("part", 5, ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build()).set(5);
    src.createGroup("grp").zeros("inner", ArrayOptions.builder().shape(1).build());

    ZarrGroup dest = Zarr.group();
    dest.zeros("full", ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build()).set(1);
    dest.zeros("part", ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build()).set("0:2", 1);
    dest.zeros("grp", ArrayOptions.builder().shape(2).build());

    List<String> log = new ArrayList<>();
    assertThatThrownBy(() -> Convenience.copy(src.get("grp"), dest))
        .isInstanceOf(CopyException.class)
        .hasMessage("an array 'grp' already exists in destination '/'");
    CopyResult r =
        Convenience.copyAll(
            src,
            dest,
            CopyOptions.builder().ifExists(IfExists.SKIP_INITIALIZED).log(log::add).build());
    assertThat(log)
        .containsExactly(
            "skip /full (4,) int32",
            "copy /grp",
            "copy /grp/inner (1,) float64",
            "copy /part (4,) int32",
            "all done: 3 copied, 1 skipped, 24 bytes copied");
    assertThat(r).isEqualTo(new CopyResult(3, 1, 24));
    assertThat(dest.getArray("full").get().getLong(0)).isEqualTo(1L);
    assertThat(dest.getArray("part").get().getLong(0)).isEqualTo(5L);
    assertThat(dest.get("grp").isGroup()).isTrue();

    ZarrGroup dest2 = Zarr.group();
    dest2.zeros("grp", ArrayOptions.builder().shape(2).build());
    log.clear();
    Convenience.copy(
        src.get("grp"), dest2, CopyOptions.builder().ifExists(IfExists.SKIP).log(log::add).build());
    assertThat(log).containsExactly("skip /grp", "all done: 0 copied, 1 skipped, 0 bytes copied");
    assertThat(dest2.get("grp").isArray()).isTrue();
  }

  // ------------------------------------------------------------ copyStore

  private static MemoryStore sourceStore() {
    MemoryStore s = new MemoryStore();
    ZarrGroup root = Zarr.group(s);
    root.zeros("foo/a", ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build()).set(1);
    root.zeros("foo/b", ArrayOptions.builder().shape(2).chunks(2).dtype("i4").build()).set(2);
    root.getGroup("foo").attrs().put("x", 1);
    root.zeros("bar", ArrayOptions.builder().shape(2).chunks(2).dtype("i4").build()).set(3);
    return s;
  }

  @Test
  void copyStorePathsAndFilters() {
    MemoryStore s = sourceStore();
    MemoryStore d = new MemoryStore();
    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copyStore(
            s,
            d,
            CopyStoreOptions.builder()
                .sourcePath("/foo/")
                .destPath("x/y")
                .excludes("\\.ZATTRS$", "/b/")
                .includes("b/\\.zarray")
                .flags(Pattern.CASE_INSENSITIVE)
                .log(log::add)
                .build());
    assertThat(log)
        .containsExactly(
            "copy foo/.zgroup -> x/y/.zgroup",
            "copy foo/a/.zarray -> x/y/a/.zarray",
            "copy foo/a/0 -> x/y/a/0",
            "copy foo/a/1 -> x/y/a/1",
            "copy foo/b/.zarray -> x/y/b/.zarray",
            "all done: 5 copied, 0 skipped, "
                + Convenience.thousands(
                    bytes(s, "foo/.zgroup").length
                        + bytes(s, "foo/a/.zarray").length
                        + bytes(s, "foo/a/0").length
                        + bytes(s, "foo/a/1").length
                        + bytes(s, "foo/b/.zarray").length)
                + " bytes copied");
    assertThat(r.copied()).isEqualTo(5);
    assertThat(bytes(d, "x/y/a/0")).isEqualTo(bytes(s, "foo/a/0"));
    assertThat(d.listPrefix("")).hasSize(5);
  }

  @Test
  void copyStoreIfExists() {
    MemoryStore s = sourceStore();
    MemoryStore d = new MemoryStore();
    d.set("bar/0", new byte[] {9});
    Map<String, String> before = StoreSnapshot.of(d);
    List<String> log = new ArrayList<>();
    assertThatThrownBy(
            () ->
                Convenience.copyStore(
                    s, d, CopyStoreOptions.builder().sourcePath("bar").destPath("bar").build()))
        .isInstanceOf(CopyException.class)
        .hasMessage("key 'bar/0' exists in destination");
    d.deletePrefix("bar/.zarray");
    assertThat(StoreSnapshot.of(d)).isEqualTo(before);
    CopyResult dry =
        Convenience.copyStore(
            s,
            d,
            CopyStoreOptions.builder().ifExists(IfExists.SKIP).dryRun(true).log(log::add).build());
    assertThat(log).contains("skip bar/0").last().isEqualTo("dry run: 9 copied, 1 skipped");
    assertThat(dry).isEqualTo(new CopyResult(9, 1, 0));
    assertThat(StoreSnapshot.of(d)).isEqualTo(before);
    Convenience.copyStore(s, d, CopyStoreOptions.builder().ifExists(IfExists.SKIP).build());
    assertThat(bytes(d, "bar/0")).containsExactly(9);
    Convenience.copyStore(s, d, CopyStoreOptions.builder().ifExists(IfExists.REPLACE).build());
    assertThat(StoreSnapshot.of(d)).isEqualTo(StoreSnapshot.of(s));
    assertThatThrownBy(() -> CopyStoreOptions.builder().ifExists(IfExists.SKIP_INITIALIZED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summaryUsesThousandsSeparators() {
    assertThat(Convenience.thousands(0)).isEqualTo("0");
    assertThat(Convenience.thousands(1600)).isEqualTo("1,600");
    assertThat(Convenience.thousands(1234567890123L)).isEqualTo("1,234,567,890,123");
  }
}
