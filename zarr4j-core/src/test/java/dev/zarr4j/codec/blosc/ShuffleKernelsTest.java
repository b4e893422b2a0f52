package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
}
