package eu.opeva.coordinator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.Staleness.Action;
import eu.opeva.coordinator.domain.Staleness.Decision;
import eu.opeva.coordinator.domain.Staleness.HostView;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.settings.SettingsLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Staleness rules, with fixed times and every rule measured from the coordinator's start")
class StalenessTest {
  // TTLs: status 300 s, claim 300 s, heartbeat 60 s + grace 120 s.
  private final Staleness rules =
      new Staleness(SettingsLoader.load(Optional.empty(), Map.of("VM_SHARED_DATA", "/tmp/x")));
  private static final long START = 1_000_000_000L;

  private static ActiveJob job(JobStatus status, long updatedAt, Long dispatchedAt) {
    return new ActiveJob(
        "j", status, 1, 3, "cpu", "w", "w", updatedAt, updatedAt, dispatchedAt, null);
  }

  private static HostView seen(long at) {
    return new HostView(at, null, null);
  }

  @Test
  @DisplayName("a running job without a status for longer than the TTL is failed as stale_status")
  void staleRunning() {
    ActiveJob running = job(JobStatus.RUNNING, START, START);
    assertThat(rules.decide(running, seen(START + 299_000), START, START + 300_000)).isEmpty();
    assertThat(rules.decide(running, seen(START + 300_000), START, START + 300_001))
        .contains(new Decision(Action.FAIL, Mark.STALE_STATUS, "stale_status"));
  }

  @Test
  @DisplayName("a stale dispatched job is requeued, and an unacknowledged claim expires")
  void staleDispatched() {
    ActiveJob dispatched = job(JobStatus.DISPATCHED, START, START);
    assertThat(rules.decide(dispatched, seen(START + 300_000), START, START + 300_001))
        .contains(new Decision(Action.REQUEUE, Mark.STALE_STATUS, null));
  }

  @Test
  @DisplayName(
      "a worker silent for longer than TTL + grace loses its jobs: dispatched requeued, running failed")
  void workerOffline() {
    long now = START + 181_000;
    ActiveJob running = job(JobStatus.RUNNING, now - 1_000, START);
    ActiveJob dispatched = job(JobStatus.DISPATCHED, now - 1_000, now - 1_000);
    assertThat(rules.decide(running, seen(START), START, now))
        .contains(new Decision(Action.FAIL, Mark.WORKER_OFFLINE, "worker_offline"));
    assertThat(rules.decide(dispatched, seen(START), START, now))
        .contains(new Decision(Action.REQUEUE, Mark.WORKER_OFFLINE, null));
    assertThat(rules.decide(running, seen(now - 179_000), START, now)).isEmpty();
  }

  @Test
  @DisplayName(
      "after a restart, an hour of downtime makes nothing stale until the TTLs run again from the start")
  void restartGrace() {
    long before = START - 3_600_000; // last status and heartbeat an hour before the start
    ActiveJob running = job(JobStatus.RUNNING, before, before);
    ActiveJob dispatched = job(JobStatus.DISPATCHED, before, before);
    HostView noHeartbeatYet = new HostView(null, null, null);
    assertThat(rules.decide(running, noHeartbeatYet, START, START + 2_000)).isEmpty();
    assertThat(rules.decide(dispatched, noHeartbeatYet, START, START + 2_000)).isEmpty();
    assertThat(rules.decide(running, seen(before), START, START + 179_000)).isEmpty();
    assertThat(rules.decide(running, seen(START + 170_000), START, START + 301_000))
        .as("once the status TTL has run from the start, the rule applies again")
        .contains(new Decision(Action.FAIL, Mark.STALE_STATUS, "stale_status"));
  }

  @Test
  @DisplayName("a batch host keeps a stale dispatched job its scheduler still holds")
  void preservedOnSchedulerHost() {
    long now = START + 400_000;
    ActiveJob pending =
        new ActiveJob(
            "j",
            JobStatus.DISPATCHED,
            1,
            3,
            "cpu",
            "deucalion",
            "deucalion",
            START,
            START,
            START,
            "PENDING");
    assertThat(rules.decide(pending, new HostView(now - 1_000, List.of("j"), null), START, now))
        .as("still within the host's long dispatch TTL")
        .isEmpty();
    long later = START + 21_601_000;
    assertThat(rules.decide(pending, new HostView(later - 1_000, List.of("j"), null), START, later))
        .as("preserved while the scheduler holds it")
        .isEmpty();
    assertThat(
            rules.decide(
                pending, new HostView(later - 1_000, List.of("other"), null), START, later))
        .as("disowned by the host")
        .isPresent();
  }

  @Test
  @DisplayName(
      "a dispatch of an earlier life that the host's heartbeat disowns is requeued at once as"
          + " undelivered; one it holds, one of this life, or an agent that does not list its"
          + " unreported jobs waits for the claim TTL")
  void disownedDispatch() {
    long now = START + 2_000;
    ActiveJob lost = job(JobStatus.DISPATCHED, START - 500, START - 500);
    Decision undelivered = new Decision(Action.REQUEUE, Mark.UNDELIVERED, null);
    assertThat(
            rules.decide(lost, new HostView(now, List.of("other"), "other", List.of()), START, now))
        .contains(undelivered);
    assertThat(rules.decide(lost, new HostView(now, List.of(), null, List.of("j")), START, now))
        .as("its end is still to be reported")
        .isEmpty();
    assertThat(rules.decide(lost, new HostView(now, List.of("j"), "j", List.of()), START, now))
        .as("it runs there")
        .isEmpty();
    assertThat(rules.decide(lost, new HostView(now, List.of(), null), START, now))
        .as("an agent that does not list what it has yet to report")
        .isEmpty();
    assertThat(rules.decide(lost, new HostView(null, null, null), START, now))
        .as("no heartbeat since the start")
        .isEmpty();
    ActiveJob ofThisLife = job(JobStatus.DISPATCHED, START + 1_000, START + 1_000);
    assertThat(rules.decide(ofThisLife, new HostView(now, List.of(), null, List.of()), START, now))
        .as("its answer may still be on its way")
        .isEmpty();
  }
}
