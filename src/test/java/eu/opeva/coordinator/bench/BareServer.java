package eu.opeva.coordinator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standing benchmark's yardstick (benchmark code, not product): a vertx-core HTTP server in its
 * own JVM answering the coordinator's requests with fixed responses, so a coordinator figure can be
 * read as a share of what Vert.x itself reaches on the same machine in the same run. The answers
 * are copies of real coordinator answers, installed by the benchmark with {@code PUT
 * /_fixed/{kind}} (the body, status in {@code x-status}); the request body is read and dropped.
 */
public final class BareServer {
  static final String READY = "bare server listening on ";

  private final Map<String, Fixed> answers = new ConcurrentHashMap<>();

  private record Fixed(int status, Buffer body) {}

  private BareServer() {
    answers.put("next-job", new Fixed(204, Buffer.buffer()));
    answers.put("other", new Fixed(200, Buffer.buffer("{\"ok\":true}")));
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    BareServer bare = new BareServer();
    vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(bare::handle)
        .listen()
        .onSuccess(s -> System.out.println(READY + s.actualPort()))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method() == HttpMethod.PUT && path.startsWith("/_fixed/")) {
      String kind = path.substring("/_fixed/".length());
      int status = Integer.parseInt(request.getHeader("x-status"));
      request
          .body()
          .onSuccess(
              b -> {
                answers.put(kind, new Fixed(status, b.copy()));
                request.response().end();
              });
      return;
    }
    request
        .body()
        .onSuccess(
            ignored -> {
              Fixed fixed =
                  answers.getOrDefault(kind(request.method(), path), answers.get("other"));
              var response = request.response().setStatusCode(fixed.status());
              if (fixed.body().length() > 0) {
                response.putHeader("content-type", "application/json");
              }
              response.end(fixed.body());
            });
  }

  /** Which fixed answer a request gets: one per operation the benchmark calls. */
  static String kind(HttpMethod method, String path) {
    if (path.equals("/api/agent/next-job")) {
      return "next-job";
    }
    if (path.equals("/api/agent/job-status")) {
      return "job-status";
    }
    if (path.startsWith("/status/")) {
      return "status";
    }
    if (path.equals("/run-simulation")) {
      return "submit";
    }
    if (path.equals("/jobs")) {
      return "jobs";
    }
    if (path.equals("/health")) {
      return "health";
    }
    return method.name().toLowerCase() + path;
  }

  /** A bare server in a JVM of its own ({@code classpath}, heap as given); its port and process. */
  static Started start(String classpath, String heap) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx" + heap,
                    "-Dvertx.disableDnsResolver=true",
                    "-cp",
                    classpath,
                    BareServer.class.getName()))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(READY)) {
        int port = Integer.parseInt(line.substring(READY.length()).trim());
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keeps the pipe from filling up
                    }
                  } catch (IOException ignored) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return new Started(p, port);
      }
    }
    throw new IOException("the bare server exited before listening");
  }

  record Started(Process process, int port) {}
}
