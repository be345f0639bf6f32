package eu.opeva.coordinator.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * When a job with dependencies may run: {@code all_finished} (the default), once every dependency
 * finished (if one fails, is stopped or canceled, the job is canceled); {@code all_done}, once
 * every dependency ended, however.
 */
public enum RunIf {
  ALL_FINISHED,
  ALL_DONE;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }

  public static Optional<RunIf> parse(String value) {
    for (RunIf r : values()) {
      if (r.wire.equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
