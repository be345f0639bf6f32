package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_PATH;
import static eu.opeva.coordinator.domain.JobFields.CONFIG_SNAPSHOT;
import static eu.opeva.coordinator.domain.JobFields.EXPERIMENT_NAME;
import static eu.opeva.coordinator.domain.JobFields.EXTRA_ARGS;
import static eu.opeva.coordinator.domain.JobFields.IMAGE;
import static eu.opeva.coordinator.domain.JobFields.IMAGE_TAG;
import static eu.opeva.coordinator.domain.JobFields.JOB_NAME;
import static eu.opeva.coordinator.domain.JobFields.RERUN_OF;
import static eu.opeva.coordinator.domain.JobFields.RESOLVED_CONFIG;
import static eu.opeva.coordinator.domain.JobFields.RESOURCES;
import static eu.opeva.coordinator.domain.JobFields.RUN_NAME;
import static eu.opeva.coordinator.domain.JobFields.SCHEDULER_OPTIONS;
import static eu.opeva.coordinator.domain.JobFields.SUBMISSION_SEQ;
import static eu.opeva.coordinator.domain.JobFields.SUBMITTED_BY;

import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.protocol.ResourcesJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The submission part of a job, read from its info (or an older snapshot entry). */
final class SpecJson {
  private SpecJson() {}

  static JobSpec read(String id, JsonObject s, long submittedAt) {
    Number seq = s.getNumber(SUBMISSION_SEQ);
    Object options = s.getValue(SCHEDULER_OPTIONS);
    Object resources = s.getValue(RESOURCES);
    List<String> args = new ArrayList<>();
    if (s.getValue(EXTRA_ARGS) instanceof JsonArray a) {
      a.forEach(x -> args.add(String.valueOf(x)));
    }
    return new JobSpec(
        id,
        s.getString(JOB_NAME),
        s.getString(CONFIG_PATH),
        s.getString(EXPERIMENT_NAME),
        s.getString(RUN_NAME),
        JobCodec.blankToNull(s.getString(SUBMITTED_BY)),
        JobCodec.blankToNull(s.getString(IMAGE)),
        JobCodec.blankToNull(s.getString(IMAGE_TAG)),
        options instanceof JsonObject o && !o.isEmpty() ? JsonPlain.map(o) : null,
        ResourcesJson.fromJson(resources instanceof JsonObject r ? r : null),
        args,
        Boolean.TRUE.equals(s.getValue(RESOLVED_CONFIG)),
        Boolean.TRUE.equals(s.getValue(CONFIG_SNAPSHOT)),
        JobCodec.blankToNull(s.getString(RERUN_OF)),
        submittedAt,
        seq == null ? 0 : seq.longValue(),
        SchedulingJson.read(s),
        OriginJson.read(s));
  }
}
