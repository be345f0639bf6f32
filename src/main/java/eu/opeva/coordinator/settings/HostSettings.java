package eu.opeva.coordinator.settings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-host dispatch behaviour. Every host has one; unconfigured hosts get {@link #DEFAULT}.
 *
 * @param pinnedOnly the host receives only jobs pinned to it (and nobody else receives those)
 * @param maxActiveJobs slots per job profile ({@code cpu}, {@code gpu}); a missing profile is
 *     unlimited
 * @param dispatchStatusTtl a longer staleness TTL for jobs dispatched to this host, if any
 * @param mlflowTrackingUri the tracking URI sent to this host instead of the global one, if any
 * @param schedulerOptions the host accepts {@code deucalion_options} (batch-scheduler settings)
 * @param preserveDispatchedStates scheduler states (e.g. Slurm PENDING) that keep a stale
 *     dispatched job
 */
public record HostSettings(
    boolean pinnedOnly,
    Map<String, Integer> maxActiveJobs,
    Optional<Duration> dispatchStatusTtl,
    Optional<String> mlflowTrackingUri,
    boolean schedulerOptions,
    List<String> preserveDispatchedStates) {

  public static final HostSettings DEFAULT =
      new HostSettings(false, Map.of(), Optional.empty(), Optional.empty(), false, List.of());

  public boolean hasSlots() {
    return !maxActiveJobs.isEmpty();
  }

  /** Slots of a profile, or {@link Integer#MAX_VALUE} when the profile is not limited. */
  public int slotsFor(String profile) {
    return maxActiveJobs.getOrDefault(profile, Integer.MAX_VALUE);
  }
}
