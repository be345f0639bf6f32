package eu.opeva.coordinator.agent;

import java.time.Duration;

/** Exponential backoff between {@code min} and {@code max}: min, 2·min, 4·min, ... */
record Backoff(Duration min, Duration max) {
  Duration delay(int failures) {
    long ms = min.toMillis() << Math.min(20, Math.max(0, failures - 1));
    return Duration.ofMillis(Math.min(max.toMillis(), ms));
  }
}
