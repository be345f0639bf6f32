package eu.opeva.coordinator.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the merged configuration tree into a validated {@link Settings}. */
final class SettingsBinder {
  private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final JsonObject tree;
  private final JsonObject origin;

  private SettingsBinder(JsonObject tree) {
    this.tree = tree;
    this.origin = tree.getJsonObject("_origin", new JsonObject());
  }

  static Settings bind(JsonObject tree) {
    return new SettingsBinder(tree).bind();
  }

  private Settings bind() {
    var http =
        new Settings.Http(
            string("http.host"),
            (int) number("http.port", 0, 65535),
            (long) number("http.body_limit_bytes", 1024, Integer.MAX_VALUE),
            (int) number("http.instances", 0, 256),
            origins("http.cors_allowed_origins"));
    var storage =
        new Settings.Storage(
            Path.of(string("storage.shared_root")).toAbsolutePath().normalize(),
            bool("storage.fsync"),
            (int) number("storage.io_threads", 1, 1024),
            Duration.ofMillis((long) number("storage.snapshot_interval_ms", 10, 3_600_000)));
    List<String> available = hostList("hosts.available");
    var hosts =
        new Settings.Hosts(
            available,
            seconds("hosts.heartbeat_ttl_seconds"),
            seconds("hosts.stale_grace_seconds"),
            hostSettings());
    var jobs =
        new Settings.Jobs(
            seconds("jobs.status_ttl_seconds"),
            string("jobs.default_image"),
            string("jobs.image_repository"),
            string("jobs.container_name_prefix"),
            optionalString("jobs.mlflow_tracking_uri"),
            optionalString("jobs.mlflow_ui_base_url"),
            command("jobs.process_command"));
    var localWorker =
        new Settings.LocalWorker(
            boolOr("local_worker.enabled", false),
            optionalString("local_worker.worker_id").orElse("local"),
            (int) number("local_worker.slots", 1, 1024));
    if (localWorker.enabled() && !available.contains(localWorker.workerId())) {
      throw invalid(
          "local_worker.worker_id",
          "the local worker must be one of hosts.available " + available,
          localWorker.workerId());
    }
    var artifacts =
        new Settings.Artifacts(
            Duration.ofMillis((long) number("artifacts.log_follow_interval_ms", 10, 60_000)),
            (int) number("artifacts.bundle_threads", 1, 256));
    return new Settings(
        http,
        storage,
        hosts,
        seconds("queue.claim_ttl_seconds"),
        jobs,
        seconds("monitor.interval_seconds"),
        artifacts,
        localWorker,
        mongo(),
        datasets());
  }

  /** A command line: a list of arguments, or one string split at whitespace; empty when unset. */
  private List<String> command(String path) {
    Object raw = value(path, null);
    List<String> out = new ArrayList<>();
    if (raw instanceof JsonArray list) {
      list.forEach(arg -> out.add(String.valueOf(arg)));
    } else if (raw instanceof JsonObject) {
      throw invalid(path, "expected a command (a list, or a string of space-separated words)", raw);
    } else if (raw != null && !String.valueOf(raw).isBlank()) {
      out.addAll(List.of(String.valueOf(raw).trim().split("\\s+")));
    }
    return List.copyOf(out);
  }

