package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The process scenario's {@code --pause}: its default, values taken, and values refused. */
class ProcessBenchOptionsTest {

  @Test
  void pausesThreeSecondsUnlessTold() {
    assertThat(ProcessBench.Options.parse(new String[] {"--scenario", "process"}).pause)
        .isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.5", "7"})
  void takesAnyPauseOfZeroOrMoreSeconds(String seconds) {
    ProcessBench.Options o = ProcessBench.Options.parse(new String[] {"--pause", seconds});
    assertThat(o.pause).isEqualTo(Double.parseDouble(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-0.001", "NaN"})
  void refusesANegativeOrUndefinedPauseNamingIt(String seconds) {
    assertThatThrownBy(() -> ProcessBench.Options.parse(new String[] {"--pause", seconds}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--pause")
        .hasMessageContaining(String.valueOf(Double.parseDouble(seconds)));
  }
}
