package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts child JVMs in which the native libraries cannot load (an unknown {@code os.arch} makes
 * zstd-jni and lz4-java fail with {@link UnsatisfiedLinkError}) and checks that the codecs fall
 * back to pure Java on their own and still work.
 */
class NativeFallbackTest {

  private static String run(String... jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    cmd.add("-Xmx512m");
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(NativeFallbackProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void fallsBackToPureJavaWhenNativesCannotLoad() throws Exception {
    String out = run("-Dos.arch=zarr4j-unknown-arch");
    assertThat(out)
        .contains("backend: zstd=pure-java, lz4=pure-java")
        .contains("auto: zstd=pure-java, lz4=pure-java")
        .contains("round trips ok");
  }

  @Test
  void theSystemPropertyForcesPureJava() throws Exception {
    String out = run("-Dzarr4j.codecs.pureJava=true");
    assertThat(out)
        .contains("backend: zstd=pure-java, lz4=pure-java (pure Java asked for)")
        .contains("round trips ok");
    // options given per call override the process default: AUTO still uses what loaded
    String zstd =
        CodecBackend.isNativeAvailable(CodecBackend.Library.ZSTD) ? "native" : "pure-java";
    String lz4 = CodecBackend.isNativeAvailable(CodecBackend.Library.LZ4) ? "native" : "pure-java";
    assertThat(out).contains("auto: zstd=" + zstd + ", lz4=" + lz4 + "\n");
  }
}
