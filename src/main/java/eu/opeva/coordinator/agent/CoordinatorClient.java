package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.Heartbeat;
import eu.opeva.coordinator.protocol.HeartbeatReply;
import eu.opeva.coordinator.protocol.NextJobRequest;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/** The agent's side of the agent protocol, over HTTP. */
final class CoordinatorClient {
  private static final long CALL_TIMEOUT_MS = 15_000;

  /**
   * A coordinator answer: the status code, the JSON body (empty when there is none) and, for an
   * error, the detail of the coordinator's error shape (the body's text when it is not JSON).
   */
  record Reply(int status, JsonObject body, Object detail) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The answer as the coordinator's one failure type, for answers that are not a success. */
    ApiFailure failure() {
      return new ApiFailure(status, detail);
    }
  }

  private final WebClient client;
  private final String authorization;
  private final String base;
  private final String workerId;

  CoordinatorClient(Vertx vertx, URI server, String workerId, java.util.Optional<String> token) {
    this.authorization = token.map(t -> "Bearer " + t).orElse(null);
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("opeva-agent/" + AgentVersion.get())
                .setConnectTimeout(5_000),
            new PoolOptions().setHttp1MaxSize(8));
    this.base = server.toString().replaceAll("/+$", "");
    this.workerId = workerId;
  }

  /**
   * The next job's payload, or null when there is none (204). Left as JSON: the agent reads it, and
   * reports a payload it cannot read.
   */
  Future<JsonObject> nextJob(double waitSeconds) {
    return post(
            AgentProtocol.NEXT_JOB,
            new NextJobRequest(workerId, waitSeconds).toJson(),
            Math.round(waitSeconds * 1000) + CALL_TIMEOUT_MS)
        .map(
            reply -> {
              if (reply.status() == 204) {
                return null;
              }
              if (!reply.ok()) {
                throw reply.failure();
              }
              return reply.body();
            });
  }

  Future<Reply> report(StatusReport report) {
    return post(AgentProtocol.JOB_STATUS, report.toJson(), CALL_TIMEOUT_MS);
  }

  Future<HeartbeatReply> heartbeat(JsonObject info) {
    return post(AgentProtocol.HEARTBEAT, new Heartbeat(workerId, info).toJson(), CALL_TIMEOUT_MS)
        .map(
            reply -> {
              if (!reply.ok()) {
                throw reply.failure();
              }
              return HeartbeatReply.fromJson(reply.body());
            });
  }

  private Future<Reply> post(String path, JsonObject body, long timeoutMs) {
    return client
        .postAbs(base + path)
        .timeout(timeoutMs)
        .putHeaders(headers())
        .sendJsonObject(body)
        .map(CoordinatorClient::toReply);
  }

  private static Reply toReply(HttpResponse<Buffer> r) {
    Buffer b = r.body();
    JsonObject json = new JsonObject();
    Object detail = null;
    try {
      if (b != null && b.length() > 0) {
        json = r.bodyAsJsonObject();
        detail = AgentProtocol.errorDetail(json);
      }
    } catch (RuntimeException e) {
      detail = b.toString();
    }
    return new Reply(r.statusCode(), json, detail == null ? "HTTP " + r.statusCode() : detail);
  }

  void close() {
    client.close();
  }

  private io.vertx.core.MultiMap headers() {
    io.vertx.core.MultiMap h = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
    if (authorization != null) {
      h.add("Authorization", authorization);
    }
    return h;
  }
}
