package eu.opeva.coordinator.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The merged configuration tree, read by dotted path ({@code http.port}) as typed, checked values.
 * A value that does not fit is a {@link SettingsException} naming the setting and where it came
 * from (the tree's {@code _origin} map: file or environment variable).
 */
final class SettingsTree {
  private final JsonObject tree;
  private final JsonObject origin;

  SettingsTree(JsonObject tree) {
    this.tree = tree;
    this.origin = tree.getJsonObject("_origin", new JsonObject());
  }

  /** The raw value at {@code path}, or {@code fallback} when it is absent or null. */
  Object value(String path, Object fallback) {
    Object node = tree;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject obj) || !obj.containsKey(part)) {
        return fallback;
      }
      node = obj.getValue(part);
    }
    return node == null ? fallback : node;
  }

  /** A duration given in (possibly fractional) seconds, from a millisecond up to ten years. */
  Duration seconds(String path) {
    double s = number(path, 0.001, 10L * 365 * 24 * 3600);
    return Duration.ofMillis(Math.round(s * 1000));
  }

  double number(String path, double min, double max) {
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

  String string(String path) {
    return optionalString(path).orElseThrow(() -> invalid(path, "a value is required", null));
  }

  Optional<String> optionalString(String path) {
    Object raw = value(path, null);
    if (raw == null || String.valueOf(raw).isBlank()) {
      return Optional.empty();
    }
    if (raw instanceof JsonObject || raw instanceof JsonArray) {
      throw invalid(path, "expected a single value", raw);
    }
    return Optional.of(String.valueOf(raw).trim());
  }

  boolean bool(String path) {
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

  boolean boolOr(String path, boolean fallback) {
    return value(path, null) == null ? fallback : bool(path);
  }

  /** A command line: a list of arguments, or one string split at whitespace; empty when unset. */
  List<String> command(String path) {
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

  /** A list of values: a list, or one string of comma-separated values; empty when unset. */
  List<String> list(String path) {
    Object raw = value(path, null);
    List<String> out = new ArrayList<>();
    if (raw instanceof JsonArray list) {
      list.forEach(v -> out.add(String.valueOf(v).trim()));
    } else if (raw instanceof JsonObject) {
      throw invalid(path, "expected a list (or a string of comma-separated values)", raw);
    } else if (raw != null && !String.valueOf(raw).isBlank()) {
      for (String v : String.valueOf(raw).split(",")) {
        if (!v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The setting and where it was set, for messages. */
  String originOf(String path) {
    return origin.containsKey(path) ? origin.getString(path) + " (" + path + ")" : path;
  }

  SettingsException invalid(String path, String expectation, Object got) {
    return new SettingsException(
        "invalid setting " + originOf(path) + ": " + expectation + ", got '" + got + "'");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
