package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.artifacts.SimulationSessions.Session;
import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code GET /result}: {@code results/result.json} plus where the simulator's exports are and which
 * KPIs to read. Without the file: "pending" while the job can still write one, else what became of
 * the job (its status and error); a 404 for a job the coordinator does not know. Blocking.
 */
final class ResultView {
  static final String KPI_CSV = "exported_kpis.csv";

  private ResultView() {}

  /** The view for the job whose status document is {@code status} (null: an unknown job). */
  static JsonObject of(String jobId, Path jobDir, JsonObject status) throws IOException {
    Optional<Object> raw =
        JobJson.read(jobDir, jobDir.resolve("results").resolve("result.json"), "result.json");
    JsonObject out;
    if (raw.isPresent()) {
      out = raw.get() instanceof JsonObject o ? o : new JsonObject().put("result", raw.get());
    } else if (status == null) {
      throw ApiFailure.notFound("Job not found");
    } else {
      out = noResult(status);
    }
    List<Session> sessions = new SimulationSessions(jobDir).candidates();
    Session latest = sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    return out.put("simulation_data_available", latest != null)
        .put("simulation_data_session_default", latest == null ? null : latest.name())
        .put(
            "simulation_data_dir",
            latest == null ? null : "jobs/" + jobId + "/results/simulation_data")
        .put("kpi_source", kpiSource(latest, out));
  }

  /** What a job without a result file is: pending while it may write one, else how it ended. */
  private static JsonObject noResult(JsonObject status) {
    String wire = status.getString(JobFields.STATUS);
    JobStatus state = JobStatus.parse(wire).orElse(JobStatus.UNKNOWN);
    boolean mayWrite =
        !state.isTerminal() && state != JobStatus.UNKNOWN && state != JobStatus.NOT_FOUND;
    if (mayWrite) {
      return new JsonObject()
          .put("status", "pending")
          .put("message", "Result not ready yet.")
          .put("job_status", wire);
    }
    String message =
        state == JobStatus.FINISHED
            ? "The job finished without writing a result (results/result.json)."
            : "The job " + (wire == null ? "ended" : "is " + wire) + "; it wrote no result.";
    return new JsonObject()
        .put("status", wire)
        .put("message", message)
        .put("error", status.getValue(JobFields.ERROR));
  }

  private static String kpiSource(Session latest, JsonObject result) throws IOException {
    if (latest != null) {
      try (Stream<Path> files = Files.walk(latest.dir(), 8)) {
        if (files.anyMatch(
            f -> f.getFileName().toString().equals(KPI_CSV) && Files.isRegularFile(f))) {
          return "simulation_data/" + KPI_CSV;
        }
      } catch (java.io.UncheckedIOException e) {
        // a folder vanished while looking: fall back to the result's own KPIs
      }
    }
    if (result.getValue("evaluation") instanceof JsonObject evaluation
        && evaluation.getValue("kpis") instanceof JsonObject) {
      return "result.evaluation.kpis";
    }
    return result.getValue("kpis") != null ? "result.kpis" : "unknown";
  }
}
