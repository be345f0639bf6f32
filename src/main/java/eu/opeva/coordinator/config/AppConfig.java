package eu.opeva.coordinator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole typed configuration, validated once at start. */
public record AppConfig(
    Http http,
    Storage storage,
    Hosts hosts,
    Duration claimTtl,
    Jobs jobs,
    Duration monitorInterval,
    Artifacts artifacts,
    LocalWorker localWorker) {

  public record Http(String host, int port, long bodyLimitBytes, int instances) {}

  public record Storage(Path sharedRoot, boolean fsync, int ioThreads, Duration snapshotInterval) {}

  public record Hosts(
      List<String> available,
      Duration heartbeatTtl,
      Duration staleGrace,
      Map<String, HostSettings> settings) {

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
      List<String> processCommand) {}

  /** The agent run inside the coordinator process for one host ({@code serve --local-worker}). */
  public record LocalWorker(boolean enabled, String workerId, int slots) {}

  /** Serving job artefacts: how often followed logs are checked for growth; threads that build zips. */
  public record Artifacts(Duration logFollowInterval, int bundleThreads) {}

  public AppConfig withSharedRoot(Path root) {
    return new AppConfig(http, new Storage(root, storage.fsync(), storage.ioThreads(),
        storage.snapshotInterval()), hosts, claimTtl, jobs, monitorInterval, artifacts, localWorker);
  }

  public AppConfig withHttpPort(int port) {
    return new AppConfig(new Http(http.host(), port, http.bodyLimitBytes(), http.instances()),
        storage, hosts, claimTtl, jobs, monitorInterval, artifacts, localWorker);
  }

  public AppConfig withLocalWorker(boolean enabled) {
    return new AppConfig(http, storage, hosts, claimTtl, jobs, monitorInterval, artifacts,
        new LocalWorker(enabled, localWorker.workerId(), localWorker.slots()));
  }
}
