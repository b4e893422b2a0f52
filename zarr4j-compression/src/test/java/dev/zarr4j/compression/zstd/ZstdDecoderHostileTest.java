package dev.zarr4j.compression.zstd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.compression.zstd.ZstdTestData.Shape;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ZstdDecoder} on damaged and hostile input: only {@link DecompressionException}s (or, where
 * a change hits a bit that does not matter, the right bytes), never a write outside the output
 * range, never a hang.
 */
class ZstdDecoderHostileTest {
  private static final int GUARD = 24;
  private static final byte SENTINEL = (byte) 0xA5;

  private final ZstdDecoder decoder = new ZstdDecoder();

  /** Small frames that between them use most block, literal and sequence modes. */
  private static byte[][] smallFrames() {
    return new byte[][] {
      ZstdTestData.compress(ZstdTestData.make(Shape.TEXT, 3000, 1), 19, true, true),
      ZstdTestData.compress(ZstdTestData.make(Shape.FLOATS, 2000, 2), 3, true, true),
      ZstdTestData.compress(ZstdTestData.make(Shape.RUNS, 1500, 3), 1, true, false),
      ZstdTestData.compress(ZstdTestData.make(Shape.MIXED, 5000, 4), 22, false, true),
      ZstdTestData.compress(ZstdTestData.make(Shape.PATTERN, 300, 5), -5, true, true),
      ZstdTestData.compress(ZstdTestData.make(Shape.RANDOM, 200, 6), 3, true, true),
      ZstdTestData.compress(ZstdTestData.make(Shape.ZEROS, 200_000, 6), 3, true, true),
    };
  }

  private static byte[] decodedOf(int index) {
    return switch (index) {
      case 0 -> ZstdTestData.make(Shape.TEXT, 3000, 1);
      case 1 -> ZstdTestData.make(Shape.FLOATS, 2000, 2);
      case 2 -> ZstdTestData.make(Shape.RUNS, 1500, 3);
      case 3 -> ZstdTestData.make(Shape.MIXED, 5000, 4);
      case 4 -> ZstdTestData.make(Shape.PATTERN, 300, 5);
      case 5 -> ZstdTestData.make(Shape.RANDOM, 200, 6);
      default -> ZstdTestData.make(Shape.ZEROS, 200_000, 6);
    };
  }

