package dev.zarr4j.compression.lz4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.compression.DecompressionException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lz4BlockDecoderTest {
  private static final int GUARD = 24;

  static Stream<Long> seeds() {
    return IntStream.range(0, 300).mapToObj(i -> 0x1234_5678L * 31 + i);
  }

  /** Data with every shape of sequence: random runs, byte runs, short periods, far repeats. */
  static byte[] data(SplittableRandom rnd) {
    int size = rnd.nextInt(10) == 0 ? rnd.nextInt(20) : rnd.nextInt(1 << (4 + rnd.nextInt(14)));
    byte[] a = new byte[size];
    int i = 0;
    while (i < size) {
      int run = Math.min(size - i, 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 3000));
      switch (rnd.nextInt(5)) {
        case 0 -> {
          for (int k = 0; k < run; k++) {
            a[i + k] = (byte) rnd.nextInt();
          }
        }
        case 1 -> Arrays.fill(a, i, i + run, (byte) rnd.nextInt());
        case 2 -> {
          int period = 1 + rnd.nextInt(12);
          for (int k = 0; k < run; k++) {
            a[i + k] = k < period ? (byte) rnd.nextInt() : a[i + k - period];
          }
        }
        case 3 -> {
          if (i > 0) {
            int from = rnd.nextInt(i);
            for (int k = 0; k < run; k++) {
              a[i + k] = a[from + k];
            }
          }
        }
        default -> {
          for (int k = 0; k < run; k++) {
            a[i + k] = (byte) (rnd.nextInt(4));
          }
        }
      }
      i += run;
    }
    return a;
  }

  static byte[] compress(byte[] in, int how) {
    LZ4Factory f = LZ4Factory.nativeInstance();
    LZ4Compressor c =
        how == 0 ? f.fastCompressor() : how == 1 ? f.highCompressor(9) : f.fastCompressor();
    byte[] out = new byte[f.fastCompressor().maxCompressedLength(in.length)];
    int n;
    if (how == 2) {
      n =
          new io.airlift.compress.lz4.Lz4Compressor()
              .compress(in, 0, in.length, out, 0, out.length);
    } else {
      n = c.compress(in, 0, in.length, out, 0, out.length);
    }
    return Arrays.copyOf(out, n);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void decodesWhatLz4Wrote(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] in = data(rnd);
    for (int how = 0; how < 3; how++) {
      byte[] block = compress(in, how);
      int pre = rnd.nextInt(9);
      byte[] src = new byte[pre + block.length + rnd.nextInt(20)];
      System.arraycopy(block, 0, src, pre, block.length);
      byte[] dst = new byte[GUARD + in.length + GUARD];
      Arrays.fill(dst, (byte) 0x5A);
      int n = Lz4BlockDecoder.decode(src, pre, block.length, dst, GUARD, in.length, "t");
      assertThat(n).isEqualTo(in.length);
      assertThat(Arrays.copyOfRange(dst, GUARD, GUARD + in.length)).isEqualTo(in);
      assertGuards(dst, in.length);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void corruptBlocksFailCleanlyAndStayInBounds(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0xBADL);
    byte[] in = data(rnd);
    byte[] block = compress(in, rnd.nextInt(3));
    for (int trial = 0; trial < 20; trial++) {
      byte[] bad;
      switch (trial % 3) {
        case 0 -> bad = Arrays.copyOf(block, rnd.nextInt(block.length + 1)); // truncated
        case 1 -> {
          bad = block.clone();
          for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
            bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
          }
        }
        default -> {
          bad = new byte[rnd.nextInt(200)];
          rnd.nextBytes(bad);
        }
      }
      int room = Math.max(0, in.length + rnd.nextInt(64) - 32);
      byte[] dst = new byte[GUARD + room + GUARD];
      Arrays.fill(dst, (byte) 0x5A);
      try {
        int n = Lz4BlockDecoder.decode(bad, 0, bad.length, dst, GUARD, room, "chunk 0.0");
        assertThat(n).isBetween(0, room);
      } catch (DecompressionException e) {
        assertThat(e.getMessage()).startsWith("chunk 0.0: corrupt LZ4 data");
      }
      assertGuards(dst, room);
    }
  }

  @Test
  void namesTheProblem() {
    // a token asking for 3 literals with only 1 present
    assertThatThrownBy(
            () -> Lz4BlockDecoder.decode(new byte[] {0x30, 1}, 0, 2, new byte[8], 0, 8, "key 1.2"))
        .isInstanceOf(DecompressionException.class)
        .hasMessageContaining("key 1.2")
        .hasMessageContaining("runs past the input");
    // a match pointing before the start of the output
    assertThatThrownBy(
            () ->
                Lz4BlockDecoder.decode(
                    new byte[] {0x10, 7, 5, 0, 0x00}, 0, 5, new byte[16], 0, 16, "k"))
        .isInstanceOf(DecompressionException.class)
        .hasMessageContaining("match offset 5");
    assertThatThrownBy(() -> Lz4BlockDecoder.decode(new byte[0], 0, 0, new byte[4], 0, 4, "k"))
        .isInstanceOf(DecompressionException.class);
  }

  private static void assertGuards(byte[] dst, int len) {
    for (int i = 0; i < GUARD; i++) {
      assertThat(dst[i]).isEqualTo((byte) 0x5A);
      assertThat(dst[GUARD + len + i]).isEqualTo((byte) 0x5A);
    }
  }
}
