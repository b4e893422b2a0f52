package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.codec.CodecTestData;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial decoding of frames that c-blosc wrote (through numcodecs and /usr/bin/python3): every
 * compressor, shuffle, type size and a forced block size; random runs decode to the bytes numcodecs
 * was given, from memory and from a byte-range source.
 */
class BloscPartialInteropTest {
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;

  @BeforeAll
  static void requireNumcodecs() throws Exception {
    boolean ok;
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import numcodecs, numpy")
              .redirectErrorStream(true)
              .start();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    Assumptions.assumeTrue(ok, PYTHON + " with numcodecs and numpy is not available");
  }

  private static String dtype(int ts) {
    return switch (ts) {
      case 1 -> "|u1";
      case 2 -> "<u2";
      case 4 -> "<f4";
      case 8 -> "<u8";
      default -> "|V" + ts;
    };
  }

  @Test
  void framesFromCbloscDecodeInParts() throws Exception {
    SplittableRandom rnd = new SplittableRandom(4242);
    List<Map<String, Object>> manifest = new ArrayList<>();
    Map<String, byte[]> raws = new LinkedHashMap<>();
    Map<String, Integer> typeSizes = new LinkedHashMap<>();
    int idx = 0;
    for (BloscCompressor cname : BloscCompressor.values()) {
      for (int shuffle = 0; shuffle <= 2; shuffle++) {
        for (int ts : new int[] {1, 2, 3, 4, 8}) {
          for (int blocksize : new int[] {0, 4096}) {
            int n = (ts == 4 && blocksize == 0 ? 1 << 20 : 200_000 + rnd.nextInt(1000)) / ts * ts;
            CodecTestData.Kind kind =
                ts == 4 ? CodecTestData.Kind.SMOOTH_FLOAT32 : CodecTestData.Kind.SMALL_INTS;
            byte[] raw = CodecTestData.generate(kind, n, ts, rnd);
            String name = "p" + idx++;
            Files.write(dir.resolve(name + ".raw"), raw);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put(
                "config", Blosc.of(cname, 5, BloscShuffle.fromCode(shuffle), blocksize).toConfig());
            m.put("dtype", dtype(ts));
            m.put("java_encodings", List.of());
            manifest.add(m);
            raws.put(name, raw);
            typeSizes.put(name, ts);
          }
        }
      }
    }
    new ObjectMapper().writeValue(dir.resolve("cases.json").toFile(), manifest);
    Path script =
        new File(getClass().getResource("/dev/zarr4j/codec/numcodecs_interop.py").toURI()).toPath();
    Process p =
        new ProcessBuilder(PYTHON, script.toString(), dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("python.log").toFile())
            .start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("python.log"))).isZero();

    int split = 0;
    int blocks = 0;
    for (Map.Entry<String, byte[]> e : raws.entrySet()) {
      byte[] frame = Files.readAllBytes(dir.resolve(e.getKey() + ".py.enc"));
      byte[] raw = e.getValue();
      BloscHeader h = BloscHeader.read(ByteBuffer.wrap(frame));
      split += h.isSplitDisabled() || h.isMemcpyed() ? 0 : 1;
      blocks += h.nbytes() / Math.max(1, h.blockSize()) > 1 ? 1 : 0;
      for (int trial = 0; trial < 8; trial++) {
        int[] runs = BloscPartialTest.randomRuns(rnd, raw.length, typeSizes.get(e.getKey()));
        int nruns = runs.length / 2;
        int total = 0;
        for (int r = 0; r < nruns; r++) {
          total += runs[2 * r + 1] - runs[2 * r];
        }
        byte[] expected = new byte[total];
        int at = 0;
        for (int r = 0; r < nruns; r++) {
          int len = runs[2 * r + 1] - runs[2 * r];
          System.arraycopy(raw, runs[2 * r], expected, at, len);
          at += len;
        }
        String what =
            e.getKey()
                + " "
                + h
                + " runs "
                + Arrays.toString(Arrays.copyOf(runs, Math.min(8, runs.length)));
        byte[] got = new byte[total];
        Blosc.decodeRuns(ByteBuffer.wrap(frame), raw.length, runs, nruns, got, 0);
        assertThat(got).as(what).isEqualTo(expected);
        Arrays.fill(got, (byte) 0);
        Blosc.decodeRuns(new BloscPartialTest.ArraySource(frame), raw.length, runs, nruns, got, 0);
        assertThat(got).as(what).isEqualTo(expected);
      }
    }
    assertThat(split).as("frames with split blocks").isGreaterThan(10);
    assertThat(blocks).as("frames of several blocks").isGreaterThan(20);
  }
}
