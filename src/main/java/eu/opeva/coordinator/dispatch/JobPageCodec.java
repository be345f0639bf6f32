package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Plain;
import eu.opeva.coordinator.jobstore.JobCodec;
import eu.opeva.coordinator.jobstore.JsonPlain;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The bus codec of {@link JobPage}: within one process the page itself is handed over (its jobs are
 * immutable, so nothing is copied on the dispatch loop); between processes it travels as JSON, each
 * job as its registry entry (the {@code job_track.json} form), which {@link JobCodec} reads back
 * whole.
 */
final class JobPageCodec implements MessageCodec<JobPage, JobPage> {
  static final String NAME = "opeva-job-page";
  private static final String ENTRY = "entry";
  private static final String WORKER_KEYS = "worker_keys";

  /** Registers the codec on {@code bus} unless it already is (each side of the bus needs it). */
  static void registerOn(EventBus bus) {
    try {
      bus.registerDefaultCodec(JobPage.class, new JobPageCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Registered by the other side in this process.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, JobPage page) {
    Buffer json = toJson(page).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public JobPage decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public JobPage transform(JobPage page) {
    return page;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  static JsonObject toJson(JobPage page) {
    JsonArray jobs = new JsonArray();
    for (JobPage.Listed l : page.jobs()) {
      jobs.add(
          new JsonObject()
              .put(ENTRY, JobCodec.trackEntry(l.job()))
              .put(WORKER_KEYS, JsonPlain.json(l.workerKeys())));
    }
    return new JsonObject()
        .put(JobQueries.JOBS, jobs)
        .put(JobQueries.TOTAL, page.total())
        .put(JobFilter.LAST_SEQ, page.lastSeq());
  }

  static JobPage fromJson(JsonObject json) {
    List<JobPage.Listed> jobs = new ArrayList<>();
    for (Object o : json.getJsonArray(JobQueries.JOBS)) {
      JsonObject item = (JsonObject) o;
      JsonObject entry = item.getJsonObject(ENTRY);
      jobs.add(
          new JobPage.Listed(
              JobCodec.read(entry, entry, null),
              Plain.map(JsonPlain.map(item.getJsonObject(WORKER_KEYS)))));
    }
    return new JobPage(jobs, json.getInteger(JobQueries.TOTAL), json.getLong(JobFilter.LAST_SEQ));
  }
}
