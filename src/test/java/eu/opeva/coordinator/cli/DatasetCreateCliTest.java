package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.demo.DemoSite;
import eu.opeva.coordinator.testing.MongoHttpTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("datasets create builds from site data and waits for the result; status reports it")
class DatasetCreateCliTest extends MongoHttpTest {

  private CliRun.Result opeva(String... args) {
    Map<String, String> env =
        Map.of(
            "HOME",
            root.resolve("cli-home").toString(),
            "OPEVA_URL",
            "http://127.0.0.1:" + tc.port());
    return CliRun.run(env, tc.clock, false, args);
  }

  @Test
  @DisplayName("a build that succeeds exits 0 with its name; one that fails exits 1 with why")
  void create() {
    loadDemo(new DemoSite("lab", 2, Instant.parse("2026-01-01T00:00:00Z"), 48, 60, 7, false));

    CliRun.Result r = opeva("datasets", "create", "lab-set", "--site", "lab", "--period", "60");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("lab-set\n");
    assertThat(r.err()).contains("dataset lab-set succeeded").doesNotContain("%");
    assertThat(root.resolve("datasets/lab-set/schema.json")).exists();

    CliRun.Result status = opeva("datasets", "status", "lab-set");
    assertThat(status.out()).startsWith("succeeded (done");
    assertThat(opeva("datasets", "status", "lab-set", "--json").json().getString("state"))
        .isEqualTo("succeeded");

    CliRun.Result failed = opeva("datasets", "create", "never", "--site", "nowhere");
    assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(failed.err()).contains("dataset never failed").contains("nowhere");

    CliRun.Result started =
        opeva("datasets", "create", "later", "--site", "lab", "--no-wait", "--json");
    assertThat(started.code()).isZero();
    assertThat(started.json().getString("status_url")).isEqualTo("/dataset/later/status");
    assertThat(opeva("datasets", "status", "no-such-set").code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(opeva("datasets", "create", "x", "--period", "5").code()).isEqualTo(ExitCodes.USAGE);
  }
}
