package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.internal.codec.NativeSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodecBackendTest {

  @AfterEach
  void reset() {
    CodecBackend.setPureJavaForced(false);
  }

  @Test
  void forcingPureJavaSwitchesEveryLibrary() {
    CodecBackend.setPureJavaForced(true);
    assertThat(CodecBackend.isPureJavaForced()).isTrue();
    assertThat(CodecBackend.usesNative(CodecBackend.Library.ZSTD)).isFalse();
    assertThat(CodecBackend.usesNative(CodecBackend.Library.LZ4)).isFalse();
    assertThat(NativeSupport.useNativeZstd()).isFalse();
    assertThat(NativeSupport.useNativeLz4()).isFalse();
    assertThat(CodecBackend.describe()).contains("zstd=pure-java", "lz4=pure-java", "forced");
    CodecBackend.setPureJavaForced(false);
    for (CodecBackend.Library lib : CodecBackend.Library.values()) {
      assertThat(CodecBackend.usesNative(lib)).isEqualTo(CodecBackend.isNativeAvailable(lib));
    }
  }

  @Test
  void loaderFailuresFallBackInsteadOfPropagating() {
    assertThat(
            NativeSupport.probe(
                "missing",
                () -> {
                  throw new UnsatisfiedLinkError("no libfoo in java.library.path");
                }))
        .isFalse();
    assertThat(
            NativeSupport.probe(
                "broken init",
                () -> {
                  throw new ExceptionInInitializerError(new IllegalStateException("boom"));
                }))
        .isFalse();
    assertThat(
            NativeSupport.probe(
                "no class",
                () -> {
                  throw new NoClassDefFoundError("com/github/luben/zstd/Zstd");
                }))
        .isFalse();
    assertThat(NativeSupport.probe("self-test mismatch", () -> false)).isFalse();
    assertThat(NativeSupport.probe("fine", () -> true)).isTrue();
  }

  @Test
  void reportsNativeAvailabilityOnThisPlatform() {
    // Linux x86-64 and aarch64 have bundled natives for both libraries; elsewhere this only
    // documents what was found.
    String arch = System.getProperty("os.arch");
    if (System.getProperty("os.name").startsWith("Linux")
        && (arch.equals("amd64") || arch.equals("aarch64"))) {
      assertThat(CodecBackend.isNativeAvailable(CodecBackend.Library.ZSTD)).isTrue();
      assertThat(CodecBackend.isNativeAvailable(CodecBackend.Library.LZ4)).isTrue();
    }
  }
}
