package dev.zarr4j.compression.zstd;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.zarr4j.compression.LittleEndian;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ZstdHuffmanEncoder}'s literals sections, each wrapped alone in a one-block frame (with an
 * empty sequences section) and decoded by C zstd: the section kinds the match finder rarely
 * produces (RLE literals, direct 4-bit weights, codes that need length limiting) are made here on
 * purpose.
 */
class ZstdHuffmanEncoderTest {
  private static final int RAW = 0;
  private static final int RLE = 1;
  private static final int COMPRESSED = 2;

  /** Writes the literals as a frame of one compressed block; returns the literals section type. */
  private static int roundTrip(byte[] lit) {
    int n = lit.length;
    byte[] literals = new byte[n + 10];
    System.arraycopy(lit, 0, literals, 5, n);
    byte[] frame = new byte[n + 1024];
    LittleEndian.putInt(frame, 0, 0xFD2FB528);
    // not single-segment: a 128 KiB window lets the block be larger than its content (decoders
    // refuse compressed blocks larger than the window, which single-segment frames set to the
    // content size)
    frame[4] = (byte) (2 << 6); // 4-byte content size
    frame[5] = (byte) ((17 - 10) << 3);
    LittleEndian.putInt(frame, 6, n);
    int blockStart = 13; // after the 3-byte block header at 10
    int p = new ZstdHuffmanEncoder().write(literals, 5, n, frame, blockStart, true);
    int type = frame[blockStart] & 3;
    frame[p++] = 0; // no sequences
    int size = p - blockStart;
    int header = 1 | COMPRESSED << 1 | size << 3;
    frame[10] = (byte) header;
    frame[11] = (byte) (header >>> 8);
    frame[12] = (byte) (header >>> 16);
    int frameSize = blockStart + size;
    byte[] out = new byte[n];
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      assertThat(ctx.decompressByteArray(out, 0, n, frame, 0, frameSize)).isEqualTo(n);
    }
    assertThat(out).isEqualTo(lit);
    return type;
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 100, 1023, 5000, 131072})
  void runOfOneByteIsRle(int n) {
    byte[] lit = new byte[n];
    Arrays.fill(lit, (byte) 0xA7);
    assertThat(roundTrip(lit)).isEqualTo(RLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 32, 63, 4095, 4096, 100_000})
  void randomBytesStayRaw(int n) {
    byte[] lit = new byte[n];
    new Random(n).nextBytes(lit);
    assertThat(roundTrip(lit)).isEqualTo(RAW);
  }

  /** Skewed data over many symbols: FSE-compressed weights, one stream or four. */
  @ParameterizedTest
  @ValueSource(ints = {100, 200, 255, 256, 257, 1000, 1023, 1024, 16383, 16384, 70_000, 131072})
  void skewedBytesAreHuffmanCoded(int n) {
    Random r = new Random(n);
    byte[] lit = new byte[n];
    for (int i = 0; i < n; i++) {
      lit[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 'a' + r.nextInt(6));
    }
    assertThat(roundTrip(lit)).isEqualTo(COMPRESSED);
  }

  /** Two symbols: one weight is described, directly. Equal weights cannot be FSE-coded. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 17, 100})
  void fewSymbolsUseDirectWeights(int symbols) {
    Random r = new Random(symbols);
    byte[] lit = new byte[3000];
    for (int i = 0; i < lit.length; i++) {
      // skewed enough to be worth a code: symbol 0 takes half
      lit[i] = (byte) (r.nextBoolean() ? 0 : r.nextInt(symbols));
    }
    assertThat(roundTrip(lit)).isEqualTo(COMPRESSED);
  }

  /** Fibonacci counts make a Huffman tree 23 deep: the code must be cut to 11 bits, complete. */
  @Test
  void deepTreesAreLengthLimited() {
    int[] counts = new int[24];
    counts[0] = 1;
    counts[1] = 1;
    for (int i = 2; i < counts.length; i++) {
      counts[i] = counts[i - 1] + counts[i - 2];
    }
    int n = Arrays.stream(counts).sum();
    byte[] lit = new byte[n];
    int p = 0;
    for (int s = 0; s < counts.length; s++) {
      for (int k = 0; k < counts[s]; k++) {
        lit[p++] = (byte) (s * 7 + 3);
      }
    }
    // shuffle so the streams see a mixture
    Random r = new Random(3);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      byte t = lit[i];
      lit[i] = lit[j];
      lit[j] = t;
    }
    assertThat(roundTrip(lit)).isEqualTo(COMPRESSED);
    assertThat(roundTrip(Arrays.copyOf(lit, 100_000))).isEqualTo(COMPRESSED);
  }

  /** Geometric distributions of many shapes over the whole byte range. */
  @Test
  void manyRandomDistributions() {
    Random r = new Random(42);
    for (int round = 0; round < 300; round++) {
      int n = 64 + r.nextInt(r.nextBoolean() ? 2000 : 131072 - 64);
      double decay = 0.5 + r.nextDouble() * 0.5;
      int offset = r.nextInt(256);
      byte[] lit = new byte[n];
      for (int i = 0; i < n; i++) {
        int s = 0;
        while (s < 255 && r.nextDouble() > decay) {
          s++;
        }
        lit[i] = (byte) (s + offset);
      }
      roundTrip(lit);
    }
  }
}
