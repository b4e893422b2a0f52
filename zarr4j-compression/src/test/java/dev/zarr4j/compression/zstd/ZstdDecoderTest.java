package dev.zarr4j.compression.zstd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.zstd.ZstdTestData.Shape;
import io.airlift.compress.zstd.ZstdCompressor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ZstdDecoder} against frames written by zstd-jni and aircompressor. */
class ZstdDecoderTest {
  private static final int GUARD = 40;
  private static final byte SENTINEL = (byte) 0xA5;

  private final ZstdDecoder decoder = new ZstdDecoder();

  static Stream<Arguments> cases() {
    int[] sizes = {0, 1, 2, 5, 17, 100, 1000, 4095, 65_536, 131_071, 131_072, 131_073, 300_000};
    int[] levels = {-5, 1, 3, 9, 19, 22};
    List<Arguments> out = new ArrayList<>();
    long seed = 1;
    for (Shape shape : Shape.values()) {
      for (int size : sizes) {
        for (int level : levels) {
          if (size > 100_000 && level >= 19 && shape != Shape.MIXED && shape != Shape.FLOATS) {
            continue; // slow to compress and nothing new
          }
          out.add(Arguments.of(shape, size, level, seed++));
        }
      }
      out.add(Arguments.of(shape, 1_000_003, 1, seed++));
      out.add(Arguments.of(shape, 1_048_576, 3, seed++));
    }
    out.add(Arguments.of(Shape.MIXED, 3_000_000, 3, seed++));
    out.add(Arguments.of(Shape.FLOATS, 3_000_000, -5, seed++));
    out.add(Arguments.of(Shape.MIXED, 2_000_000, 9, seed++));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} bytes level {2}")
  @MethodSource("cases")
  void decodesZstdJniFrames(Shape shape, int size, int level, long seed) {
    byte[] data = ZstdTestData.make(shape, size, seed);
    boolean checksum = (seed & 1) != 0;
    boolean contentSize = (seed & 2) == 0;
    byte[] frame = ZstdTestData.compress(data, level, checksum, contentSize);
    assertDecodes(frame, data);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 11, 12, 17, 20})
  void decodesSmallWindowsAndLongDistanceMatching(int windowLog) {
    byte[] data = ZstdTestData.make(Shape.MIXED, 1_500_000, windowLog);
    for (boolean ldm : new boolean[] {false, true}) {
      try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
        ctx.setLevel(windowLog % 2 == 0 ? 3 : 12);
        ctx.setChecksum(true);
        ctx.setContentSize(windowLog != 12);
        ctx.setWindowLog(windowLog);
        if (ldm) {
          ctx.setLong(Math.max(windowLog, 20));
        }
        assertDecodes(ctx.compress(data), data);
      }
    }
  }

  @Test
  void decodesStreamedFramesWithoutContentSize() {
    // a streaming compressor leaves the size out and uses a window descriptor
    byte[] data = ZstdTestData.make(Shape.MIXED, 700_000, 5);
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (com.github.luben.zstd.ZstdOutputStream z =
        new com.github.luben.zstd.ZstdOutputStream(bos, 6)) {
      z.setChecksum(true);
      for (int i = 0; i < data.length; i += 10_000) {
        z.write(data, i, Math.min(10_000, data.length - i));
        if (i % 70_000 == 0) {
          z.flush(); // flushes make small and odd blocks
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertDecodes(bos.toByteArray(), data);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 5000, 131_072, 400_000})
  void decodesAircompressorFrames(int size) {
    for (Shape shape : Shape.values()) {
      byte[] data = ZstdTestData.make(shape, size, size + shape.ordinal());
      ZstdCompressor c = new ZstdCompressor();
      byte[] frame = new byte[c.maxCompressedLength(size)];
      int n = c.compress(data, 0, size, frame, 0, frame.length);
      assertDecodes(Arrays.copyOf(frame, n), data);
    }
  }

  @Test
  void decodesConcatenatedAndSkippableFrames() {
    Random r = new Random(42);
    List<byte[]> datas = new ArrayList<>();
    List<byte[]> parts = new ArrayList<>();
    int[] levels = {1, -5, 19, 3, 22, 9};
    for (int i = 0; i < 6; i++) {
      byte[] d = ZstdTestData.make(Shape.values()[i], r.nextInt(200_000), i);
      datas.add(d);
      if (i % 2 == 0) {
        parts.add(ZstdTestData.skippable(r.nextInt(20), r));
      }
      parts.add(ZstdTestData.compress(d, levels[i], i % 2 == 0, i != 3));
    }
    parts.add(ZstdTestData.skippable(0, r));
    byte[] all = ZstdTestData.concat(datas.toArray(new byte[0][]));
    assertDecodes(ZstdTestData.concat(parts.toArray(new byte[0][])), all);
    // a frame cannot reach back into the previous one, and offsets restart per frame
    byte[] same = ZstdTestData.make(Shape.TEXT, 5000, 9);
    byte[] f = ZstdTestData.compress(same, 3, true, true);
    assertDecodes(ZstdTestData.concat(f, f, f), ZstdTestData.concat(same, same, same));
  }

  @Test
  void skippableFramesAloneDecodeToNothing() {
    byte[] s = ZstdTestData.skippable(5, new Random(1));
    assertThat(decoder.decode(s, 0, s.length, new byte[0], 0, 0, "x")).isZero();
    assertThat(decoder.decodeGrowing(s, 0, s.length, 10, "x")).isEmpty();
  }

  @Test
  void decodesHandBuiltBlocks() {
    // raw block "abc", then an RLE block of 5 'z', then a compressed block holding RLE literals
    // (4 'q') and no sequences, then a compressed block with raw literals "hi" and no sequences
    byte[] frame = {
      (byte) 0x28,
      (byte) 0xB5,
      0x2F,
      (byte) 0xFD,
      0x00,
      0x50, // no size, window 1 MiB
      0x18,
      0x00,
      0x00,
      'a',
      'b',
      'c', // raw, size 3
      0x2A,
      0x00,
      0x00,
      'z', // RLE, size 5
      0x1C,
      0x00,
      0x00,
      0x21,
      'q',
      0x00, // compressed, size 3: RLE literals (4), 0 sequences
      0x25,
      0x00,
      0x00,
      0x10,
      'h',
      'i',
      0x00 // last, compressed, size 4: raw literals (2)
    };
    assertDecodes(frame, "abczzzzzqqqqhi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void refusesDictionaries() {
    byte[] data = "hello hello hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] frame = ZstdTestData.compress(data, 3, false, true);
    // set a 1-byte dictionary id: descriptor flag 1, id byte inserted after the descriptor
    byte[] withDict = new byte[frame.length + 1];
    System.arraycopy(frame, 0, withDict, 0, 5);
    withDict[4] |= 1;
    withDict[5] = 7;
    System.arraycopy(frame, 5, withDict, 6, frame.length - 5);
    assertThatThrownBy(() -> decoder.decode(withDict, 0, withDict.length, new byte[17], 0, 17, "d"))
        .isInstanceOf(DecompressionException.class)
        .hasMessageContaining("d:")
        .hasMessageContaining("dictionaries are unsupported");
    // a dictionary id of 0 means none
    withDict[5] = 0;
    byte[] out = new byte[17];
    assertThat(decoder.decode(withDict, 0, withDict.length, out, 0, 17, "d")).isEqualTo(17);
    assertThat(out).isEqualTo(data);
  }

  @Test
  void zstdJniRoundTripsThroughZstdBlockPureJavaPath() {
    byte[] data = ZstdTestData.make(Shape.FLOATS, 1 << 20, 3);
    byte[] frame = Zstd.compress(data, 3);
    byte[] out = new byte[data.length];
    new ZstdDecoder().decode(frame, 0, frame.length, out, 0, out.length, "chunk");
    assertThat(out).isEqualTo(data);
  }

  /** Decodes at an offset inside a guarded array, both exactly and growing, and checks. */
  private void assertDecodes(byte[] frame, byte[] expected) {
    byte[] src = new byte[frame.length + 2 * GUARD];
    Arrays.fill(src, (byte) 0x5A);
    System.arraycopy(frame, 0, src, GUARD, frame.length);
    byte[] dst = new byte[expected.length + 2 * GUARD];
    Arrays.fill(dst, SENTINEL);
    int n = decoder.decode(src, GUARD, frame.length, dst, GUARD, expected.length, "test");
    assertThat(n).isEqualTo(expected.length);
    assertThat(Arrays.equals(dst, GUARD, GUARD + n, expected, 0, n)).as("decoded bytes").isTrue();
    assertGuards(dst, GUARD, expected.length);
    byte[] grown = decoder.decodeGrowing(src, GUARD, frame.length, expected.length, "test");
    assertThat(Arrays.equals(grown, expected)).as("grown decode").isTrue();
    if (expected.length > 0) {
      assertThatThrownBy(
              () -> decoder.decodeGrowing(src, GUARD, frame.length, expected.length - 1, "lim"))
          .isInstanceOf(DecompressionException.class)
          .hasMessageContaining("lim:");
    }
  }

  static void assertGuards(byte[] dst, int off, int len) {
    for (int i = 0; i < off; i++) {
      assertThat(dst[i]).as("guard byte before the output at " + i).isEqualTo(SENTINEL);
    }
    for (int i = off + len; i < dst.length; i++) {
      assertThat(dst[i]).as("guard byte after the output at " + i).isEqualTo(SENTINEL);
    }
  }
}
