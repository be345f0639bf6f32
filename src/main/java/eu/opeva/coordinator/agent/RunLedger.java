package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's account of the runs on its host, in its state folder: a {@link RunRecord} per live
 * run in {@code runs/}, and the append-only {@code journal.jsonl}, one JSON object per line, each
 * line fsynced: {@code {"at": <epoch seconds>, "event": "started" | "ended" | "leftover",
 * "worker_id", "job_id", "attempt", "pid", "exit_code"?, "status"?, "reason"?}}. Blocking: call on
 * the agent's worker pool.
 */
final class RunLedger {
  private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

  static final String STARTED = "started";
  static final String ENDED = "ended";
  static final String LEFTOVER = "leftover";

  private final Path runs;
  private final Path journal;
  private final String workerId;
  private final JsonFiles files = new JsonFiles(true);

  RunLedger(Path stateDir, String workerId) {
    this.runs = stateDir.resolve("runs");
    this.journal = stateDir.resolve("journal.jsonl");
    this.workerId = workerId;
  }

  Path journal() {
    return journal;
  }

  /**
   * A run's process has started: its record, then a {@code started} line. A failure is logged, not
   * thrown: the job runs anyway.
   */
  void started(RunRecord run) {
    try {
      files.writeJson(runs.resolve(run.fileName()), run.toJson());
    } catch (IOException e) {
      LOG.warn("could not write the run record of job {}", run.jobId(), e);
    }
    append(line(STARTED, run.jobId(), run.attempt(), run.pid()));
  }

  /** A run's process has exited; {@code status} is what is reported (null: nothing is). */
  void ended(
      String jobId, Integer attempt, long pid, int exitCode, JobStatus status, String reason) {
    JsonObject line = line(ENDED, jobId, attempt, pid).put(JobFields.EXIT_CODE, exitCode);
    if (status != null) {
      line.put(JobFields.STATUS, status.wire());
    }
    if (reason != null) {
      line.put(JobFields.REASON, reason);
    }
    append(line);
  }

  /** A run of an earlier life of the agent was found (and stopped if it still ran). */
  void leftover(String jobId, Integer attempt, Long pid, String reason) {
    append(line(LEFTOVER, jobId, attempt, pid).put(JobFields.REASON, reason));
  }

  /** The run is over and its terminal report spooled: its record goes. */
  void remove(String jobId, Integer attempt) {
    try {
      Files.deleteIfExists(runs.resolve(RunRecord.fileName(jobId, attempt)));
    } catch (IOException e) {
      LOG.warn("could not remove the run record of job {}", jobId, e);
    }
  }

  /** The records found (unreadable files are logged and removed). */
  List<RunRecord> records() throws IOException {
    List<RunRecord> found = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return found;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(runs, "*.json")) {
      for (Path p : dir) {
        JsonObject json = JsonFiles.readObjectOrNull(p);
        RunRecord run = json == null ? null : RunRecord.fromJson(json);
        if (run != null) {
          found.add(run);
        } else {
          LOG.warn("removing unreadable run record {}", p);
          Files.deleteIfExists(p);
        }
      }
    }
    return found;
  }

  private JsonObject line(String event, String jobId, Integer attempt, Long pid) {
    return new JsonObject()
        .put("at", EpochTime.seconds(System.currentTimeMillis()))
        .put("event", event)
        .put(JobFields.WORKER_ID, workerId)
        .put(JobFields.JOB_ID, jobId)
        .put(JobFields.ATTEMPT, attempt)
        .put("pid", pid);
  }

  private synchronized void append(JsonObject line) {
    byte[] bytes = (line.encode() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(journal.getParent());
      try (FileChannel ch =
          FileChannel.open(
              journal,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    } catch (IOException e) {
      LOG.warn("could not write to the run journal {}: {}", journal, line.encode(), e);
    }
  }
}
