package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;

/** Polls a dataset build's status until it ended, as a progress bar of rows written. */
final class DatasetProgress {
  private static final long POLL_MS = 500;

  private DatasetProgress() {}

  /** The final status document (state succeeded or failed). */
  static JsonObject until(ClientOptions client, String name) {
    Api api = client.api();
    try (Progress bar = client.progress(name, -1, " rows", 1)) {
      while (true) {
        JsonObject s = api.get("/dataset/" + Api.segment(name) + "/status").send().object();
        String state = s.getString("state");
        if (!"queued".equals(state) && !"running".equals(state)) {
          long total = rowsTotal(s);
          if (total > 0) {
            bar.max(total);
            bar.to(total, "done");
          }
          return s;
        }
        long total = rowsTotal(s);
        if (total > 0) {
          bar.max(total);
          bar.to(Math.min(s.getLong("rows_written", 0L), total), phase(s));
        } else {
          bar.to(0, phase(s));
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          throw Api.interrupted();
        }
      }
    }
  }

  /** Rows of all buildings; {@code rows_written} counts them the same way. */
  private static long rowsTotal(JsonObject s) {
    return s.getLong("rows_total", 0L);
  }

  private static String phase(JsonObject s) {
    String building = s.getString("building");
    return s.getString("phase", "") + (building == null ? "" : " building " + building);
  }
}
