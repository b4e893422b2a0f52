package dev.zarr4j.codec.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known checksum values, layouts, round trips and mismatch reports. */
class ChecksumTest {
  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  private static int le(byte[] a, int off) {
    return ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getInt(off);
  }

  @Test
  void knownValuesAndLayouts() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    byte[] crc = bytes(Crc32.INSTANCE.encode(ByteBuffer.wrap(check), 1));
    assertThat(le(crc, 0)).isEqualTo(0xCBF43926); // the CRC-32 check value, stored first
    assertThat(java.util.Arrays.copyOfRange(crc, 4, 13)).isEqualTo(check);
    byte[] wiki = "Wikipedia".getBytes(StandardCharsets.US_ASCII);
    assertThat(le(bytes(Adler32.INSTANCE.encode(ByteBuffer.wrap(wiki), 1)), 0))
        .isEqualTo(0x11E60398);
    // Fletcher-32 as HDF5 / numcodecs 0.12 compute it (big-endian 16-bit words), stored last;
    // values from a line-by-line Python transcription of numcodecs 0.12's fletcher32.pyx
    byte[] abcde = "abcde".getBytes(StandardCharsets.US_ASCII);
    byte[] f = bytes(Fletcher32.INSTANCE.encode(ByteBuffer.wrap(abcde), 1));
    assertThat(java.util.Arrays.copyOf(f, 5)).isEqualTo(abcde);
    assertThat(le(f, 5)).isEqualTo(0x4ff029c7);
    assertThat(Fletcher32.fletcher32("abcdef".getBytes(StandardCharsets.US_ASCII), 0, 6))
        .isEqualTo(0x50562a2d);
    byte[] ramp = new byte[2560];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = (byte) i;
    }
    assertThat(Fletcher32.fletcher32(ramp, 0, ramp.length)).isEqualTo(0xf0fa827d);
    byte[] ones = new byte[5001];
    java.util.Arrays.fill(ones, (byte) 0xFF);
    assertThat(Fletcher32.fletcher32(ones, 0, ones.length)).isEqualTo(0xff00ff00);
    assertThat(Fletcher32.fletcher32(new byte[0], 0, 0)).isZero();
  }

  @Test
  void roundTripsConfigsAndReprs() {
    SplittableRandom rnd = new SplittableRandom(77);
    for (Checksum32 c : List.of(Crc32.INSTANCE, Adler32.INSTANCE, Fletcher32.INSTANCE)) {
      assertThat(CodecRegistry.fromConfig(Map.of("id", c.id()))).isSameAs(c);
      assertThat(c.toConfig()).isEqualTo(Map.of("id", c.id()));
      for (int n : new int[] {0, 1, 2, 3, 719, 720, 721, 100_000}) {
        byte[] raw = new byte[n];
        rnd.nextBytes(raw);
        byte[] enc = bytes(c.encode(ByteBuffer.wrap(raw), 4));
        assertThat(enc).hasSize(n + 4);
        assertThat(bytes(c.decode(ByteBuffer.wrap(enc), n))).isEqualTo(raw);
      }
    }
    assertThat(Crc32.INSTANCE.toString()).isEqualTo("CRC32()");
    assertThat(Adler32.INSTANCE.toString()).isEqualTo("Adler32()");
    assertThat(Fletcher32.INSTANCE.toString()).isEqualTo("Fletcher32()");
    assertThatThrownBy(() -> CodecRegistry.fromConfig(Map.of("id", "crc32", "location", "end")))
        .hasMessageContaining("location");
  }

  @Test
  void mismatchNamesCodecAndBothChecksums() {
    byte[] raw = "some chunk bytes".getBytes(StandardCharsets.US_ASCII);
    for (Checksum32 c : List.of(Crc32.INSTANCE, Adler32.INSTANCE, Fletcher32.INSTANCE)) {
      byte[] enc = bytes(c.encode(ByteBuffer.wrap(raw), 1));
      int dataByte = c == Fletcher32.INSTANCE ? 3 : 7;
      enc[dataByte] ^= 0x10;
      assertThatThrownBy(() -> c.decode(ByteBuffer.wrap(enc), 1000))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining(c.toString().replace("()", ""))
          .hasMessageContaining("mismatch")
          .hasMessageMatching("(?s).*stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}.*");
      assertThatThrownBy(() -> c.decode(ByteBuffer.wrap(new byte[3]), 1000))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("shorter");
      assertThatThrownBy(() -> c.decode(ByteBuffer.wrap(enc), 5))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("limit");
    }
  }
}
