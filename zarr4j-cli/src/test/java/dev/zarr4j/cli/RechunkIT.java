package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' column-to-row rechunk of an array 4 times larger than the budget, in a JVM whose heap
 * is half the array: zarr-python wrote the source and reads the result as equal to it.
 */
class RechunkIT {
  @TempDir Path dir;

  @Test
  void columnsToRowsInBoundedMemory() {
    ZarrPython.require();
    ZarrPython.Result made =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, numpy as np, sys; z = zarr.open(sys.argv[1] + '/col.zarr',"
                    + " mode='w', shape=(2048, 8192), chunks=(2048, 16), dtype='<f4');"
                    + " z[:] = np.random.default_rng(3).normal(size=(2048, 8192)).astype('<f4');"
                    + " z.attrs['units'] = 'K'",
                dir.toString()),
            300);
    assertThat(made.exitCode()).as(made.output()).isZero();
    // 64 MiB of data; a 16 MiB budget; a 32 MiB heap
    Run r =
        Run.jar(
                dir,
                List.of("-Xmx32m"),
                600,
                "rechunk",
                "col.zarr",
                "row.zarr",
                "--chunks",
                "16,-1",
                "--budget",
                "16M",
                "--no-progress")
            .ok();
    assertThat(r.out()).contains("chunks (2048, 16) -> (16, 8192)");
    ZarrPython.Result checked =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, numpy as np, sys; d = sys.argv[1];"
                    + " a = zarr.open(d + '/col.zarr', mode='r');"
                    + " b = zarr.open(d + '/row.zarr', mode='r');"
                    + " print(b.chunks, b.dtype, b.compressor == a.compressor, dict(b.attrs),"
                    + " b.nchunks_initialized, np.array_equal(a[:], b[:]))",
                dir.toString()),
            300);
    assertThat(checked.exitCode()).as(checked.output()).isZero();
    assertThat(checked.output().strip())
        .isEqualTo("(16, 8192) float32 True {'units': 'K'} 128 True");
  }
}
