package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.NpyHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import of a 200 MB array through the shaded jar in a child JVM limited to a 64 MiB
 * heap: only streaming in bounded blocks can pass. The results are checked by size, sampled values
 * and a CRC-32 of all the data, and the child's peak heap is read from its GC log.
 */
class BoundedMemoryIT {
  static final int ROWS = 50_000;
  static final int COLS = 1_000;
  static final int CHUNK_ROWS = 1_000;
  static final long DATA_BYTES = (long) ROWS * COLS * 4;
  static final List<String> SMALL_HEAP = List.of("-Xmx64m");

  @TempDir Path dir;

  static float value(long i, long j) {
    return (float) ((i * 1009 + j * 7) % 100_003);
  }

  @Test
  void exportAndImportLargerThanTheHeap() throws IOException {
    // 200 MB of float32 written by zarr4j in this JVM, uncompressed so it is quick to make
    ZarrArray src =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("src.zarr"))
                .shape(ROWS, COLS)
                .chunks(CHUNK_ROWS, COLS)
                .dtype("<f4")
                .compressor(null)
                .build());
    CRC32 expected = new CRC32();
    for (int r0 = 0; r0 < ROWS; r0 += CHUNK_ROWS) {
      float[] block = new float[CHUNK_ROWS * COLS];
      for (int i = 0; i < CHUNK_ROWS; i++) {
        for (int j = 0; j < COLS; j++) {
          block[i * COLS + j] = value(r0 + i, j);
        }
      }
      NdArray nd = NdArray.of(block, CHUNK_ROWS, COLS);
      src.set(r0 + ":" + (r0 + CHUNK_ROWS) + ", :", nd);
      ByteBuffer raw = Npy.encode(nd);
      expected.update(raw.array(), 0, raw.limit());
    }
    assertThat(DATA_BYTES)
        .as("data larger than twice the child heap")
        .isGreaterThan(2 * (64L << 20));

    // export in a 64 MiB heap
    Run exp = Run.jar(dir, gcLog("export"), 120, "export", "src.zarr", "out.npy").ok();
    Path npy = dir.resolve("out.npy");
    NpyHeader header;
    try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
      header = NpyHeader.read(ch);
    }
    assertThat(header.shape()).containsExactly(ROWS, COLS);
    assertThat(header.descr()).isEqualTo("<f4");
    assertThat(header.fortranOrder()).isFalse();
    assertThat(Files.size(npy)).isEqualTo(header.dataOffset() + DATA_BYTES);
    assertThat(crcOfFile(npy, header.dataOffset())).isEqualTo(expected.getValue());
    try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
      for (long[] ij : new long[][] {{0, 0}, {0, COLS - 1}, {12_345, 678}, {ROWS - 1, COLS - 1}}) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, header.dataOffset() + (ij[0] * COLS + ij[1]) * 4);
        assertThat(b.getFloat(0))
            .as("element " + ij[0] + ", " + ij[1])
            .isEqualTo(value(ij[0], ij[1]));
      }
    }

    // import in a 64 MiB heap, with the default (Blosc) compressor
    Run imp =
        Run.jar(dir, gcLog("import"), 120, "import", "out.npy", "dst.zarr", "--chunks", "2000,500")
            .ok();
    assertThat(imp.out()).contains("shape (50000, 1000) float32");
    ZarrArray dst = Zarr.openArray(dir.resolve("dst.zarr"), OpenMode.READ, ArrayOptions.defaults());
    assertThat(dst.shape()).containsExactly(ROWS, COLS);
    assertThat(dst.chunks()).containsExactly(2000, 500);
    assertThat(dst.compressor()).isNotNull();
    assertThat(dst.nchunksInitialized()).isEqualTo(50);
    CRC32 actual = new CRC32();
    for (int r0 = 0; r0 < ROWS; r0 += 5000) {
      ByteBuffer raw = Npy.encode(dst.get(r0 + ":" + (r0 + 5000) + ", :"));
      actual.update(raw.array(), 0, raw.limit());
    }
    assertThat(actual.getValue()).isEqualTo(expected.getValue());
    assertThat(dst.getValue(49_999, 999)).isEqualTo((double) value(49_999, 999));

    long[] exportPeak = peakHeapMiB(dir.resolve("export-gc.log"));
    long[] importPeak = peakHeapMiB(dir.resolve("import-gc.log"));
    System.out.println(
        "bounded memory: 200 MB array, -Xmx64m: heap before / after GC at most: export "
            + exportPeak[0]
            + " / "
            + exportPeak[1]
            + " MiB, import "
            + importPeak[0]
            + " / "
            + importPeak[1]
            + " MiB");
    assertThat(exportPeak[0]).isLessThanOrEqualTo(64);
    assertThat(importPeak[0]).isLessThanOrEqualTo(64);
    assertThat(exp.err()).isEmpty();
    assertThat(imp.err()).isEmpty();
  }

  private List<String> gcLog(String name) {
    return List.of("-Xmx64m", "-Xlog:gc:file=" + dir.resolve(name + "-gc.log"));
  }

  static long crcOfFile(Path file, long from) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer buf = ByteBuffer.allocate(8 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long pos = from;
      while (true) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        pos += n;
        buf.flip();
        crc.update(buf);
      }
    }
    return crc.getValue();
  }

  /**
   * The largest heap occupancy the GC log shows before a collection ("NNM->...") and after a young
   * or full collection ("...->NNM", the most that stayed live), in MiB.
   */
  static long[] peakHeapMiB(Path gcLog) throws IOException {
    Pattern p = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    long before = 0;
    long after = 0;
    int gcs = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = p.matcher(line);
      if (!m.find()) {
        continue;
      }
      before = Math.max(before, Long.parseLong(m.group(1)));
      if (line.contains("Pause Young") || line.contains("Pause Full")) { // pauses that collect
        after = Math.max(after, Long.parseLong(m.group(2)));
        gcs++;
      }
    }
    assertThat(gcs).as("GC events in " + gcLog).isPositive();
    return new long[] {before, after};
  }
}
