package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV with NumPy both ways ({@code java -jar}): NumPy's {@code loadtxt} reads what {@code export}
 * writes from zarr-python's arrays as equal to zarr-python's own selection, and {@code import}
 * reads what NumPy's {@code savetxt} writes as equal to the array NumPy saved.
 */
class CsvInteropIT {
  @TempDir Path dir;

  @Test
  void csvGoesBothWaysWithNumPy() {
    ZarrPython.require();
    ZarrPython.Result made =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, numpy as np, sys; d = sys.argv[1] + '/';"
                    + " z = zarr.open(d + 'f.zarr', mode='w', shape=(40, 9), chunks=(7, 4),"
                    + " dtype='<f4'); a = np.random.default_rng(5).normal(size=(40, 9))"
                    + ".astype('<f4'); a[3, 3] = np.nan; a[4, 4] = -np.inf; z[:] = a;"
                    + " i = zarr.open(d + 'i.zarr', mode='w', shape=(25,), chunks=(6,),"
                    + " dtype='<i8'); i[:] = np.arange(25) * -37;"
                    + " np.savetxt(d + 'np.csv', np.random.default_rng(6).normal(size=(6, 3)),"
                    + " delimiter=',', fmt='%r');"
                    + " np.savetxt(d + 'npi.csv', np.arange(12).reshape(4, 3), delimiter=',',"
                    + " fmt='%d')",
                dir.toString()),
            60);
    assertThat(made.exitCode()).as(made.output()).isZero();
    Run.jar(dir, List.of(), 120, "export", "f.zarr", "f.csv", "--select", "1::3, ::2").ok();
    Run.jar(dir, List.of(), 120, "export", "i.zarr", "i.csv").ok();
    Run.jar(dir, List.of(), 120, "import", "np.csv", "np.zarr", "--no-progress").ok();
    Run.jar(dir, List.of(), 120, "import", "npi.csv", "npi.zarr", "--no-progress").ok();
    ZarrPython.Result checked =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, numpy as np, sys; d = sys.argv[1] + '/';"
                    + " f = np.loadtxt(d + 'f.csv', delimiter=',', dtype='<f4');"
                    + " print(np.array_equal(f, zarr.open(d + 'f.zarr')[1::3, ::2],"
                    + " equal_nan=True));"
                    + " print(np.array_equal(np.loadtxt(d + 'i.csv', dtype='<i8'),"
                    + " zarr.open(d + 'i.zarr')[:]));"
                    + " n = zarr.open(d + 'np.zarr'); print(n.dtype,"
                    + " np.array_equal(n[:], np.loadtxt(d + 'np.csv', delimiter=',')));"
                    + " m = zarr.open(d + 'npi.zarr'); print(m.dtype,"
                    + " np.array_equal(m[:], np.arange(12).reshape(4, 3)))",
                dir.toString()),
            60);
    assertThat(checked.exitCode()).as(checked.output()).isZero();
    assertThat(checked.output().strip().lines().toList())
        .containsExactly("True", "True", "float64 True", "int64 True");
  }
}
