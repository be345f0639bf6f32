package eu.opeva.coordinator.chaos;

import java.nio.file.Path;

/**
 * {@code scripts/chaos}: one fault-injection run with the settings of the {@code CHAOS_*}
 * environment (see {@link ChaosSettings}); prints the summary and every invariant, and exits 1 when
 * one is broken (2 when the run itself could not be carried out).
 */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] args) {
    long seed = System.nanoTime() ^ System.currentTimeMillis();
    ChaosSettings settings =
        ChaosSettings.fromEnv(
            System.getenv(),
            Math.abs(seed % 1_000_000_000L),
            Path.of(System.getProperty("java.io.tmpdir")));
    int code;
    try {
      ChaosReport report = new ChaosRun(settings, System.out::println).run();
      System.out.println(report.render());
      code = report.passed() ? 0 : 1;
    } catch (Exception e) {
      System.out.println(
          "chaos: the run could not be carried out (seed " + settings.seed() + "): " + e);
      e.printStackTrace(System.out);
      code = 2;
    }
    System.out.flush();
    System.exit(code);
  }
}
