package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.internal.codec.NativeSupport;
import org.junit.jupiter.api.Test;

/**
 * What per-call {@link CodecOptions} report about the path a call takes; nothing here changes
 * process-wide state.
 */
class CodecBackendTest {

  @Test
  void pureJavaOptionsUseNoNativeLibrary() {
    CodecOptions pure = CodecOptions.PURE_JAVA;
    assertThat(pure.pureJava()).isTrue();
    assertThat(pure.usesNative(CodecBackend.Library.ZSTD)).isFalse();
    assertThat(pure.usesNative(CodecBackend.Library.LZ4)).isFalse();
    assertThat(NativeSupport.useNativeZstd(pure.pureJava())).isFalse();
    assertThat(NativeSupport.useNativeLz4(pure.pureJava())).isFalse();
    assertThat(CodecBackend.describe(pure))
        .isEqualTo("zstd=pure-java, lz4=pure-java (pure Java asked for)");
    assertThat(new CodecOptions(true)).isEqualTo(pure);
  }

  @Test
  void autoOptionsUseEveryNativeLibraryThatLoaded() {
    CodecOptions auto = CodecOptions.AUTO;
    assertThat(auto.pureJava()).isFalse();
    for (CodecBackend.Library lib : CodecBackend.Library.values()) {
      assertThat(auto.usesNative(lib)).as("%s", lib).isEqualTo(CodecBackend.isNativeAvailable(lib));
    }
    assertThat(NativeSupport.useNativeZstd(auto.pureJava()))
        .isEqualTo(CodecBackend.isNativeAvailable(CodecBackend.Library.ZSTD));
    assertThat(NativeSupport.useNativeLz4(auto.pureJava()))
        .isEqualTo(CodecBackend.isNativeAvailable(CodecBackend.Library.LZ4));
    String zstd =
        CodecBackend.isNativeAvailable(CodecBackend.Library.ZSTD) ? "native" : "pure-java";
    String lz4 = CodecBackend.isNativeAvailable(CodecBackend.Library.LZ4) ? "native" : "pure-java";
    assertThat(CodecBackend.describe(auto)).isEqualTo("zstd=" + zstd + ", lz4=" + lz4);
    assertThat(new CodecOptions(false)).isEqualTo(auto);
  }

  @Test
  void optionsAreIndependentOfEachOther() {
    // asking one call for pure Java leaves what other options report unchanged
    String auto = CodecBackend.describe(CodecOptions.AUTO);
    boolean[] nativeBefore = new boolean[CodecBackend.Library.values().length];
    for (CodecBackend.Library lib : CodecBackend.Library.values()) {
      nativeBefore[lib.ordinal()] = CodecOptions.AUTO.usesNative(lib);
    }
    assertThat(CodecBackend.describe(CodecOptions.PURE_JAVA)).contains("pure Java asked for");
    assertThat(CodecBackend.describe(CodecOptions.AUTO)).isEqualTo(auto);
    for (CodecBackend.Library lib : CodecBackend.Library.values()) {
      assertThat(CodecOptions.AUTO.usesNative(lib)).isEqualTo(nativeBefore[lib.ordinal()]);
      assertThat(CodecOptions.PURE_JAVA.usesNative(lib)).isFalse();
    }
  }

  @Test
  void processDefaultFollowsTheSystemProperty() {
    // the child-JVM runs of NativeFallbackTest check -Dzarr4j.codecs.pureJava=true itself
    boolean asked =
        Boolean.parseBoolean(System.getProperty(CodecOptions.PURE_JAVA_PROPERTY, "false").trim());
    assertThat(CodecOptions.processDefault())
        .isSameAs(asked ? CodecOptions.PURE_JAVA : CodecOptions.AUTO);
    assertThat(CodecBackend.describe(CodecOptions.processDefault()))
        .isEqualTo(CodecBackend.describe(asked ? CodecOptions.PURE_JAVA : CodecOptions.AUTO));
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
