package eu.opeva.coordinator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code LOG_FORMAT} ({@code plain} or {@code json}) and {@code LOG_LEVEL}, checked before anything
 * logs and handed to {@code logback.xml} as system properties (which Logback reads before the
 * environment), lower- or upper-case as given; an empty value means the default. A system property
 * of the same name ({@code -DLOG_FORMAT=json}) wins over the environment.
 */
final class LogSettings {
  static final List<String> FORMATS = List.of("plain", "json");
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogSettings() {}

  /** Sets the properties Logback reads; the problem with a value, or null when both are good. */
  static String apply(Map<String, String> env, Properties system) {
    String format = value("LOG_FORMAT", env, system, "plain").toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      return "LOG_FORMAT: '" + format + "' is not one of " + FORMATS;
    }
    String level = value("LOG_LEVEL", env, system, "INFO").toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      return "LOG_LEVEL: '" + level + "' is not one of " + LEVELS;
    }
    system.setProperty("LOG_FORMAT", format);
    system.setProperty("LOG_LEVEL", level);
    return null;
  }

  private static String value(
      String name, Map<String, String> env, Properties system, String fallback) {
    String given = system.getProperty(name, env.get(name));
    return given == null || given.isBlank() ? fallback : given.strip();
  }
}
