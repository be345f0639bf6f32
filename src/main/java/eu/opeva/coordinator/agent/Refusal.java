package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;

/**
 * A coordinator that refuses this agent: a 401 or 403 to its heartbeat or poll before any was
 * accepted means its worker id or token is not allowed, which retrying cannot change. The agent
 * then stops asking and {@link #future()} fails with a sentence saying what to fix. After the
 * coordinator accepted this agent once, such answers are ordinary failures (retried), so a
 * coordinator restarted with a wrong configuration does not stop a fleet for good. Used on the
 * agent's event loop only.
 */
final class Refusal {
  private final URI server;
  private final String workerId;
  private final Promise<Void> refused = Promise.promise();
  private boolean accepted;

  Refusal(URI server, String workerId) {
    this.server = server;
    this.workerId = workerId;
  }

  /** The coordinator accepted a call of this agent. */
  void accepted() {
    accepted = true;
  }

  /** Whether {@code failure} refuses this agent for good (then {@link #future()} has failed). */
  boolean refuses(Throwable failure) {
    if (accepted
        || !(failure instanceof ApiFailure f)
        || (f.status() != 401 && f.status() != 403)) {
      return false;
    }
    String what =
        f.status() == 403
            ? "refuses worker id '"
                + workerId
                + "' ("
                + f.status()
                + ": "
                + f.detail()
                + "): the id must be one of its AVAILABLE_HOSTS, and a token must be this id's"
            : "refuses this agent's credentials ("
                + f.status()
                + ": "
                + f.detail()
                + "): give the agent token of worker '"
                + workerId
                + "' with --token-file or OPEVA_TOKEN";
    refused.tryFail("the coordinator at " + server + " " + what);
    return true;
  }

  boolean isRefused() {
    return refused.future().failed();
  }

  /** Fails (never succeeds) once the coordinator refused this agent. */
  Future<Void> future() {
    return refused.future();
  }
}
