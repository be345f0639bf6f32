package eu.opeva.coordinator.scheduler;

/** Event-bus addresses of the scheduler verticle (request/reply, JSON bodies). */
public final class SchedulerAddresses {
  /** Create a schedule: {@code {body, idempotency_key}} to the schedule. */
  public static final String CREATE = "opeva.scheduler.create";

  /** {@code {offset, limit}} to {@code {schedules, total}}. */
  public static final String LIST = "opeva.scheduler.list";

  /** {@code {schedule_id}} to the schedule with its recent runs. */
  public static final String GET = "opeva.scheduler.get";

  /** Replace a schedule: {@code {schedule_id, body}}. */
  public static final String UPDATE = "opeva.scheduler.update";

  public static final String DELETE = "opeva.scheduler.delete";
  public static final String PAUSE = "opeva.scheduler.pause";
  public static final String RESUME = "opeva.scheduler.resume";

  /** Run now, once: {@code {schedule_id}} to {@code {schedule_id, run}}. */
  public static final String RUN = "opeva.scheduler.run";

  /**
   * Evaluate what is due at the clock's time now, answered once it was done ({@code {due}}): the
   * scheduler's own timer sends nothing else, and tests that move an injected clock call it.
   */
  public static final String TICK = "opeva.scheduler.tick";

  private SchedulerAddresses() {}
}
