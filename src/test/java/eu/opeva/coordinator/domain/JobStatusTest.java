package eu.opeva.coordinator.domain;

import static eu.opeva.coordinator.domain.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The job state machine allows exactly the documented transitions")
class JobStatusTest {
  static final Map<JobStatus, Set<JobStatus>> EXPECTED =
      Map.of(
          WAITING, EnumSet.of(QUEUED, CANCELED),
          LAUNCHING, EnumSet.of(QUEUED, RUNNING, CANCELED),
          QUEUED, EnumSet.of(DISPATCHED, CANCELED),
          DISPATCHED, EnumSet.of(RUNNING, FAILED, CANCELED, STOP_REQUESTED, QUEUED),
          RUNNING, EnumSet.of(FINISHED, FAILED, STOP_REQUESTED, STOPPED, CANCELED),
          STOP_REQUESTED, EnumSet.of(STOPPED, FAILED, CANCELED, FINISHED));

  @Test
  @DisplayName(
      "every pair of states is allowed or refused as in the table; terminal states have no way out")
  void everyPair() {
    for (JobStatus from : values()) {
      for (JobStatus to : values()) {
        boolean expected = EXPECTED.getOrDefault(from, Set.of()).contains(to);
        assertThat(from.canTransition(to)).as(from + " -> " + to).isEqualTo(expected);
      }
      if (from.isTerminal()) {
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(from::canTransition)).isEmpty();
      }
    }
  }

  @Test
  @DisplayName(
      "an agent may report exactly queued, dispatched, running and the four terminal states")
  void reportable() {
    assertThat(REPORTABLE)
        .containsExactlyInAnyOrder(
            QUEUED, DISPATCHED, RUNNING, FINISHED, FAILED, STOPPED, CANCELED);
  }

  @Test
  @DisplayName("terminal, active and waiting groups are disjoint and named as the protocol says")
  void groups() {
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isTerminal))
        .containsExactlyInAnyOrder(FINISHED, FAILED, STOPPED, CANCELED);
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isActive))
        .containsExactlyInAnyOrder(DISPATCHED, RUNNING, STOP_REQUESTED);
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isQueued))
        .containsExactlyInAnyOrder(LAUNCHING, QUEUED);
    assertThat(JobStatus.parse("stop_requested")).contains(STOP_REQUESTED);
    assertThat(JobStatus.parse("STOPPED")).isEmpty();
  }
}
