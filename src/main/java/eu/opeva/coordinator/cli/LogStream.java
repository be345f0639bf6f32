package eu.opeva.coordinator.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a job's log ({@code GET /logs/{id}}) into a {@link LogSink}. A stream that breaks is
 * resumed where it broke ({@code offset} = {@code X-Log-Start-Offset} + bytes received), so nothing
 * is repeated or lost; five failures in a row without a byte give up.
 */
final class LogStream {
  private static final int TRIES = 5;
  private static final String NOTICE_BYTES = "X-Log-Notice-Bytes";

  private final Api api;
  private final Output out;
  private final String jobId;
  private long next = -1;

  LogStream(Api api, Output out, String jobId) {
    this.api = api;
    this.out = out;
    this.jobId = jobId;
  }

  /** The offset after the last byte received, -1 before any answer. */
  long next() {
    return next;
  }

  /**
   * One read of the log: from {@code offset} (else the last {@code tail} lines, else the start, or
   * where the previous read ended), to its end or, with {@code follow}, until the job ends. Returns
   * false when the coordinator has no log and said so (that sentence goes to stderr).
   */
  boolean read(Long offset, Integer tail, boolean follow, LogSink sink) {
    int failures = 0;
    Long from = next >= 0 ? Long.valueOf(next) : offset;
    while (true) {
      Api.Request request =
          api.get("/logs/" + Api.segment(jobId))
              .query("follow", follow ? "true" : null)
              .query("offset", from)
              .query("tail", from == null ? tail : null);
      try (Api.Streamed s = open(request, failures)) {
        if (s == null) {
          failures++;
          from = next >= 0 ? next : from;
          continue;
        }
        if (s.header("X-Log-File") == null && !follow) {
          out.say(
              new String(s.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
          return false;
        }
        long at =
            Long.parseLong(
                s.header("X-Log-Start-Offset") == null ? "0" : s.header("X-Log-Start-Offset"));
        next = at;
        InputStream in = s.body();
        // A stream that waits for the job to start begins with a line of the coordinator's, not
        // of the log (its length in X-Log-Notice-Bytes): a message, so stderr, and no offset.
        String notice = s.header(NOTICE_BYTES);
        if (notice != null) {
          byte[] line = in.readNBytes(Integer.parseInt(notice));
          out.say(new String(line, java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          sink.write(buf, n, next);
          next += n;
          failures = 0;
        }
        sink.end();
        return true;
      } catch (IOException e) {
        if (++failures >= TRIES) {
          throw new CliException(
              ExitCodes.UNAVAILABLE, "the log stream broke " + TRIES + " times: " + e, e);
        }
        out.warn("the log stream broke (" + e.getMessage() + "); resuming at byte " + next);
        pause(failures);
        from = next >= 0 ? Long.valueOf(next) : from;
      }
    }
  }

  /** Opens the stream; null after a failure to connect that is worth another try. */
  private Api.Streamed open(Api.Request request, int failures) {
    try {
      return request.stream();
    } catch (CliException e) {
      if (e.exitCode() != ExitCodes.UNAVAILABLE || next < 0 || failures + 1 >= TRIES) {
        throw e;
      }
      out.warn(e.getMessage() + "; trying again");
      pause(failures + 1);
      return null;
    }
  }

  private static void pause(int failures) {
    try {
      Thread.sleep(Math.min(8000, 500L << failures));
    } catch (InterruptedException e) {
      throw Api.interrupted();
    }
  }
}
