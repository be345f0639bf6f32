package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.ERROR;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.VERSION;

import eu.opeva.coordinator.domain.ActiveJob;
import eu.opeva.coordinator.domain.Staleness;
import eu.opeva.coordinator.domain.Staleness.Action;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** A monitor decision on one job at one version ({@link DispatchAddresses#RECOVER}). */
public record RecoveryRequest(String jobId, long version, Staleness.Decision decision) {
  private static final String ACTION = "action";
  private static final String MARK = "mark";

  public static RecoveryRequest of(ActiveJob job, Staleness.Decision decision) {
    return new RecoveryRequest(job.jobId(), job.version(), decision);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(JOB_ID, jobId)
        .put(VERSION, version)
        .put(ACTION, decision.action().name().toLowerCase(Locale.ROOT))
        .put(MARK, decision.mark().wire())
        .put(ERROR, decision.error());
  }

  public static RecoveryRequest fromJson(JsonObject json) {
    Action action = Action.valueOf(json.getString(ACTION).toUpperCase(Locale.ROOT));
    Mark mark = Mark.valueOf(json.getString(MARK).toUpperCase(Locale.ROOT));
    return new RecoveryRequest(
        json.getString(JOB_ID),
        json.getLong(VERSION),
        new Staleness.Decision(action, mark, json.getString(ERROR)));
  }
}
