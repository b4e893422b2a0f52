package dev.zarr4j.codec.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Zarr v3's crc32c: known value, layout, round trips, configs, exact sizes, mismatches. */
class Crc32cTest {
  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  @Test
  void checkValueFollowsTheDataLittleEndian() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    byte[] enc = bytes(Crc32c.INSTANCE.encode(ByteBuffer.wrap(check), 1));
    assertThat(enc).hasSize(13);
    assertThat(Arrays.copyOf(enc, 9)).isEqualTo(check);
    // the CRC-32C (Castagnoli) check value
    assertThat(ByteBuffer.wrap(enc).order(ByteOrder.LITTLE_ENDIAN).getInt(9)).isEqualTo(0xE3069283);
    assertThat(bytes(Crc32c.INSTANCE.encode(ByteBuffer.allocate(0), 1)))
        .containsExactly(0, 0, 0, 0);
  }

  @Test
  void roundTripsRandomBytes() {
    SplittableRandom rnd = new SplittableRandom(3232);
    for (int n : new int[] {0, 1, 3, 4, 5, 63, 64, 65, 4096, 100_003}) {
      byte[] raw = new byte[n];
      rnd.nextBytes(raw);
      ByteBuffer enc = Crc32c.INSTANCE.encode(ByteBuffer.wrap(raw), BytesSpec.unbounded(), null);
      assertThat(enc.remaining()).isEqualTo(n + 4);
      ByteBuffer dec =
          Crc32c.INSTANCE.decode(
              enc, BytesSpec.exactly(n, DataType.UINT8), CodecOptions.processDefault());
      assertThat(bytes(dec)).isEqualTo(raw);
    }
  }

  @Test
  void v3AndNumcodecsConfigs() {
    assertThat(CodecRegistry.fromV3Config("crc32c")).isSameAs(Crc32c.INSTANCE);
    assertThat(CodecRegistry.fromV3Config(Map.of("name", "crc32c"))).isSameAs(Crc32c.INSTANCE);
    assertThat(CodecRegistry.fromV3Config(Map.of("name", "crc32c", "configuration", Map.of())))
        .isSameAs(Crc32c.INSTANCE);
    assertThat(Crc32c.INSTANCE.toV3Config()).isEqualTo(Map.of("name", "crc32c"));
    assertThat(CodecRegistry.knownV3Names()).contains("crc32c");
    assertThatThrownBy(
            () ->
                CodecRegistry.fromV3Config(
                    Map.of("name", "crc32c", "configuration", Map.of("location", "end"))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("crc32c")
        .hasMessageContaining("location");
    // numcodecs' CRC32C: checksum at the end by default, as v3's
    assertThat(CodecRegistry.fromConfig(Map.of("id", "crc32c"))).isSameAs(Crc32c.INSTANCE);
    assertThat(CodecRegistry.fromConfig(Map.of("id", "crc32c", "location", "end")))
        .isSameAs(Crc32c.INSTANCE);
    assertThat(CodecRegistry.fromV3Config(Map.of("name", "numcodecs.crc32c")))
        .isSameAs(Crc32c.INSTANCE);
    assertThatThrownBy(() -> CodecRegistry.fromConfig(Map.of("id", "crc32c", "location", "start")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("location")
        .hasMessageContaining("'start'");
    assertThat(Crc32c.INSTANCE.toConfig()).isEqualTo(Map.of("id", "crc32c"));
    assertThat(Crc32c.INSTANCE).hasToString("CRC32C()");
  }

  @Test
  void exactSizesStayExact() {
    BytesSpec in = BytesSpec.exactly(160, DataType.parse("<u8"));
    BytesSpec out = Crc32c.INSTANCE.resolve(in);
    assertThat(out.exact()).isTrue();
    assertThat(out.maxSize()).isEqualTo(164);
    assertThat(Crc32c.INSTANCE.resolve(BytesSpec.unbounded()).isBounded()).isFalse();
  }

  @Test
  void mismatchIsReported() {
    byte[] raw = "a shard index, say".getBytes(StandardCharsets.US_ASCII);
    byte[] enc = bytes(Crc32c.INSTANCE.encode(ByteBuffer.wrap(raw), 1));
    enc[2] ^= 1;
    assertThatThrownBy(() -> Crc32c.INSTANCE.decode(ByteBuffer.wrap(enc), 1000))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("crc32c checksum mismatch")
        .hasMessageMatching("(?s).*stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}.*");
    assertThatThrownBy(() -> Crc32c.INSTANCE.decode(ByteBuffer.wrap(new byte[2]), 1000))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("shorter");
  }
}
