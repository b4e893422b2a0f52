package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object arrays zarr-python wrote with each object codec (vlen-utf8, vlen-bytes, vlen-array, json,
 * msgpack) go out through {@code zarr4j export} as JSON and back in through {@code zarr4j import}
 * ({@code java -jar}); zarr-python then finds the same codec and the same elements.
 */
class ObjectJsonInteropIT {
  @TempDir Path dir;

  @Test
  void objectArraysRoundTripThroughJson() {
    ZarrPython.require();
    Path script = ZarrPython.script("/interop/object_json.py", dir);
    ZarrPython.Result made =
        ZarrPython.run(List.of(script.toString(), "make", dir.toString()), 120);
    assertThat(made.exitCode()).as(made.output()).isZero();
    List<String> names = List.of("utf8", "bytes", "ragged", "json", "msgpack");
    for (String name : names) {
      Run.jar(dir, List.of(), 120, "export", name + ".zarr", name + ".json", "--no-progress").ok();
      Run.jar(dir, List.of(), 120, "import", name + ".json", name + "-back.zarr", "--no-progress")
          .ok();
    }
    ZarrPython.Result checked =
        ZarrPython.run(List.of(script.toString(), "check", dir.toString()), 120);
    assertThat(checked.exitCode()).as(checked.output()).isZero();
    for (String name : names) {
      assertThat(checked.output()).contains("OK " + name);
    }
  }
}
