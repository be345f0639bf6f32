package eu.opeva.coordinator.settings;

/** A configuration value that cannot be used; the message names the setting. */
public final class SettingsException extends RuntimeException {
  public SettingsException(String message) {
    super(message);
  }
}
