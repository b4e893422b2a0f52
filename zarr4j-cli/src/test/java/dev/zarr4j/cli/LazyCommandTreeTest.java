package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A run registers only the subcommand it names (or none, for {@code --version}): what it prints
 * must be what the whole command tree would print.
 */
class LazyCommandTreeTest {
  @TempDir Path dir;

  /** Every subcommand, registered all at once as the top-level help does. */
  private static CommandLine fullTree() {
    CommandLine full = Main.commandLine(new Main(), new String[0]);
    full.setCaseInsensitiveEnumValuesAllowed(true);
    return full;
  }

  static Stream<String> names() {
    return fullTree().getSubcommands().keySet().stream()
        .filter(n -> !n.equals("help") && !n.equals("generate-completion"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void aCommandsHelpIsTheWholeTreesHelp(String name) {
    assertThat(Main.commandLine(new Main(), new String[] {name, "--help"}).getSubcommands())
        .containsOnlyKeys(name);
    Run r = Run.inProcess(dir, name, "--help").ok();
    assertThat(r.out()).isEqualTo(fullTree().getSubcommands().get(name).getUsageMessage());
  }

  /** Seeded malformed command lines: the error line is the one the whole tree's parser gives. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void usageErrorsAreTheWholeTreesErrors(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> names = names().toList();
    for (int i = 0; i < 12; i++) {
      String name = names.get(random.nextInt(names.size()));
      List<String> args = new ArrayList<>();
      if (random.nextBoolean()) {
        args.add(random.nextBoolean() ? "-q" : "--verbose");
      }
      args.add(name);
      CommandLine sub = fullTree().getSubcommands().get(name);
      List<OptionSpec> withValues =
          sub.getCommandSpec().options().stream().filter(o -> o.arity().min() > 0).toList();
      switch (random.nextInt(3)) {
        case 0 -> args.add("--no-such-option-" + random.nextInt(1000));
        case 1 -> {
          args.add("x" + random.nextInt(1000));
          args.add("--no-such-option-" + random.nextInt(1000));
        }
        default -> {
          if (withValues.isEmpty()) {
            args.add("--no-such-option");
          } else {
            args.add(withValues.get(random.nextInt(withValues.size())).longestName());
          }
        }
      }
      String[] a = args.toArray(String[]::new);
      String expected;
      try {
        fullTree().parseArgs(a);
        throw new AssertionError("the whole tree accepted " + args);
      } catch (CommandLine.ParameterException e) {
        String q = e.getCommandLine().getCommandSpec().qualifiedName();
        expected =
            q
                + ": "
                + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ")
                + " (see '"
                + q
                + " --help')";
      }
      Run r = Run.inProcess(dir, a);
      assertThat(r.status()).as(r.toString()).isEqualTo(2);
      // (--verbose adds the stack trace after the line)
      assertThat(r.err().lines().findFirst()).as(String.join(" ", args)).contains(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void theVersionAloneRegistersNoSubcommand(String option) {
    assertThat(Main.commandLine(new Main(), new String[] {option}).getSubcommands()).isEmpty();
    assertThat(Run.inProcess(dir, option).ok().out()).startsWith("zarr4j ").contains("\nJava ");
  }
}
