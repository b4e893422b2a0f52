package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscHeader;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Both directions against the real numcodecs (via /usr/bin/python3): numcodecs decodes what zarr4j
 * encodes on each backend, and zarr4j (on each backend) decodes what numcodecs encodes. The backend
 * is chosen per call: "native" is {@link CodecOptions#AUTO}, "pure" {@link CodecOptions#PURE_JAVA}.
 * For Blosc, zarr4j's frames must also have numcodecs' block size, type size and flags, and (on the
 * native path, where the same inner libraries run) a compressed size close to numcodecs'.
 */
class NumcodecsInteropTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Assumptions.assumeTrue(
        ok, PYTHON + " with numcodecs and numpy is not available: skipping the interop tests");
  }

  private record Case(
      String name,
      BytesToBytesCodec codec,
      Map<String, Object> pyConfig,
      String dtype,
      byte[] raw) {}

  private static String dtype(int itemSize) {
    return switch (itemSize) {
      case 1 -> "|u1";
      case 2 -> "<u2";
      case 4 -> "<u4";
      case 8 -> "<u8";
      default -> "|V" + itemSize;
    };
  }

  private static int itemSize(String dtype) {
    return switch (dtype) {
      case "|u1" -> 1;
      case "<u2" -> 2;
      case "<u4", "<f4" -> 4;
      case "<u8", "<f8" -> 8;
      default -> Integer.parseInt(dtype.substring(2));
    };
  }

  private static final int[] SIZES = {0, 1, 7, 127, 128, 129, 1000, 4099, 40_000, 131_075, 300_001};

  private List<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(20240611);
    List<Case> cases = new ArrayList<>();
    int idx = 0;
    CodecTestData.Kind[] kinds = CodecTestData.Kind.values();
    for (BloscCompressor cname : BloscCompressor.values()) {
      for (int shuffle = -1; shuffle <= 2; shuffle++) {
        for (int clevel : new int[] {0, 1, 5, 9}) {
          for (int ts : new int[] {1, 2, 4, 8}) {
            int n = SIZES[idx % SIZES.length];
            if (cname == BloscCompressor.ZSTD && clevel == 9) {
              n = Math.min(n, 40_000);
            }
            CodecTestData.Kind kind = kinds[idx % kinds.length];
            Blosc codec = Blosc.of(cname, clevel, BloscShuffle.fromCode(shuffle), 0);
            cases.add(
                new Case(
                    "blosc-" + idx,
                    codec,
                    codec.toConfig(),
                    dtype(ts),
                    CodecTestData.generate(kind, n, ts, rnd)));
            idx++;
          }
        }
      }
    }
    // a few odd type sizes, forced block sizes and big float chunks
    int[][] extra = {{3, 0}, {16, 0}, {300, 0}, {4, 1024}, {8, 100_000}, {2, 5000}};
    for (int[] e : extra) {
      for (BloscCompressor cname : BloscCompressor.values()) {
        Blosc codec = Blosc.of(cname, 5, BloscShuffle.SHUFFLE, e[1]);
        cases.add(
            new Case(
                "blosc-" + idx++,
                codec,
                codec.toConfig(),
                dtype(e[0]),
                CodecTestData.generate(
                    CodecTestData.Kind.SMALL_INTS, 50_000 * e[0] / 4, e[0], rnd)));
      }
    }
    for (BloscCompressor cname : BloscCompressor.values()) {
      for (int shuffle = 0; shuffle <= 2; shuffle++) {
        Blosc codec = Blosc.of(cname, 5, BloscShuffle.fromCode(shuffle), 0);
        cases.add(
            new Case(
                "blosc-" + idx++,
                codec,
                codec.toConfig(),
                "<f4",
                CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 1 << 20, 4, rnd)));
      }
    }
    idx = 0;
    for (int level : new int[] {-5, -1, 0, 1, 3, 9, 19, 22}) {
      for (boolean checksum : new boolean[] {false, true}) {
        int n = SIZES[(idx * 3 + 5) % SIZES.length];
        if (level >= 19) {
          n = Math.min(n, 40_000);
        }
        Map<String, Object> py = new LinkedHashMap<>();
        py.put("id", "zstd");
        py.put("level", level);
        cases.add(
            new Case(
                "zstd-" + idx,
                Zstd.of(level, checksum),
                py,
                "|u1",
                CodecTestData.generate(kinds[idx % kinds.length], n, 4, rnd)));
        idx++;
      }
    }
    for (int accel : new int[] {1, 5, 100}) {
      for (int n : new int[] {0, 5, 1000, 300_001}) {
        Lz4 codec = Lz4.of(accel);
        cases.add(
            new Case(
                "lz4-" + idx++,
                codec,
                codec.toConfig(),
                "|u1",
                CodecTestData.generate(kinds[idx % kinds.length], n, 4, rnd)));
      }
    }
    for (int level : new int[] {-1, 0, 1, 6, 9}) {
      for (int n : new int[] {0, 100, 131_075}) {
        Zlib z = Zlib.of(level);
        cases.add(
            new Case(
                "zlib-" + idx++,
                z,
                z.toConfig(),
                "|u1",
                CodecTestData.generate(kinds[idx % kinds.length], n, 2, rnd)));
        GZip g = GZip.of(level);
        cases.add(
            new Case(
                "gzip-" + idx++,
                g,
                g.toConfig(),
                "|u1",
                CodecTestData.generate(kinds[idx % kinds.length], n, 2, rnd)));
      }
    }
    return cases;
  }

  @Test
  void numcodecsAndZarr4jReadEachOther() throws Exception {
    List<Case> cases = cases();
    List<Map<String, Object>> manifest = new ArrayList<>();
    String[] backends = {"native", "pure"};
    for (Case c : cases) {
      Files.write(dir.resolve(c.name + ".raw"), c.raw);
      for (String backend : backends) {
        ByteBuffer enc =
            c.codec.encode(
                ByteBuffer.wrap(c.raw), CodecTestData.items(itemSize(c.dtype)), options(backend));
        Files.write(dir.resolve(c.name + "." + backend + ".enc"), CodecTestData.bytes(enc));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name);
      m.put("config", c.pyConfig);
      m.put("dtype", c.dtype);
      m.put("java_encodings", List.of(backends));
      manifest.add(m);
    }
    JSON.writeValue(dir.resolve("cases.json").toFile(), manifest);

    Process p =
        new ProcessBuilder(PYTHON, script().toString(), dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("python.log").toFile())
            .start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("python finished").isTrue();
    assertThat(p.exitValue())
        .as("python exit status; log: %s", Files.readString(dir.resolve("python.log")))
        .isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> results = JSON.readValue(dir.resolve("results.json").toFile(), Map.class);
    assertThat((List<?>) results.get("failures")).as("numcodecs-side failures").isEmpty();
    long nonEmpty = cases.stream().filter(c -> c.raw.length > 0).count();
    assertThat(((Number) results.get("decoded")).longValue()).isEqualTo(nonEmpty * backends.length);
    assertThat(results.get("encoded")).isEqualTo(cases.size());

    List<String> failures = new ArrayList<>();
    int checkedHeaders = 0;
    for (Case c : cases) {
      byte[] pyFrame = Files.readAllBytes(dir.resolve(c.name + ".py.enc"));
      int usable = c.raw.length - c.raw.length % itemSize(c.dtype);
      byte[] expected = java.util.Arrays.copyOf(c.raw, usable);
      for (String backend : backends) {
        try {
          byte[] got =
              CodecTestData.bytes(
                  c.codec.decode(
                      ByteBuffer.wrap(pyFrame), CodecTestData.atMost(usable), options(backend)));
          if (!java.util.Arrays.equals(got, expected)) {
            failures.add(
                c.name + " " + c.codec + ": " + backend + " decode of numcodecs' frame differs");
          }
        } catch (RuntimeException e) {
          failures.add(c.name + " " + c.codec + ": " + backend + " decode failed: " + e);
        }
      }
      if (c.codec instanceof Blosc b && usable == c.raw.length) {
        BloscHeader theirs = BloscHeader.read(ByteBuffer.wrap(pyFrame));
        byte[] ourFrame = Files.readAllBytes(dir.resolve(c.name + ".native.enc"));
        BloscHeader ours = BloscHeader.read(ByteBuffer.wrap(ourFrame));
        checkedHeaders++;
        if (ours.blockSize() != theirs.blockSize()
            || ours.typeSize() != theirs.typeSize()
            || (ours.flags() & ~0x02) != (theirs.flags() & ~0x02)
            || ours.nbytes() != theirs.nbytes()) {
          failures.add(
              c.name + " " + b + ": header differs: ours " + ours + " numcodecs " + theirs);
        }
        boolean sameInnerLibrary =
            b.cname() == BloscCompressor.LZ4
                || b.cname() == BloscCompressor.ZSTD
                || b.cname() == BloscCompressor.ZLIB
                || b.cname() == BloscCompressor.LZ4HC;
        if (sameInnerLibrary
            && theirs.cbytes() > 1000
            && ours.cbytes() > theirs.cbytes() * 1.05 + 64) {
          failures.add(
              c.name
                  + " "
                  + b
                  + " n="
                  + c.raw.length
                  + ": our frame is "
                  + ours.cbytes()
                  + " bytes, numcodecs' "
                  + theirs.cbytes());
        }
      }
    }
    assertThat(checkedHeaders).isGreaterThan(200);
    assertThat(failures).isEmpty();
  }

  /** The options of a backend of this test: "pure" or "native" (native where it loads). */
  private static CodecOptions options(String backend) {
    return CodecTestData.options(backend.equals("pure"));
  }

  private static Path script() throws URISyntaxException {
    return new File(
            NumcodecsInteropTest.class
                .getResource("/dev/zarr4j/codec/numcodecs_interop.py")
                .toURI())
        .toPath();
  }
}
