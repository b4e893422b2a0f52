package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.checksum.Adler32;
import dev.zarr4j.codec.checksum.Crc32;
import dev.zarr4j.codec.checksum.Fletcher32;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.Bz2LzmaTest;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.filter.AsType;
import dev.zarr4j.codec.filter.BitRound;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.codec.filter.FixedScaleOffset;
import dev.zarr4j.codec.filter.PackBits;
import dev.zarr4j.codec.filter.Quantize;
import dev.zarr4j.codec.filter.Shuffle;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input for the filters, checksums, BZ2 and LZMA: random bytes, truncations, bit flips and
 * headers claiming huge sizes end in a {@link CodecException} or a result within the limit, within
 * a bounded time, and never allocate far beyond the limit.
 */
class FilterHostileInputTest {
  private static final int LIMIT = 1 << 20;
  private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

  static List<BytesToBytesCodec> codecs() {
    List<BytesToBytesCodec> list = new ArrayList<>();
    list.add(Delta.of("<i4").onBytes());
    list.add(Delta.of("<f8", "<f4").onBytes());
    list.add(FixedScaleOffset.of(1000L, 10L, "<f8", "|u1").onBytes());
    list.add(Quantize.of(3, "<f4").onBytes());
    list.add(BitRound.of(7).onBytes());
    list.add(PackBits.INSTANCE.onBytes());
    list.add(AsType.of("<f2", "<f8").onBytes());
    list.add(Shuffle.of(4));
    list.add(Crc32.INSTANCE);
    list.add(Adler32.INSTANCE);
    list.add(Fletcher32.INSTANCE);
    list.add(Bz2.of(9));
    list.addAll(Bz2LzmaTest.lzmaCodecs());
    return list;
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** Decodes and checks that the outcome is a result within the limit or a CodecException. */
  private static void decodeSafely(BytesToBytesCodec codec, byte[] input, String what) {
    long before = allocatedBytes();
    try {
      ByteBuffer out = codec.decode(ByteBuffer.wrap(input), LIMIT);
      assertThat(out.remaining()).as(what).isLessThanOrEqualTo(LIMIT);
    } catch (CodecException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(codec + ": " + what + " threw " + e, e);
    }
    long used = allocatedBytes() - before;
    // the output, a growing copy of it, and for xz a dictionary of up to 64 MiB (see Lzma)
    long allowed = 4L * LIMIT + 16L * input.length + (codec instanceof Lzma ? 66L << 20 : 8L << 20);
    assertThat(used).as("%s: %s allocated", codec, what).isLessThan(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @Timeout(60)
  void randomBytesTruncationsAndBitFlips(BytesToBytesCodec codec) {
    SplittableRandom rnd = new SplittableRandom(codec.toString().hashCode());
    byte[] data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT64, 64_000, 8, rnd);
    if (codec.id().equals(BitRound.ID)) {
      data = CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 64_000, 4, rnd);
    }
    byte[] frame =
        CodecTestData.bytes(
            codec.id().equals(BitRound.ID)
                ? codec.encode(ByteBuffer.wrap(data), DataType.parse("<f4"))
                : codec.encode(ByteBuffer.wrap(data), 8));
    long start = System.nanoTime();
    int iterations = 0;
    while (System.nanoTime() - start < BUDGET_NANOS || iterations < 100) {
      iterations++;
      switch (rnd.nextInt(4)) {
        case 0 -> {
          byte[] junk = new byte[rnd.nextInt(3000)];
          rnd.nextBytes(junk);
          decodeSafely(codec, junk, "random bytes");
        }
        case 1 -> {
          int cut = rnd.nextInt(frame.length + 1);
          decodeSafely(codec, java.util.Arrays.copyOf(frame, cut), "truncated at " + cut);
        }
        case 2 -> {
          byte[] bad = frame.clone();
          for (int i = 1 + rnd.nextInt(4); i > 0 && bad.length > 0; i--) {
            int at =
                rnd.nextInt(4) == 0
                    ? rnd.nextInt(Math.min(32, bad.length))
                    : rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
          }
          decodeSafely(codec, bad, "bit flips");
        }
        default -> {
          byte[] bad = frame.clone();
          if (bad.length > 0) {
            bad[rnd.nextInt(Math.min(24, bad.length))] =
                (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt());
          }
          decodeSafely(codec, bad, "header byte");
        }
      }
    }
    assertThat(iterations).isGreaterThanOrEqualTo(100);
  }

  @Test
  void checksumsCatchEveryCorruption() {
    SplittableRandom rnd = new SplittableRandom(5);
    byte[] data = new byte[4096];
    rnd.nextBytes(data);
    for (BytesToBytesCodec c : List.of(Crc32.INSTANCE, Adler32.INSTANCE, Fletcher32.INSTANCE)) {
      byte[] frame = CodecTestData.bytes(c.encode(ByteBuffer.wrap(data), 1));
      for (int i = 0; i < 200; i++) {
        byte[] bad = frame.clone();
        bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
        assertThatThrownBy(() -> c.decode(ByteBuffer.wrap(bad), LIMIT))
            .isInstanceOf(CodecException.class)
            .hasMessageContaining("mismatch");
      }
    }
  }

  @Test
  void filtersRefuseOutputsBeyondTheLimit() {
    byte[] big = new byte[LIMIT / 4 + 8];
    assertThatThrownBy(() -> AsType.of("|i1", "<f8").decode(ByteBuffer.wrap(big), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> PackBits.INSTANCE.decode(ByteBuffer.wrap(big), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> PackBits.INSTANCE.decode(ByteBuffer.wrap(new byte[] {9, 0}), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("padding");
    assertThatThrownBy(() -> Delta.of("|i1", "<i8").decode(ByteBuffer.wrap(new byte[12]), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("12 bytes");
  }

  @Test
  void lzmaHeadersClaimingHugeSizesAreRefusedBeforeAllocating() {
    byte[] data = new byte[10_000];
    // .lzma header: uncompressed size 2^40 and a 4 GiB dictionary
    byte[] alone = CodecTestData.bytes(Lzma.of(2, -1, null, null).encode(ByteBuffer.wrap(data), 1));
    ByteBuffer.wrap(alone).order(ByteOrder.LITTLE_ENDIAN).putLong(5, 1L << 40);
    assertThatThrownBy(() -> Lzma.of(2, -1, null, null).decode(ByteBuffer.wrap(alone), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    ByteBuffer.wrap(alone).order(ByteOrder.LITTLE_ENDIAN).putLong(5, data.length).putInt(1, -1);
    long before = allocatedBytes();
    assertThat(
            CodecTestData.bytes(Lzma.of(2, -1, null, null).decode(ByteBuffer.wrap(alone), LIMIT)))
        .isEqualTo(data);
    assertThat(allocatedBytes() - before).isLessThan(16L << 20);
    // xz block header claiming a 4 GiB - 1 dictionary (props byte 40), header CRC fixed up
    byte[] xz = CodecTestData.bytes(Lzma.DEFAULT.encode(ByteBuffer.wrap(data), 1));
    int hdr = 12;
    int hdrSize = ((xz[hdr] & 0xFF) + 1) * 4;
    assertThat(xz[hdr + 2]).isEqualTo((byte) 0x21); // the LZMA2 filter id
    xz[hdr + 4] = 40;
    CRC32 crc = new CRC32();
    crc.update(xz, hdr, hdrSize - 4);
    ByteBuffer.wrap(xz)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(hdr + hdrSize - 4, (int) crc.getValue());
    long before2 = allocatedBytes();
    assertThatThrownBy(() -> Lzma.DEFAULT.decode(ByteBuffer.wrap(xz), LIMIT))
        .isInstanceOf(CodecException.class);
    assertThat(allocatedBytes() - before2).isLessThan(16L << 20);
  }

  @Test
  void bz2BombStopsAtTheLimit() {
    byte[] zeros = new byte[3 * LIMIT];
    byte[] frame = CodecTestData.bytes(Bz2.DEFAULT.encode(ByteBuffer.wrap(zeros), 1));
    assertThat(frame.length).isLessThan(10_000);
    long before = allocatedBytes();
    assertThatThrownBy(() -> Bz2.DEFAULT.decode(ByteBuffer.wrap(frame), LIMIT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
    assertThat(allocatedBytes() - before).isLessThan(4L * LIMIT + (8L << 20));
  }
}
