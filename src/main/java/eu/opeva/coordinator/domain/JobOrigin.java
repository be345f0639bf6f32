package eu.opeva.coordinator.domain;

import java.util.Map;

/**
 * How a job came to be, besides its request: the job that submitted it ({@code parentJobId}, a
 * follow-up job), the schedule run it is ({@code scheduleId} and the planned time {@code
 * scheduledFor}, epoch milliseconds), and the idempotency key it was submitted with. Fixed at
 * submission.
 */
public record JobOrigin(
    String parentJobId, String scheduleId, Long scheduledFor, Idempotency idempotency) {

  public static final JobOrigin NONE = new JobOrigin(null, null, null, null);

  /**
   * An idempotency key, the digest of the request it came with, and the answer that request got:
   * the same key and request again get that answer, a different request with it is refused.
   */
  public record Idempotency(String key, String digest, Map<String, Object> answer) {
    public Idempotency {
      answer = answer == null ? Map.of() : Plain.map(answer);
    }
  }

  public boolean isNone() {
    return parentJobId == null && scheduleId == null && scheduledFor == null && idempotency == null;
  }

  public JobOrigin withIdempotency(Idempotency record) {
    return new JobOrigin(parentJobId, scheduleId, scheduledFor, record);
  }
}
