package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zarr4j tour} through the shaded jar in a fresh working directory: it exits 0, prints the
 * tutorial's results (shapes after resizing and appending, chunk guesses, the info reports, codecs
 * and storage ratios, groups and trees, every kind of selection, zip, nested and N5 stores,
 * consolidated metadata, copy logs), leaves its stores under {@code ./data}, and a second run over
 * the first one's data prints the same.
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
    // compressors and filters: the codecs as numcodecs prints them, info's ratio from the stored
    // bytes
    assertThat(out)
        .contains(
            ">>> z.compressor\nBlosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE, blocksize=0)\n")
        .contains(
            "Compressor         : Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE,\n"
                + "                   : blocksize=0)\n")
        .contains(
            ">>> blosc.list_compressors()\n['blosclz', 'lz4', 'lz4hc', 'snappy', 'zlib', 'zstd']\n")
        .contains(">>> z.compressor\nZstd(level=1)\n")
        .contains(
            ">>> z.compressor\nLZMA(format=1, check=-1, preset=None, filters=[{'dist': 4, 'id': 3},"
                + " {'id': 33, 'preset': 1}])\n>>> z[999, 995:]\n"
                + "array([999995, 999996, 999997, 999998, 999999], dtype=int32)\n"
                + ">>> z.nbytes_stored < z.nbytes / 20\nTrue\n")
        .contains(">>> z.compressor is None\nTrue\n")
        .contains("Filter [0]         : Delta(dtype='<i4')\n")
        .contains(">>> z[0, :5]\narray([0, 1, 2, 3, 4], dtype=int32)\n");
    assertThat(ratios(out)).hasSize(8).allMatch(r -> r > 1.0);
    // object and ragged arrays, as NumPy's repr prints them
    assertThat(out)
        .contains(
            ">>> z[:]\narray([42, 'foo', list(['bar', 'baz', 'qux']), {'a': 1, 'b': 2.2}, None],\n"
                + "      dtype=object)\n")
        .contains(">>> z\n<zarr4j.ZarrArray (4,) object>\n")
        .contains("[VLenArray(dtype='<i8')]\n")
        .contains(
            ">>> z[:]\narray([array([1, 3, 5]), array([4]), array([ 7,  9, 14]),\n"
                + "       array([], dtype=int64)], dtype=object)\n");
    // groups and diagnostics
    assertThat(out)
        .contains(">>> root\n<zarr4j.ZarrGroup '/'>\n")
        .contains(">>> z1\n<zarr4j.ZarrArray '/foo/bar/baz' (10000, 10000) int32>\n")
        .contains(">>> root['foo/bar']\n<zarr4j.ZarrGroup '/foo/bar'>\n")
        .contains(">>> foo.require_group('bar') == bar  # the existing group\nTrue\n")
        .contains(
            ">>> root.tree()\n/\n ├── foo\n │   └── bar\n │       ├── baz (10000, 10000) int32\n"
                + " │       └── quux (10000, 10000) int32\n └── spam\n")
        .contains("No. members : 2\nNo. arrays  : 2\nNo. groups  : 0\nArrays      : bar, baz\n")
        .contains("Name               : /foo/bar\n")
        .contains("No. bytes          : 8000000 (7.6M)\n")
        .contains("Chunks initialized : 10/10\n")
        .contains(
            ">>> root.tree()\n/\n └── foo\n     ├── bar (1000000,) int64\n"
                + "     └── baz (1000, 1000) float32\n");
    // advanced indexing: the docs' values
    assertThat(out)
        .contains(">>> z.get_coordinate_selection([2, 5])\narray([ 4, 25])\n")
        .contains(">>> z[:]\narray([ 0,  1, -1,  9, 16, -2, 36, 49, 64, 81])\n")
        .contains(">>> z.get_coordinate_selection(([0, 2], [1, 3]))\narray([ 1, 13])\n")
        .contains(">>> z.vindex[[0, 2], [1, 3]]\narray([-1, -2])\n")
        .contains(">>> z[1, [1, 3]]\narray([6, 8])\n")
        .contains(">>> z.vindex[sel]\narray([ 1, 13])\n")
        .contains(
            ">>> z[:]\narray([[ 0, -1,  2, -2,  4],\n       [ 5,  6,  7,  8,  9],\n"
                + "       [10, -3, 12, -4, 14]])\n")
        .contains(
            ">>> z.blocks[0, 1:3]\narray([[ 3,  4,  5,  6,  7,  8],\n"
                + "       [13, 14, 15, 16, 17, 18],\n       [23, 24, 25, 26, 27, 28]])\n")
        .contains(
            ">>> z[...]\narray([[0, 0, 0, 0, 7, 7],\n       [0, 0, 0, 0, 7, 7],\n"
                + "       [1, 1, 0, 0, 7, 7],\n       [1, 1, 0, 0, 7, 7],\n"
                + "       [0, 0, 0, 0, 7, 7],\n       [0, 0, 0, 0, 7, 7]])\n")
        .contains(">>> z.blocks[2, 1:3]\narray([[0, 0, 7, 7],\n       [0, 0, 7, 7]])\n")
        .contains(">>> z['foo']\narray([b'aaa', b'bbb', b'ccc'], dtype='|S3')\n")
        .contains(">>> z['baz']\narray([ 4.2,  8.4, 12.6])\n")
        .contains(
            ">>> z.get_basic_selection(slice(0, 2), fields='bar')\narray([1, 2], dtype=int32)\n")
        .contains(
            "array([(b'aaa',  4.2), (b'ccc', 12.6)],\n      dtype=[('foo', 'S3'), ('baz', '<f8')])\n");
    // storage alternatives
    assertThat(out)
        .contains(
            ">>> z[:]\narray([[42, 42, 42, ..., 42, 42, 42],\n       [42, 42, 42, ..., 42, 42, 42],\n")
        .contains(
            ">>> sorted(store.keys())[:4]\n['.zgroup', 'foo/.zgroup', 'foo/bar/.zarray',"
                + " 'foo/bar/0.0']\n")
        .contains(">>> sorted(os.listdir('data/nested.zarr'))\n['.zarray', '0', '1']\n")
        .contains(">>> sorted(os.listdir('data/nested.zarr/1'))\n['0', '1']\n")
        .contains(">>> z.dimension_separator\n'/'\n")
        .contains(">>> z[199:201, 199:201]\narray([[7, 0],\n       [0, 0]], dtype=int32)\n")
        .containsPattern(">>> Stores.schemes\\(\\).*\n\\[.*'file'.*'zip'.*\\]\n")
        .contains(
            "mode='r')['foo/bar'][0, :3]  # a URL of a zip\narray([42, 42, 42], dtype=int32)\n");
    assertThat(dir.resolve("data/example.zip")).isRegularFile();
    assertThat(dir.resolve("data/group.zip")).isRegularFile();
    assertThat(dir.resolve("data/nested.zarr/1/1")).isRegularFile();
    // consolidated metadata: structure read-only, data writable
    assertThat(out)
        .contains(">>> '.zmetadata' in os.listdir('data/group.zarr')\nTrue\n")
        .contains(
            ">>> root.create_group('later')  # the structure is read-only\nReadOnlyException: ")
        .contains(">>> root['foo/bar/baz'][0, 0:4]\narray([1, 2, 3, 0], dtype=int32)\n");
    assertThat(dir.resolve("data/group.zarr/later")).doesNotExist();
    // copying: the docs' log lines and counts
    assertThat(out)
        .contains(
            "copy /foo\ncopy /foo/bar\ncopy /foo/bar/baz (100,) int64\n"
                + "all done: 3 copied, 0 skipped, 800 bytes copied\n(3, 0, 800)\n")
        .contains(
            "copy /spam (100,) int64\nall done: 4 copied, 0 skipped, 1,600 bytes copied\n"
                + "(4, 0, 1600)\n")
        .contains(
            "copy spam/3\nall done: 11 copied, 0 skipped, 1,138 bytes copied\n(11, 0, 1138)\n")
        .contains(
            ">>> new_root.tree()\n/\n ├── foo\n │   └── bar\n │       └── baz (100,) int64\n"
                + " └── spam (100,) int64\n")
        .contains("       85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99])\n");
    // N5
    assertThat(out)
        .contains(">>> root.tree()\n/\n └── foo\n     └── bar (1000, 1000) int32\n")
        .contains(
            "{'blockSize': [100, 100], 'compression': {'blocksize': 0, 'clevel': 5, 'cname': 'lz4',"
                + " 'shuffle': 1, 'type': 'blosc'}, 'dataType': 'int32', 'dimensions': [1000, 1000]}\n")
        .contains(">>> z2[998:, 998:]\narray([[42, 42],\n       [42, 42]], dtype=int32)\n");
    assertThat(dir.resolve("data/example.n5/attributes.json")).isRegularFile();
    assertThat(dir.resolve("data/example.n5/foo/bar/9/9")).isRegularFile();
    assertThat(dir.resolve("data/example.zarr/.zarray")).exists();
    assertThat(dir.resolve("data/example.zarr/9.9")).exists();
    assertThat(dir.resolve("data/attrs.zarr/.zgroup")).exists();
    assertThat(dir.resolve("data/attrs.zarr/zzz/.zattrs")).exists();

    // again, over the first run's data: the same results
    Run second = Run.jar(dir, List.of(), 120, "tour").ok();
    assertThat(withoutTiming(second.out())).isEqualTo(withoutTiming(out));
  }

  /** Every "Storage ratio" the info blocks print. */
  private static List<Double> ratios(String out) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("Storage ratio      : ([0-9.]+)\n").matcher(out);
    List<Double> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(Double.parseDouble(m.group(1)));
    }
    return found;
  }

  private static String withoutTiming(String s) {
    return s.replaceAll("Tour finished in .* s\\.", "Tour finished.");
  }
}
