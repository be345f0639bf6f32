package eu.opeva.coordinator.hostile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A valid JSON body for each operation that takes one, with every optional field the generators
 * should reach (nested objects included), about the seeded state. An operation missing here gets a
 * body made from its schema ({@link #fromSchema}).
 */
final class ValidBodies {
  private ValidBodies() {}

  static Map<String, JsonObject> all(SeededState s) {
    JsonObject resources =
        new JsonObject().put("cpus", 1.5).put("memory_mb", 512).put("timeout_seconds", 600);
    JsonObject retry =
        new JsonObject()
            .put("max_attempts", 2)
            .put("backoff_seconds", 5)
            .put("max_backoff_seconds", 60)
            .put("on", new JsonArray().add("worker_lost"))
            .put("exit_codes", new JsonArray().add(3));
    JsonObject inline = new JsonObject().put("experiment", new JsonObject().put("name", "Inline"));
    JsonObject ops = new JsonObject().put("reason", "probe").put("force", false);
    return Map.ofEntries(
        Map.entry(
            "runSimulation",
            new JsonObject()
                .put("config", inline)
                .put("save_as", "hostile-inline.yaml")
                .put("job_name", "hostile probe")
                .put("submitted_by", "someone")
                .put("target_host", Callers.OTHER_WORKER)
                .put("image_tag", "latest")
                .put("extra_args", new JsonArray().add("--seed=1"))
                .put("resources", resources)
                .put("priority", 5)
                .put("retry", retry)
                .put("depends_on", new JsonArray().add(s.finished()))
                .put("run_if", "all_finished")),
        Map.entry(
            "createPipeline",
            new JsonObject()
                .put("name", "hostile pipeline")
                .put(
                    "jobs",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("key", "a")
                                .put("config_path", SeededState.CONFIG)
                                .put("target_host", Callers.OTHER_WORKER)
                                .put("priority", 1)
                                .put("resources", resources.copy())
                                .put("retry", retry.copy()))
                        .add(
                            new JsonObject()
                                .put("key", "b")
                                .put("depends_on", new JsonArray().add("a"))
                                .put("run_if", "all_done")
                                .put("config", inline.copy())
                                .put("save_as", "hostile-node.yaml")))),
        Map.entry("createSchedule", SeededState.schedule("hostile schedule")),
        Map.entry("updateSchedule", SeededState.schedule("hostile schedule, updated")),
        Map.entry(
            "rerunPipeline",
            new JsonObject().put("jobs", new JsonArray().add("a")).put("force", false)),
        Map.entry(
            "opsRequeueJob",
            new JsonObject()
                .put("force", false)
                .put("preferred_host", Callers.OTHER_WORKER)
                .put("require_host", false)
                .put("reason", "probe")),
        Map.entry("opsFailJob", ops.copy()),
        Map.entry("opsCancelJob", ops.copy()),
        Map.entry("opsStopJob", ops.copy()),
        Map.entry("opsCleanupQueue", new JsonObject().put("force", false)),
        Map.entry(
            "opsCleanupJobs", new JsonObject().put("keep", new JsonArray().add(s.finished()))),
        Map.entry("rerunJob", new JsonObject().put("target_host", Callers.OTHER_WORKER)),
        Map.entry(
            "agentNextJob",
            new JsonObject().put("worker_id", Callers.WORKER).put("wait_seconds", 0)),
        Map.entry(
            "agentJobStatus",
            new JsonObject()
                .put("job_id", s.running())
                .put("status", "running")
                .put("worker_id", Callers.WORKER)
                .put("container_id", "c-1")
                .put("container_name", "hostile-c")
                .put("details", new JsonObject().put("step", 1))
                .put("attempt", 1)),
        Map.entry(
            "agentHeartbeat",
            new JsonObject()
                .put("worker_id", Callers.WORKER)
                .put("info", new JsonObject().put("load", 0.5))),
        Map.entry(
            "createExperimentConfig",
            new JsonObject()
                .put("file_name", "hostile-new.yaml")
                .put("yaml_content", "experiment:\n  name: New\n")
                .put("overwrite", false)),
        Map.entry(
            "updateExperimentConfig",
            new JsonObject().put("yaml_content", "experiment:\n  name: Updated\n")),
        Map.entry(
            "simulationDataIndex",
            new JsonObject().put("job_id", s.finished()).put("session", SeededState.SESSION)),
        Map.entry(
            "simulationDataFile",
            new JsonObject()
                .put("job_id", s.finished())
                .put("relative_path", "data.csv")
                .put("session", SeededState.SESSION)),
        Map.entry(
            "createSchema",
            new JsonObject()
                .put("site", "hostile_site")
                .put("schema", new JsonObject().put("buildings", new JsonObject()))),
        Map.entry("updateSchema", new JsonObject().put("schema", new JsonObject().put("v", 2))),
        Map.entry(
            "createDataset",
            new JsonObject()
                .put("name", "hostile-ds")
                .put("site_id", SeededState.SITE)
                .put(
                    "citylearn_configs",
                    new JsonObject().put("selected_buildings", new JsonArray().add("1")))
                .put("description", "hostile")
                .put("period", 60)));
  }

  /** The required fields of an object schema, each with a plain value of its type. */
  static JsonObject fromSchema(JsonObject schema) {
    JsonObject body = new JsonObject();
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    for (Object name : schema.getJsonArray("required", new JsonArray())) {
      body.put(
          (String) name, fromSchemaValue(props.getJsonObject((String) name, new JsonObject())));
    }
    return body;
  }

  /** A plain value of a schema's first type. */
  static Object fromSchemaValue(JsonObject schema) {
    if (schema.containsKey("enum")) {
      return schema.getJsonArray("enum").getValue(0);
    }
    String type = SchemaOracle.types(schema).stream().findFirst().orElse("string");
    return switch (type) {
      case "integer", "number" -> schema.getNumber("minimum", 1);
      case "boolean" -> false;
      case "object" -> fromSchema(schema);
      case "array" -> new JsonArray();
      case "null" -> null;
      default -> "x";
    };
  }
}
