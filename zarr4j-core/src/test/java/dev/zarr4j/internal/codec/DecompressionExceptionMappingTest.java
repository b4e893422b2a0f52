package dev.zarr4j.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.lz4.Lz4BlockDecoder;
import dev.zarr4j.compression.zstd.ZstdDecoder;
import dev.zarr4j.compression.zstd.ZstdFrames;
import dev.zarr4j.exceptions.CodecException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * On the pure-Java path (asked for per call: the glue's trailing {@code pureJava} argument is
 * {@code true}), the compression library's {@link DecompressionException} reaches zarr4j's callers
 * as a {@link CodecException} with the same message, the library's exception as its cause.
 */
class DecompressionExceptionMappingTest {
  /** A zstd frame header with the reserved bit set. */
  private static final byte[] RESERVED_BIT = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x08, 0x50};

  /** Every call here asks for the pure-Java path. */
  private static final boolean PURE_JAVA = true;

  /** The library's exception for {@code direct}, and the same message from {@code glue}. */
  private static void assertMapped(ThrowingCallable direct, ThrowingCallable glue) {
    Throwable expected = catchThrowable(direct);
    assertThat(expected).isInstanceOf(DecompressionException.class);
    assertThatThrownBy(glue)
        .isInstanceOf(CodecException.class)
        .hasMessage(expected.getMessage())
        .cause()
        .isInstanceOf(DecompressionException.class)
        .hasMessage(expected.getMessage());
  }

  @Test
  void lz4() {
    byte[] bad = {0x30, 1}; // three literals announced, one present
    assertMapped(
        () -> Lz4BlockDecoder.decode(bad, 0, bad.length, new byte[8], 0, 8, "key 1.2"),
        () ->
            Lz4Block.decompressExact(bad, 0, bad.length, new byte[8], 0, 8, "key 1.2", PURE_JAVA));
  }

  @Test
  void zstd() {
    byte[] bad = RESERVED_BIT;
    assertMapped(
        () -> new ZstdDecoder().decode(bad, 0, bad.length, new byte[8], 0, 8, "key 1.2"),
        () ->
            ZstdBlock.decompressExact(bad, 0, bad.length, new byte[8], 0, 8, "key 1.2", PURE_JAVA));
    assertMapped(
        () -> new ZstdDecoder().decodeGrowing(bad, 0, bad.length, 100, "key 1.2"),
        () -> ZstdBlock.decompressStreaming(bad, 0, bad.length, 100, "key 1.2", PURE_JAVA));
    assertMapped(
        () -> ZstdFrames.contentSize(bad, 0, bad.length, "key 1.2"),
        () -> ZstdBlock.contentSize(bad, 0, bad.length, "key 1.2"));
  }

  /**
   * With {@code pureJava} false and the native library loaded, the native decoder fails instead.
   */
  @Test
  void theFlagChoosesThePathPerCall() {
    byte[] bad = {0x30, 1};
    if (NativeSupport.useNativeLz4(false)) {
      assertThatThrownBy(
              () -> Lz4Block.decompressExact(bad, 0, bad.length, new byte[8], 0, 8, "k", false))
          .isInstanceOf(CodecException.class)
          .cause()
          .isNotInstanceOf(DecompressionException.class);
    }
    if (NativeSupport.useNativeZstd(false)) {
      assertThatThrownBy(
              () ->
                  ZstdBlock.decompressExact(
                      RESERVED_BIT, 0, RESERVED_BIT.length, new byte[8], 0, 8, "k", false))
          .isInstanceOf(CodecException.class)
          .cause()
          .isNotInstanceOf(DecompressionException.class);
    }
    // and the pure-Java call right after is not affected by the native one
    assertThatThrownBy(
            () -> Lz4Block.decompressExact(bad, 0, bad.length, new byte[8], 0, 8, "k", PURE_JAVA))
        .cause()
        .isInstanceOf(DecompressionException.class);
  }
}
