package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShuffleKernelsTest {

  static Stream<Arguments> cases() {
    SplittableRandom rnd = new SplittableRandom(0x5eed);
    return IntStream.rangeClosed(1, 20)
        .boxed()
        .flatMap(
            ts ->
                Stream.of(
                        0,
                        1,
                        7,
                        8,
                        15,
                        63,
                        64,
                        129,
                        511,
                        512,
                        1000 + rnd.nextInt(3000),
                        8192,
                        8200,
                        9000 + rnd.nextInt(30000))
                    .map(elems -> Arguments.of(ts, elems * ts + rnd.nextInt(ts), rnd.nextLong())));
  }

  /** The byte-shuffle layout by definition, one byte at a time. */
  static byte[] referenceShuffle(int ts, byte[] src) {
    int n = src.length / ts;
    byte[] out = src.clone();
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < ts; b++) {
        out[b * n + i] = src[i * ts + b];
      }
    }
    return out;
  }

  /** The bit-shuffle layout by definition, one bit at a time. */
  static byte[] referenceBitshuffle(int ts, byte[] src) {
    int n = src.length / ts;
    byte[] out = src.clone();
    if (n % 8 != 0) {
      return out;
    }
    int rowLen = n / 8;
    for (int i = 0; i < n * ts; i++) {
      out[i] = 0;
    }
    for (int e = 0; e < n; e++) {
      for (int b = 0; b < ts; b++) {
        int v = src[e * ts + b] & 0xFF;
        for (int k = 0; k < 8; k++) {
          if ((v >> k & 1) != 0) {
            int row = b * 8 + k;
            out[row * rowLen + e / 8] |= (byte) (1 << (e % 8));
          }
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "ts={0} size={1}")
  @MethodSource("cases")
  void byteShuffleMatchesDefinitionAndInverts(int ts, int size, long seed) {
    byte[] src = new byte[size];
    new SplittableRandom(seed).nextBytes(src);
    byte[] shuffled = new byte[size + 5];
    ShuffleKernels.shuffle(ts, src, 0, size, shuffled, 3);
    byte[] got = java.util.Arrays.copyOfRange(shuffled, 3, 3 + size);
    assertThat(got).isEqualTo(referenceShuffle(ts, src));
    byte[] back = new byte[size + 2];
    ShuffleKernels.unshuffle(ts, shuffled, 3, size, back, 2);
    assertThat(java.util.Arrays.copyOfRange(back, 2, 2 + size)).isEqualTo(src);
  }

  @ParameterizedTest(name = "ts={0} size={1}")
  @MethodSource("cases")
  void bitShuffleMatchesDefinitionAndInverts(int ts, int size, long seed) {
    byte[] src = new byte[size];
    new SplittableRandom(seed).nextBytes(src);
    byte[] tmp = new byte[size];
    byte[] shuffled = new byte[size];
    ShuffleKernels.bitshuffle(ts, src, 0, size, shuffled, 0, tmp);
    assertThat(shuffled).isEqualTo(referenceBitshuffle(ts, src));
    byte[] back = new byte[size];
    ShuffleKernels.bitunshuffle(ts, shuffled, 0, size, back, 0, tmp);
    assertThat(back).isEqualTo(src);
  }

  @ParameterizedTest(name = "ts={0} size={1}")
  @MethodSource("cases")
  void unshufflesStreamsFromSeparatePlaces(int ts, int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = size / ts;
    byte[] src = new byte[n * ts];
    rnd.nextBytes(src);
    byte[] shuffled = referenceShuffle(ts, src);
    byte[][] arrays = new byte[ts][];
    int[] offsets = new int[ts];
    for (int b = 0; b < ts; b++) {
      offsets[b] = rnd.nextInt(5);
      arrays[b] = new byte[offsets[b] + n + rnd.nextInt(3)];
      System.arraycopy(shuffled, b * n, arrays[b], offsets[b], n);
    }
    byte[] out = new byte[n * ts + 1];
    ShuffleKernels.unshuffleStreams(ts, arrays, offsets, n, out, 1);
    assertThat(java.util.Arrays.copyOfRange(out, 1, 1 + n * ts)).isEqualTo(src);
  }

  /**
   * Random type sizes 1-16, block sizes (below, around and past the tiled kernels' threshold, some
   * spanning several tiles, with trailing bytes) and unaligned offsets: shuffle, unshuffle and the
   * separate streams' unshuffle match the definition byte for byte and write nothing outside their
   * range.
   */
  @RepeatedTest(300)
  void randomBlocksMatchDefinitionAtAnyOffset(RepetitionInfo repetition) {
    SplittableRandom rnd = new SplittableRandom(0xb10c5L * repetition.getCurrentRepetition());
    int ts = 1 + rnd.nextInt(16);
    int n =
        switch (rnd.nextInt(5)) {
          case 0 -> rnd.nextInt(80);
          case 1 -> 64 + rnd.nextInt(2000);
          case 2 -> ShuffleKernels.MIN_TILED - 24 + rnd.nextInt(48); // around the tiled threshold
          default -> rnd.nextInt(70_000 / ts);
        };
    int size = n * ts + rnd.nextInt(ts);
    byte[] src = new byte[size];
    rnd.nextBytes(src);
    byte[] expected = referenceShuffle(ts, src);

    int sOff = rnd.nextInt(16);
    int dOff = rnd.nextInt(16);
    byte[] in = new byte[sOff + size + rnd.nextInt(9)];
    System.arraycopy(src, 0, in, sOff, size);
    byte[] out = new byte[dOff + size + 9];
    rnd.nextBytes(out);
    byte[] before = out.clone();
    ShuffleKernels.shuffle(ts, in, sOff, size, out, dOff);
    assertThat(java.util.Arrays.copyOfRange(out, dOff, dOff + size)).isEqualTo(expected);
    assertUntouchedOutside(before, out, dOff, size);

    System.arraycopy(expected, 0, in, sOff, size);
    rnd.nextBytes(out);
    before = out.clone();
    ShuffleKernels.unshuffle(ts, in, sOff, size, out, dOff);
    assertThat(java.util.Arrays.copyOfRange(out, dOff, dOff + size)).isEqualTo(src);
    assertUntouchedOutside(before, out, dOff, size);

    byte[][] arrays = new byte[ts][];
    int[] offsets = new int[ts];
    byte[] shared = new byte[ts * (n + 16)];
    for (int b = 0; b < ts; b++) {
      if (rnd.nextBoolean()) {
        offsets[b] = b * (n + 16) + rnd.nextInt(16);
        arrays[b] = shared;
      } else {
        offsets[b] = rnd.nextInt(16);
        arrays[b] = new byte[offsets[b] + n + rnd.nextInt(3)];
      }
      System.arraycopy(expected, b * n, arrays[b], offsets[b], n);
    }
    rnd.nextBytes(out);
    before = out.clone();
    ShuffleKernels.unshuffleStreams(ts, arrays, offsets, n, out, dOff);
    assertThat(java.util.Arrays.copyOfRange(out, dOff, dOff + n * ts))
        .isEqualTo(java.util.Arrays.copyOf(src, n * ts));
    assertUntouchedOutside(before, out, dOff, n * ts);
  }

  private static void assertUntouchedOutside(byte[] before, byte[] after, int off, int len) {
    assertThat(java.util.Arrays.copyOfRange(after, 0, off))
        .isEqualTo(java.util.Arrays.copyOfRange(before, 0, off));
    assertThat(java.util.Arrays.copyOfRange(after, off + len, after.length))
        .isEqualTo(java.util.Arrays.copyOfRange(before, off + len, before.length));
  }
}
