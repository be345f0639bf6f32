package eu.opeva.coordinator.testing;

import static eu.opeva.coordinator.testing.Eventually.eventually;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real coordinator in its own JVM (the test's classpath, {@code serve}), for tests that kill it
 * or attack it over the network: started on a free port over a shared directory (with a heap and
 * environment of the test's choosing), killed with SIGKILL, started again. Its output goes to a log
 * file beside the shared directory.
 */
public final class CoordinatorProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("ready at \\S+ \\(listening on \\S+?:(\\d+)[),]");

  private final Path root;
  private final Map<String, String> env = new HashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private boolean graceful;
  private Path log;
  private int port;
  private int starts;
  private List<String> jvmOptions = List.of("-Xmx256m");
  private Path jar;

  public CoordinatorProcess(Path root, Map<String, String> env) {
    this.root = root;
    this.env.putAll(env);
  }

  /** The largest heap of the coordinator's JVM ({@code -Xmx}, say "64m") from the next start. */
  public CoordinatorProcess heap(String maxHeap) {
    List<String> options = new ArrayList<>();
    jvmOptions.stream().filter(o -> !o.startsWith("-Xmx")).forEach(options::add);
    options.add("-Xmx" + maxHeap);
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** An environment variable of the coordinator from the next start (over the defaults here). */
  public CoordinatorProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * The JVM options of the starts from now on (a small heap, a GC log ...), instead of -Xmx256m.
   */
  public CoordinatorProcess withJvmOptions(String... options) {
    this.jvmOptions = List.of(options);
    return this;
  }

  /** Runs the packaged jar ({@code java -jar jar serve}) from the next start, not the classpath. */
  public CoordinatorProcess fromJar(Path jar) {
    this.jar = jar;
    return this;
  }

  /** Starts the coordinator and waits until it listens. */
  public CoordinatorProcess start() throws IOException {
    launch();
    port =
        eventually(
            Duration.ofSeconds(60),
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "the coordinator exited with " + process.exitValue() + ":\n" + output());
              }
              Matcher m = READY.matcher(output());
              return m.find() ? Integer.parseInt(m.group(1)) : null;
            });
    return this;
  }

  /**
   * Starts the coordinator's JVM without waiting for it to listen (for a start that is expected to
   * end by itself, such as an injected halt).
   */
  public CoordinatorProcess launch() throws IOException {
    log = root.resolveSibling(root.getFileName() + "-coordinator-" + (++starts) + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.add("-Dvertx.disableDnsResolver=true");
    if (jar != null) {
      command.addAll(List.of("-jar", jar.toString(), "serve"));
    } else {
      command.addAll(
          List.of(
              "-cp", System.getProperty("java.class.path"), "eu.opeva.coordinator.Main", "serve"));
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> all = new HashMap<>();
    all.put("VM_SHARED_DATA", root.toString());
    all.put("HTTP_HOST", "127.0.0.1");
    all.put("HTTP_PORT", "0");
    all.put("AVAILABLE_HOSTS", "worker-a,worker-b,local");
    all.put("AUTH_ENABLED", "false");
    all.put("COORDINATOR_HOME", root.resolveSibling(root.getFileName() + "-home").toString());
    all.putAll(env);
    pb.environment().putAll(all);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    process = pb.start();
    return this;
  }

  /** Waits up to {@code limit} for the process to end by itself; its exit code. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the coordinator did not exit within " + limit + ":\n" + output());
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating-system process id of the running coordinator. */
  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** A JSON request; the status code and body. */
  public HttpResponse<String> call(String method, String path, String json) throws Exception {
    return call(method, path, json, Map.of());
  }

  /** A JSON request with headers of its own; the status code and body. */
  public HttpResponse<String> call(
      String method, String path, String json, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("content-type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET; the status code and the body's bytes. */
  public HttpResponse<byte[]> get(String path, Duration timeout) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(timeout)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  public List<Path> logs() {
    return List.of(log);
  }

  /**
   * Closing sends SIGTERM first and kills only a process that has not exited within 60 s (so a
   * flight recording is written at exit); by default closing kills at once.
   */
  public CoordinatorProcess withGracefulClose() {
    this.graceful = true;
    return this;
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      if (graceful) {
        process.destroy();
        process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      if (process.isAlive()) {
        kill();
      }
    }
  }
}
