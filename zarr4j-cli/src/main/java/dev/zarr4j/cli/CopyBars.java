package dev.zarr4j.cli;

import dev.zarr4j.convenience.CopyProgress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar per array while {@code copy} or {@code convert} copies its chunks (on standard
 * error at a terminal only, as every bar; see {@link Progress}).
 */
final class CopyBars implements CopyProgress {
  private final String command;
  private final boolean wanted;
  private final AtomicLong done = new AtomicLong();
  private volatile Progress bar;

  CopyBars(String command, boolean wanted) {
    this.command = command;
    this.wanted = wanted;
  }

  @Override
  public void arrayStarted(String path, long chunks) {
    done.set(0);
    bar = Progress.start(command + " " + Nodes.describe(path), chunks, wanted);
  }

  @Override
  public void chunksCopied(long n) {
    Progress b = bar;
    if (b != null) {
      b.update(done.addAndGet(n));
    }
  }

  @Override
  public void arrayFinished(String path) {
    Progress b = bar;
    bar = null;
    if (b != null) {
      b.close();
    }
  }
}
