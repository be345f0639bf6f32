package eu.opeva.coordinator.monitor;

/** Event-bus addresses of the monitor verticle. */
public final class MonitorAddresses {
  /** A worker heartbeat: {@code {worker_id, info}}. */
  public static final String HEARTBEAT = "opeva.monitor.heartbeat";

  /** A status report seen from a worker (fire and forget): {@code {worker_id, details}}. */
  public static final String TOUCH = "opeva.monitor.touch";

  /** Every worker's {@code {last_seen, info}} plus the monitor's start time. */
  public static final String HOSTS = "opeva.monitor.hosts";

  /** Run a sweep now; replies with the decisions applied. */
  public static final String SWEEP = "opeva.monitor.sweep";

  private MonitorAddresses() {}
}
