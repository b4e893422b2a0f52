package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.NpyHeader;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedCopy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming export and import against whole-array reference results, in process: seeded random
 * data types, shapes, chunkings, selections (with steps and negative positions), memory orders and
 * budgets small enough to force many blocks.
 */
class NpyStreamTest {
  static final List<String> DTYPES =
      List.of(
          "|b1",
          "|i1",
          "<i2",
          ">i4",
          "<u8",
          "<f2",
          ">f4",
          "<f8",
          "<c8",
          ">c16",
          "|S5",
          "<U3",
          ">U2",
          "<M8[D]",
          ">m8[s]",
          "|V6",
          "[[\"a\", \"<i4\"], [\"b\", \">f8\", [2]]]");

  @TempDir Path tmp;

  @RepeatedTest(120)
  void exportEqualsTheWholeSelectionEncoded(RepetitionInfo info) throws IOException {
    SplittableRandom rnd = new SplittableRandom(1000L + info.getCurrentRepetition());
    DataType dtype = DataType.parse(DTYPES.get(rnd.nextInt(DTYPES.size())));
    int ndim = rnd.nextInt(0, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 8) == 0 ? 0 : rnd.nextInt(1, 14);
      chunks[d] = rnd.nextInt(1, 7);
    }
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .shape(shape)
                .chunks(ndim == 0 ? new long[0] : chunks)
                .dtype(dtype)
                .order(rnd.nextBoolean() ? "C" : "F")
                .build());
    NdArray data = random(dtype, ints(shape), rnd);
    z.set(data);
    Selection sel = randomSelection(shape, rnd);
    long budget = rnd.nextLong(1, 200);
    String what =
        dtype
            + " "
            + Arrays.toString(shape)
            + " chunks "
            + Arrays.toString(chunks)
            + " ["
            + sel
            + "] budget "
            + budget;

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong progress = new AtomicLong();
    NpyExport.Summary s =
        NpyExport.write(z, sel, Channels.newChannel(bytes), budget, progress::set);

    NdArray expected = z.get(sel);
    long[] expShape = longs(expected.shape());
    ByteArrayOutputStream ref = new ByteArrayOutputStream();
    ref.write(NpyHeader.of(dtype.toJson(), false, expShape).toBytes());
    ByteBuffer body = Npy.encode(expected);
    ref.write(body.array(), 0, body.limit());
    assertThat(s.shape()).as(what).containsExactly(expShape);
    assertThat(bytes.toByteArray()).as(what).isEqualTo(ref.toByteArray());
    assertThat(s.bytes()).as(what).isEqualTo(ref.size());
    assertThat(progress.get()).as(what).isEqualTo(expected.size());

    // The same export into a file: numbers and booleans are decoded into reused native buffers.
    Path file = tmp.resolve("out.npy");
    AtomicLong fileProgress = new AtomicLong();
    NpyExport.Summary fs;
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      // blocks aiming below half the budget: the band of chunks (or the target) decides
      long blockBytes = rnd.nextBoolean() ? NpyExport.FILE_BLOCK_BYTES : rnd.nextLong(1, 100);
      fs = NpyExport.writeToFile(z, sel, ch, budget, blockBytes, fileProgress::set);
    }
    assertThat(Files.readAllBytes(file)).as(what).isEqualTo(ref.toByteArray());
    assertThat(fs.bytes()).as(what).isEqualTo(ref.size());
    assertThat(fs.shape()).as(what).containsExactly(expShape);
    assertThat(fileProgress.get()).as(what).isEqualTo(expected.size());
  }

  @RepeatedTest(120)
  void importReproducesTheFile(RepetitionInfo info) throws IOException {
    SplittableRandom rnd = new SplittableRandom(2000L + info.getCurrentRepetition());
    DataType dtype = DataType.parse(DTYPES.get(rnd.nextInt(DTYPES.size())));
    int ndim = rnd.nextInt(0, 4);
    int[] shape = new int[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 8) == 0 ? 0 : rnd.nextInt(1, 14);
      chunks[d] = rnd.nextInt(1, 7);
    }
    boolean fortran = rnd.nextBoolean();
    NdArray data = random(dtype, shape, rnd);
    Path file = tmp.resolve("in.npy");
    writeNpy(file, data, fortran);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .shape(longs(shape))
                .chunks(ndim == 0 ? new long[0] : chunks)
                .dtype(dtype)
                .fillValue(null)
                .build());
    long budget = rnd.nextLong(1, 200);
    String what =
        dtype
            + " "
            + Arrays.toString(shape)
            + (fortran ? " F" : " C")
            + " chunks "
            + Arrays.toString(chunks)
            + " budget "
            + budget;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      NpyHeader h = NpyHeader.read(ch);
      assertThat(h.fortranOrder()).isEqualTo(fortran);
      NpyImport.copy(ch, h, dtype, z, budget, n -> {});
    }
    assertThat(z.get()).as(what).isEqualTo(data);
    assertThat(Npy.read(file)).as(what + " (reference reader)").isEqualTo(data);
  }

  /** Writes a .npy file in C or Fortran order. */
  static void writeNpy(Path file, NdArray a, boolean fortran) throws IOException {
    DataType dtype = a.dtype();
    long[] shape = longs(a.shape());
    NpyHeader h = NpyHeader.of(dtype.toJson(), fortran, shape);
    ByteBuffer body = ByteBuffer.allocate(a.size() * dtype.itemSize());
    long[] elem = StridedCopy.cStrides(shape);
    long[] raw = fortran ? StridedCopy.fStrides(shape) : StridedCopy.cStrides(shape);
    for (int i = 0; i < raw.length; i++) {
      raw[i] *= dtype.itemSize();
    }
    RawCopy.encode(a.data(), 0, elem, body, 0, raw, shape, dtype);
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(h.toBytes()));
      ch.write(body);
    }
    assertThat(Files.size(file)).isEqualTo(h.toBytes().length + (long) a.size() * dtype.itemSize());
  }

  /** Random element bits (booleans 0 or 1). */
  static NdArray random(DataType dtype, int[] shape, SplittableRandom rnd) {
    NdArray a = NdArray.zeros(dtype, shape);
    byte[] raw = new byte[a.size() * dtype.itemSize()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = dtype.kind() == DataType.Kind.BOOL ? (byte) rnd.nextInt(2) : (byte) rnd.nextInt(256);
    }
    Npy.decode(ByteBuffer.wrap(raw), false, a);
    return a;
  }

  /** A random basic selection: integers, slices with steps, negative positions, an ellipsis. */
  static Selection randomSelection(long[] shape, SplittableRandom rnd) {
    List<Object> items = new ArrayList<>();
    for (long len : shape) {
      int kind = rnd.nextInt(4);
      if (kind == 0 && len > 0) {
        long i = rnd.nextLong(len);
        items.add(rnd.nextBoolean() ? i : i - len);
      } else if (kind == 1) {
        items.add(Slice.all());
      } else {
        long start = rnd.nextLong(-len - 2, len + 3);
        long stop = rnd.nextLong(-len - 2, len + 3);
        long step = rnd.nextInt(1, 5);
        items.add(
            new Slice(rnd.nextInt(5) == 0 ? null : start, rnd.nextInt(5) == 0 ? null : stop, step));
      }
    }
    if (!items.isEmpty() && rnd.nextInt(4) == 0) {
      int drop = rnd.nextInt(1, items.size() + 1);
      while (drop-- > 0) {
        items.remove(items.size() - 1);
      }
      if (rnd.nextBoolean()) {
        items.add(DimSelector.Ellipsis.INSTANCE);
      }
    }
    return BasicSelection.of(items.toArray());
  }

  static long[] longs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  static int[] ints(long[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (int) a[i];
    }
    return out;
  }
}
