package eu.opeva.coordinator.jobstore;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.Pipeline;
import eu.opeva.coordinator.domain.RunIf;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pipeline's file, {@code pipelines/<id>.json}, and back. */
public final class PipelineJson {
  public static final String PIPELINE_ID = JobFields.PIPELINE_ID;
  public static final String NAME = "name";
  public static final String SUBMITTED_BY = JobFields.SUBMITTED_BY;
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String NODES = "nodes";
  public static final String KEY = "key";
  public static final String DEPENDS_ON = JobFields.DEPENDS_ON;
  public static final String RUN_IF = JobFields.RUN_IF;
  public static final String JOB_ID = JobFields.JOB_ID;
  public static final String PREVIOUS_JOB_IDS = "previous_job_ids";
  static final String PENDING = "pending";
  static final String CREATION = "creation";
  static final String JOBS = "jobs";
  static final String CONFIG_FILES = "config_files";

  private PipelineJson() {}

  public static JsonObject toJson(Pipeline p) {
    JsonArray nodes = new JsonArray();
    for (Pipeline.Node n : p.nodes()) {
      nodes.add(
          new JsonObject()
              .put(KEY, n.key())
              .put(DEPENDS_ON, new JsonArray(n.dependsOn()))
              .put(RUN_IF, n.runIf().wire())
              .put(JOB_ID, n.jobId())
              .put(PREVIOUS_JOB_IDS, new JsonArray(n.previous())));
    }
    JsonObject out =
        new JsonObject()
            .put(PIPELINE_ID, p.pipelineId())
            .put(NAME, p.name())
            .put(SUBMITTED_BY, p.submittedBy())
            .put(CREATED_AT, EpochTime.seconds(p.createdAt()))
            .put(UPDATED_AT, EpochTime.seconds(p.updatedAt()))
            .put(NODES, nodes);
    OriginJson.write(out, p.origin());
    if (p.pending() != null) {
      out.put(
          PENDING,
          new JsonObject()
              .put(CREATION, p.pending().creation())
              .put(JOBS, new JsonObject(new LinkedHashMap<>(p.pending().jobs())))
              .put(CONFIG_FILES, new JsonArray(p.pending().configFiles())));
    }
    return out;
  }

  static Pipeline fromJson(JsonObject j) {
    List<Pipeline.Node> nodes = new ArrayList<>();
    for (Object o : j.getJsonArray(NODES, new JsonArray())) {
      JsonObject n = (JsonObject) o;
      nodes.add(
          new Pipeline.Node(
              n.getString(KEY),
              strings(n.getJsonArray(DEPENDS_ON)),
              RunIf.parse(n.getString(RUN_IF)).orElse(RunIf.ALL_FINISHED),
              n.getString(JOB_ID),
              strings(n.getJsonArray(PREVIOUS_JOB_IDS))));
    }
    Pipeline.Pending pending = null;
    JsonObject pj = j.getJsonObject(PENDING);
    if (pj != null) {
      Map<String, String> jobs = new LinkedHashMap<>();
      pj.getJsonObject(JOBS, new JsonObject())
          .forEach(e -> jobs.put(e.getKey(), (String) e.getValue()));
      pending =
          new Pipeline.Pending(
              pj.getBoolean(CREATION, false), jobs, strings(pj.getJsonArray(CONFIG_FILES)));
    }
    return new Pipeline(
        j.getString(PIPELINE_ID),
        j.getString(NAME),
        j.getString(SUBMITTED_BY),
        JobCodec.millisOr(j.getValue(CREATED_AT), 0),
        JobCodec.millisOr(j.getValue(UPDATED_AT), 0),
        nodes,
        pending,
        OriginJson.read(j));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
