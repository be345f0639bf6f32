package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.citylearn.BuildProgress;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * The progress of one dataset generation, written by its export thread and read by the verticle:
 * state ({@code queued, running, succeeded, failed}), phase, counters, then the result or error.
 */
final class ExportProgress implements BuildProgress {
  final String name;
  final String site;
  private final Clock clock;
  private final Instant queuedAt;
  private Instant startedAt;
  private Instant finishedAt;
  private String state = "queued";
  private String phase = "queued";
  private String building;
  private int buildingsDone;
  private int buildingsTotal;
  private long rowsWritten;
  private long rowsTotal;
  private long documentsRead;
  private JsonObject result;
  private int errorStatus;
  private Object errorDetail;
  private volatile boolean cancelled;

  ExportProgress(String name, String site, Clock clock) {
    this.name = name;
    this.site = site;
    this.clock = clock;
    this.queuedAt = clock.instant();
  }

  synchronized void started() {
    state = "running";
    startedAt = clock.instant();
  }

  @Override
  public synchronized void phase(String phase) {
    this.phase = phase;
  }

  synchronized void plan(int buildings, long rowsPerBuilding) {
    buildingsTotal = buildings;
    rowsTotal = rowsPerBuilding * buildings;
  }

  @Override
  public synchronized void building(String id) {
    building = id;
  }

  @Override
  public synchronized void buildingDone() {
    buildingsDone++;
  }

  @Override
  public synchronized void counted(long documents, long rows) {
    documentsRead += documents;
    rowsWritten += rows;
  }

  synchronized void succeeded(JsonObject body) {
    state = "succeeded";
    phase = "done";
    result = body;
    finishedAt = clock.instant();
  }

  synchronized void failed(int status, Object detail) {
    state = "failed";
    errorStatus = status;
    errorDetail = detail;
    finishedAt = clock.instant();
  }

  synchronized boolean finished() {
    return finishedAt != null;
  }

  void cancel() {
    cancelled = true;
  }

  @Override
  public boolean cancelled() {
    return cancelled;
  }

  synchronized JsonObject toJson() {
    JsonObject out =
        new JsonObject()
            .put("name", name)
            .put("site_id", site)
            .put("state", state)
            .put("phase", phase)
            .put("building", building)
            .put("buildings_done", buildingsDone)
            .put("buildings_total", buildingsTotal)
            .put("rows_written", rowsWritten)
            .put("rows_total", rowsTotal)
            .put("documents_read", documentsRead)
            .put("queued_at", queuedAt.toString())
            .put("started_at", startedAt == null ? null : startedAt.toString())
            .put("finished_at", finishedAt == null ? null : finishedAt.toString());
    if (result != null) {
      out.put("result", result);
    }
    if (errorDetail != null) {
      out.put("error", new JsonObject().put("status", errorStatus).put("detail", errorDetail));
    }
    return out;
  }
}
