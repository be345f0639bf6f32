package eu.opeva.coordinator.http;

import eu.opeva.coordinator.auth.AuthGate;
import eu.opeva.coordinator.auth.OperationRoles;
import eu.opeva.coordinator.auth.Principal;
import eu.opeva.coordinator.bus.LogFmt;
import eu.opeva.coordinator.metrics.HttpMetrics;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.Operation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The very first handler: when the request is answered (or its client leaves, status 499), it is
 * timed under its operation ({@link HttpMetrics}) and written to the access log, one {@code
 * key=value} line with its request id. The agents' polls, heartbeats and reports, the scrapes of
 * {@code /metrics} and the reads of clients and consoles (every GET) come by the thousand: answered
 * below 400 they are logged at DEBUG only; what changes something, and every refusal, at INFO.
 */
final class RequestLog implements PlatformHandler {
  static final String STARTED = "opeva.request-started";
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final Set<ApiOperation> ROUTINE =
      EnumSet.of(
          ApiOperation.AGENT_NEXT_JOB, ApiOperation.AGENT_HEARTBEAT, ApiOperation.AGENT_JOB_STATUS);

  private final HttpMetrics metrics;

  RequestLog(HttpMetrics metrics) {
    this.metrics = metrics;
    metrics.operations(
        Arrays.stream(ApiOperation.values()).map(ApiOperation::id).toArray(String[]::new));
  }

  @Override
  public void handle(RoutingContext rc) {
    if (rc.get(STARTED) == null) {
      rc.put(STARTED, System.nanoTime());
      rc.addEndHandler(ar -> ended(rc));
    }
    rc.next();
  }

  private void ended(RoutingContext rc) {
    long nanos = System.nanoTime() - (Long) rc.get(STARTED);
    Operation matched = OperationRoles.matched(rc);
    ApiOperation op =
        matched == null ? null : ApiOperation.of(matched.getOperationId()).orElse(null);
    var response = rc.response();
    int status = response.ended() ? response.getStatusCode() : 499;
    metrics.record(op == null ? -1 : op.ordinal(), status, nanos);
    boolean routine =
        status < 400
            && (ROUTINE.contains(op) || rc.request().method() == io.vertx.core.http.HttpMethod.GET);
    if (routine ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
      return;
    }
    String line = line(rc, op, status, nanos);
    if (routine) {
      LOG.debug(line);
    } else {
      LOG.info(line);
    }
  }

  private static String line(RoutingContext rc, ApiOperation op, int status, long nanos) {
    var request = rc.request();
    SocketAddress remote = request.remoteAddress();
    Principal who = rc.get(AuthGate.PRINCIPAL);
    return "request_id="
        + LogFmt.value(rc.get(RequestEdge.ID))
        + " method="
        + request.method().name()
        + " path="
        + LogFmt.value(request.path())
        + " operation="
        + (op == null ? HttpMetrics.NO_OPERATION : op.id())
        + " status="
        + status
        + " duration_ms="
        + String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6)
        + " bytes="
        + rc.response().bytesWritten()
        + " remote="
        + LogFmt.value(remote == null ? null : remote.hostAddress())
        + " principal="
        + LogFmt.value(who == null ? null : who.name());
  }
}
