package eu.opeva.coordinator.monitor;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker heartbeats and the periodic staleness sweep (exactly one instance). The sweep reads the
 * active jobs from dispatch, decides with {@link Staleness} and asks dispatch to requeue or fail;
 * dispatch applies a decision only if the job has not moved since. After a start, a worker that has
 * not been heard from yet counts as seen at the start, so nobody is declared offline before {@code
 * HOST_HEARTBEAT_TTL + WORKER_STALE_GRACE_SECONDS}.
 */
public final class MonitorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorVerticle.class);

  private final Settings config;
  private final Clock clock;
  private final Heartbeats heartbeats = new Heartbeats();
  private Staleness staleness;
  private DispatchClient dispatch;
  private double startedAt;
  private long timer = -1;
  private Future<JsonObject> running;

  public MonitorVerticle(Settings config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    staleness = new Staleness(config);
    dispatch = new DispatchClient(vertx);
    startedAt = now();
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(
        MonitorAddresses.HEARTBEAT,
        m -> {
          heartbeats.record(m.body().getString("worker_id"), m.body().getJsonObject("info"), now());
          m.reply(new JsonObject().put("ok", true));
        });
    bus.<JsonObject>consumer(
        MonitorAddresses.TOUCH,
        m ->
            heartbeats.touch(
                m.body().getString("worker_id"), m.body().getJsonObject("details"), now()));
    bus.<JsonObject>consumer(
        MonitorAddresses.HOSTS,
        m ->
            m.reply(
                new JsonObject().put("started_at", startedAt).put("workers", heartbeats.all())));
    bus.<JsonObject>consumer(MonitorAddresses.SWEEP, m -> BusReplies.reply(m, sweep()));
    timer = vertx.setPeriodic(config.monitorInterval().toMillis(), t -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** One sweep; overlapping calls share the sweep in progress. */
  Future<JsonObject> sweep() {
    if (running != null) {
      return running;
    }
    running =
        dispatch
            .active()
            .compose(this::recoverAll)
            .onComplete(
                ar -> {
                  running = null;
                  if (ar.failed()) {
                    LOG.warn("monitor sweep failed", ar.cause());
                  }
                });
    return running;
  }

  private Future<JsonObject> recoverAll(JsonObject activeByHost) {
    double now = now();
    List<Future<JsonObject>> applied = new ArrayList<>();
    JsonArray decisions = new JsonArray();
    for (String host : activeByHost.fieldNames()) {
      JsonObject hb = heartbeats.get(host);
      var view =
          new Staleness.HostView(
              hb == null ? startedAt : Math.max(startedAt, hb.getDouble("last_seen")),
              hb == null ? null : hb.getJsonObject("info"));
      for (Object o : activeByHost.getJsonArray(host)) {
        JsonObject job = (JsonObject) o;
        staleness
            .decide(host, job, view, now)
            .ifPresent(
                decision -> {
                  JsonObject request =
                      new JsonObject()
                          .put("job_id", job.getString("job_id"))
                          .put("status", job.getString("status"))
                          .put("attempt", job.getInteger("attempt"))
                          .put("action", decision.action())
                          .put("extras", decision.extras());
                  LOG.info(
                      "job {} on {} is {}: {}",
                      job.getString("job_id"),
                      host,
                      job.getString("status"),
                      decision);
                  decisions.add(request);
                  applied.add(dispatch.recover(request));
                });
      }
    }
    return Future.join(applied).map(new JsonObject().put("decisions", decisions));
  }

  private double now() {
    return clock.millis() / 1000.0;
  }
}
