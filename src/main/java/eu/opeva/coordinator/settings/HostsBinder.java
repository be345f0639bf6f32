package eu.opeva.coordinator.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code hosts} section: the available host ids, liveness limits and per-host settings. */
final class HostsBinder {
  private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final SettingsTree tree;

  HostsBinder(SettingsTree tree) {
    this.tree = tree;
  }

  Settings.Hosts bind() {
    return new Settings.Hosts(
        hostList("hosts.available"),
        tree.seconds("hosts.heartbeat_ttl_seconds"),
        tree.seconds("hosts.stale_grace_seconds"),
        hostSettings());
  }

  private List<String> hostList(String path) {
    Object raw = tree.value(path, null);
    if (!(raw instanceof JsonArray list)) {
      throw tree.invalid(path, "expected a list of host ids", raw);
    }
    List<String> hosts = new ArrayList<>();
    for (Object item : list) {
      String host = String.valueOf(item).trim();
      if (!HOST_ID.matcher(host).matches()) {
        throw tree.invalid(path, "host ids are letters, digits, '_', '.', '-' (max 128)", host);
      }
      if (!hosts.contains(host)) {
        hosts.add(host);
      }
    }
    return List.copyOf(hosts);
  }

  private Map<String, HostSettings> hostSettings() {
    Map<String, HostSettings> out = new LinkedHashMap<>();
    JsonObject all = (JsonObject) tree.value("hosts.settings", new JsonObject());
    for (String host : all.fieldNames()) {
      if (!HOST_ID.matcher(host).matches()) {
        throw tree.invalid("hosts.settings." + host, "not a valid host id", host);
      }
      out.put(host, host("hosts.settings." + host + "."));
    }
    return Map.copyOf(out);
  }

  /** One host's settings, under the prefix {@code p} ({@code hosts.settings.<host>.}). */
  private HostSettings host(String p) {
    Map<String, Integer> slots = new LinkedHashMap<>();
    Object rawSlots = tree.value(p + "max_active_jobs", new JsonObject());
    if (!(rawSlots instanceof JsonObject slotTree)) {
      throw tree.invalid(p + "max_active_jobs", "expected a mapping of profile to slots", rawSlots);
    }
    for (String profile : slotTree.fieldNames()) {
      // Negative slot counts mean zero, as in the service this one replaces.
      slots.put(
          profile,
          (int) Math.max(0, tree.number(p + "max_active_jobs." + profile, -1_000_000, 1_000_000)));
    }
    Optional<Duration> ttl =
        tree.value(p + "dispatch_status_ttl_seconds", null) == null
            ? Optional.empty()
            : Optional.of(tree.seconds(p + "dispatch_status_ttl_seconds"));
    List<String> states = new ArrayList<>();
    Object rawStates = tree.value(p + "preserve_dispatched_states", new JsonArray());
    if (!(rawStates instanceof JsonArray stateList)) {
      throw tree.invalid(p + "preserve_dispatched_states", "expected a list", rawStates);
    }
    stateList.forEach(s -> states.add(String.valueOf(s).trim().toUpperCase()));
    return new HostSettings(
        tree.boolOr(p + "pinned_only", false),
        Map.copyOf(slots),
        ttl,
        tree.optionalString(p + "mlflow_tracking_uri"),
        tree.boolOr(p + "scheduler_options", false),
        List.copyOf(states));
  }
}
