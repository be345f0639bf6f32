package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.*;

import eu.opeva.coordinator.domain.Attempt;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.JobTimes;
import eu.opeva.coordinator.domain.Placement;
import eu.opeva.coordinator.domain.Plain;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.protocol.ResourcesJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between jobs and their files: {@code job_info.json} (what the job was submitted
 * as, plus the runtime fields the replaced service mirrored there), {@code status.json} (where the
 * job is in its life: written whole on every change) and the {@code job_track.json} entry (both,
 * flat, as the replaced service's registry held them). Reading takes the submission from the info
 * and the state from the status, so the two files alone rebuild the job exactly.
 */
public final class JobCodec {
  /** Runtime fields mirrored into {@code job_info.json} (the replaced service wrote them there). */
  private static final List<String> INFO_MIRROR =
      List.of(TARGET_HOST, CONTAINER_ID, CONTAINER_NAME, EXIT_CODE, ERROR, DETAILS, RERUNS);

  private JobCodec() {}

  /** {@code status.json}: the state of the job, whole. */
  public static JsonObject statusDocument(Job job) {
    JsonObject doc = new JsonObject().put(JOB_ID, job.jobId()).put(STATUS, job.status().wire());
    Attempt a = job.attempt();
    if (a != null) {
      put(doc, WORKER_ID, a.workerId());
      put(doc, CONTAINER_ID, a.containerId());
      put(doc, CONTAINER_NAME, a.containerName());
      put(doc, EXIT_CODE, a.exitCode());
      put(doc, DETAILS, JsonPlain.json(a.details()));
      put(doc, STOP_REASON, a.stopReason());
    }
    Placement p = job.placement();
    put(doc, TARGET_HOST, p.targetHost());
    doc.put(PREFERRED_HOST, p.preferredHost()).put(REQUIRE_HOST, p.requireHost());
    JobTimes t = job.times();
    time(doc, SUBMITTED_AT, job.spec().submittedAt());
    time(doc, QUEUED_AT, t.queuedAt());
    time(doc, DISPATCHED_AT, t.dispatchedAt());
    time(doc, STARTED_AT, t.startedAt());
    time(doc, STOP_REQUESTED_AT, t.stopRequestedAt());
    time(doc, FINISHED_AT, t.finishedAt());
    doc.put(REQUEUE_COUNT, job.requeueCount())
        .put(ATTEMPT_NUMBER, job.attemptNumber())
        .put(ATTEMPT, job.attemptNumber());
    put(doc, ERROR, job.error());
    NoteJson.write(doc, job.note());
    time(doc, NOT_BEFORE, t.notBefore());
    time(doc, STATUS_UPDATED_AT, t.statusUpdatedAt());
    time(doc, LAST_STATUS_AT, t.lastStatusAt());
    doc.put(VERSION, job.version());
    if (!job.history().isEmpty()) {
      doc.put(HISTORY, HistoryJson.toJson(job.history()));
    }
    job.extra().forEach((k, v) -> doc.put(k, JsonPlain.value(v)));
    return doc;
  }

  /** {@code job_info.json} as written at submission. */
  public static JsonObject infoDocument(Job job) {
    JobSpec s = job.spec();
    JsonObject info =
        new JsonObject()
            .put(JOB_ID, s.jobId())
            .put(JOB_NAME, s.jobName())
            .put(CONFIG_PATH, s.configPath())
            .put(
                TARGET_HOST,
                job.placement().targetHost() == null ? "" : job.placement().targetHost())
            .put(CONTAINER_ID, "")
            .put(CONTAINER_NAME, "")
            .put(EXPERIMENT_NAME, s.experimentName())
            .put(RUN_NAME, s.runName())
            .put(CONFIG_SNAPSHOT_FILE, s.configSnapshot() ? "config.yaml" : null);
    putIfTruthy(info, SUBMITTED_BY, s.submittedBy());
    putIfTruthy(info, IMAGE_TAG, s.imageTag());
    putIfTruthy(info, IMAGE, s.image());
    putIfTruthy(info, SCHEDULER_OPTIONS, JsonPlain.json(s.schedulerOptions()));
    put(info, RERUN_OF, s.rerunOf());
    info.put(PREFERRED_HOST, job.placement().preferredHost())
        .put(REQUIRE_HOST, job.placement().requireHost());
    if (!s.resources().isEmpty()) {
      info.put(RESOURCES, ResourcesJson.toJson(s.resources()));
    }
    if (!s.extraArgs().isEmpty()) {
      info.put(EXTRA_ARGS, new JsonArray(s.extraArgs()));
    }
    time(info, SUBMITTED_AT, s.submittedAt());
    info.put(SUBMISSION_SEQ, s.seq());
    SchedulingJson.write(info, s.scheduling());
    OriginJson.write(info, s.origin());
    return info.put(RESOLVED_CONFIG, s.resolvedConfig()).put(CONFIG_SNAPSHOT, s.configSnapshot());
  }

  /**
   * The {@code job_info.json} a new job is created with: as written at submission, with the runtime
   * fields mirrored in when it is created ended already (canceled because a dependency failed).
   */
  public static JsonObject createdInfo(Job job) {
    JsonObject info = infoDocument(job);
    return mirrorBehind(info, job) ? mirrorInto(info, job) : info;
  }

  /**
   * An existing {@code job_info.json} (which workers may have added keys to) with the job's runtime
   * fields mirrored in; the same object when nothing changes.
   */
  public static JsonObject mirrorInto(JsonObject fileInfo, Job job) {
    JsonObject out = null;
    for (Map.Entry<String, Object> field : mirrored(job).entrySet()) {
      Object value = field.getValue();
      String key = field.getKey();
      if (value == null ? !fileInfo.containsKey(key) : value.equals(fileInfo.getValue(key))) {
        continue;
      }
      if (out == null) {
        out = fileInfo.copy();
      }
      putOrRemove(out, key, value);
    }
    return out == null || out.equals(fileInfo) ? fileInfo : out;
  }

  /** The runtime fields mirrored into {@code job_info.json}, in their order (null: absent). */
  private static Map<String, Object> mirrored(Job job) {
    JsonObject status = statusDocument(job);
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String key : INFO_MIRROR) {
      out.put(key, key.equals(RERUNS) ? reruns(job) : status.getValue(key));
    }
    return out;
  }

  private static void putOrRemove(JsonObject json, String key, Object value) {
    if (value == null) {
      json.remove(key);
    } else {
      json.put(key, value);
    }
  }

  /**
   * The job's {@code job_info.json} as its single writer knows it, without reading it: as written
   * at submission, with the runtime fields mirrored in and {@code workerKeys} (the keys workers
   * added, see {@link #workerKeys}) after them.
   */
  public static JsonObject infoFile(Job job, Map<String, Object> workerKeys) {
    JsonObject info = infoDocument(job);
    mirrored(job).forEach((key, value) -> putOrRemove(info, key, value));
    workerKeys.forEach((k, v) -> info.put(k, JsonPlain.value(v)));
    return info;
  }

  /**
   * The keys of a {@code job_info.json} that this codec does not write (workers add {@code run_id},
   * {@code mlflow_run_id} ...), in the file's order; empty when none or no file.
   */
  public static Map<String, Object> workerKeys(JsonObject info) {
    if (info == null) {
      return Map.of();
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    info.forEach(
        e -> {
          if (!KnownKeys.ALL.contains(e.getKey())) {
            out.put(e.getKey(), JsonPlain.value(e.getValue()));
          }
        });
    return out.isEmpty() ? Map.of() : Plain.map(out);
  }

  /**
   * Whether the runtime fields of a {@code job_info.json} lag behind the job's state (a crash came
   * between the status write and the mirror's); an empty string counts as absent, as submissions
   * write {@code target_host} and the container fields.
   */
  public static boolean mirrorBehind(JsonObject fileInfo, Job job) {
    for (Map.Entry<String, Object> field : mirrored(job).entrySet()) {
      Object actual = fileInfo.getValue(field.getKey());
      if (!java.util.Objects.equals(blankToNull(field.getValue()), blankToNull(actual))) {
        return true;
      }
    }
    return false;
  }

  private static Object blankToNull(Object value) {
    return value instanceof String s && s.isEmpty() ? null : value;
  }

  /** The job's runtime fields as {@link #mirrorInto} writes them (to tell whether they changed). */
  public static JsonObject mirror(Job job) {
    return mirrorInto(new JsonObject(), job);
  }

  /** The {@code job_track.json} entry: the info and the status in one flat object. */
  public static JsonObject trackEntry(Job job) {
    JsonObject entry = infoDocument(job);
    entry.put(TARGET_HOST, job.placement().targetHost());
    entry.remove(CONTAINER_ID);
    entry.remove(CONTAINER_NAME);
    JsonArray reruns = reruns(job);
    if (reruns != null) {
      entry.put(RERUNS, reruns);
    }
    return entry.mergeIn(statusDocument(job));
  }

  /**
   * The job from its two files. Fields a file lacks (written by an older version) are taken from
   * {@code fallback} (the snapshot entry, if any), else defaulted. Null when the status is missing:
   * a folder without {@code status.json} is not a job.
   */
  public static Job read(JsonObject info, JsonObject status, JsonObject fallback) {
    if (status == null || status.getString(STATUS) == null) {
      return null;
    }
    // Files written by this version are complete; older ones are completed from the snapshot.
    boolean currentInfo = info != null && info.containsKey(SUBMISSION_SEQ);
    JsonObject spec = Layered.of(info, currentInfo ? null : fallback, status);
    JsonObject state = status.containsKey(VERSION) ? status : Layered.of(status, fallback);
    String id = status.getString(JOB_ID, spec.getString(JOB_ID));
    JobStatus st = JobStatus.parse(status.getString(STATUS)).orElse(JobStatus.UNKNOWN);
    Long updatedAt = EpochTime.parseMillis(state.getValue(STATUS_UPDATED_AT));
    long submitted = millisOr(spec.getValue(SUBMITTED_AT), updatedAt == null ? 0 : updatedAt);
    JobSpec js = SpecJson.read(id, spec, submitted);
    String preferred = blankToNull(state.getString(PREFERRED_HOST));
    Boolean require = state.getBoolean(REQUIRE_HOST);
    Placement placement =
        new Placement(
            preferred,
            require != null ? require : preferred != null,
            blankToNull(state.getString(TARGET_HOST)));
    long updated = updatedAt == null ? submitted : updatedAt;
    JobTimes times =
        new JobTimes(
            EpochTime.parseMillis(state.getValue(QUEUED_AT)),
            EpochTime.parseMillis(state.getValue(DISPATCHED_AT)),
            EpochTime.parseMillis(state.getValue(STARTED_AT)),
            EpochTime.parseMillis(state.getValue(STOP_REQUESTED_AT)),
            EpochTime.parseMillis(state.getValue(FINISHED_AT)),
            updated,
            millisOr(state.getValue(LAST_STATUS_AT), updated),
            EpochTime.parseMillis(state.getValue(NOT_BEFORE)));
    int number = state.getInteger(ATTEMPT_NUMBER, status.getInteger(ATTEMPT, 0));
    String worker = blankToNull(state.getString(WORKER_ID));
    Attempt attempt =
        worker == null
            ? null
            : new Attempt(
                number,
                worker,
                state.getString(CONTAINER_ID),
                state.getString(CONTAINER_NAME),
                state.getInteger(EXIT_CODE),
                JsonPlain.map(state.getValue(DETAILS) instanceof JsonObject d ? d : null),
                state.getString(STOP_REASON));
    List<String> reruns = new ArrayList<>();
    JsonArray links = spec.getJsonArray(RERUNS);
    if (links != null) {
      links.forEach(l -> reruns.add(String.valueOf(l)));
    }
    Map<String, Object> extra = new java.util.LinkedHashMap<>();
    status.forEach(
        e -> {
          if (!KnownKeys.ALL.contains(e.getKey())) {
            extra.put(e.getKey(), JsonPlain.value(e.getValue()));
          }
        });
    return new Job(
        js,
        st,
        placement,
        attempt,
        number,
        state.getInteger(REQUEUE_COUNT, 0),
        times,
        state.getString(ERROR),
        NoteJson.read(state),
        HistoryJson.read(status.getJsonArray(HISTORY)),
        reruns,
        state.getLong(VERSION, 0L),
        extra);
  }

  /** {@code queue/<id>.json}: the replaced service's queue entry. */
  public static JsonObject queueFile(QueueEntry q) {
    JsonObject json =
        new JsonObject()
            .put(JOB_ID, q.jobId())
            .put(PREFERRED_HOST, q.preferredHost())
            .put(REQUIRE_HOST, q.requireHost());
    time(json, ENQUEUED_AT, q.enqueuedAt());
    put(json, SUBMITTED_BY, q.submittedBy());
    if (q.priority() != 0) {
      json.put(PRIORITY, q.priority());
    }
    time(json, NOT_BEFORE, q.notBefore());
    return json;
  }

  /** When a queue file says its job entered the queue; null if it does not say. */
  public static Long enqueuedAt(JsonObject queueFile) {
    return queueFile == null ? null : EpochTime.parseMillis(queueFile.getValue(ENQUEUED_AT));
  }

  private static JsonArray reruns(Job job) {
    return job.reruns().isEmpty() ? null : new JsonArray(job.reruns());
  }

  /** Milliseconds of a wire time (epoch seconds), or the fallback when it is missing. */
  static long millisOr(Object wire, long fallbackMillis) {
    Long v = EpochTime.parseMillis(wire);
    return v != null ? v : fallbackMillis;
  }

  static void time(JsonObject doc, String key, Long millis) {
    if (millis != null) {
      doc.put(key, EpochTime.seconds(millis));
    }
  }

  static void put(JsonObject doc, String key, Object value) {
    if (value != null) {
      doc.put(key, value);
    }
  }

  private static void putIfTruthy(JsonObject json, String key, Object value) {
    if (value != null
        && !(value instanceof String s && s.isEmpty())
        && !(value instanceof JsonObject o && o.isEmpty())) {
      json.put(key, value);
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
