package dev.zarr4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error, shown only when the user is at a terminal (so standard output
 * stays clean and pipes, logs and tests see nothing).
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Starts a bar counting elements.
   *
   * @param task the label
   * @param total the number of elements
   * @param wanted false when the user turned bars off
   */
  static Progress start(String task, long total, boolean wanted) {
    if (!wanted || System.console() == null || total <= 0) {
      return new Progress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
            .clearDisplayOnFinish()
            .build();
    return new Progress(bar);
  }

  /** Records how many elements are done. */
  void update(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
