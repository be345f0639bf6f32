package eu.opeva.coordinator.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.auth.OperationRoles;
import eu.opeva.coordinator.testing.ContractRequests;
import eu.opeva.coordinator.testing.LogCapture;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.openapi.contract.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Hostile input to every operation of the contract gets a 4xx in the error shape")
class HostileInputSuiteTest {
  private static final int IN_FLIGHT = 8;
  private static final Set<String> DESTRUCTIVE = Set.of("opsCleanupJobs", "opsCleanupQueue");

  @TempDir Path base;

  @Test
  @DisplayName(
      "requests generated from the contract are refused (never a 5xx or a hang) and change"
          + " nothing; valid and authorized ones may succeed")
  void everyOperation() throws Exception {
    // A thread blocked past the limit is logged with its stack, which the log check catches.
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setWarningExceptionTime(1)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    try {
      everyOperation(vertx);
    } finally {
      vertx.close().await();
    }
  }

  private void everyOperation(Vertx vertx) throws Exception {
    long started = System.nanoTime();
    Path root = base.resolve("shared");
    Path home = base.resolve("home");
    for (var f : SeededState.files().entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    Callers.writeFiles(home);
    HttpServer registry = FakeRegistry.start(vertx);
    Map<String, String> env =
        Map.of(
            "JOB_IMAGE_REGISTRY_URL",
            "http://127.0.0.1:" + registry.actualPort(),
            "AUTH_ENABLED",
            "true",
            "COORDINATOR_HOME",
            home.toString(),
            "AUTH_FAILED_LOGINS_PER_MINUTE",
            "100000",
            "DEMO_DATA",
            "true",
            "DATASET_UPLOAD_MAX_BYTES",
            String.valueOf(2 * 1024 * 1024));
    try (TestCoordinator tc = TestCoordinator.start(vertx, root, new MutableClock(), env)) {
      SeededState state = SeededState.create(tc);
      double seeded = (System.nanoTime() - started) / 1e9;
      long generating = System.nanoTime();
      var contract = ContractRequests.contract(vertx);
      List<String> operations = inFileOrder(contract);
      byte[] zip = Multipart.zip(Map.of("data.csv", "a,b\n1,2\n"));
      List<BaseRequest> bases = BaseRequests.all(contract, tc.config, state, zip);
      List<HostileRequest> all =
          HostileCases.all(bases, new OperationRoles(contract), state, root.toString(), zip);
      List<HostileRequest> refuse =
          all.stream().filter(r -> r.expect() == HostileRequest.Expect.REFUSE).toList();
      List<HostileRequest> may =
          all.stream()
              .filter(r -> r.expect() == HostileRequest.Expect.MAY_SUCCEED)
              .sorted(Comparator.comparing(r -> destructive(bases, r)))
              .toList();
      for (String op : operations) {
        assertThat(refuse)
            .as(op + " gets hostile requests")
            .anyMatch(r -> r.operation().equals(op));
      }
      AnswerChecks checks = new AnswerChecks(List.of(root.toString(), home.toString()));
      double generated = (System.nanoTime() - generating) / 1e9;
      long digesting = System.nanoTime();
      Map<String, String> before = StateDigest.of(tc, home);
      double digests = (System.nanoTime() - digesting) / 1e9;
      Map<String, String> after;
      Phase.Result refused;
      Phase.Result allowed;
      try (LogCapture capture = LogCapture.start();
          HostileClient parallel = new HostileClient(vertx, tc.port(), IN_FLIGHT);
          HostileClient sequential = new HostileClient(vertx, tc.port(), 1)) {
        refused = Phase.run("refuse", refuse, parallel, false, capture, checks);
        digesting = System.nanoTime();
        after = StateDigest.of(tc, home);
        digests += (System.nanoTime() - digesting) / 1e9;
        allowed = Phase.run("may", may, sequential, true, capture, checks);
      }
      System.out.println("Hostile-input suite: requests sent per operation and category");
      System.out.print(CountTable.of(operations, all));
      System.out.printf(
          "%d requests: %d must be refused (%d at a time, %.1f s), %d may succeed (one at a time,"
              + " %.1f s); %.1f s in all (start and seeding %.1f s, generating %.1f s,"
              + " two digests %.1f s)%n",
          all.size(),
          refuse.size(),
          IN_FLIGHT,
          refused.seconds(),
          may.size(),
          allowed.seconds(),
          (System.nanoTime() - started) / 1e9,
          seeded,
          generated,
          digests);
      List<String> problems = new ArrayList<>(refused.problems());
      problems.addAll(allowed.problems());
      List<String> log = new ArrayList<>(refused.log());
      log.addAll(allowed.log());
      problems.forEach(System.out::println);
      log.forEach(System.out::println);
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(problems).as("answers that are not as they must be").isEmpty();
      soft.assertThat(withoutSuccess(operations, may, allowed.answers()))
          .as("operations none of whose valid requests succeeded (the seeded state is off)")
          .isEmpty();
      soft.assertThat(StateDigest.changes(before, after))
          .as("what the refused requests changed")
          .isEmpty();
      soft.assertThat(log).as("ERROR lines and stack traces in the log").isEmpty();
      soft.assertAll();
    }
  }

  /** The operation ids as the contract lists them (the contract object keeps no order). */
  private static List<String> inFileOrder(io.vertx.openapi.contract.OpenAPIContract contract) {
    List<String> out = new ArrayList<>();
    var paths = contract.getRawContract().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (!(paths.getValue(path) instanceof io.vertx.core.json.JsonObject item)) {
        continue;
      }
      for (String key : item.fieldNames()) {
        if (item.getValue(key) instanceof io.vertx.core.json.JsonObject op
            && op.containsKey("operationId")) {
          out.add(op.getString("operationId"));
        }
      }
    }
    assertThat(out)
        .containsExactlyInAnyOrderElementsOf(
            contract.operations().stream().map(Operation::getOperationId).toList());
    return out;
  }

  /**
   * The operations none of whose valid requests got a 2xx: the generators start from a valid
   * request, so one that always fails would leave the handler untried.
   */
  private static List<String> withoutSuccess(
      List<String> operations, List<HostileRequest> sent, List<Answer> answers) {
    Set<String> succeeded = new java.util.HashSet<>();
    for (int i = 0; i < sent.size(); i++) {
      if (answers.get(i).status() / 100 == 2) {
        succeeded.add(sent.get(i).operation());
      }
    }
    return operations.stream().filter(op -> !succeeded.contains(op)).toList();
  }

  private static boolean destructive(List<BaseRequest> bases, HostileRequest r) {
    return DESTRUCTIVE.contains(r.operation())
        || bases.stream()
            .anyMatch(b -> b.operation().equals(r.operation()) && b.method().equals("DELETE"));
  }
}
