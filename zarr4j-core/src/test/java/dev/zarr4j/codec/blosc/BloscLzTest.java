package dev.zarr4j.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.CodecTestData;
import dev.zarr4j.exceptions.CodecException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class BloscLzTest {

  @RepeatedTest(200)
  void roundTripsOrDeclines(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(1000 + info.getCurrentRepetition());
    CodecTestData.Kind kind =
        CodecTestData.Kind.values()[rnd.nextInt(CodecTestData.Kind.values().length)];
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(200_000);
    byte[] src = CodecTestData.generate(kind, n, 1 + rnd.nextInt(8), rnd);
    int clevel = 1 + rnd.nextInt(9);
    byte[] out = new byte[n + 10];
    int c = BloscLz.compress(clevel, src, 0, n, out, 5, Math.max(0, n - 1));
    if (c < 0) {
      // runs and repeated patterns must shrink
      assertThat(kind != CodecTestData.Kind.ZEROS && kind != CodecTestData.Kind.PATTERN || n < 64)
          .as("declined %s of %d bytes", kind, n)
          .isTrue();
      return;
    }
    assertThat(c).isLessThan(n);
    assertThat(out[5] & 0xE0).as("first control byte is a literal with the marker").isEqualTo(0x20);
    byte[] back = new byte[n];
    BloscLz.decompressExact(out, 5, c, back, 0, n, "test");
    assertThat(back).isEqualTo(src);
  }

  @Test
  void compressesRunsAndFarMatches() {
    byte[] src = new byte[100_000];
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] chunk = new byte[10_000];
    rnd.nextBytes(chunk);
    // the same 10 KB at distance 20 000 (a far match) and a long run of zeros
    System.arraycopy(chunk, 0, src, 0, chunk.length);
    System.arraycopy(chunk, 0, src, 20_000, chunk.length);
    byte[] out = new byte[src.length];
    int c = BloscLz.compress(9, src, 0, src.length, out, 0, src.length - 1);
    assertThat(c).isPositive().isLessThan(25_000);
    byte[] back = new byte[src.length];
    BloscLz.decompressExact(out, 0, c, back, 0, back.length, "test");
    assertThat(back).isEqualTo(src);
  }

  @Test
  void rejectsReferencesBeforeTheStart() {
    // literal of 1 byte, then a match of 3 at distance 5
    byte[] stream = {0, 42, (byte) (1 << 5), 4, 0, 7};
    assertThatThrownBy(
            () -> BloscLz.decompressExact(stream, 0, stream.length, new byte[10], 0, 10, "t"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("before the start");
  }

  @Test
  void rejectsOverlongOutput() {
    byte[] stream = {3, 1, 2, 3, 4};
    assertThatThrownBy(
            () -> BloscLz.decompressExact(stream, 0, stream.length, new byte[3], 0, 3, "t"))
        .isInstanceOf(CodecException.class);
  }
}
