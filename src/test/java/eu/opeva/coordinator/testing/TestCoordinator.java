package eu.opeva.coordinator.testing;

import eu.opeva.coordinator.Coordinator;
import eu.opeva.coordinator.metrics.Metrics;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsLoader;
import eu.opeva.coordinator.storage.StorageFaults;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real coordinator on port 0 over a temp shared directory, with an injected clock, and a
 * blocking HTTP client for test code (test threads only, never an event loop).
 */
public final class TestCoordinator implements AutoCloseable {
  public final Vertx vertx;
  public final Path root;
  public final MutableClock clock;
  public final Settings config;
  public final WebClient client;
  private HttpClient http;
  private Coordinator coordinator;
  private boolean closed;
  private io.vertx.core.MultiMap defaultHeaders = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
  private StorageFaults faults = StorageFaults.NONE;
  private Metrics metrics;
  private final java.util.concurrent.atomic.AtomicBoolean leaseLost =
      new java.util.concurrent.atomic.AtomicBoolean();

  public TestCoordinator(Vertx vertx, Path root, MutableClock clock, Map<String, String> env) {
    this.vertx = vertx;
    this.root = root;
    this.clock = clock;
    Map<String, String> all = new HashMap<>();
    all.put("VM_SHARED_DATA", root.toString());
    all.put("HTTP_PORT", "0");
    all.put("HTTP_HOST", "127.0.0.1");
    all.put("AVAILABLE_HOSTS", "worker-a,worker-b,local,deucalion");
    all.put("MONITOR_INTERVAL_SECONDS", "3600");
    // The clients of one test all come from loopback, with pools of up to 256 connections each.
    all.put("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "4096");
    // The legacy mode by default; tests of authentication turn it on. Never the real home folder.
    all.put("AUTH_ENABLED", "false");
    all.put("COORDINATOR_HOME", root.resolveSibling(root.getFileName() + "-home").toString());
    all.putAll(env);
    this.config = SettingsLoader.load(Optional.empty(), all);
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1"),
            new PoolOptions().setHttp1MaxSize(256));
  }

  public static TestCoordinator start(
      Vertx vertx, Path root, MutableClock clock, Map<String, String> env) {
    TestCoordinator tc = new TestCoordinator(vertx, root, clock, env);
    tc.startCoordinator();
    return tc;
  }

  /** Faults injected into the job-state writes of every start from now on. */
  public TestCoordinator withFaults(StorageFaults injected) {
    this.faults = injected;
    return this;
  }

  /** The metrics every start from now on counts into (those {@code vertx} reports to). */
  public TestCoordinator withMetrics(Metrics given) {
    this.metrics = given;
    return this;
  }

  /** The metrics of the running coordinator. */
  public Metrics metrics() {
    return coordinator.metrics();
  }

  public void startCoordinator() {
    coordinator = await(coordinator().start());
  }

  private Coordinator coordinator() {
    Coordinator c = new Coordinator(vertx, config, clock);
    if (metrics != null) {
      c.withMetrics(metrics);
    }
    return c.withStorageFaults(faults).onLeaseLost(() -> leaseLost.set(true));
  }

  /** Whether this coordinator was told another one took the lease of its shared directory. */
  public boolean leaseLost() {
    return leaseLost.get();
  }

  /** Starts, or gives the reason the start was refused (the coordinator is not started then). */
  public Throwable startRefused() {
    Coordinator candidate = coordinator();
    try {
      coordinator = candidate.start().await(60, TimeUnit.SECONDS);
      return null;
    } catch (Exception e) {
      TestCoordinator.await(candidate.stop());
      return e;
    }
  }

  public void stopCoordinator() {
    await(coordinator.stop());
  }

  /** Stops and starts again on the same shared directory (a restart). */
  public void restart() {
    stopCoordinator();
    startCoordinator();
  }

  public int port() {
    return coordinator.port();
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, Object body) {
    return call(method, path, body, defaultHeaders);
  }

  /** Credentials sent with every request that names none (tests with authentication on). */
  public void signInByDefault(io.vertx.core.MultiMap headers) {
    this.defaultHeaders = headers;
  }

  /** A request with headers of its own (credentials, say). */
  public HttpResponse<Buffer> call(
      HttpMethod method, String path, Object body, io.vertx.core.MultiMap headers) {
    var request = client.request(method, port(), "127.0.0.1", path).putHeaders(headers);
    return await(
        body == null
            ? request.send()
            : body instanceof Buffer b
                ? request.putHeader("content-type", "application/json").sendBuffer(b)
                : request.sendJsonObject((JsonObject) body));
  }

  public HttpResponse<Buffer> get(String path) {
    return call(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return call(HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> postRaw(String path, String raw) {
    return call(HttpMethod.POST, path, Buffer.buffer(raw));
  }

  /** A plain HTTP client for streamed responses (up to 256 connections), closed with this. */
  public synchronized HttpClient http() {
    if (http == null) {
      http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(256));
    }
    return http;
  }

  /** Opens a streamed GET of {@code path}, keeping the bytes received or only counting them. */
  public StreamReader stream(String path, boolean keepBytes) {
    return StreamReader.open(http(), port(), path, keepBytes);
  }

  public JsonObject sweep() {
    return await(new MonitorClient(vertx).sweep());
  }

  public static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Stops the coordinator and closes the clients; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      http.close();
    }
    if (coordinator != null) {
      try {
        coordinator.stop().await(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already stopped
      }
    }
    client.close();
  }
}
