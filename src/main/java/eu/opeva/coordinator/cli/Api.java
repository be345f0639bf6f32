package eu.opeva.coordinator.cli;

import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's HTTP API, blocking: the client is a short-lived process, so the JDK's client is
 * enough (no Vert.x instance). Every failure becomes a {@link CliException} with its exit code and
 * a sentence; requests that may be repeated (reads, and submissions carrying an idempotency key)
 * are tried again on a 502/503/504 or a broken connection.
 */
final class Api {
  static final String VERSION = "0.1.0";
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final Duration ANSWER = Duration.ofSeconds(60);
  private static final int ATTEMPTS = 3;
  private static final Set<Integer> TRANSIENT = Set.of(502, 503, 504);

  private final Connection connection;
  private final Output out;

  Api(Connection connection, Output out) {
    this.connection = connection;
    this.out = out;
  }

  Connection connection() {
    return connection;
  }

  /** One path segment (an id, a file name), encoded. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Request get(String path) {
    return new Request("GET", path);
  }

  Request post(String path) {
    return new Request("POST", path);
  }

  Request put(String path) {
    return new Request("PUT", path);
  }

  Request delete(String path) {
    return new Request("DELETE", path);
  }

  /** The one HTTP client of the process (its selector thread ends with it). */
  private static final class Http {
    static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A streamed answer; close it to let go of the connection. */
  record Streamed(HttpResponse<InputStream> response) implements AutoCloseable {
    int status() {
      return response.statusCode();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    InputStream body() {
      return response.body();
    }

    @Override
    public void close() {
      try {
        response.body().close();
      } catch (IOException e) {
        // gone already
      }
    }
  }

  final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private BodyPublisher body = BodyPublishers.noBody();
    private boolean repeatable;

    private Request(String method, String path) {
      this.method = method;
      this.path = path;
      this.repeatable = method.equals("GET");
    }

    /** A query parameter; nothing when {@code value} is null. */
    Request query(String name, Object value) {
      if (value != null) {
        query.put(name, String.valueOf(value));
      }
      return this;
    }

    Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A JSON body (a JsonObject, a JsonArray ...). */
    Request json(Object value) {
      headers.put("Content-Type", "application/json");
      body = BodyPublishers.ofString(Json.encode(value), StandardCharsets.UTF_8);
      return this;
    }

    Request body(String contentType, BodyPublisher publisher) {
      headers.put("Content-Type", contentType);
      body = publisher;
      return this;
    }

    /** The Idempotency-Key of a submission: the same on every try, so it may be repeated. */
    Request idempotencyKey(String key) {
      headers.put("Idempotency-Key", key);
      repeatable = true;
      return this;
    }

    /** The answer, which must be a success. */
    Reply send() {
      Reply reply = sendAnyStatus();
      if (!reply.ok()) {
        throw failure(reply.status(), reply.detail(), reply.header("Retry-After"));
      }
      return reply;
    }

    /** The answer, whatever its status. */
    Reply sendAnyStatus() {
      for (int attempt = 1; ; attempt++) {
        Reply reply;
        try {
          HttpResponse<byte[]> r = Http.CLIENT.send(build(ANSWER), BodyHandlers.ofByteArray());
          reply = new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
          if (!retry(attempt, e)) {
            throw unreachable(e);
          }
          continue;
        } catch (InterruptedException e) {
          throw interrupted();
        }
        if (!TRANSIENT.contains(reply.status()) || !retry(attempt, reply)) {
          return reply;
        }
      }
    }

    /** A streamed answer, which must be a success (no retries: the caller resumes). */
    Streamed stream() {
      HttpResponse<InputStream> r;
      try {
        r = Http.CLIENT.send(build(null), BodyHandlers.ofInputStream());
      } catch (IOException e) {
        throw unreachable(e);
      } catch (InterruptedException e) {
        throw interrupted();
      }
      Streamed s = new Streamed(r);
      if (r.statusCode() >= 200 && r.statusCode() < 300) {
        return s;
      }
      String text;
      try (s) {
        text = new String(r.body().readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "";
      }
      throw failure(r.statusCode(), Reply.detail(r.statusCode(), text), s.header("Retry-After"));
    }

    private HttpRequest build(Duration timeout) {
      StringBuilder uri = new StringBuilder(connection.url().toString()).append(path);
      String sep = "?";
      for (var q : query.entrySet()) {
        uri.append(sep).append(q.getKey()).append('=').append(segment(q.getValue()));
        sep = "&";
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(uri.toString()))
              .method(method, body)
              .header("User-Agent", "opeva-cli/" + VERSION);
      if (timeout != null) {
        b.timeout(timeout);
      }
      headers.forEach(b::header);
      if (connection.authorization() != null) {
        b.header("Authorization", connection.authorization());
      }
      return b.build();
    }

    private boolean retry(int attempt, Object why) {
      if (!repeatable || attempt >= ATTEMPTS || why instanceof ConnectException) {
        return false;
      }
      String what =
          why instanceof Reply r
              ? "answered " + r.status() + " (" + r.detail() + ")"
              : "connection failed (" + why + ")";
      long delayMs = 500L << (attempt - 1);
      out.warn(
          "the coordinator "
              + what
              + "; trying again in "
              + delayMs
              + " ms (attempt "
              + (attempt + 1)
              + " of "
              + ATTEMPTS
              + ")");
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return true;
    }
  }

  /** The sentence and exit code of an answer that is not a success. */
  CliException failure(int status, String detail, String retryAfter) {
    String who = connection.user() == null ? null : "'" + connection.user() + "'";
    String message =
        switch (status) {
          case 401 ->
              who == null
                  ? "the coordinator at "
                      + connection.url()
                      + " needs credentials: give --user and --password-file, set OPEVA_USER and"
                      + " OPEVA_PASSWORD (or OPEVA_PASSWORD_FILE), or add a profile to "
                      + "~/.config/opeva/config.yaml"
                  : "the coordinator refused the credentials of "
                      + who
                      + " (from "
                      + connection.userFrom()
                      + "): "
                      + detail;
          case 403 -> (who == null ? "not allowed" : who + " may not do this") + ": " + detail;
          case 429 -> detail + (retryAfter == null ? "" : " (try again in " + retryAfter + " s)");
          default ->
              status >= 500
                  ? "the coordinator failed: " + detail + " (HTTP " + status + ")"
                  : detail + " (HTTP " + status + ")";
        };
    return new CliException(ExitCodes.forStatus(status), message);
  }

  static CliException interrupted() {
    Thread.currentThread().interrupt();
    return CliException.failed("interrupted");
  }

  private CliException unreachable(IOException e) {
    String where = connection.url() + " (from " + connection.urlFrom() + ")";
    if (e instanceof HttpConnectTimeoutException) {
      return new CliException(
          ExitCodes.UNAVAILABLE,
          "cannot reach the coordinator at " + where + ": no connection within 5 s",
          e);
    }
    if (e instanceof HttpTimeoutException) {
      return new CliException(
          ExitCodes.UNAVAILABLE, "the coordinator at " + where + " did not answer within 60 s", e);
    }
    if (e instanceof ConnectException) {
      String why =
          e.getCause() instanceof UnresolvedAddressException
              ? "unknown host " + connection.url().getHost()
              : "connection refused (is it running?)";
      return new CliException(
          ExitCodes.UNAVAILABLE, "cannot reach the coordinator at " + where + ": " + why, e);
    }
    return new CliException(
        ExitCodes.UNAVAILABLE,
        "the connection to the coordinator at " + where + " failed: " + e,
        e);
  }
}
