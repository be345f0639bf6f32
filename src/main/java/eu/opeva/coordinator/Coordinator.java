package eu.opeva.coordinator;

import eu.opeva.coordinator.artifacts.ArtifactHandlers;
import eu.opeva.coordinator.artifacts.BundleHandlers;
import eu.opeva.coordinator.auth.AuthService;
import eu.opeva.coordinator.dataset.DatasetHandlers;
import eu.opeva.coordinator.dataset.DatasetVerticle;
import eu.opeva.coordinator.datasetfiles.DatasetFileHandlers;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.DispatchVerticle;
import eu.opeva.coordinator.dispatch.JobStatuses;
import eu.opeva.coordinator.dispatch.QueueHint;
import eu.opeva.coordinator.experiments.ExperimentHandlers;
import eu.opeva.coordinator.fleet.AgentHandlers;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.HttpContract;
import eu.opeva.coordinator.http.HttpVerticle;
import eu.opeva.coordinator.http.UnhandledFailures;
import eu.opeva.coordinator.images.ImageCatalogClient;
import eu.opeva.coordinator.images.ImageCatalogVerticle;
import eu.opeva.coordinator.images.ImageHandlers;
import eu.opeva.coordinator.jobs.JobHandlers;
import eu.opeva.coordinator.jobs.PipelineHandlers;
import eu.opeva.coordinator.lease.CoordinatorLease;
import eu.opeva.coordinator.lease.FileLease;
import eu.opeva.coordinator.lease.PortCheck;
import eu.opeva.coordinator.logs.LogHandlers;
import eu.opeva.coordinator.metrics.Metrics;
import eu.opeva.coordinator.metrics.MetricsHandlers;
import eu.opeva.coordinator.mongo.MongoVerticle;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.mongo.SiteHandlers;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.monitor.MonitorVerticle;
import eu.opeva.coordinator.ops.OpsHandlers;
import eu.opeva.coordinator.scheduler.ScheduleHandlers;
import eu.opeva.coordinator.scheduler.SchedulerClient;
import eu.opeva.coordinator.scheduler.SchedulerVerticle;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.StorageFaults;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the coordinator into a Vert.x instance: dispatch (state first), monitor, site data
 * (MongoDB), datasets, the image catalogue, the scheduler (it submits through dispatch), HTTP (one
 * per core), then the local worker agent when enabled; undeploys in the reverse order on shutdown.
 */
public final class Coordinator {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

  private final Vertx vertx;
  private final Settings config;
  private final Clock clock;
  private final List<String> deployments = new ArrayList<>();
  private final QueueHint queueHint = new QueueHint();
  private final JobStatuses jobStatuses = new JobStatuses();
  private int port;
  private String localWorker;
  private StorageFaults faults;
  private CoordinatorLease lease;
  private Runnable onLeaseLost = () -> {};
  private AuthService auth;
  private Metrics metrics;
  private boolean ownMetrics;

  public Coordinator(Vertx vertx, Settings config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
  }

  /** Faults to inject into job-state writes (tests); the configured ones otherwise. */
  public Coordinator withStorageFaults(StorageFaults injected) {
    this.faults = injected;
    return this;
  }

  /**
   * The metrics to count into: those whose registry {@code vertx} reports to (see {@link
   * Metrics#newVertx}); without, the coordinator makes its own and closes them when it stops.
   */
  public Coordinator withMetrics(Metrics given) {
    this.metrics = given;
    this.ownMetrics = false;
    return this;
  }

  /** The metrics this coordinator counts into. */
  public Metrics metrics() {
    if (metrics == null) {
      metrics = Metrics.create();
      ownMetrics = true;
    }
    return metrics;
  }

  /** What to do when another coordinator took the lease of the shared directory. */
  public Coordinator onLeaseLost(Runnable action) {
    this.onLeaseLost = action;
    return this;
  }

