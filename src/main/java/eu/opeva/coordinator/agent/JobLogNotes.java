package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.protocol.JobPayload;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The agent's own lines in a job's log, and the log's last lines for a failure diagnostic.
 * Blocking.
 */
final class JobLogNotes {
  static final int TAIL_LINES = 20;
  static final int TAIL_BYTES = 4096;

  private JobLogNotes() {}

  static final String MARK = "[opeva-agent ";

  static void note(Path log, String text) throws IOException {
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        MARK + Instant.now() + "] " + text + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** The note that the job starts, with the exact command (abbreviated past 2000 characters). */
  static void starting(Path log, String workerId, JobPayload job, JobRunner runner, LaunchPlan plan)
      throws IOException {
    String command = String.join(" ", plan.command());
    note(
        log,
        "worker "
            + workerId
            + " starts attempt "
            + job.attempt()
            + " with "
            + runner.name()
            + ": "
            + (command.length() <= 2000 ? command : command.substring(0, 2000) + " ..."));
  }

  /**
   * The job's last output lines (at most {@link #TAIL_LINES} lines and {@link #TAIL_BYTES} bytes),
   * without the agent's own notes.
   */
  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long size = file.length();
      int n = (int) Math.min(size, TAIL_BYTES);
      byte[] bytes = new byte[n];
      file.seek(size - n);
      file.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      if (size > n && lines.size() > 1) {
        lines = lines.subList(1, lines.size()); // the first line was cut
      }
      lines = lines.stream().filter(l -> !l.startsWith(MARK)).toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      return String.join("\n", last).strip();
    }
  }
}
