package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;

/** What {@code submit} and {@code rerun} do with the new job: print it, or wait for its end. */
final class Submission {
  private Submission() {}

  static int finish(ClientOptions client, JsonObject answer, boolean wait, boolean follow) {
    Output out = client.out();
    String id = answer.getString("job_id");
    String what =
        (answer.getString("rerun_of") != null
                ? "re-ran " + answer.getString("rerun_of")
                : "submitted")
            + " "
            + answer.getString("job_name", "the job")
            + " as "
            + id
            + " ("
            + out.status(answer.getString("status"))
            + (answer.getString("host") == null ? "" : " on " + answer.getString("host"))
            + ")";
    if (!wait && !follow) {
      if (out.json()) {
        out.print(answer);
      } else {
        out.line(id);
      }
      out.say(what);
      return ExitCodes.OK;
    }
    out.say(what + (follow ? "; its log follows" : "; waiting for it to end"));
    JsonObject end;
    if (follow) {
      LogSink sink = out.json() ? LogSink.jsonLines(out.stdout()) : LogSink.raw(out.stdout());
      end = JobWait.untilEnd(client.api(), out, id, sink, 0L, null);
      if (out.json()) {
        out.line(end.encode());
      }
    } else {
      end = JobWait.untilEnd(client.api(), out, id, LogSink.DISCARD, null, 0);
      if (out.json()) {
        out.print(end);
      } else {
        out.line(id);
      }
    }
    return JobWait.outcome(out, end);
  }
}
