package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code z2.set(selection, z1)} between arrays: sources whose shape broadcasts to the selection
 * (NumPy rules) are copied chunk by chunk, checked here against values computed element by element;
 * and a 400 MB copy runs in a child JVM with a 48 MiB heap, which only a streaming copy can pass.
 */
class StreamingCopyTest {

  @TempDir Path dir;

  /** An int64 array of {@code shape} whose elements hold their flat C-order position plus one. */
  private static ZarrArray ramp(long[] shape, long... chunks) {
    int n = 1;
    int[] s = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      s[d] = (int) shape[d];
      n *= s[d];
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
    }
    return Zarr.array(NdArray.of(v, s), ArrayOptions.builder().chunks(chunks).build());
  }

  private static ZarrArray zeros(long[] shape, long... chunks) {
    return Zarr.zeros(ArrayOptions.builder().shape(shape).chunks(chunks).dtype("i8").build());
  }

  private static long[] shape(long... s) {
    return s;
  }

  @Test
  void sameShapeIntoDifferentChunks() {
    ZarrArray z1 = ramp(shape(7, 9), 3, 4);
    ZarrArray z2 = zeros(shape(7, 9), 2, 5);
    z2.set(Selection.all(), z1);
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 9; j++) {
        assertThat(z2.getValue(i, j)).isEqualTo(i * 9L + j + 1);
      }
    }
  }

  @Test
  void integerDroppedDimensions() {
    // z2[2, :, 1] = z1 with z1 of shape (6,)
    ZarrArray z1 = ramp(shape(6), 4);
    ZarrArray z2 = zeros(shape(4, 6, 3), 3, 4, 2);
    z2.set("2, :, 1", z1);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 6; j++) {
        for (int k = 0; k < 3; k++) {
          long want = i == 2 && k == 1 ? j + 1 : 0;
          assertThat(z2.getValue(i, j, k)).as("%d, %d, %d", i, j, k).isEqualTo(want);
        }
      }
    }
  }

  @Test
  void extraLeadingLengthOneDimensionsOfTheSourceAreIgnored() {
    // z2[1, 1:4, :] = z1 with z1 of shape (1, 1, 3, 5)
    ZarrArray z1 = ramp(shape(1, 1, 3, 5), 1, 1, 2, 2);
    ZarrArray z2 = zeros(shape(3, 5, 5), 2, 2, 3);
    z2.set("1, 1:4, :", z1);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        for (int k = 0; k < 5; k++) {
          long want = i == 1 && j >= 1 && j < 4 ? (j - 1) * 5L + k + 1 : 0;
          assertThat(z2.getValue(i, j, k)).as("%d, %d, %d", i, j, k).isEqualTo(want);
        }
      }
    }
  }

  @Test
  void missingLeadingDimensionsAreRepeated() {
    // every other row of z2 gets the 1-d z1
    ZarrArray z1 = ramp(shape(5), 2);
    ZarrArray z2 = zeros(shape(7, 5), 3, 3);
    z2.set("1:7:2, :", z1);
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 5; j++) {
        assertThat(z2.getValue(i, j)).isEqualTo(i % 2 == 1 ? j + 1L : 0L);
      }
    }
  }

  @Test
  void lengthOneDimensionsAreRepeated() {
    // a column (3, 1) spread over four columns, and a 0-d array over a block
    ZarrArray column = ramp(shape(3, 1), 2, 1);
    ZarrArray z2 = zeros(shape(3, 6), 2, 4);
    z2.set(":, 1:5", column);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 6; j++) {
        assertThat(z2.getValue(i, j)).isEqualTo(j >= 1 && j < 5 ? i + 1L : 0L);
      }
    }
    ZarrArray scalar = Zarr.array(NdArray.scalar(DataType.INT64, 42L), ArrayOptions.defaults());
    z2.set("0:2, 4:", scalar);
    assertThat(z2.get("0:2, 4:").toLongArray()).containsExactly(42, 42, 42, 42);
    // and into a single element from a (1, 1) array
    z2.set("2, 0", ramp(shape(1, 1), 1, 1));
    assertThat(z2.getValue(2, 0)).isEqualTo(1L);
  }

  @Test
  void objectArraysBroadcastToo() {
    NdArray words = NdArray.zeros(DataType.OBJECT, 3);
    words.setFlat(0, "a");
    words.setFlat(1, "bb");
    words.setFlat(2, "ccc");
    ZarrArray z1 = Zarr.array(words, ArrayOptions.builder().dtype("str").chunks(2).build());
    ZarrArray z2 = Zarr.empty(ArrayOptions.builder().shape(4, 3).chunks(3, 2).dtype("str").build());
    z2.set(Selection.all(), z1);
    for (int i = 0; i < 4; i++) {
      assertThat(List.of(z2.getValue(i, 0), z2.getValue(i, 1), z2.getValue(i, 2)))
          .containsExactly("a", "bb", "ccc");
    }
  }

  @Test
  void shapesThatDoNotBroadcastAreRefusedBeforeWriting() {
    ZarrArray z2 = zeros(shape(3, 5), 2, 2);
    assertThatThrownBy(() -> z2.set(Selection.all(), ramp(shape(2, 5), 2, 2)))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[2, 5]")
        .hasMessageContaining("[3, 5]");
    assertThatThrownBy(() -> z2.set("0, :", ramp(shape(2, 5), 2, 2)))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("cannot be broadcast");
    assertThatThrownBy(() -> z2.set(Selection.all(), ramp(shape(1, 3, 5, 1), 1, 2, 2, 1)))
        .isInstanceOf(InvalidSelectionException.class);
    assertThat(z2.nchunksInitialized()).isZero();
  }

  @Test
  void pointSelectionsAndFieldsReadTheSourceWhole() {
    ZarrArray z2 = zeros(shape(3, 5), 2, 2);
    z2.set(OrthogonalSelection.of(new long[] {0, 2}, Slice.all()), ramp(shape(5), 2));
    assertThat(z2.get().toLongArray()).containsExactly(1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5);
    z2.set("[1, 1], [0, 4]", ramp(shape(2), 1));
    assertThat(z2.get("1").toLongArray()).containsExactly(1, 0, 0, 0, 2);

    DataType t = DataType.parse("[[\"a\", \"<i4\"], [\"b\", \"<f8\"]]");
    ZarrArray rec = Zarr.zeros(ArrayOptions.builder().shape(4).chunks(3).dtype(t).build());
    rec.set(Selection.parse("1:3", 1), ramp(shape(2), 1), "b");
    assertThat(rec.get("'b'").toDoubleArray()).containsExactly(0, 1, 2, 0);
    assertThat(rec.get("'a'").toLongArray()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void aCopyLargerThanTheHeapRunsInBoundedMemory() throws Exception {
    long dataBytes = (long) StreamingCopyChild.ROWS * StreamingCopyChild.COLS * 8;
    assertThat(dataBytes).as("source larger than eight child heaps").isGreaterThan(8 * 48_000_000L);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx48m");
    cmd.add("-Dzarr4j.threads=2");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(StreamingCopyChild.class.getName());
    cmd.add(dir.toString());
    File log = dir.resolve("child.log").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    assertThat(finished).as("child finished within 120 s; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains(StreamingCopyChild.OK).contains("300 values checked");
    System.out.println(out.strip());
  }

  /** The kinds of operation that read a value (each counted once, as one request). */
  private static final dev.zarr4j.store.LoggingStore.Kind[] READS = {
    dev.zarr4j.store.LoggingStore.Kind.OPEN,
    dev.zarr4j.store.LoggingStore.Kind.GET,
    dev.zarr4j.store.LoggingStore.Kind.GET_INTO
  };

  @Test
  void eachSourceChunkIsReadAboutOnceWhenRechunking() {
    dev.zarr4j.store.LoggingStore counted =
        new dev.zarr4j.store.LoggingStore(new dev.zarr4j.store.MemoryStore());
    long[] v = new long[40 * 40];
    for (int i = 0; i < v.length; i++) {
      v[i] = 3L * i + 1;
    }
    ZarrArray z1 =
        Zarr.array(
            NdArray.of(v, 40, 40), ArrayOptions.builder().store(counted).chunks(20, 20).build());
    for (int[] dst : new int[][] {{4, 4}, {6, 6}}) {
      ZarrArray z2 = zeros(shape(40, 40), dst[0], dst[1]);
      counted.reset();
      z2.set(Selection.all(), z1);
      long chunkReads = counted.keys(READS).stream().filter(k -> !k.startsWith(".")).count();
      // 4 source chunks; destination chunks of 6 straddle the edge at 20, so along each dimension
      // the tile [0, 24) reads both source chunks and [24, 40) the second: 3 x 3 reads. Reading
      // per destination chunk would take 100 (chunks of 4) or 64 and more (chunks of 6).
      assertThat(chunkReads)
          .as("source chunk reads, destination chunks %s", dst[0])
          .isLessThanOrEqualTo(dst[0] == 4 ? 4 : 9);
      assertThat(z2.get().toLongArray()).containsExactly(v);
    }
  }
}
