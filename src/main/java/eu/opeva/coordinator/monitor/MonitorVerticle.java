package eu.opeva.coordinator.monitor;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.ActiveJobs;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.RecoveryRequest;
import eu.opeva.coordinator.domain.ActiveJob;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Staleness;
import eu.opeva.coordinator.metrics.FleetMetrics;
import eu.opeva.coordinator.protocol.Heartbeat;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker heartbeats and the periodic staleness sweep (exactly one instance). The sweep reads the
 * active jobs from dispatch, decides with {@link Staleness} and asks dispatch to requeue or fail;
 * dispatch applies a decision only if the job is still at the version the sweep saw. Every time
 * rule runs from the monitor's start at the earliest, so a restart never declares a live worker
 * offline or its jobs stale before their TTL has run again.
 */
public final class MonitorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorVerticle.class);
  static final String STARTED_AT = "started_at";
  static final String WORKERS = "workers";
  static final String DECISIONS = "decisions";

  private final Settings config;
  private final Clock clock;
  private final Heartbeats heartbeats = new Heartbeats();
  private Staleness staleness;
  private DispatchClient dispatch;
  private long startedAt;
  private long timer = -1;
  private Future<JsonObject> running;
  private FleetMetrics metrics;

  public MonitorVerticle(Settings config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Where the hosts' liveness is shown. */
  public MonitorVerticle metrics(FleetMetrics fleetMetrics) {
    this.metrics = fleetMetrics;
    return this;
  }

  @Override
  public Future<?> start() {
    if (metrics != null) {
      metrics.hosts(config.hosts().available(), config.hosts().heartbeatTtl(), clock);
    }
    staleness = new Staleness(config);
    dispatch = new DispatchClient(vertx);
    startedAt = clock.millis();
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(
        MonitorAddresses.HEARTBEAT,
        m -> {
          Heartbeat hb = Heartbeat.fromJson(m.body());
          heartbeats.record(hb.workerId(), hb.info(), clock.millis());
          seen(hb.workerId());
          m.reply(new JsonObject());
        });
    bus.<JsonObject>consumer(
        MonitorAddresses.TOUCH,
        m -> {
          Heartbeat seen = Heartbeat.fromJson(m.body());
          heartbeats.touch(
              seen.workerId(), seen.info().isEmpty() ? null : seen.info(), clock.millis());
          seen(seen.workerId());
        });
    bus.<JsonObject>consumer(
        MonitorAddresses.HOSTS,
        m ->
            m.reply(
                new JsonObject()
                    .put(STARTED_AT, EpochTime.seconds(startedAt))
                    .put(WORKERS, heartbeats.all())));
    bus.<JsonObject>consumer(MonitorAddresses.SWEEP, m -> BusReplies.reply(m, sweep()));
    timer = vertx.setPeriodic(config.monitorInterval().toMillis(), t -> sweep());
    return Future.succeededFuture();
  }

  private void seen(String worker) {
    if (metrics != null) {
      metrics.seen(worker, clock.millis());
    }
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

  private Future<JsonObject> recoverAll(JsonObject active) {
    long now = clock.millis();
    List<Future<JsonObject>> applied = new ArrayList<>();
    JsonArray decisions = new JsonArray();
    for (Map.Entry<String, List<ActiveJob>> e : ActiveJobs.fromJson(active).entrySet()) {
      Staleness.HostView host = heartbeats.view(e.getKey());
      for (ActiveJob job : e.getValue()) {
        staleness
            .decide(job, host, startedAt, now)
            .ifPresent(
                decision -> {
                  RecoveryRequest request = RecoveryRequest.of(job, decision);
                  LOG.info(
                      "job {} attempt {} on {} is {}: {} ({})",
                      job.jobId(),
                      job.attempt(),
                      e.getKey(),
                      job.status().wire(),
                      decision.action(),
                      decision.mark().wire());
                  decisions.add(request.toJson());
                  applied.add(dispatch.recover(request));
                });
      }
    }
    return Future.join(applied).map(new JsonObject().put(DECISIONS, decisions));
  }
}
