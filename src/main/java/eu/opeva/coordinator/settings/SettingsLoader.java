package eu.opeva.coordinator.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Settings}: bundled defaults, then an optional YAML file, then environment
 * variables (the names of the service this one replaces). Runs once, on the main thread.
 */
public final class SettingsLoader {
  static final String DEFAULTS = "conf/coordinator.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Environment variable, the dotted key it overrides, and how to read it. */
  record EnvKey(String name, String path, Kind kind) {}

  enum Kind {
    STRING,
    NUMBER,
    LIST,
    SLOTS
  }

  static final List<EnvKey> ENV_KEYS =
      List.of(
          new EnvKey("HTTP_HOST", "http.host", Kind.STRING),
          new EnvKey("HTTP_PORT", "http.port", Kind.NUMBER),
          new EnvKey("CORS_ALLOWED_ORIGINS", "http.cors_allowed_origins", Kind.LIST),
          new EnvKey("HTTP_HEADER_TIMEOUT_SECONDS", "http.header_timeout_seconds", Kind.NUMBER),
          new EnvKey("HTTP_IDLE_TIMEOUT_SECONDS", "http.idle_timeout_seconds", Kind.NUMBER),
          new EnvKey(
              "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "http.max_connections_per_address", Kind.NUMBER),
          new EnvKey("HTTP_BODY_LIMIT_BYTES", "http.body_limit_bytes", Kind.NUMBER),
          new EnvKey("AGENT_BODY_LIMIT_BYTES", "http.agent_body_limit_bytes", Kind.NUMBER),
          new EnvKey("AGENT_FIELD_MAX_BYTES", "http.agent_field_max_bytes", Kind.NUMBER),
          new EnvKey("EXPERIMENT_CONFIG_MAX_BYTES", "experiments.config_max_bytes", Kind.NUMBER),
          new EnvKey("VM_SHARED_DATA", "storage.shared_root", Kind.STRING),
          new EnvKey("STORAGE_FSYNC", "storage.fsync", Kind.STRING),
          new EnvKey("AUTH_ENABLED", "auth.enabled", Kind.STRING),
          new EnvKey("COORDINATOR_HOME", "auth.home", Kind.STRING),
          new EnvKey("AUTH_HTPASSWD_FILE", "auth.htpasswd_file", Kind.STRING),
          new EnvKey("AUTH_ROLES_FILE", "auth.roles_file", Kind.STRING),
          new EnvKey("AGENT_TOKENS_FILE", "auth.agent_tokens_file", Kind.STRING),
          new EnvKey("AUTH_FAILED_LOGINS_PER_MINUTE", "auth.failed_logins_per_minute", Kind.NUMBER),
          new EnvKey("AUTH_CACHE_SECONDS", "auth.cache_seconds", Kind.NUMBER),
          new EnvKey(
              "STORAGE_WRITE_START_TIMEOUT_MS", "storage.write_start_timeout_ms", Kind.NUMBER),
          new EnvKey("STORAGE_FAULT_RATE", "storage.faults.fail_rate", Kind.NUMBER),
          new EnvKey("STORAGE_FAULT_MAX_DELAY_MS", "storage.faults.max_delay_ms", Kind.NUMBER),
          new EnvKey("STORAGE_FAULT_SEED", "storage.faults.seed", Kind.NUMBER),
          new EnvKey("LEASE_RENEW_INTERVAL_MS", "storage.lease.renew_interval_ms", Kind.NUMBER),
          new EnvKey("LEASE_TAKEOVER_SECONDS", "storage.lease.takeover_after_seconds", Kind.NUMBER),
          new EnvKey("AVAILABLE_HOSTS", "hosts.available", Kind.LIST),
          new EnvKey("HOST_HEARTBEAT_TTL", "hosts.heartbeat_ttl_seconds", Kind.NUMBER),
          new EnvKey("WORKER_STALE_GRACE_SECONDS", "hosts.stale_grace_seconds", Kind.NUMBER),
          new EnvKey("QUEUE_CLAIM_TTL", "queue.claim_ttl_seconds", Kind.NUMBER),
          new EnvKey("JOB_STATUS_TTL", "jobs.status_ttl_seconds", Kind.NUMBER),
          new EnvKey("DEFAULT_JOB_IMAGE", "jobs.default_image", Kind.STRING),
          new EnvKey("JOB_IMAGE_REPOSITORY", "jobs.image_repository", Kind.STRING),
          new EnvKey("CONTAINER_NAME_PREFIX", "jobs.container_name_prefix", Kind.STRING),
          new EnvKey("MLFLOW_TRACKING_URI", "jobs.mlflow_tracking_uri", Kind.STRING),
          new EnvKey("MLFLOW_UI_BASE_URL", "jobs.mlflow_ui_base_url", Kind.STRING),
          new EnvKey("MONITOR_INTERVAL_SECONDS", "monitor.interval_seconds", Kind.NUMBER),
          new EnvKey("JOB_PROCESS_COMMAND", "jobs.process_command", Kind.STRING),
          new EnvKey("JOB_MOUNTS", "jobs.mounts", Kind.STRING),
          new EnvKey("JOB_API_URL", "jobs.api_url", Kind.STRING),
          new EnvKey("RETRY_MAX_ATTEMPTS", "jobs.retry.max_attempts", Kind.NUMBER),
          new EnvKey("RETRY_BACKOFF_SECONDS", "jobs.retry.backoff_seconds", Kind.NUMBER),
          new EnvKey("RETRY_MAX_BACKOFF_SECONDS", "jobs.retry.max_backoff_seconds", Kind.NUMBER),
          new EnvKey("RETRY_ON", "jobs.retry.on", Kind.STRING),
          new EnvKey("PRIORITY_AGING_SECONDS", "jobs.priority_aging_seconds", Kind.NUMBER),
          new EnvKey("LOCAL_WORKER", "local_worker.enabled", Kind.STRING),
          new EnvKey("LOCAL_WORKER_ID", "local_worker.worker_id", Kind.STRING),
          new EnvKey("LOCAL_WORKER_SLOTS", "local_worker.slots", Kind.NUMBER),
          new EnvKey(
              "DEUCALION_MAX_ACTIVE_CPU_JOBS",
              "hosts.settings.deucalion.max_active_jobs.cpu",
              Kind.SLOTS),
          new EnvKey(
              "DEUCALION_MAX_ACTIVE_GPU_JOBS",
              "hosts.settings.deucalion.max_active_jobs.gpu",
              Kind.SLOTS),
          new EnvKey(
              "DEUCALION_DISPATCH_STATUS_TTL",
              "hosts.settings.deucalion.dispatch_status_ttl_seconds",
              Kind.NUMBER),
          new EnvKey(
              "DEUCALION_MLFLOW_TRACKING_URI",
              "hosts.settings.deucalion.mlflow_tracking_uri",
              Kind.STRING),
          new EnvKey("MONGO_URI", "mongo.uri", Kind.STRING),
          new EnvKey("MONGO_HOST", "mongo.host", Kind.STRING),
          new EnvKey("MONGO_PORT", "mongo.port", Kind.NUMBER),
          new EnvKey("MONGO_USER", "mongo.user", Kind.STRING),
          new EnvKey("MONGO_PASSWORD", "mongo.password", Kind.STRING),
          new EnvKey("MONGO_AUTH_SOURCE", "mongo.auth_source", Kind.STRING),
          new EnvKey("DEMO_DATA", "mongo.demo.enabled", Kind.STRING),
          new EnvKey("ACCEPTABLE_GAP_IN_MINUTES", "datasets.acceptable_gap_minutes", Kind.NUMBER),
          new EnvKey("DATASET_UPLOAD_MAX_BYTES", "datasets.upload_max_bytes", Kind.NUMBER),
          new EnvKey(
              "DATASET_UPLOAD_MAX_UNCOMPRESSED_BYTES",
              "datasets.upload_max_uncompressed_bytes",
              Kind.NUMBER),
          new EnvKey("DATASET_UPLOAD_MAX_ENTRIES", "datasets.upload_max_entries", Kind.NUMBER),
          new EnvKey("DATASET_UPLOAD_MAX_RATIO", "datasets.upload_max_ratio", Kind.NUMBER),
          new EnvKey("DATASET_UPLOAD_QUOTA_BYTES", "datasets.upload_quota_bytes", Kind.NUMBER));

  private SettingsLoader() {}

  public static Settings load(Optional<Path> file, Map<String, String> env) {
    return SettingsBinder.bind(tree(file, env));
  }

  /** The merged configuration tree, with {@code _origin} naming where overridden keys came from. */
  static JsonObject tree(Optional<Path> file, Map<String, String> env) {
    JsonObject tree = readDefaults();
    file.ifPresent(f -> deepMerge(tree, readFile(f)));
    Map<String, String> origins = new HashMap<>();
    for (EnvKey key : ENV_KEYS) {
      String raw = env.get(key.name());
      if (raw != null) {
        put(tree, key.path(), convert(key, raw));
        origins.put(key.path(), key.name());
      }
    }
    return tree.put("_origin", new JsonObject(new HashMap<>(origins)));
  }

  private static Object convert(EnvKey key, String raw) {
    String value = raw.trim();
    return switch (key.kind()) {
      case STRING -> value.isEmpty() ? null : value;
      case NUMBER, SLOTS -> value;
      case LIST -> parseList(key.name(), value);
    };
  }

  /** A JSON list, or a comma-separated value (brackets and quotes tolerated). */
  static JsonArray parseList(String name, String value) {
    if (value.startsWith("[")) {
      try {
        return new JsonArray(value);
      } catch (RuntimeException e) {
        // fall through: tolerate [a, b] without quotes
      }
    }
    JsonArray out = new JsonArray();
    for (String part : value.replaceAll("[\\[\\]\"']", "").split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static JsonObject readDefaults() {
    try (InputStream in = SettingsLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new SettingsException(
            "bundled defaults " + DEFAULTS + " are missing from the classpath");
      }
      return toJson(YAML.readValue(in, Map.class));
    } catch (IOException e) {
      throw new SettingsException("cannot read bundled defaults: " + e.getMessage());
    }
  }

  private static JsonObject readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SettingsException("config file " + file + " does not exist");
    }
    try {
      Object parsed = YAML.readValue(file.toFile(), Object.class);
      if (parsed == null) {
        return new JsonObject();
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new SettingsException("config file " + file + " must be a YAML mapping");
      }
      return toJson(map);
    } catch (IOException e) {
      throw new SettingsException("config file " + file + " is not valid YAML: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject toJson(Map<?, ?> map) {
    return new JsonObject((Map<String, Object>) map).copy();
  }

  static void deepMerge(JsonObject base, JsonObject overlay) {
    for (String key : overlay.fieldNames()) {
      Object value = overlay.getValue(key);
      if (value instanceof JsonObject child && base.getValue(key) instanceof JsonObject existing) {
        deepMerge(existing, child);
      } else {
        base.put(key, value);
      }
    }
  }

  private static void put(JsonObject tree, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = node.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        node.put(parts[i], next);
      }
      node = next;
    }
    node.put(parts[parts.length - 1], value);
  }
}
