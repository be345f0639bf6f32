package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.artifacts.SimulationSessions.Session;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code GET /result}: {@code results/result.json} (or the pending placeholder) plus where the
 * simulator's exports are and which KPIs to read. Blocking.
 */
final class ResultView {
  static final String KPI_CSV = "exported_kpis.csv";

  private ResultView() {}

  static JsonObject of(String jobId, Path jobDir) throws IOException {
    Optional<Object> raw =
        JobJson.read(jobDir, jobDir.resolve("results").resolve("result.json"), "result.json");
    JsonObject out =
        raw.isEmpty()
            ? new JsonObject().put("status", "pending").put("message", "Result not ready yet.")
            : raw.get() instanceof JsonObject o ? o : new JsonObject().put("result", raw.get());
    List<Session> sessions = new SimulationSessions(jobDir).candidates();
    Session latest = sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    return out.put("simulation_data_available", latest != null)
        .put("simulation_data_session_default", latest == null ? null : latest.name())
        .put(
            "simulation_data_dir",
            latest == null ? null : "jobs/" + jobId + "/results/simulation_data")
        .put("kpi_source", kpiSource(latest, out));
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
