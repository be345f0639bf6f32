package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.JobDriver;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads that come by the thousand: idle agents polling {@code next-job} with nothing queued for
 * them (no wait), {@code GET /status/{id}}, and both with authentication on (agent bearer tokens,
 * Basic with a bcrypt password), each against the bare server in the same run.
 */
final class PollScenarios {
  static final int AGENTS = 1000;

  /** A host no agent polls as: the job read by the status scenario is pinned to it. */
  static final String HOLDER = "holder";

  private PollScenarios() {}

  /** The idle poll at 64 and 256 connections: at least 50% of the bare server. */
  static List<Table.Row> poll(StandingBench b) throws Exception {
    CoordinatorProcess c = idleFleet(b, "poll", Map.of());
    List<Table.Row> rows = new ArrayList<>();
    for (int connections : new int[] {64, 256}) {
      rows.add(
          vsBare(b, c, "idle poll, " + connections + " connections", connections, polls(null)));
    }
    return rows;
  }

  /** {@code GET /status/{id}} at 64 connections: at least 50% of the bare server. */
  static List<Table.Row> status(StandingBench b) throws Exception {
    CoordinatorProcess c = idleFleet(b, "status", Map.of());
    Load.Call get = Load.Call.get("/status/" + heldJob(b, c, null));
    b.fix("status", b.call(c.port(), get));
    return List.of(
        vsBare(
            b, c, "GET /status/{id}, 64 connections", 64, Load.request(s -> get, s -> s == 200)));
  }

  /**
   * The idle poll (64 connections, each agent with its bearer token) and the status read (Basic,
   * bcrypt) with authentication on, against the same without it and the bare server, alternated: at
   * least 90% of the rate without authentication.
   */
  static List<Table.Row> auth(StandingBench b) throws Exception {
    CoordinatorProcess open = idleFleet(b, "auth-off", Map.of());
    CoordinatorProcess gated = idleFleet(b, "auth-on", Map.of("AUTH_ENABLED", "true"));
    Path auth = b.root.resolve("auth-on-home/auth"); // COORDINATOR_HOME beside the shared folder
    Map<String, String> tokens = new HashMap<>();
    for (String line : Files.readAllLines(auth.resolve("agent-tokens"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        tokens.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("admin:" + Files.readString(auth.resolve("admin-password")).trim())
                        .getBytes(StandardCharsets.UTF_8));
    List<Table.Row> rows = new ArrayList<>();
    rows.add(
        withAuth(
            b,
            open,
            gated,
            "idle poll with agent tokens, 64 connections",
            polls(null),
            polls(tokens)));
    String openId = heldJob(b, open, null);
    String gatedId = heldJob(b, gated, basic);
    Load.Call openGet = Load.Call.get("/status/" + openId);
    Load.Call gatedGet = Load.Call.get("/status/" + gatedId).with("authorization", basic);
    b.fix("status", b.call(open.port(), openGet));
    rows.add(
        withAuth(
            b,
            open,
            gated,
            "GET /status/{id} with Basic (bcrypt), 64 connections",
            Load.request(s -> openGet, s -> s == 200),
            Load.request(s -> gatedGet, s -> s == 200)));
    return rows;
  }

  /**
   * The CI gate: the idle poll at 256 connections serves at least {@code ratio} of the bare
   * server's requests per event-loop CPU-second (at 256 connections this ratio varies least from
   * run to run on a loaded machine).
   */
  static List<Table.Row> gate(StandingBench b, double ratio) throws Exception {
    CoordinatorProcess c = idleFleet(b, "gate", Map.of());
    List<Load.Outcome> o = b.compare(256, polls(null), StandingBench.Server.of(c), b.bareServer());
    Table.Row row = Table.Row.of("idle poll, 256 connections (gate)", o.get(0), "req/s", o.get(1));
    return List.of(
        row.target(
            "≥ " + Math.round(100 * ratio) + "% of bare per event-loop CPU-second",
            row.efficiency() != null && row.efficiency() >= ratio && o.get(0).failed() == 0,
            ""));
  }

  private static Table.Row vsBare(
      StandingBench b, CoordinatorProcess c, String name, int connections, Load.Exchange ex)
      throws InterruptedException {
    List<Load.Outcome> o = b.compare(connections, ex, StandingBench.Server.of(c), b.bareServer());
    Table.Row row = Table.Row.of(name, o.get(0), "req/s", o.get(1));
    return row.target("≥ 50% of bare", row.ratio() >= 0.5, "");
  }

  private static Table.Row withAuth(
      StandingBench b,
      CoordinatorProcess open,
      CoordinatorProcess gated,
      String name,
      Load.Exchange openEx,
      Load.Exchange gatedEx)
      throws InterruptedException {
    List<Load.Outcome> o =
        b.compare(
            64,
            new Load.Exchange[] {gatedEx, openEx, openEx},
            StandingBench.Server.of(gated),
            StandingBench.Server.of(open),
            b.bareServer());
    Load.Outcome on = o.get(0);
    Load.Outcome off = o.get(1);
    Load.Outcome bare = o.get(2);
    Table.Row row = Table.Row.of(name, on, "req/s", bare);
    double share = on.rate() / off.rate();
    return row.target(
        "≥ 90% of no auth",
        share >= 0.9, Math.round(100 * share) + "% of no auth (" + Table.number(off.rate()) + ")");
  }

  /**
   * A coordinator with {@value #AGENTS} agent ids and the holder configured, nothing queued for any
   * agent.
   */
  private static CoordinatorProcess idleFleet(StandingBench b, String name, Map<String, String> env)
      throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("AVAILABLE_HOSTS", StandingBench.hosts("agent-", AGENTS) + "," + HOLDER);
    return b.coordinator(name, all);
  }

  /** A job pinned to the holder (so no agent may take it); its id. */
  static String heldJob(StandingBench b, CoordinatorProcess c, String authorization) {
    Load.Call submit =
        Load.Call.post(
            "/run-simulation",
            new JsonObject()
                .put("config_path", JobDriver.DEMO_CONFIG)
                .put("target_host", HOLDER)
                .encode());
    if (authorization != null) {
      submit = submit.with("authorization", authorization);
    }
    Load.Answer a = b.call(c.port(), submit);
    if (a.status() != 200) {
      throw new IllegalStateException("submission refused: " + a.status() + " " + a.body());
    }
    return a.body().toJsonObject().getString("job_id");
  }

  /** The idle poll of agent {@code seq % AGENTS}, with its bearer token when tokens are given. */
  private static Load.Exchange polls(Map<String, String> tokens) {
    Load.Call[] calls = new Load.Call[AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      String id = "agent-" + i;
      Load.Call call = Load.Call.post("/api/agent/next-job", "{\"worker_id\":\"" + id + "\"}");
      calls[i] = tokens == null ? call : call.with("authorization", "Bearer " + tokens.get(id));
    }
    return Load.request(s -> calls[(int) (s % AGENTS)], s -> s == 204);
  }
}
