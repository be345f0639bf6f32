package eu.opeva.coordinator.auth;

import static eu.opeva.coordinator.auth.AuthTesting.PASSWORD;
import static eu.opeva.coordinator.auth.AuthTesting.basic;
import static eu.opeva.coordinator.auth.AuthTesting.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.ContractRequests;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.JobDriver;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every operation answers each kind of caller as its role in the contract says")
class RoleBoundariesHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> seed() {
    Map<String, String> files = new HashMap<>(super.seed());
    files.putAll(AuthTesting.files());
    return files;
  }

  @Override
  protected Map<String, String> env() {
    return AuthTesting.env(root, 100_000);
  }

  private static boolean refused(HttpResponse<Buffer> r) {
    return r.statusCode() == 401 || r.statusCode() == 403;
  }

  @Test
  @DisplayName(
      "no or wrong credentials 401, a lesser role 403, agent and user credentials each only on their own")
  void everyOperationEveryCaller(Vertx vertx) {
    var contract = ContractRequests.contract(vertx);
    OperationRoles roles = new OperationRoles(contract);
    String job =
        jobs.trySubmit(new JsonObject().put("config_path", JobDriver.DEMO_CONFIG)).statusCode()
                == 401
            ? null
            : "unexpected";
    assertThat(job).as("submitting without credentials is refused").isNull();
    job =
        new JsonObject(
                tc.call(
                        io.vertx.core.http.HttpMethod.POST,
                        "/run-simulation",
                        new JsonObject().put("config_path", JobDriver.DEMO_CONFIG).toBuffer(),
                        basic("submitter1", PASSWORD))
                    .bodyAsString())
            .getString("job_id");
    // Dispatched to worker-a, so that its reports are its own (a job never dispatched to a worker
    // is refused to it by dispatch too, which would hide what the gate does).
    assertThat(
            tc.call(
                    io.vertx.core.http.HttpMethod.POST,
                    "/api/agent/next-job",
                    new JsonObject().put("worker_id", "worker-a").toBuffer(),
                    bearer("tok-a"))
                .statusCode())
        .isEqualTo(200);
    Map<String, Integer> checked = new TreeMap<>();
    for (ContractRequests.Sample sample : ContractRequests.all(vertx, job, "worker-a")) {
      Role needed = roles.roleOf(sample.operation().id());
      String what = sample.describe() + " needs " + needed.wire();
      int n = 0;
      if (needed == Role.PUBLIC) {
        assertThat(refused(sample.send(tc, AuthTesting.none()))).as(what).isFalse();
        checked.put(sample.operation().id(), 1);
        continue;
      }
      HttpResponse<Buffer> anonymous = sample.send(tc, AuthTesting.none());
      assertThat(anonymous.statusCode()).as(what + ", no credentials").isEqualTo(401);
      assertThat(anonymous.getHeader("WWW-Authenticate"))
          .as(what)
          .isEqualTo(needed == Role.AGENT ? "Bearer realm=\"opeva\"" : "Basic realm=\"opeva\"");
      assertThat(new JsonObject(anonymous.bodyAsString()).getString("detail")).isNotBlank();
      assertThat(sample.send(tc, basic("operator1", "wrong")).statusCode())
          .as(what + ", wrong password")
          .isIn(401, 403);
      assertThat(sample.send(tc, bearer("no-such-token")).statusCode())
          .as(what + ", unknown token")
          .isEqualTo(401);
      n += 3;
      if (needed == Role.AGENT) {
        assertThat(sample.send(tc, basic("operator1", PASSWORD)).statusCode())
            .as(what + ", user credentials on an agent operation")
            .isEqualTo(403);
        assertThat(refused(sample.send(tc, bearer("tok-a")))).as(what + ", its worker").isFalse();
        n += 2;
      } else {
        assertThat(sample.send(tc, bearer("tok-a")).statusCode())
            .as(what + ", an agent token on a user operation")
            .isEqualTo(403);
        assertThat(sample.send(tc, basic("nobody", PASSWORD)).statusCode())
            .as(what + ", a user without roles")
            .isEqualTo(403);
        for (Role held : new Role[] {Role.VIEWER, Role.SUBMITTER, Role.OPERATOR}) {
          MultiMap user = basic(held.wire() + "1", PASSWORD);
          HttpResponse<Buffer> r = sample.send(tc, user);
          if (held.allows(needed)) {
            assertThat(refused(r))
                .as(what + " as " + held.wire() + ": " + r.bodyAsString())
                .isFalse();
          } else {
            assertThat(r.statusCode()).as(what + " as " + held.wire()).isEqualTo(403);
          }
          n++;
        }
        n += 2;
      }
      checked.put(sample.operation().id(), n);
    }
    assertThat(checked).hasSize(contract.operations().size());
    System.out.println("role boundaries checked per operation: " + checked);
  }
}
