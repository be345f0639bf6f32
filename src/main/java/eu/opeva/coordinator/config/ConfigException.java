package eu.opeva.coordinator.config;

/** A configuration value that cannot be used; the message names the setting. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
