package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrays and groups through a persistent store, closed and opened again: a store implementation's
 * test extends this class and implements {@link #openStore}. For Zarr v2, Zarr v3 and sharded Zarr
 * v3, a group with attributes, a subgroup and two arrays are written (whole and in part), the store
 * is closed, opened read-only and every value, attribute and member is read back against a plain
 * model; writes to the read-only store are refused; consolidated metadata opens; and a removed
 * array leaves no key behind.
 */
public abstract class StoreRoundTripTest {

  /** A fresh directory for each test, where {@link #openStore} may put its files. */
  @TempDir protected Path dir;

  /**
   * Opens the store at {@code location} (a path inside {@link #dir}), creating it when missing and
   * not read-only. Called several times with the same location: the store must find what an
   * earlier, closed instance wrote.
   */
  protected abstract Store openStore(Path location, boolean readOnly) throws Exception;

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("zarr-v2", false),
        Arguments.of("zarr-v3", false),
        Arguments.of("zarr-v3", true));
  }

  @ParameterizedTest(name = "{0}, sharded: {1}")
  @MethodSource("layouts")
  void arraysAndGroupsSurviveClosingAndReopening(String format, boolean sharded) throws Exception {
    Path location = dir.resolve("round-trip");
    SeededRandom random = new SeededRandom(SeededRandom.seed(sharded ? 31 : 30));
    int rows = 40;
    int cols = 30;
    int[] ints = new int[rows * cols];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = random.nextInt(1_000_000) - 500_000;
    }
    double[] floats = new double[101];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = random.nextInt(10_000) / 7.0;
    }
    try (Store store = openStore(location, false)) {
      ZarrGroup root =
          Zarr.group(store, GroupOptions.builder().format(NodeFormats.named(format)).build());
      root.attrs().put("title", "round trip");
      ZarrGroup sub = root.createGroup("sub");
      ArrayOptions.Builder options =
          ArrayOptions.builder().shape(rows, cols).chunks(8, 8).dtype("<i4").fillValue(0);
      if (sharded) {
        options.shards(16, 16);
      }
      ZarrArray a = sub.zeros("ints", options.build());
      a.set(NdArray.of(ints, rows, cols));
      // a write of part of the chunks (of the shards, for a sharded array)
      int[] patch = new int[8 * 5];
      for (int i = 0; i < patch.length; i++) {
        patch[i] = -i - 1;
      }
      a.set("3:11, 5:10", NdArray.of(patch, 8, 5));
      for (int r = 0; r < 8; r++) {
        System.arraycopy(patch, r * 5, ints, (3 + r) * cols + 5, 5);
      }
      a.attrs().put("unit", "m");
      ZarrArray f =
          root.zeros("floats", ArrayOptions.builder().shape(101).chunks(7).dtype("<f8").build());
      f.set(NdArray.of(floats, 101));
    }

    try (Store store = openStore(location, true)) {
      assertThat(store.capabilities().writable()).as("read-only store is writable").isFalse();
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.format().name()).isEqualTo(format);
      assertThat(root.attrs().get("title")).isEqualTo("round trip");
      assertThat(root.groupKeys()).containsExactly("sub");
      assertThat(root.arrayKeys(true)).containsExactlyInAnyOrder("floats", "sub/ints");
      ZarrArray a = root.getArray("sub/ints");
      assertThat(a.attrs().get("unit")).isEqualTo("m");
      assertThat(a.get()).isEqualTo(NdArray.of(ints, rows, cols));
      int[] window = new int[9 * 13];
      for (int r = 0; r < 9; r++) {
        System.arraycopy(ints, (10 + r) * cols + 2, window, r * 13, 13);
      }
      assertThat(a.get("10:19, 2:15")).isEqualTo(NdArray.of(window, 9, 13));
      assertThat(root.getArray("floats").get()).isEqualTo(NdArray.of(floats, 101));
      assertThatThrownBy(() -> a.set("0, 0", 7)).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.set("sub/x", new byte[1]))
          .isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.delete("sub/ints/" + firstChunk(store, "sub/ints")))
          .isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.deletePrefix("sub")).isInstanceOf(ReadOnlyException.class);
    }

    try (Store store = openStore(location, false)) {
      Convenience.consolidateMetadata(store);
      ZarrNode node = Convenience.openConsolidated(store, OpenMode.READ);
      assertThat(node).isInstanceOf(ZarrGroup.class);
      assertThat(((ZarrGroup) node).getArray("sub/ints").get())
          .isEqualTo(NdArray.of(ints, rows, cols));
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ_WRITE);
      root.remove("floats");
      assertThat(store.listPrefix("floats")).isEmpty();
    }
    try (Store store = openStore(location, true)) {
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.arrayKeys(true)).containsExactly("sub/ints");
      assertThat(root.getArray("sub/ints").get()).isEqualTo(NdArray.of(ints, rows, cols));
    }
  }

  /** The name of some stored key below {@code path}, relative to it. */
  private static String firstChunk(Store store, String path) {
    List<String> keys = store.listPrefix(path);
    assertThat(keys).as("keys below %s", path).isNotEmpty();
    return keys.get(keys.size() - 1).substring(path.length() + 1);
  }
}
