package dev.zarr4j.testutil;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code ../shared/fixtures} (data written by other Zarr implementations) is, if present. */
public final class SharedFixtures {
  private SharedFixtures() {}

  /**
   * The fixtures directory, found from the working directory upwards (a module's directory or the
   * project's), or {@code null} when there is none.
   */
  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path candidate = p.resolve("shared/fixtures/manifest.json");
      if (Files.isRegularFile(candidate)) {
        return candidate.getParent();
      }
      p = p.getParent();
    }
    return null;
  }
}
