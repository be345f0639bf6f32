package eu.opeva.coordinator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The job id and attempt of a payload are read even when the rest of it is not")
class PayloadAttemptIdTest {
  @Test
  @DisplayName("a safe job id and a numeric attempt are read from an otherwise unreadable payload")
  void readsIdAndAttempt() {
    JsonObject payload =
        new JsonObject().put("job_id", "4f2a9c1e-0000").put("attempt", 2).put("env", "x");

    assertThat(JobPayload.attemptIdOf(payload))
        .contains(new JobPayload.AttemptId("4f2a9c1e-0000", 2));
  }

  @Test
  @DisplayName("no attempt (an older coordinator) reads as a null attempt")
  void noAttempt() {
    assertThat(JobPayload.attemptIdOf(new JsonObject().put("job_id", "4f2a9c1e-0000")))
        .contains(new JobPayload.AttemptId("4f2a9c1e-0000", null));
  }

  @Test
  @DisplayName("an unsafe or missing job id, or an attempt that is not a number, gives nothing")
  void unusable() {
    assertThat(JobPayload.attemptIdOf(new JsonObject().put("job_id", "../etc"))).isEmpty();
    assertThat(JobPayload.attemptIdOf(new JsonObject().put("job_id", 42))).isEmpty();
    assertThat(JobPayload.attemptIdOf(new JsonObject().put("attempt", 1))).isEmpty();
    assertThat(
            JobPayload.attemptIdOf(
                new JsonObject().put("job_id", "4f2a9c1e-0000").put("attempt", "two")))
        .isEmpty();
  }
}