  private Settings.Mongo mongo() {
    var demo =
        new Settings.Demo(
            bool("mongo.demo.enabled"),
            siteName("mongo.demo.site"),
            (int) number("mongo.demo.buildings", 1, 50),
            (int) number("mongo.demo.days", 1, 3660),
            (int) number("mongo.demo.period_minutes", 1, 1440),
            (long) number("mongo.demo.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    Optional<String> uri = optionalString("mongo.uri");
    if (uri.isPresent()
        && !uri.get().startsWith("mongodb://")
        && !uri.get().startsWith("mongodb+srv://")) {
      // Never echo the value: it may carry credentials.
      throw new SettingsException(
          "invalid setting "
              + originOf("mongo.uri")
              + ": expected a mongodb:// or mongodb+srv:// connection string");
    }
    return new Settings.Mongo(
        uri,
        optionalString("mongo.host"),
        (int) number("mongo.port", 1, 65535),
        optionalString("mongo.user"),
        optionalString("mongo.password"),
        string("mongo.auth_source"),
        seconds("mongo.timeout_seconds"),
        demo);
  }

  private Settings.Datasets datasets() {
    return new Settings.Datasets(
        (int) number("datasets.acceptable_gap_minutes", 0, 525_600),
        (int) number("datasets.batch_size", 10, 100_000),
        (int) number("datasets.export_threads", 1, 64),
        (long) number("datasets.upload_max_bytes", 1024, 1L << 40),
        (long) number("datasets.upload_max_uncompressed_bytes", 1024, 1L << 42),
        (int) number("datasets.upload_max_entries", 1, 10_000_000),
        (int) number("datasets.upload_max_ratio", 1, 100_000));
  }

  private String siteName(String path) {
    String site = string(path);
    if (!site.matches("[A-Za-z0-9_-]{1,63}")) {
      throw invalid(path, "site names are letters, digits, '_' and '-' (max 63)", site);
    }
    return site;
  }

  private String originOf(String path) {
    return origin.containsKey(path) ? origin.getString(path) + " (" + path + ")" : path;
  }

  private Map<String, HostSettings> hostSettings() {
    Map<String, HostSettings> out = new LinkedHashMap<>();
    JsonObject all = (JsonObject) value("hosts.settings", new JsonObject());
    for (String host : all.fieldNames()) {
      if (!HOST_ID.matcher(host).matches()) {
        throw invalid("hosts.settings." + host, "not a valid host id", host);
      }
      String p = "hosts.settings." + host + ".";
      Map<String, Integer> slots = new LinkedHashMap<>();
      Object rawSlots = value(p + "max_active_jobs", new JsonObject());
      if (!(rawSlots instanceof JsonObject slotTree)) {
        throw invalid(p + "max_active_jobs", "expected a mapping of profile to slots", rawSlots);
      }
      for (String profile : slotTree.fieldNames()) {
        // Negative slot counts mean zero, as in the service this one replaces.
        slots.put(
            profile,
            (int) Math.max(0, number(p + "max_active_jobs." + profile, -1_000_000, 1_000_000)));
      }
      Optional<Duration> ttl =
          value(p + "dispatch_status_ttl_seconds", null) == null
              ? Optional.empty()
              : Optional.of(seconds(p + "dispatch_status_ttl_seconds"));
      List<String> states = new ArrayList<>();
      Object rawStates = value(p + "preserve_dispatched_states", new JsonArray());
      if (!(rawStates instanceof JsonArray stateList)) {
        throw invalid(p + "preserve_dispatched_states", "expected a list", rawStates);
      }
      stateList.forEach(s -> states.add(String.valueOf(s).trim().toUpperCase()));
      out.put(
          host,
          new HostSettings(
              boolOr(p + "pinned_only", false),
              Map.copyOf(slots),
              ttl,
              optionalString(p + "mlflow_tracking_uri"),
              boolOr(p + "scheduler_options", false),
              List.copyOf(states)));
    }
    return Map.copyOf(out);
  }

  private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s]+");

  private List<String> origins(String path) {
    Object raw = value(path, new JsonArray());
    if (!(raw instanceof JsonArray list)) {
      throw invalid(path, "expected a list of origins", raw);
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      String origin = String.valueOf(item).trim().replaceAll("/+$", "");
      if (!ORIGIN.matcher(origin).matches()) {
        throw invalid(path, "origins are scheme://host[:port]", item);
      }
      out.add(origin);
    }
    return List.copyOf(out);
  }

  private List<String> hostList(String path) {
    Object raw = value(path, null);
    if (!(raw instanceof JsonArray list)) {
      throw invalid(path, "expected a list of host ids", raw);
    }
    List<String> hosts = new ArrayList<>();
    for (Object item : list) {
      String host = String.valueOf(item).trim();
      if (!HOST_ID.matcher(host).matches()) {
        throw invalid(path, "host ids are letters, digits, '_', '.', '-' (max 128)", host);
      }
      if (!hosts.contains(host)) {
        hosts.add(host);
      }
    }
    return List.copyOf(hosts);
  }

  private Duration seconds(String path) {
    double s = number(path, 0.001, 10L * 365 * 24 * 3600);
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private double number(String path, double min, double max) {
    Object raw = value(path, null);
    double n;
    if (raw instanceof Number num) {
      n = num.doubleValue();
    } else {
      try {
        n = Double.parseDouble(String.valueOf(raw).trim());
      } catch (NumberFormatException e) {
        throw invalid(path, "expected a number", raw);
      }
    }
    if (Double.isNaN(n) || n < min || n > max) {
      throw invalid(path, "expected a number from " + fmt(min) + " to " + fmt(max), raw);
    }
    return n;
  }

  private String string(String path) {
    return optionalString(path).orElseThrow(() -> invalid(path, "a value is required", null));
  }

  private Optional<String> optionalString(String path) {
    Object raw = value(path, null);
    if (raw == null || String.valueOf(raw).isBlank()) {
      return Optional.empty();
    }
    if (raw instanceof JsonObject || raw instanceof JsonArray) {
      throw invalid(path, "expected a single value", raw);
    }
    return Optional.of(String.valueOf(raw).trim());
  }

  private boolean bool(String path) {
    Object raw = value(path, null);
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(raw).trim().toLowerCase();
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw invalid(path, "expected true or false", raw);
  }

  private boolean boolOr(String path, boolean fallback) {
    return value(path, null) == null ? fallback : bool(path);
  }

  private Object value(String path, Object fallback) {
    Object node = tree;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject obj) || !obj.containsKey(part)) {
        return fallback;
      }
      node = obj.getValue(part);
    }
    return node == null ? fallback : node;
  }

  private SettingsException invalid(String path, String expectation, Object got) {
    return new SettingsException(
        "invalid setting " + originOf(path) + ": " + expectation + ", got '" + got + "'");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
