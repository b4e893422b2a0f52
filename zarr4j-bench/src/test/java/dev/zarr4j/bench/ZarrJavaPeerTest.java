package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.NdArray;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The main table's zarr-java side ({@link ZarrJavaPeer}, {@link PeerBench#zarrJavaWrite}, {@link
 * PeerBench#zarrJavaRead}) on small random arrays: what zarr-java writes it reads back equal, the
 * array carries the layout and codec the table claims, zarr-java reads zarr4j's array of the same
 * codec equal (whole and in windows), and a codec zarr-java's Zarr v2 API lacks is refused.
 */
class ZarrJavaPeerTest {
  @TempDir Path tmp;

  /** A random {@code rows x cols} array with a chunk size dividing both (as the bench needs). */
  private static NdArray randomArray(SplittableRandom rnd, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int k = 0; k < d.length; k++) {
      d[k] = (float) rnd.nextGaussian();
    }
    return NdArray.of(d, rows, cols);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void zarrJavaWritesAndReadsTheMainTableArraysAndReadsZarr4js(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int chunk = 8 << rnd.nextInt(3);
    int n = chunk * (1 + rnd.nextInt(4));
    NdArray data = randomArray(rnd, n, n);
    for (String codec : new String[] {"none", "blosc-lz4"}) {
      Path zdir = tmp.resolve(seed + "-zarr-java-" + codec);
      // written twice: the second create must replace the first array
      PeerBench.zarrJavaWrite(zdir, randomArray(rnd, n, n), codec, chunk);
      PeerBench.zarrJavaWrite(zdir, data, codec, chunk);
      PeerBench.zarrJavaRead(zdir, data, true); // throws when the values differ

      JsonNode zarray = new ObjectMapper().readTree(zdir.resolve(".zarray").toFile());
      assertThat(zarray.path("dtype").asText()).isEqualTo("<f4");
      assertThat(zarray.path("order").asText()).isEqualTo("C");
      assertThat(zarray.path("chunks").toString()).isEqualTo("[" + chunk + "," + chunk + "]");
      JsonNode compressor = zarray.path("compressor");
      if (codec.equals("blosc-lz4")) {
        assertThat(compressor.path("id").asText()).isEqualTo("blosc");
        assertThat(compressor.path("cname").asText()).isEqualTo("lz4");
        assertThat(compressor.path("clevel").asInt()).isEqualTo(5);
        assertThat(compressor.path("shuffle").asInt()).isEqualTo(1);
      } else {
        assertThat(compressor.isNull()).isTrue();
      }
      assertThat(zdir.resolve("0.0")).exists();

      // zarr-java reads zarr4j's array of the same codec equal, whole and in a random window
      Path jdir = tmp.resolve(seed + "-zarr4j-" + codec);
      PeerBench.javaWrite(jdir, data, PeerBench.codec(codec), chunk);
      dev.zarr.zarrjava.v2.Array peer = ZarrJavaPeer.openV2(jdir);
      assertThat(ZarrJavaPeer.values(ZarrJavaPeer.readAll(peer))).isEqualTo(data.data());
      // windows up to a chunk in size, so spanning at most 2 chunks per axis, as the indexing
      // scenario's: zarr-java 0.0.9 returns zeros for part of an unaligned region spanning 3 or
      // more chunks along an axis (e.g. rows 1..17 with chunks of 8), see ZarrJavaPeer#read
      int h = 1 + rnd.nextInt(chunk);
      int w = 1 + rnd.nextInt(chunk);
      int i = rnd.nextInt(n - h + 1);
      int j = rnd.nextInt(n - w + 1);
      ZarrArray ours = Zarr.openArray(new dev.zarr4j.store.DirectoryStore(jdir), OpenMode.READ);
      float[] expected = (float[]) ours.get(Slice.of(i, i + h), Slice.of(j, j + w)).data();
      float[] got = ZarrJavaPeer.values(ZarrJavaPeer.read(peer, i, j, h, w));
      assertThat(Arrays.equals(got, expected))
          .as("%s window at (%d, %d) of %d x %d, chunks %d, array %d", codec, i, j, h, w, chunk, n)
          .isTrue();
    }
  }

  @Test
  void aReadOfDifferentDataIsCaught() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    NdArray data = randomArray(rnd, 16, 16);
    Path dir = tmp.resolve("a");
    PeerBench.zarrJavaWrite(dir, data, "none", 8);
    float[] other = ((float[]) data.data()).clone();
    other[other.length - 1] += 1;
    assertThatThrownBy(() -> PeerBench.zarrJavaRead(dir, NdArray.of(other, 16, 16), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void zstdIsNotAvailableInZarrJavasV2Api() {
    assertThat(ZarrJavaPeer.v2Unsupported("none")).isNull();
    assertThat(ZarrJavaPeer.v2Unsupported("blosc-lz4")).isNull();
    assertThat(ZarrJavaPeer.v2Unsupported("zstd-3")).contains("zstd");
    Path dir = tmp.resolve("z");
    assertThatThrownBy(
            () -> ZarrJavaPeer.createV2(dir, new long[] {8, 8}, new int[] {8, 8}, "zstd-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zstd");
    assertThat(dir).doesNotExist();
  }

  @Test
  void zarrJavasV2CodecRegistryReallyLacksZstd() throws Exception {
    // the reason the table gives: a v2 array with a zstd compressor does not open in zarr-java
    Path dir = tmp.resolve("zstd");
    PeerBench.javaWrite(dir, NdArray.of(new float[64], 8, 8), PeerBench.codec("zstd-3"), 8);
    assertThat(dir.resolve(".zarray")).exists();
    assertThatThrownBy(() -> ZarrJavaPeer.openV2(dir)).isNotNull();
  }
}
