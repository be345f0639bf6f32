package eu.opeva.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.Scrape;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "The dashboard, the alert rules and docs/metrics.md name only metrics the coordinator serves")
class MonitoringFilesTest {
  private static final Path DASHBOARD = Path.of("docs/grafana/opeva.json");
  private static final Path ALERTS = Path.of("docs/prometheus/alerts.yml");
  private static final Path ALERT_TESTS = Path.of("docs/prometheus/alerts-test.yml");
  private static final Path DOC = Path.of("docs/metrics.md");
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:opeva|vertx|jvm|process|system)_[a-z0-9_]+)\\b");
  private static final Pattern DOC_METRIC = Pattern.compile("^\\| `(opeva_[a-z0-9_]+)` \\|");

  @TempDir static Path root;
  private static Metrics metrics;
  private static Vertx vertx;
  private static TestCoordinator tc;
  private static Scrape scrape;

  @BeforeAll
  static void scrapeOnce() throws Exception {
    Files.createDirectories(root.resolve("configs"));
    metrics = Metrics.create();
    vertx = metrics.newVertx(new VertxOptions());
    tc = new TestCoordinator(vertx, root, new MutableClock(), Map.of()).withMetrics(metrics);
    tc.startCoordinator();
    assertThat(tc.get("/health").statusCode()).isEqualTo(200);
    // The GC pause timer exists once a collection was reported, which the JVM does on a thread of
    // its own some time after it: collect, and scrape until it is there.
    scrape =
        eu.opeva.coordinator.testing.Eventually.eventually(
            java.time.Duration.ofSeconds(20),
            () -> {
              System.gc();
              Scrape now = new Scrape(tc.get("/metrics").bodyAsString());
              return now.names().contains("jvm_gc_pause_seconds_sum") ? now : null;
            });
  }

  @AfterAll
  static void stop() throws Exception {
    tc.close();
    vertx.close().await(30, TimeUnit.SECONDS);
    metrics.close();
  }

  private static Set<String> missing(Set<String> used) {
    Set<String> out = new TreeSet<>(used);
    out.removeAll(scrape.names());
    return out;
  }

  private static Set<String> metricsIn(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<JsonNode> all(JsonNode node, String field) {
    List<JsonNode> out = new ArrayList<>();
    if (node.has(field)) {
      out.add(node.get(field));
    }
    node.forEach(child -> out.addAll(all(child, field)));
    return out;
  }

  @Test
  @DisplayName("the dashboard is importable as is: a data-source variable, used by every panel")
  void dashboardIsImportable() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dash.has("__inputs")).as("no import inputs to fill in").isFalse();
    assertThat(dash.path("uid").asText()).isEqualTo("opeva-coordinator");
    JsonNode variables = dash.path("templating").path("list");
    assertThat(variables.findValuesAsText("name")).contains("datasource", "instance");
    JsonNode ds = variables.get(0);
    assertThat(ds.path("type").asText()).isEqualTo("datasource");
    assertThat(ds.path("query").asText()).isEqualTo("prometheus");
    Set<Integer> ids = new TreeSet<>();
    int targets = 0;
    for (JsonNode panel : dash.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.has("gridPos")).isTrue();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).contains("instance=~\"$instance\"");
        targets++;
      }
    }
    assertThat(targets).isGreaterThan(25);
  }

  @Test
  @DisplayName("every metric of the dashboard's queries is in a real scrape")
  void dashboardMetricsExist() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> used = new TreeSet<>();
    for (JsonNode expr : all(dash, "expr")) {
      used.addAll(metricsIn(expr.asText()));
    }
    used.addAll(metricsIn(dash.path("templating").toString()));
    assertThat(used).hasSizeGreaterThan(20);
    assertThat(missing(used)).as("used by the dashboard, not in the scrape").isEmpty();
  }

  @Test
  @DisplayName("the four alerts are there, each with its duration, severity and summary")
  void alertRules() throws Exception {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
    List<String> names = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : rules.path("groups").get(0).path("rules")) {
      names.add(rule.path("alert").asText());
      assertThat(rule.path("for").asText()).matches("\\d+m");
      assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
      assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
      used.addAll(metricsIn(rule.path("expr").asText()));
    }
    assertThat(names)
        .containsExactly(
            "OpevaPinnedHostOffline",
            "OpevaQueueGrowing",
            "OpevaStaleRecoveriesSpiking",
            "OpevaDispatchLatencyHigh");
    assertThat(used)
        .containsExactlyInAnyOrder(
            "opeva_queue_depth",
            "opeva_host_online",
            "opeva_recoveries_total",
            "opeva_dispatch_latency_seconds_bucket");
    assertThat(missing(used)).as("used by the rules, not in the scrape").isEmpty();
    assertThat(scrape.find("opeva_recoveries_total", "reason", "stale_status")).isNotEmpty();
    assertThat(scrape.find("opeva_recoveries_total", "reason", "claim_expired")).isNotEmpty();
  }

  @Test
  @DisplayName("docs/metrics.md lists exactly the opeva_* metrics of the scrape")
  void documented() throws Exception {
    Set<String> listed = new TreeSet<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher m = DOC_METRIC.matcher(line);
      if (m.find()) {
        listed.add(m.group(1));
      }
    }
    Set<String> served = new TreeSet<>();
    for (String name : scrape.names()) {
      if (name.startsWith("opeva_")) {
        served.add(name.replaceAll("_(bucket|count|sum|max)$", ""));
      }
    }
    Set<String> notServed = new TreeSet<>(listed);
    notServed.removeAll(served);
    Set<String> notListed = new TreeSet<>(served);
    notListed.removeAll(listed);
    assertThat(notServed).as("listed, not served").isEmpty();
    assertThat(notListed).as("served, not listed").isEmpty();
  }

  @Test
  @DisplayName("promtool checks the rules and passes their unit tests (when promtool is installed)")
  void promtool() throws Exception {
    Optional<Path> tool = promtoolPath();
    assumeThat(tool).as("promtool on the PATH or in PROMTOOL").isPresent();
    assertThat(run(tool.get().toString(), "check", "rules", ALERTS.toString())).isZero();
    assertThat(run(tool.get().toString(), "test", "rules", ALERT_TESTS.toString())).isZero();
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println(String.join(" ", command) + "\n" + out);
    return p.exitValue();
  }

  static Optional<Path> promtoolPath() {
    String given = System.getenv("PROMTOOL");
    if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
      return Optional.of(Path.of(given));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
