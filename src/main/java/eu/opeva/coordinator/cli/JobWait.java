package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Waiting for a job to end. The wait is a followed log ({@code /logs/{id}?follow=true}), which the
 * coordinator ends when the job ends, so the end is seen at once without polling; the status is
 * then read to be sure (a stream that ended for another reason is followed again).
 */
final class JobWait {
  static final Set<String> ENDED = Set.of("finished", "failed", "stopped", "canceled");

  private JobWait() {}

  static JsonObject status(Api api, String jobId) {
    return api.get("/status/" + Api.segment(jobId)).send().object();
  }

  /**
   * Follows the job until it ended, its log into {@code sink} from {@code offset} (else the last
   * {@code tail} lines); the final status document.
   */
  static JsonObject untilEnd(
      Api api, Output out, String jobId, LogSink sink, Long offset, Integer tail) {
    JsonObject status = status(api, jobId);
    if (ENDED.contains(status.getString("status")) && sink == LogSink.DISCARD) {
      return status;
    }
    LogStream log = new LogStream(api, out, jobId);
    while (true) {
      try {
        log.read(offset, tail, true, sink);
      } catch (CliException e) {
        // A 404 for a job seen active just before: it ended in between without a log. The status
        // read next says how (and is a 404 itself if the job is gone).
        if (e.exitCode() != ExitCodes.NOT_FOUND || ENDED.contains(status.getString("status"))) {
          throw e;
        }
      }
      status = status(api, jobId);
      if (ENDED.contains(status.getString("status"))) {
        return status;
      }
      sleep();
    }
  }

  /** The exit code of a job that ended: 0 when it finished, 1 otherwise; says how it ended. */
  static int outcome(Output out, JsonObject status) {
    String id = status.getString("job_id");
    String state = status.getString("status");
    Object exit = status.getValue("exit_code");
    if ("finished".equals(state)) {
      out.say(
          "job "
              + id
              + " "
              + out.status(state)
              + (exit == null ? "" : " (exit code " + exit + ")"));
      return ExitCodes.OK;
    }
    String error = status.getString("error");
    out.error(
        "job "
            + id
            + " "
            + out.status(state)
            + (error == null ? "" : ": " + error)
            + (exit == null ? "" : " (exit code " + exit + ")"));
    return ExitCodes.FAILED;
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      throw Api.interrupted();
    }
  }
}
