package eu.opeva.coordinator.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole typed configuration, validated once at start. */
public record Settings(
    Http http,
    Storage storage,
    Hosts hosts,
    Duration claimTtl,
    Jobs jobs,
    Duration monitorInterval,
    Artifacts artifacts,
    LocalWorker localWorker,
    Mongo mongo,
    Datasets datasets,
    Experiments experiments,
    Auth auth) {

  /**
   * Authentication: users (HTTP Basic against an htpasswd file, roles from a roles file) and agents
   * (bearer tokens bound to their worker id). The files live in the coordinator's own state folder
   * ({@code home}, never the shared directory) unless set; missing ones are created on the first
   * start. Verified credentials are kept for {@code cacheTtl}; an address that fails more than
   * {@code failedLoginsPerMinute} logins a minute is answered 429.
   */
  public record Auth(
      boolean enabled,
      Path home,
      Optional<Path> htpasswdFile,
      Optional<Path> rolesFile,
      Optional<Path> agentTokensFile,
      Duration cacheTtl,
      int failedLoginsPerMinute) {}

  /**
   * The HTTP edge; {@code corsAllowedOrigins} are the browser origins allowed (with credentials).
   * {@code bodyLimitBytes} bounds the body of most operations, {@code agentBodyLimitBytes} that of
   * the agent operations, {@code agentFieldMaxBytes} each free-form field an agent sends to be kept
   * (a report's {@code details} and {@code error}, a heartbeat's {@code info}), JSON-encoded.
   */
  public record Http(
      String host,
      int port,
      long bodyLimitBytes,
      long agentBodyLimitBytes,
      long agentFieldMaxBytes,
      int instances,
      List<String> corsAllowedOrigins,
      Connections connections) {}

  /**
   * Limits on client connections: a new connection must complete its request headers within {@code
   * headerTimeout}; one with no request in flight is closed after {@code idleTimeout}; one client
   * address holds at most {@code maxPerAddress} connections (more are closed at once).
   */
  public record Connections(Duration headerTimeout, Duration idleTimeout, int maxPerAddress) {}

  /** Experiment configs: the largest config accepted, in bytes, whatever its source. */
  public record Experiments(long configMaxBytes) {}

  /**
   * Shared storage. The keys workers add to the {@code job_info.json} of active jobs are read back
   * every {@code infoRefreshInterval} (for {@code GET /jobs}, served from memory). A job-state
   * write that has not started within {@code writeStartTimeout} is abandoned (its requester is told
   * nothing changed); {@code faults} injects storage faults (tests and the fault-injection suite
   * only).
   */
  public record Storage(
      Path sharedRoot,
      boolean fsync,
      int ioThreads,
      Duration snapshotInterval,
      Duration infoRefreshInterval,
      Duration writeStartTimeout,
      Faults faults,
      Lease lease) {}

  /**
   * Injected faults: a share of failed writes and a largest delay (zero: none); {@code
   * schedulerHalt} halts the JVM at a point of a schedule run ({@code after_record} or {@code
   * after_submit}; {@code none}), for the crash tests.
   */
  public record Faults(double failRate, long maxDelayMs, long seed, String schedulerHalt) {
    public static final Faults NONE = new Faults(0, 0, 0, "none");
  }

  /**
   * The lease that makes one coordinator the only one on a shared directory: renewed every {@code
   * renewInterval}; a lease not renewed for {@code takeoverAfter} may be taken over.
   */
  public record Lease(Duration renewInterval, Duration takeoverAfter) {}

  public record Hosts(
      List<String> available,
      Duration heartbeatTtl,
      Duration staleGrace,
      Map<String, HostSettings> settings) {
    public Hosts {
      available = HostNames.of(available);
    }

    public boolean isKnown(String host) {
      return available.contains(host);
    }

    public HostSettings settingsOf(String host) {
      return settings.getOrDefault(host, HostSettings.DEFAULT);
    }

    /** The cutoff after which a silent worker is offline for job recovery. */
    public Duration offlineAfter() {
      return heartbeatTtl.plus(staleGrace);
    }
  }

  public record Jobs(
      Duration statusTtl,
      String defaultImage,
      String imageRepository,
      String containerNamePrefix,
      Optional<String> mlflowTrackingUri,
      Optional<String> mlflowUiBaseUrl,
      List<String> processCommand,
      Mounts mounts,
      eu.opeva.coordinator.domain.RetryPolicy retry,
      Duration priorityAging,
      Optional<String> apiUrl,
      ImageCatalog imageCatalog) {}

  /**
   * {@code GET /job-images/versions}: the tags of job image repositories, read from the registry
   * API at {@code registryUrl} (Docker Hub's {@code /v2/repositories/<namespace>/<name>/tags}); a
   * tag also in {@code sifRepository} (the HPC host's images) is {@code deucalion_ready}. {@code
   * tagsLimit} tags by default; lists are kept for {@code ttl}; each registry request may take
   * {@code timeout}.
   */
  public record ImageCatalog(
      String registryUrl, String sifRepository, int tagsLimit, Duration ttl, Duration timeout) {}

  /**
   * What a job's container sees under {@code /data}: the whole shared directory read-write (the
   * replaced service's behaviour, for existing images), or only what it needs: its own folder
   * read-write, {@code datasets/} and {@code configs/} read-only, at the same paths.
   */
  public enum Mounts {
    SHARED_ROOT,
    JOB
  }

  /** The agent run inside the coordinator process for one host ({@code serve --local-worker}). */
  public record LocalWorker(boolean enabled, String workerId, int slots) {}

  /**
   * Serving job artefacts: how often followed logs are checked for growth; threads that build zips.
   */
  public record Artifacts(Duration logFollowInterval, int bundleThreads) {}

  /**
   * Site data. With neither {@code uri} nor {@code host}, an embedded in-memory server is started.
   * The password never appears in {@link #toString()}.
   */
  public record Mongo(
      Optional<String> uri,
      Optional<String> host,
      int port,
      Optional<String> user,
      Optional<String> password,
      String authSource,
      Duration timeout,
      Demo demo) {

    public boolean embedded() {
      return uri.isEmpty() && host.isEmpty();
    }

    @Override
    public String toString() {
      return "Mongo["
          + (embedded() ? "embedded" : uri.isPresent() ? "uri" : "host " + host.get() + ":" + port)
          + ", demo="
          + demo
          + "]";
    }
  }

  /** The generated demo site loaded into the embedded server by {@code serve --demo-data}. */
  public record Demo(
      boolean enabled, String site, int buildings, int days, int periodMinutes, long seed) {}

  /** CityLearn dataset export and the dataset files endpoints. */
  public record Datasets(
      int acceptableGapMinutes,
      int batchSize,
      int exportThreads,
      long uploadMaxBytes,
      long uploadMaxUncompressedBytes,
      int uploadMaxEntries,
      int uploadMaxRatio,
      long uploadQuotaBytes) {}

  public Settings withSharedRoot(Path root) {
    return new Settings(
        http,
        new Storage(
            root,
            storage.fsync(),
            storage.ioThreads(),
            storage.snapshotInterval(),
            storage.infoRefreshInterval(),
            storage.writeStartTimeout(),
            storage.faults(),
            storage.lease()),
        hosts,
        claimTtl,
        jobs,
        monitorInterval,
        artifacts,
        localWorker,
        mongo,
        datasets,
        experiments,
        auth);
  }

  public Settings withHttpPort(int port) {
    return new Settings(
        new Http(
            http.host(),
            port,
            http.bodyLimitBytes(),
            http.agentBodyLimitBytes(),
            http.agentFieldMaxBytes(),
            http.instances(),
            http.corsAllowedOrigins(),
            http.connections()),
        storage,
        hosts,
        claimTtl,
        jobs,
        monitorInterval,
        artifacts,
        localWorker,
        mongo,
        datasets,
        experiments,
        auth);
  }

  public Settings withLocalWorker(boolean enabled) {
    return new Settings(
        http,
        storage,
        hosts,
        claimTtl,
        jobs,
        monitorInterval,
        artifacts,
        new LocalWorker(enabled, localWorker.workerId(), localWorker.slots()),
        mongo,
        datasets,
        experiments,
        auth);
  }

  public Settings withAuth(Auth a) {
    return new Settings(
        http,
        storage,
        hosts,
        claimTtl,
        jobs,
        monitorInterval,
        artifacts,
        localWorker,
        mongo,
        datasets,
        experiments,
        a);
  }

  public Settings withDemoData(boolean enabled) {
    Demo d = mongo.demo();
    Mongo m =
        new Mongo(
            mongo.uri(),
            mongo.host(),
            mongo.port(),
            mongo.user(),
            mongo.password(),
            mongo.authSource(),
            mongo.timeout(),
            new Demo(enabled, d.site(), d.buildings(), d.days(), d.periodMinutes(), d.seed()));
    return new Settings(
        http,
        storage,
        hosts,
        claimTtl,
        jobs,
        monitorInterval,
        artifacts,
        localWorker,
        m,
        datasets,
        experiments,
        auth);
  }
}
