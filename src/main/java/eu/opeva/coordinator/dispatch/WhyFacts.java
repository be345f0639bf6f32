package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.settings.HostSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What dispatch knows about why a job is where it is: its dependencies still pending, its retry
 * backoff, the hosts that could take it with their slots, and how many queued jobs go before it for
 * those hosts. Host liveness is the monitor's; {@code GET /jobs/{id}/why} joins the two.
 */
public final class WhyFacts {
  public static final String PENDING = "pending_dependencies";
  public static final String NOT_BEFORE = JobFields.NOT_BEFORE;
  public static final String CANDIDATES = "candidates";
  public static final String HOST = "host";
  public static final String PROFILE = "profile";
  public static final String USED = "used";
  public static final String LIMIT = "limit";
  public static final String AHEAD = "ahead";
  public static final String POSITION = "position";
  public static final String EFFECTIVE_PRIORITY = "effective_priority";
  public static final String PRIORITY = JobFields.PRIORITY;
  public static final String PINNED_HOST = "pinned_host";
  public static final String WORKER_ID = JobFields.WORKER_ID;
  public static final String ERROR = JobFields.ERROR;
  public static final String DRAINING = "draining";

  private final Dispatcher d;

  WhyFacts(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  JsonObject of(Job job) {
    JsonObject out =
        new JsonObject()
            .put(JOB_ID, job.jobId())
            .put(STATUS, job.status().wire())
            .put(PRIORITY, job.spec().scheduling().priority())
            .put(DRAINING, d.draining)
            .put(WORKER_ID, job.workerId())
            .put(ERROR, job.error());
    if (job.status() == JobStatus.WAITING) {
      JsonArray pending = new JsonArray();
      for (String dep : job.spec().scheduling().dependsOn()) {
        JobStatus s = d.statusOf(dep);
        if (s != null && !s.isTerminal()) {
          pending.add(new JsonObject().put(JOB_ID, dep).put(STATUS, s.wire()));
        }
      }
      out.put(PENDING, pending);
    }
    QueueEntry q = d.queue.get(job.jobId());
    if (q == null) {
      return out;
    }
    long now = d.now();
    if (q.notBefore() != null && q.notBefore() > now) {
      out.put(NOT_BEFORE, EpochTime.seconds(q.notBefore()));
    }
    String pinned = q.pinnedHost();
    out.put(PINNED_HOST, pinned)
        .put(PROFILE, q.profile())
        .put(EFFECTIVE_PRIORITY, rounded(q.effectivePriority(now, d.queue.agingMs())))
        .put(POSITION, d.queue.positionOf(q, now));
    List<String> hosts = candidates(pinned);
    JsonArray candidates = new JsonArray();
    for (String host : hosts) {
      HostSettings hs = d.hostSettings(host);
      JsonObject c = new JsonObject().put(HOST, host);
      if (hs.hasSlots()) {
        c.put(USED, d.registry.activeCount(host, q.profile())).put(LIMIT, hs.slotsFor(q.profile()));
      }
      candidates.add(c);
    }
    out.put(CANDIDATES, candidates).put(AHEAD, ahead(q, pinned, hosts));
    return out;
  }

  /** Hosts that may run the job: its pinned host, else every host that takes unpinned jobs. */
  private List<String> candidates(String pinned) {
    if (pinned != null) {
      return List.of(pinned);
    }
    List<String> out = new ArrayList<>();
    for (String host : d.config.hosts().available()) {
      if (!d.hostSettings(host).pinnedOnly()) {
        out.add(host);
      }
    }
    return out;
  }

  /** Queued jobs that any of those hosts would take before this one (O(n): a diagnosis). */
  private int ahead(QueueEntry q, String pinned, List<String> hosts) {
    int n = 0;
    boolean unpinnedToo = pinned == null || !d.hostSettings(pinned).pinnedOnly();
    if (unpinnedToo) {
      n += countBefore(d.queue.set(null, q.profile()), q);
    }
    for (String host : hosts) {
      n += countBefore(d.queue.set(host, q.profile()), q);
    }
    return n;
  }

  private int countBefore(Iterable<QueueEntry> set, QueueEntry q) {
    int n = 0;
    for (QueueEntry e : set) {
      if (!d.queue.before(e, q)) {
        break;
      }
      n++;
    }
    return n;
  }

  static double rounded(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
