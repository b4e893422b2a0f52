package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zarr4j tour} through the shaded jar in a fresh working directory: it exits 0, prints the
 * tutorial's results (shapes after resizing and appending, chunk guesses, the info report), leaves
 * its stores under {@code ./data}, and a second run over the first one's data prints the same.
 */
class TourIT {
  @TempDir Path dir;

  @Test
  void tourRunsTheTutorialUnderData() {
    Run first = Run.jar(dir, List.of(), 120, "tour").ok();
    String out = first.out();
    assertThat(first.err()).isEmpty();
    assertThat(out)
        .contains(">>> z\n<zarr4j.ZarrArray (10000, 10000) int32>\n")
        .contains(">>> z[0, 0]\n0\n>>> z[-1, -1]\n42\n")
        .contains(">>> z[0, :]\narray([   0,    1,    2, ..., 9997, 9998, 9999], dtype=int32)\n")
        .contains(
            ">>> z[:3, :3]\narray([[ 0,  1,  2],\n       [ 1, 42, 42],\n       [ 2, 42, 42]], dtype=int32)\n")
        // info, laid out as zarr-python's
        .contains("Type               : dev.zarr4j.ZarrArray\n")
        .contains("Data type          : int32\n")
        .contains("Shape              : (10000, 10000)\n")
        .contains("Chunk shape        : (1000, 1000)\n")
        .contains("Order              : C\n")
        .contains(
            "Compressor         : Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)\n")
        .contains("No. bytes          : 400000000 (381.5M)\n")
        .contains("Chunks initialized : 100/100\n")
        .contains(">>> z.shards\n(500, 500)\n")
        .contains("Shard shape        : (500, 500)\n")
        .contains(">>> z.nchunks_initialized  # 16 shards of 25 chunks\n400\n")
        .contains("Order              : F\n")
        // persistence
        .contains(">>> z2\n<zarr4j.ZarrArray (10000, 10000) int32 read-only>\n")
        .contains(">>> np.all(z1[:] == z2[:])\nTrue\n")
        // resizing and appending
        .contains(
            ">>> z.resize(20000, 10000)\n>>> z.shape\n(20000, 10000)\n>>> z.nchunks, z.nchunks_initialized\n(200, 100)\n")
        .contains(">>> z.nchunks, z.nchunks_initialized\n(25, 25)\n")
        .contains(">>> z.append(a)\n(20000, 1000)\n")
        .contains(
            ">>> z.append(np.vstack([a, a]), axis=1)\n(20000, 2000)\n>>> z.shape\n(20000, 2000)\n")
        // attributes
        .contains(">>> sorted(root.attrs)\n['foo']\n")
        .contains(">>> z.attrs['qux']\n[1, 4, 7, 12]\n")
        // chunk options
        .contains(">>> z1.chunks\n(100, 10000)\n")
        .contains(">>> z2.chunks\n(10000, 100)\n")
        .contains(">>> z4.chunks\n(625, 625)\n")
        .contains(">>> z5.chunks\n(10000, 10000)\n")
        // datetimes
        .contains(">>> z[0]\nnumpy.datetime64('2007-07-13')\n")
        .contains("array(['1999-12-31', '2006-01-13', '2010-08-13'], dtype='datetime64[D]')\n")
        // write_empty_chunks=False drops chunks that hold only the fill value
        .containsSubsequence(
            "write_empty_chunks=True",
            ">>> z.nchunks_initialized\n64\n",
            "# the fill value",
            ">>> z.nchunks_initialized\n64\n",
            "write_empty_chunks=False",
            ">>> z.nchunks_initialized\n64\n",
            "# the fill value",
            ">>> z.nchunks_initialized\n0\n");
    assertThat(dir.resolve("data/example.zarr/.zarray")).exists();
    assertThat(dir.resolve("data/example.zarr/9.9")).exists();
    assertThat(dir.resolve("data/attrs.zarr/.zgroup")).exists();
    assertThat(dir.resolve("data/attrs.zarr/zzz/.zattrs")).exists();

    // again, over the first run's data: the same results
    Run second = Run.jar(dir, List.of(), 120, "tour").ok();
    assertThat(withoutTiming(second.out())).isEqualTo(withoutTiming(out));
  }

  private static String withoutTiming(String s) {
    return s.replaceAll("Tour finished in .* s\\.", "Tour finished.");
  }
}
