package eu.opeva.coordinator.chaos;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The driver's HTTP client for the coordinator: every call gives an {@link Answer} with when it was
 * sent and answered, on the monotonic clock (to order observations) and the wall clock (to compare
 * with the coordinator's and agents' times). A call that got no answer (connection refused or
 * reset, timeout) has status {@link Answer#NO_ANSWER}: its outcome is unknown.
 */
final class ChaosHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  ChaosHttp(int port) {
    this.port = port;
  }

  /** The status code and body of one request, with its send and answer times. */
  record Answer(
      int status, String body, long sentNanos, long recvNanos, long sentWall, long recvWall) {
    static final int NO_ANSWER = -1;

    boolean ok() {
      return status == 200;
    }

    boolean answered() {
      return status != NO_ANSWER;
    }

    JsonObject json() {
      try {
        return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
      } catch (DecodeException | ClassCastException e) {
        return new JsonObject();
      }
    }

    JsonArray array() {
      try {
        return new JsonArray(body);
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
  }

  Answer get(String path) {
    return call("GET", path, null, TIMEOUT);
  }

  Answer post(String path, JsonObject body) {
    return call("POST", path, body == null ? new JsonObject() : body, TIMEOUT);
  }

  Answer delete(String path) {
    return call("DELETE", path, null, TIMEOUT);
  }

  Answer call(String method, String path, JsonObject body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("content-type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    long sentWall = System.currentTimeMillis();
    long sent = System.nanoTime();
    int status;
    String text = null;
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = r.statusCode();
      text = r.body();
    } catch (IOException e) {
      status = Answer.NO_ANSWER;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = Answer.NO_ANSWER;
    }
    return new Answer(status, text, sent, System.nanoTime(), sentWall, System.currentTimeMillis());
  }
}