  @Test
  void everyTruncationFails() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          byte[][] frames = smallFrames();
          for (int f = 0; f < frames.length; f++) {
            byte[] frame = frames[f];
            byte[] expected = decodedOf(f);
            for (int cut = 0; cut < frame.length; cut++) {
              int len = cut;
              assertThatThrownBy(() -> decodeGuarded(frame, 0, len, expected.length))
                  .as("frame %d cut to %d bytes", f, len)
                  .isInstanceOf(DecompressionException.class)
                  .hasMessageStartingWith("hostile:");
              assertThatThrownBy(() -> decoder.decodeGrowing(frame, 0, len, 1 << 20, "hostile"))
                  .isInstanceOf(DecompressionException.class);
            }
          }
        });
  }

  @Test
  void everyBitFlipFailsOrDecodesRight() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          byte[][] frames = smallFrames();
          for (int f = 0; f < frames.length; f++) {
            byte[] frame = frames[f];
            byte[] expected = decodedOf(f);
            int step = frame.length > 800 ? 3 : 1;
            for (int bit = 0; bit < 8 * frame.length; bit += step) {
              byte[] bad = frame.clone();
              bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
              // all but frame 3 carry a checksum, so a flip there cannot decode to other bytes
              checkFailsOrDecodes(bad, expected, "frame " + f + " bit " + bit, f != 3);
            }
          }
        });
  }

  @Test
  void randomByteChangesFailOrDecodeRight() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          Random r = new Random(11);
          byte[][] frames = smallFrames();
          for (int i = 0; i < 20_000; i++) {
            int f = r.nextInt(frames.length);
            byte[] bad = frames[f].clone();
            int changes = 1 + r.nextInt(4);
            for (int k = 0; k < changes; k++) {
              // mostly in the headers and tables near the start, where the decisions are
              int at =
                  r.nextBoolean() ? r.nextInt(Math.min(bad.length, 64)) : r.nextInt(bad.length);
              bad[at] = (byte) r.nextInt();
            }
            checkFailsOrDecodes(bad, decodedOf(f), "case " + i, false);
          }
        });
  }

  @Test
  void randomBytesAfterAMagicFail() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          Random r = new Random(5);
          for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            if (junk.length >= 4 && r.nextInt(4) != 0) {
              LittleEndian.putInt(junk, 0, 0xFD2FB528);
              if (junk.length >= 5 && r.nextBoolean()) {
                junk[4] &= (byte) 0xF4; // no reserved bit, no dictionary
              }
            }
            int dLen = r.nextInt(2000);
            try {
              decodeGuarded(junk, 0, junk.length, dLen);
            } catch (DecompressionException expected) {
              // fine
            }
            try {
              decoder.decodeGrowing(junk, 0, junk.length, 1 << 20, "hostile");
            } catch (DecompressionException expected) {
              // fine
            }
          }
        });
  }

  @Test
  void badChecksumFails() {
    byte[] data = ZstdTestData.make(Shape.TEXT, 10_000, 3);
    byte[] frame = ZstdTestData.compress(data, 3, true, true);
    frame[frame.length - 2] ^= 0x10;
    assertThatThrownBy(() -> decodeGuarded(frame, 0, frame.length, data.length))
        .isInstanceOf(DecompressionException.class)
        .hasMessageContaining("hostile:")
        .hasMessageContaining("checksum");
  }

  @ParameterizedTest
  @ValueSource(longs = {1L << 31, 1L << 40, Long.MAX_VALUE, 0x7FFF_FFFFL})
  void hugeDeclaredSizesFailWithoutAllocating(long size) {
    // a single-segment frame that declares an 8-byte content size, then one tiny RLE block
    byte[] frame = new byte[4 + 1 + 8 + 4];
    LittleEndian.putInt(frame, 0, 0xFD2FB528);
    frame[4] = (byte) 0xE0; // 8-byte size, single segment
    LittleEndian.putLong(frame, 5, size);
    frame[13] = (byte) (3 << 3 | 1 << 1 | 1); // last RLE block of 3 bytes
    frame[16] = 7;
    assertThatThrownBy(() -> decodeGuarded(frame, 0, frame.length, 100))
        .isInstanceOf(DecompressionException.class)
        .hasMessageStartingWith("hostile:");
    assertThatThrownBy(() -> decoder.decodeGrowing(frame, 0, frame.length, 1 << 20, "hostile"))
        .isInstanceOf(DecompressionException.class)
        .hasMessageStartingWith("hostile:");
  }

  @Test
  void outputLargerThanTheRoomFails() {
    byte[] data = ZstdTestData.make(Shape.MIXED, 300_000, 8);
    for (boolean withSize : new boolean[] {true, false}) {
      byte[] frame = ZstdTestData.compress(data, 3, false, withSize);
      for (int room : new int[] {0, 1, 1000, 131_072, 299_999}) {
        assertThatThrownBy(() -> decodeGuarded(frame, 0, frame.length, room))
            .isInstanceOf(DecompressionException.class)
            .hasMessageStartingWith("hostile:");
        assertThatThrownBy(() -> decoder.decodeGrowing(frame, 0, frame.length, room, "hostile"))
            .isInstanceOf(DecompressionException.class)
            .hasMessageStartingWith("hostile:");
      }
    }
  }

  @Test
  void reservedAndMissingThingsFail() {
    byte[] base = {(byte) 0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x50};
    // reserved block type
    assertFails(ZstdTestData.concat(base, new byte[] {0x07, 0, 0}), "reserved");
    // treeless literals with no earlier tree
    assertFails(
        ZstdTestData.concat(base, new byte[] {0x25, 0, 0, 0x13, 0x40, 0x00, 0x01}), "treeless");
    // repeat-mode sequence tables with no earlier tables
    assertFails(
        ZstdTestData.concat(base, new byte[] {0x25, 0, 0, 0x00, 0x01, (byte) 0xFC, 0x01}),
        "repeated before");
    // reserved bit in the frame header
    assertFails(new byte[] {(byte) 0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x08, 0x50}, "reserved");
    // empty input and foreign magic
    assertFails(new byte[0], "empty");
    assertFails(new byte[] {1, 2, 3, 4, 5}, "not a zstd frame");
  }

  private void assertFails(byte[] frame, String message) {
    assertThatThrownBy(() -> decodeGuarded(frame, 0, frame.length, 100))
        .isInstanceOf(DecompressionException.class)
        .hasMessageStartingWith("hostile:")
        .hasMessageContaining(message);
  }

  private void checkFailsOrDecodes(byte[] bad, byte[] expected, String label, boolean exact) {
    byte[] out;
    try {
      out = decodeGuarded(bad, 0, bad.length, expected.length);
    } catch (DecompressionException e) {
      assertThat(e.getMessage()).as(label).startsWith("hostile:");
      return;
    }
    assertThat(out.length).as(label).isEqualTo(expected.length);
    if (exact) {
      assertThat(out).as(label).isEqualTo(expected);
    }
  }

  /**
   * Decodes {@code src[off, off+len)} into a guarded buffer of room {@code dLen} (sentinels on both
   * sides) and checks that the guards survive whatever happens.
   */
  private byte[] decodeGuarded(byte[] src, int off, int len, int dLen) {
    byte[] in = new byte[len + 2 * GUARD];
    Arrays.fill(in, (byte) 0x77);
    System.arraycopy(src, off, in, GUARD, len);
    byte[] dst = new byte[dLen + 2 * GUARD];
    Arrays.fill(dst, SENTINEL);
    try {
      int n = decoder.decode(in, GUARD, len, dst, GUARD, dLen, "hostile");
      return Arrays.copyOfRange(dst, GUARD, GUARD + n);
    } finally {
      for (int i = 0; i < GUARD; i++) {
        assertThat(dst[i]).as("guard before").isEqualTo(SENTINEL);
        assertThat(dst[dst.length - 1 - i]).as("guard after").isEqualTo(SENTINEL);
      }
    }
  }
}
