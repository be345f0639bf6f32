package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.chaos.ChaosReport;
import eu.opeva.coordinator.chaos.ChaosRun;
import eu.opeva.coordinator.chaos.ChaosSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of {@code scripts/chaos}: the same driver against a real coordinator and three
 * real agents, with fewer kills, in about a minute and a half. CHAOS_SEED picks another seed.
 */
@DisplayName("Fault injection: real processes SIGKILLed at random moments keep every invariant")
class ChaosTest {
  private static final long SEED = 20261201L;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  @DisplayName(
      "45 s of mixed work with coordinator and agent kills and storage faults, then every job ends"
          + " as the invariants require")
  void shortChaosRun(@TempDir Path tmp) throws Exception {
    String env = System.getenv("CHAOS_SEED");
    long seed = env == null || env.isBlank() ? SEED : Long.parseLong(env.trim());
    ChaosReport report = new ChaosRun(ChaosSettings.shortRun(seed, tmp), System.out::println).run();
    System.out.println(report.render());
    assertThat(report.passed()).as(report.render()).isTrue();
  }
}
