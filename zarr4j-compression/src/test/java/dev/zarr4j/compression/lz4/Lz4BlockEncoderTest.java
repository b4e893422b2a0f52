package dev.zarr4j.compression.lz4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.compression.LittleEndian;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Lz4BlockEncoder}'s blocks decode to the input in the reference (C) decoder and ours. */
class Lz4BlockEncoderTest {
  private static final int GUARD = 24;
  private static final LZ4SafeDecompressor C_DECODER =
      LZ4Factory.nativeInstance().safeDecompressor();

  static Stream<Long> seeds() {
    return IntStream.range(0, 300).mapToObj(i -> 0x5EED_1234L * 17 + i);
  }

  /** Encodes into a window of an array with guard bytes on both sides and checks the guards. */
  private static byte[] encode(byte[] data, int acceleration, SplittableRandom rnd) {
    int off = rnd.nextInt(8);
    int bound = Lz4BlockEncoder.maxCompressedLength(data.length);
    byte[] dst = new byte[GUARD + bound + GUARD];
    Arrays.fill(dst, (byte) 0x5A);
    byte[] src = new byte[off + data.length + rnd.nextInt(8)];
    System.arraycopy(data, 0, src, off, data.length);
    int n = Lz4BlockEncoder.encode(src, off, data.length, dst, GUARD, bound, acceleration);
    assertThat(n).isBetween(1, bound);
    for (int i = 0; i < GUARD; i++) {
      assertThat(dst[i]).as("guard before, byte %d", i).isEqualTo((byte) 0x5A);
      assertThat(dst[GUARD + bound + i]).as("guard after, byte %d", i).isEqualTo((byte) 0x5A);
    }
    return Arrays.copyOfRange(dst, GUARD, GUARD + n);
  }

  private static void assertDecodes(byte[] block, byte[] data) {
    byte[] viaC = new byte[data.length];
    int m = C_DECODER.decompress(block, 0, block.length, viaC, 0, viaC.length);
    assertThat(m).isEqualTo(data.length);
    assertThat(viaC).isEqualTo(data);
    byte[] viaJava = new byte[data.length];
    assertThat(Lz4BlockDecoder.decode(block, 0, block.length, viaJava, 0, viaJava.length, "t"))
        .isEqualTo(data.length);
    assertThat(viaJava).isEqualTo(data);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void roundTripsThroughReferenceDecoder(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] data = Lz4BlockDecoderTest.data(rnd);
    int acceleration = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(rnd.nextBoolean() ? 9 : 70000) : 1;
    assertDecodes(encode(data, acceleration, rnd), data);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, 4, 5, 11, 12, 13, 14, 15, 16, 17, 20, 64, 65535, 65536, 65537, 300_000})
  void edgeSizes(int size) {
    SplittableRandom rnd = new SplittableRandom(size);
    for (int kind = 0; kind < 3; kind++) {
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = kind == 0 ? 0 : kind == 1 ? (byte) rnd.nextInt() : (byte) (i % 3);
      }
      assertDecodes(encode(data, 1, rnd), data);
    }
  }

  /** Same search as LZ4's fast mode: as small as the C encoder's blocks, give or take a little. */
  @Test
  void compressesLikeTheReferenceEncoder() {
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] floats = new byte[1 << 20];
    for (int i = 0; i < floats.length; i += 4) {
      LittleEndian.putInt(
          floats,
          i,
          Float.floatToIntBits((float) (100 + Math.sin(i / 4000.0) + 0.01 * rnd.nextDouble())));
    }
    byte[] text = new byte[1 << 20];
    String words = "the quick brown fox jumps over the lazy dog zarr chunk array store ";
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) words.charAt((i * 7 + rnd.nextInt(3)) % words.length());
    }
    for (byte[] data : new byte[][] {floats, text}) {
      for (int acceleration : new int[] {1, 5}) {
        int ours = encode(data, acceleration, rnd).length;
        int c;
        try (LZ4JNIFastResetCompressor reference =
            LZ4Factory.nativeInstance().fastResetCompressor(acceleration)) {
          c = reference.compress(data).length;
        }
        assertThat((double) ours)
            .as("%s, acceleration %d", data == floats ? "floats" : "text", acceleration)
            .isLessThanOrEqualTo(c * 1.02);
      }
    }
  }

  @Test
  void higherAccelerationTradesSizeForSpeed() {
    byte[] text = new byte[1 << 18];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) ('a' + rnd.nextInt(6));
    }
    int slow = encode(text, 1, rnd).length;
    int fast = encode(text, 64, rnd).length;
    assertThat(fast).isGreaterThan(slow);
  }

  @Test
  void refusesTooLittleRoom() {
    byte[] data = new byte[100];
    assertThatThrownBy(() -> Lz4BlockEncoder.encode(data, 0, 100, new byte[100], 0, 100, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lz4BlockEncoder.encode(data, 0, 100, new byte[200], 0, 200, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
