package eu.opeva.coordinator.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, or {@link #NONE}. {@code max} below 0: the total is not known. */
interface Progress extends AutoCloseable {
  Progress NONE =
      new Progress() {
        @Override
        public void to(long current, String message) {}

        @Override
        public void close() {}
      };

  /** Progress so far, with a short note (a phase, a building); null for none. */
  void to(long current, String message);

  default void max(long max) {}

  @Override
  void close();

  static Progress bar(
      PrintStream err, boolean colours, String task, long max, String unit, long unitSize) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(
                colours ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .setUpdateIntervalMillis(200)
            .setUnit(unit, unitSize)
            .continuousUpdate();
    if (unitSize > 1) {
      b.showSpeed(new java.text.DecimalFormat("0.0"));
    }
    ProgressBar bar = b.build();
    return new Progress() {
      @Override
      public void to(long current, String message) {
        bar.stepTo(current);
        if (message != null) {
          bar.setExtraMessage(message);
        }
      }

      @Override
      public void max(long m) {
        bar.maxHint(m);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
