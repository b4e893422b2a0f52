package dev.zarr4j.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.compression.zstd.ZstdFastEncoder;
import dev.zarr4j.compression.zstd.ZstdFastEncoderTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Zstd codec on the pure-Java path (asked for per call with {@link CodecOptions#PURE_JAVA})
 * writes its levels up to 2 with {@link ZstdFastEncoder}: the frames round-trip through the codec,
 * decode in C zstd and, when python3 with numcodecs is installed, in numcodecs.
 */
class ZstdPureJavaCodecTest {
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;

  private static final CodecOptions PURE = CodecOptions.PURE_JAVA;

  private record Sample(String name, byte[] data, Zstd codec) {}

  private static List<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    int seed = 0;
    for (ZstdFastEncoderTest.Kind kind : ZstdFastEncoderTest.Kind.values()) {
      for (int n : new int[] {0, 1, 1000, 131_073, 1 << 20}) {
        for (int level : new int[] {-3, 1, 2}) {
          boolean checksum = (seed & 1) == 1;
          out.add(
              new Sample(
                  kind + "-" + n + "-L" + level + (checksum ? "-c" : ""),
                  ZstdFastEncoderTest.data(kind, n, seed++),
                  Zstd.of(level, checksum)));
        }
      }
    }
    return out;
  }

  private static byte[] encode(Zstd codec, byte[] data) {
    ByteBuffer b = codec.encode(ByteBuffer.wrap(data), BytesSpec.unbounded(), PURE);
    byte[] frame = new byte[b.remaining()];
    b.get(frame);
    return frame;
  }

  /**
   * Levels 0 and 3-22 go to aircompressor, which always appends a checksum: it is dropped unless
   * the codec asks for one, and the frames still decode in C zstd and here.
   */
  @Test
  void aircompressorLevelsHonourTheChecksumSetting() {
    byte[] data = ZstdFastEncoderTest.data(ZstdFastEncoderTest.Kind.values()[0], 300_000, 7);
    for (int level : new int[] {0, 3, 9, 22}) {
      for (boolean checksum : new boolean[] {false, true}) {
        Zstd codec = Zstd.of(level, checksum);
        byte[] frame = encode(codec, data);
        String what = "level " + level + (checksum ? " with checksum" : "");
        assertThat((frame[4] & 0x04) != 0).as(what).isEqualTo(checksum);
        assertThat(com.github.luben.zstd.Zstd.decompress(frame, data.length))
            .as(what)
            .isEqualTo(data);
        ByteBuffer back = codec.decode(ByteBuffer.wrap(frame), limit(data.length), PURE);
        byte[] got = new byte[back.remaining()];
        back.get(got);
        assertThat(got).as(what).isEqualTo(data);
        if (checksum) {
          // the checksum is real: a changed byte in it is caught
          frame[frame.length - 1] ^= 1;
          byte[] broken = frame;
          org.assertj.core.api.Assertions.assertThatThrownBy(
                  () -> codec.decode(ByteBuffer.wrap(broken), limit(data.length), PURE))
              .isInstanceOf(dev.zarr4j.exceptions.CodecException.class)
              .hasMessageContaining("checksum");
        }
      }
    }
  }

  @Test
  void roundTripsThroughTheCodec() {
    for (Sample s : samples()) {
      byte[] frame = encode(s.codec(), s.data());
      // the frame carries a checksum exactly when the codec asks for one
      assertThat((frame[4] & 0x04) != 0).as(s.name()).isEqualTo(s.codec().checksum());
      ByteBuffer back = s.codec().decode(ByteBuffer.wrap(frame), limit(s.data().length), PURE);
      byte[] got = new byte[back.remaining()];
      back.get(got);
      assertThat(got).as(s.name()).isEqualTo(s.data());
      assertThat(com.github.luben.zstd.Zstd.decompress(frame, s.data().length))
          .as(s.name() + " via zstd-jni")
          .isEqualTo(s.data());
    }
  }

  @Test
  void numcodecsDecodesTheFrames() throws Exception {
    Assumptions.assumeTrue(numcodecsAvailable(), PYTHON + " with numcodecs is not available");
    // numcodecs 0.11 rejects empty frames, its own included
    List<Sample> samples = new ArrayList<>(samples());
    samples.removeIf(s -> s.data().length == 0);
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      Files.write(dir.resolve(i + ".raw"), s.data());
      Files.write(dir.resolve(i + ".zst"), encode(s.codec(), s.data()));
    }
    String script =
        String.join(
            "\n",
            "import sys, numcodecs",
            "d, n = sys.argv[1], int(sys.argv[2])",
            "z = numcodecs.Zstd()",
            "bad = []",
            "for i in range(n):",
            "    raw = open(f'{d}/{i}.raw', 'rb').read()",
            "    try:",
            "        got = bytes(z.decode(open(f'{d}/{i}.zst', 'rb').read()))",
            "    except Exception as e:",
            "        got = repr(e)",
            "    if got != raw: bad.append(i)",
            "print('bad', bad)",
            "sys.exit(1 if bad else 0)");
    Path py = dir.resolve("check.py");
    Files.writeString(py, script);
    Process p =
        new ProcessBuilder(PYTHON, py.toString(), dir.toString(), Integer.toString(samples.size()))
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("numcodecs: %s", log).isZero();
    assertThat(log).contains("bad []");
  }

  private static BytesSpec limit(int maxDecodedSize) {
    return BytesSpec.atMost(maxDecodedSize, dev.zarr4j.ndarray.DataType.UINT8);
  }

  private static boolean numcodecsAvailable() {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import numcodecs").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