  public Future<Coordinator> start() {
    UnhandledFailures.install(vertx);
    int instances =
        config.http().instances() > 0
            ? config.http().instances()
            : Runtime.getRuntime().availableProcessors();
    lease =
        new FileLease(
            vertx,
            config.storage().sharedRoot(),
            config.storage().lease(),
            config.storage().fsync(),
            clock,
            () -> onLeaseLost.run());
    // The port first, then the lease: a refused start touches nothing in the shared directory.
    return PortCheck.free(vertx, config.http().host(), config.http().port())
        .compose(v -> lease.acquire())
        .compose(v -> Authentication.start(vertx, config, clock))
        .onSuccess(a -> auth = a)
        .compose(
            v ->
                deploy(
                    vertx.deployVerticle(
                        (faults == null
                                ? new DispatchVerticle(config, clock, queueHint)
                                : new DispatchVerticle(config, clock, queueHint, faults))
                            .jobTokens(auth.jobTokens())
                            .statuses(jobStatuses)
                            .metrics(metrics().dispatch()))))
        .compose(
            v ->
                deploy(
                    vertx.deployVerticle(
                        new MonitorVerticle(config, clock).metrics(metrics().fleet()))))
        .compose(v -> deploy(vertx.deployVerticle(new MongoVerticle(config.mongo(), clock))))
        .compose(
            v ->
                deploy(
                    vertx.deployVerticle(
                        new DatasetVerticle(config, clock).metrics(metrics().datasets()))))
        .compose(v -> deploy(vertx.deployVerticle(new ImageCatalogVerticle(config, clock))))
        .compose(
            v ->
                deploy(
                    vertx.deployVerticle(
                        new SchedulerVerticle(config, clock).metrics(metrics().schedules()))))
        .compose(
            v -> {
              // Each instance is given the configured port; HttpVerticle binds port 0 as one shared
              // random port.
              List<HttpVerticle> started = new java.util.concurrent.CopyOnWriteArrayList<>();
              java.util.concurrent.atomic.AtomicInteger made =
                  new java.util.concurrent.atomic.AtomicInteger();
              return HttpContract.load(vertx, instances)
                  .compose(
                      contract ->
                          deploy(
                              vertx.deployVerticle(
                                  () -> {
                                    HttpVerticle http =
                                        new HttpVerticle(
                                            config,
                                            this::routes,
                                            auth,
                                            metrics().http(),
                                            contract,
                                            made.getAndIncrement());
                                    started.add(http);
                                    return http;
                                  },
                                  new DeploymentOptions().setInstances(instances))))
                  .map(
                      id -> {
                        port = started.get(0).actualPort();
                        if (started.stream().anyMatch(h -> h.actualPort() != port)) {
                          throw new IllegalStateException("HTTP instances did not share one port");
                        }
                        return null;
                      });
            })
        .compose(
            v ->
                config.localWorker().enabled()
                    ? LocalWorker.deploy(vertx, config, port, localWorkerToken())
                        .onSuccess(id -> localWorker = id)
                        .<Void>mapEmpty()
                    : Future.<Void>succeededFuture())
        .map(
            v -> {
              LOG.debug("started on port {}", port);
              return this;
            });
  }

  /** The built-in worker's token (none with authentication off). */
  private String localWorkerToken() {
    return auth.enabled()
        ? auth.credentials().tokenOf(config.localWorker().workerId()).orElse(null)
        : null;
  }

  /** The features that each HTTP verticle mounts, with their clients on {@code v}. */
  public List<ApiRoutes> routes(Vertx v) {
    DispatchClient dispatch = new DispatchClient(v).readingFrom(jobStatuses);
    MonitorClient monitor = new MonitorClient(v);
    BlockingIo io = new BlockingIo(v, config.storage().ioThreads());
    return List.of(
        new JobHandlers(config, dispatch, monitor, io, clock),
        new PipelineHandlers(config, dispatch, monitor, clock),
        new AgentHandlers(config, dispatch, monitor, clock, queueHint),
        new OpsHandlers(dispatch),
        new ExperimentHandlers(config, io),
        new LogHandlers(config, v, dispatch, monitor, io, clock, metrics().logs()),
        new ArtifactHandlers(config, dispatch, io),
        new BundleHandlers(config, v, io),
        new SiteHandlers(new SiteDataClient(v)),
        new DatasetHandlers(v, config, new SiteDataClient(v)),
        new DatasetFileHandlers(v, config, io),
        new ImageHandlers(new ImageCatalogClient(v, config)),
        new MetricsHandlers(v, metrics()),
        new ScheduleHandlers(new SchedulerClient(v)));
  }

  private Future<String> deploy(Future<String> deployment) {
    return deployment.onSuccess(deployments::add);
  }

  public int port() {
    return port;
  }

  /**
   * Clean shutdown: the local worker stops first (its last reports still reach the coordinator),
   * then dispatch stops taking work and answers waiting polls with 204, HTTP stops accepting and
   * finishes in-flight responses, then monitor and dispatch stop (the snapshot is written last).
   */
  public Future<Void> stop() {
    Future<Void> chain =
        localWorker == null
            ? Future.succeededFuture()
            : vertx.undeploy(localWorker).recover(err -> Future.succeededFuture());
    localWorker = null;
    chain =
        chain.compose(
            v ->
                new DispatchClient(vertx)
                    .drain()
                    .<Void>mapEmpty()
                    .recover(err -> Future.succeededFuture()));
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    deployments.clear();
    CoordinatorLease held = lease;
    lease = null;
    AuthService signIns = auth;
    auth = null;
    if (signIns != null) {
      chain = chain.eventually(signIns::close);
    }
    if (ownMetrics && metrics != null) {
      Metrics counted = metrics;
      metrics = null;
      chain =
          chain.eventually(
              () ->
                  vertx
                      .executeBlocking(
                          () -> {
                            counted.close();
                            return null;
                          })
                      .mapEmpty());
    }
    return held == null ? chain : chain.eventually(held::release);
  }
}
