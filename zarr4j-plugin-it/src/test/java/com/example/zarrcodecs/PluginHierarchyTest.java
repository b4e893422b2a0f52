package com.example.zarrcodecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.Info;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyOptions;
import dev.zarr4j.convenience.CopyResult;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays using the plug-in codecs inside groups ({@code tree()}, {@code info()}), and copied with
 * {@code Convenience.copy}, {@code copyAll} and {@code copyStore} between memory and directory
 * stores, also re-encoding to and from other codecs.
 */
class PluginHierarchyTest {
  @TempDir Path tmp;

  private static final ZigZagDelta FILTER = new ZigZagDelta(-2);
  private static final RunLength COMPRESSOR = new RunLength(5);

  /** A group holding two arrays with the plug-in codecs, one in a subgroup, and a plain one. */
  private static ZarrGroup populate(Store store, Map<String, NdArray> data) {
    ZarrGroup root = Zarr.group(store);
    root.attrs().put("title", "plug-in codecs");
    ZarrGroup sub = root.createGroup("sub");
    SplittableRandom rnd = new SplittableRandom(99);
    NdArray a = Chunks.randomInts(rnd, DataType.parse("<i4"), 12, 9);
    NdArray b = Chunks.randomInts(rnd, DataType.parse(">u8"), 4, 5, 6);
    NdArray c = NdArray.arange(DataType.INT16, 30, 30);
    root.array(
        "a",
        a,
        ArrayOptions.builder()
            .chunks(5, 4)
            .filters(List.of(FILTER))
            .compressor(COMPRESSOR)
            .build());
    sub.array(
        "b",
        b,
        ArrayOptions.builder()
            .chunks(3, 3, 4)
            .order("F")
            .filters(List.of(FILTER))
            .compressor(COMPRESSOR)
            .build());
    root.array("plain", c, ArrayOptions.builder().chunks(7).compressor(null).build());
    data.put("a", a);
    data.put("sub/b", b);
    data.put("plain", c);
    return root;
  }

  private static void assertHolds(ZarrGroup g, Map<String, NdArray> data) {
    for (Map.Entry<String, NdArray> e : data.entrySet()) {
      ZarrArray z = g.getArray(e.getKey());
      assertThat(z.get()).as(e.getKey()).isEqualTo(e.getValue());
      if (!e.getKey().equals("plain")) {
        assertThat(z.filters()).as(e.getKey()).containsExactly(FILTER);
        assertThat(z.compressor()).as(e.getKey()).isEqualTo(COMPRESSOR);
      }
    }
  }

  @Test
  void groupsHoldArraysWithThePluginCodecs() {
    Map<String, NdArray> data = new LinkedHashMap<>();
    ZarrGroup root = populate(new DirectoryStore(tmp.resolve("g.zarr")), data);
    assertHolds(root, data);

    String tree = root.tree().toString();
    assertThat(tree).contains("sub", "a (12, 9) int32", "b (4, 5, 6) >u8", "plain (30,) int16");

    Info info = root.getArray("sub/b").info();
    assertThat(info.get("Filter [0]")).isEqualTo("ZigZagDelta(axis=-2)");
    assertThat(info.get("Compressor")).isEqualTo("RunLength(min_run=5)");
    assertThat(info.get("Order")).isEqualTo("F");
    assertThat(info.toString()).contains("ZigZagDelta(axis=-2)", "RunLength(min_run=5)");
    assertThat(root.getArray("a").info().get("Filter [0]")).isEqualTo("ZigZagDelta(axis=-2)");
    assertThat(root.getArray("plain").info().get("Compressor")).isEqualTo("None");
    assertThat(root.info().toString()).contains("Arrays", "a, plain").contains("sub");

    // reopened from a new store object: the group finds its members' codecs again
    ZarrGroup again =
        Zarr.openGroup(
            new DirectoryStore(tmp.resolve("g.zarr")), OpenMode.READ, GroupOptions.defaults());
    assertHolds(again, data);
    assertThat(again.tree().toString()).isEqualTo(tree);
  }

  @Test
  void copyAndCopyAllBetweenStores() {
    Map<String, NdArray> data = new LinkedHashMap<>();
    ZarrGroup source = populate(new MemoryStore(), data);
    ZarrGroup dest = Zarr.group(new DirectoryStore(tmp.resolve("dest.zarr")));

    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copy(source.getArray("a"), dest, CopyOptions.builder().log(log::add).build());
    assertThat(r.copied()).isEqualTo(1);
    assertThat(log).anySatisfy(l -> assertThat(l).startsWith("copy /a (12, 9) int32"));
    ZarrArray a = dest.getArray("a");
    assertThat(a.get()).isEqualTo(data.get("a"));
    assertThat(a.filters()).containsExactly(FILTER);
    assertThat(a.compressor()).isEqualTo(COMPRESSOR);

    // the whole group, into a subgroup of another store
    ZarrGroup into = dest.createGroup("all");
    CopyResult all = Convenience.copyAll(source, into);
    assertThat(all.copied()).isEqualTo(4); // a, sub, sub/b, plain
    assertHolds(into, data);
    assertThat(into.attrs().get("title")).isEqualTo("plug-in codecs");
    assertHolds(
        Zarr.openGroup(
                new DirectoryStore(tmp.resolve("dest.zarr")),
                OpenMode.READ,
                GroupOptions.defaults())
            .getGroup("all"),
        data);
  }

  @Test
  void copyReEncodesToAndFromThePluginCodecs() {
    Map<String, NdArray> data = new LinkedHashMap<>();
    ZarrGroup source = populate(new MemoryStore(), data);
    ZarrGroup dest = Zarr.group(new MemoryStore());

    // plain -> the plug-in codecs
    Convenience.copy(
        source.getArray("plain"),
        dest,
        CopyOptions.builder()
            .name("coded")
            .createOptions(
                ArrayOptions.builder()
                    .filters(List.of(ZigZagDelta.lastAxis()))
                    .compressor(RunLength.defaults())
                    .build())
            .build());
    ZarrArray coded = dest.getArray("coded");
    assertThat(coded.filters()).containsExactly(ZigZagDelta.lastAxis());
    assertThat(coded.compressor()).isEqualTo(RunLength.defaults());
    assertThat(coded.get()).isEqualTo(data.get("plain"));

    // the plug-in codecs -> zarr4j's own
    Convenience.copy(
        source.getArray("sub/b"),
        dest,
        CopyOptions.builder()
            .name("zstd")
            .createOptions(
                ArrayOptions.builder()
                    .filters(List.of())
                    .compressor(
                        (BytesToBytesCodec)
                            CodecRegistry.fromConfig(Map.of("id", "zstd", "level", 1)))
                    .build())
            .build());
    ZarrArray zstd = dest.getArray("zstd");
    assertThat(zstd.filters()).isEmpty();
    assertThat(zstd.compressor().id()).isEqualTo("zstd");
    assertThat(zstd.get()).isEqualTo(data.get("sub/b"));
  }

  @Test
  void copyStoreCopiesTheEncodedChunks() {
    Map<String, NdArray> data = new LinkedHashMap<>();
    MemoryStore src = new MemoryStore();
    populate(src, data);
    DirectoryStore dst = new DirectoryStore(tmp.resolve("copy.zarr"));
    CopyResult r = Convenience.copyStore(src, dst);
    assertThat(r.copied()).isGreaterThan(0);
    assertThat(dst.get("a/0.0")).isEqualTo(src.get("a/0.0"));
    ZarrGroup copied = Zarr.openGroup(dst, OpenMode.READ, GroupOptions.defaults());
    assertHolds(copied, data);
  }
}
