package eu.opeva.coordinator.settings;

import eu.opeva.coordinator.domain.RetryPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the merged configuration tree into a validated {@link Settings}, section by section (the
 * {@code hosts} section is {@link HostsBinder}); values are read through {@link SettingsTree}.
 */
final class SettingsBinder {
  private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s]+");

  private final SettingsTree tree;

  private SettingsBinder(JsonObject tree) {
    this.tree = new SettingsTree(tree);
  }

  static Settings bind(JsonObject tree) {
    return new SettingsBinder(tree).bind();
  }

  private Settings bind() {
    var http =
        new Settings.Http(
            tree.string("http.host"),
            (int) tree.number("http.port", 0, 65535),
            (long) tree.number("http.body_limit_bytes", 1024, Integer.MAX_VALUE),
            (long) tree.number("http.agent_body_limit_bytes", 1024, Integer.MAX_VALUE),
            (long) tree.number("http.agent_field_max_bytes", 256, Integer.MAX_VALUE),
            (int) tree.number("http.instances", 0, 256),
            origins("http.cors_allowed_origins"),
            new Settings.Connections(
                tree.seconds("http.header_timeout_seconds"),
                tree.seconds("http.idle_timeout_seconds"),
                (int) tree.number("http.max_connections_per_address", 1, 1_000_000)));
    var storage =
        new Settings.Storage(
            Path.of(tree.string("storage.shared_root")).toAbsolutePath().normalize(),
            tree.bool("storage.fsync"),
            (int) tree.number("storage.io_threads", 1, 1024),
            Duration.ofMillis((long) tree.number("storage.snapshot_interval_ms", 10, 3_600_000)),
            Duration.ofMillis(
                (long) tree.number("storage.info_refresh_interval_ms", 10, 3_600_000)),
            Duration.ofMillis((long) tree.number("storage.write_start_timeout_ms", 100, 600_000)),
            faults(),
            new Settings.Lease(
                Duration.ofMillis(
                    (long) tree.number("storage.lease.renew_interval_ms", 100, 60_000)),
                tree.seconds("storage.lease.takeover_after_seconds")));
    var hosts = new HostsBinder(tree).bind();
    var jobs =
        new Settings.Jobs(
            tree.seconds("jobs.status_ttl_seconds"),
            tree.string("jobs.default_image"),
            tree.string("jobs.image_repository"),
            tree.string("jobs.container_name_prefix"),
            tree.optionalString("jobs.mlflow_tracking_uri"),
            tree.optionalString("jobs.mlflow_ui_base_url"),
            tree.command("jobs.process_command"),
            mounts(tree.string("jobs.mounts")),
            retry(),
            tree.seconds("jobs.priority_aging_seconds"),
            tree.optionalString("jobs.api_url"),
            imageCatalog());
    var localWorker = localWorker(hosts.available());
    var artifacts =
        new Settings.Artifacts(
            Duration.ofMillis((long) tree.number("artifacts.log_follow_interval_ms", 10, 60_000)),
            (int) tree.number("artifacts.bundle_threads", 1, 256));
    return new Settings(
        http,
        storage,
        hosts,
        tree.seconds("queue.claim_ttl_seconds"),
        jobs,
        tree.seconds("monitor.interval_seconds"),
        artifacts,
        localWorker,
        mongo(),
        datasets(),
        new Settings.Experiments(
            (long) tree.number("experiments.config_max_bytes", 1024, 256L << 20)),
        auth());
  }

  private Settings.ImageCatalog imageCatalog() {
    String url = tree.string("jobs.image_catalog.registry_url").replaceAll("/+$", "");
    if (!ORIGIN.matcher(url).matches()) {
      throw tree.invalid(
          "jobs.image_catalog.registry_url",
          "expected the registry API's base URL, scheme://host[:port]",
          url);
    }
    double ttl = tree.number("jobs.image_catalog.ttl_seconds", 0, 7L * 24 * 3600);
    // As the replaced service: a timeout below one second is one second.
    double timeout = Math.max(1, tree.number("jobs.image_catalog.timeout_seconds", 0, 600));
    return new Settings.ImageCatalog(
        url,
        tree.string("jobs.image_catalog.sif_repository"),
        (int) tree.number("jobs.image_catalog.tags_limit", 1, 200),
        Duration.ofMillis(Math.round(ttl * 1000)),
        Duration.ofMillis(Math.round(timeout * 1000)));
  }

  private List<String> origins(String path) {
    Object raw = tree.value(path, new JsonArray());
    if (!(raw instanceof JsonArray list)) {
      throw tree.invalid(path, "expected a list of origins", raw);
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      String origin = String.valueOf(item).trim().replaceAll("/+$", "");
      if (!ORIGIN.matcher(origin).matches()) {
        throw tree.invalid(path, "origins are scheme://host[:port]", item);
      }
      out.add(origin);
    }
    return List.copyOf(out);
  }

  /** The local worker, which must be one of the available hosts when it is enabled. */
  private Settings.LocalWorker localWorker(List<String> available) {
    var localWorker =
        new Settings.LocalWorker(
            tree.boolOr("local_worker.enabled", false),
            tree.optionalString("local_worker.worker_id").orElse("local"),
            (int) tree.number("local_worker.slots", 1, 1024));
    if (localWorker.enabled() && !available.contains(localWorker.workerId())) {
      throw tree.invalid(
          "local_worker.worker_id",
          "the local worker must be one of hosts.available " + available,
          localWorker.workerId());
    }
    return localWorker;
  }

  private Settings.Mongo mongo() {
    var demo =
        new Settings.Demo(
            tree.bool("mongo.demo.enabled"),
            siteName("mongo.demo.site"),
            (int) tree.number("mongo.demo.buildings", 1, 50),
            (int) tree.number("mongo.demo.days", 1, 3660),
            (int) tree.number("mongo.demo.period_minutes", 1, 1440),
            (long) tree.number("mongo.demo.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    Optional<String> uri = tree.optionalString("mongo.uri");
    if (uri.isPresent()
        && !uri.get().startsWith("mongodb://")
        && !uri.get().startsWith("mongodb+srv://")) {
      // Never echo the value: it may carry credentials.
      throw new SettingsException(
          "invalid setting "
              + tree.originOf("mongo.uri")
              + ": expected a mongodb:// or mongodb+srv:// connection string");
    }
    return new Settings.Mongo(
        uri,
        tree.optionalString("mongo.host"),
        (int) tree.number("mongo.port", 1, 65535),
        tree.optionalString("mongo.user"),
        tree.optionalString("mongo.password"),
        tree.string("mongo.auth_source"),
        tree.seconds("mongo.timeout_seconds"),
        demo);
  }

  private String siteName(String path) {
    String site = tree.string(path);
    if (!site.matches("[A-Za-z0-9_-]{1,63}")) {
      throw tree.invalid(path, "site names are letters, digits, '_' and '-' (max 63)", site);
    }
    return site;
  }

  /** The retry policy of jobs that name none (or only part of one). */
  private RetryPolicy retry() {
    Set<RetryPolicy.Cause> on = EnumSet.noneOf(RetryPolicy.Cause.class);
    for (String cause : tree.list("jobs.retry.on")) {
      on.add(
          RetryPolicy.Cause.parse(cause)
              .orElseThrow(
                  () ->
                      tree.invalid(
                          "jobs.retry.on", "causes are worker_lost, stale and exit_code", cause)));
    }
    List<Integer> codes = new ArrayList<>();
    for (String c : tree.list("jobs.retry.exit_codes")) {
      try {
        codes.add(Integer.parseInt(c));
      } catch (NumberFormatException e) {
        throw tree.invalid("jobs.retry.exit_codes", "expected a list of integer exit codes", c);
      }
    }
    return new RetryPolicy(
        (int) tree.number("jobs.retry.max_attempts", 1, 100),
        Math.round(tree.number("jobs.retry.backoff_seconds", 0, 7 * 24 * 3600) * 1000),
        Math.round(tree.number("jobs.retry.max_backoff_seconds", 0, 7 * 24 * 3600) * 1000),
        on,
        codes);
  }

  private static Settings.Mounts mounts(String value) {
    return switch (value.trim()) {
      case "shared-root" -> Settings.Mounts.SHARED_ROOT;
      case "job" -> Settings.Mounts.JOB;
      default ->
          throw new SettingsException(
              "jobs.mounts (JOB_MOUNTS): expected shared-root or job, got '" + value + "'");
    };
  }

  /** Injected faults: {@code storage.faults.{fail_rate, max_delay_ms, seed, scheduler_halt}}. */
  private Settings.Faults faults() {
    String halt = tree.optionalString("storage.faults.scheduler_halt").orElse("none");
    if (!Set.of("none", "after_record", "after_submit").contains(halt)) {
      throw tree.invalid(
          "storage.faults.scheduler_halt", "expected none, after_record or after_submit", halt);
    }
    return new Settings.Faults(
        tree.number("storage.faults.fail_rate", 0, 1),
        (long) tree.number("storage.faults.max_delay_ms", 0, 600_000),
        (long) tree.number("storage.faults.seed", Long.MIN_VALUE, Long.MAX_VALUE),
        halt);
  }

  private Settings.Auth auth() {
    return new Settings.Auth(
        tree.bool("auth.enabled"),
        home(tree.string("auth.home")),
        tree.optionalString("auth.htpasswd_file").map(Path::of),
        tree.optionalString("auth.roles_file").map(Path::of),
        tree.optionalString("auth.agent_tokens_file").map(Path::of),
        tree.seconds("auth.cache_seconds"),
        (int) tree.number("auth.failed_logins_per_minute", 1, 100_000));
  }

  /** {@code ~} at the start of a path is the user's home folder. */
  private static Path home(String path) {
    String expanded =
        path.equals("~") || path.startsWith("~/")
            ? System.getProperty("user.home") + path.substring(1)
            : path;
    return Path.of(expanded).toAbsolutePath().normalize();
  }

  private Settings.Datasets datasets() {
    return new Settings.Datasets(
        (int) tree.number("datasets.acceptable_gap_minutes", 0, 525_600),
        (int) tree.number("datasets.batch_size", 10, 100_000),
        (int) tree.number("datasets.export_threads", 1, 64),
        (long) tree.number("datasets.upload_max_bytes", 1024, 1L << 40),
        (long) tree.number("datasets.upload_max_uncompressed_bytes", 1024, 1L << 42),
        (int) tree.number("datasets.upload_max_entries", 1, 10_000_000),
        (int) tree.number("datasets.upload_max_ratio", 1, 100_000),
        (long) tree.number("datasets.upload_quota_bytes", 1024, 1L << 50));
  }
}
