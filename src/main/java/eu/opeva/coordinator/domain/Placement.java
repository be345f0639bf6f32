package eu.opeva.coordinator.domain;

/**
 * Where a job may and does run. {@code preferredHost} with {@code requireHost} pins it to one host;
 * {@code targetHost} is the worker holding it (or the pinned host while it waits).
 */
public record Placement(String preferredHost, boolean requireHost, String targetHost) {
  public static final Placement ANYWHERE = new Placement(null, false, null);

  /** A placement for a submission: pinned when a host is named. */
  public static Placement of(String host) {
    return host == null ? ANYWHERE : new Placement(host, true, host);
  }

  /** Pinned jobs may run only on their preferred host. */
  public String pinnedHost() {
    return requireHost && preferredHost != null ? preferredHost : null;
  }

  /** Back in the queue: placed as asked, held by nobody. */
  public Placement queued(String preferred, boolean require) {
    return new Placement(preferred, require, require ? preferred : null);
  }

  public Placement heldBy(String worker) {
    return new Placement(preferredHost, requireHost, worker);
  }

  /** The host whose slots the job occupies while active. */
  public String slotHost() {
    return targetHost != null ? targetHost : preferredHost;
  }
}
