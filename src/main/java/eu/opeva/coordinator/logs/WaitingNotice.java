package eu.opeva.coordinator.logs;

import static eu.opeva.coordinator.domain.JobFields.PREFERRED_HOST;
import static eu.opeva.coordinator.domain.JobFields.REQUIRE_HOST;
import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.jobs.HostWarnings;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;

/**
 * The first line of {@code /logs?follow=true} for a job that has no log yet: what the stream waits
 * for, and why the job may not start soon (no agent for its host seen lately). It is not part of
 * the log file; its length in bytes is in the {@value #HEADER} header.
 */
final class WaitingNotice {
  static final String HEADER = "X-Log-Notice-Bytes";
  static final String PREFIX = "[coordinator] ";

  private final HostWarnings hostWarnings;
  private final DispatchClient dispatch;
  private final MonitorClient monitor;
  private final Clock clock;

  WaitingNotice(Settings config, DispatchClient dispatch, MonitorClient monitor, Clock clock) {
    this.hostWarnings = new HostWarnings(config);
    this.dispatch = dispatch;
    this.monitor = monitor;
    this.clock = clock;
  }

  /** The line (ending in a newline), or null when the job's status cannot be had. */
  Future<String> line(String jobId) {
    return dispatch
        .status(jobId)
        .compose(
            status ->
                monitor
                    .hosts()
                    .map(hosts -> text(jobId, status, hosts))
                    .otherwise(text(jobId, status, new JsonObject())))
        .otherwise((String) null);
  }

  private String text(String jobId, JsonObject status, JsonObject hosts) {
    String wire = status.getString(STATUS);
    JobStatus state = JobStatus.parse(wire).orElse(JobStatus.UNKNOWN);
    String waitsFor =
        state == JobStatus.RUNNING || state == JobStatus.STOP_REQUESTED
            ? "waiting for the log of job " + jobId + " (" + wire + ")"
            : "waiting for job " + jobId + " to start (" + wire + ")";
    List<String> warnings =
        state.isActive()
            ? List.of()
            : hostWarnings.of(
                status.getBoolean(REQUIRE_HOST, false) ? status.getString(PREFERRED_HOST) : null,
                hosts,
                clock.millis());
    return PREFIX
        + waitsFor
        + (warnings.isEmpty() ? "" : "; " + String.join("; ", warnings))
        + "\n";
  }
}
