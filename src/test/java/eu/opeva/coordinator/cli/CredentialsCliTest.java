package eu.opeva.coordinator.cli;

import static eu.opeva.coordinator.auth.AuthTesting.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.auth.AuthTesting;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("URL and credentials from flags, environment or a profile; exit codes 4 and 5")
class CredentialsCliTest extends CliHttpTest {
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

  /** HOME only: no URL and no credentials from the environment. */
  private Map<String, String> bare() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home().toString());
    return env;
  }

  private Map<String, String> with(Map<String, String> env, String... pairs) {
    Map<String, String> copy = new HashMap<>(env);
    for (int i = 0; i < pairs.length; i += 2) {
      copy.put(pairs[i], pairs[i + 1]);
    }
    return copy;
  }

  private Path passwordFile() {
    return file("secrets/viewer-password", PASSWORD + "\n");
  }

  @Test
  @DisplayName("without credentials 401 exits 4 and says where credentials can come from")
  void noCredentials() {
    CliRun.Result r = opeva("list");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("opeva: the coordinator at " + url() + " needs credentials")
        .contains("OPEVA_USER")
        .contains("config.yaml");
  }

  @Test
  @DisplayName("--user with --password or --password-file")
  void fromFlags() {
    CliRun.Result r = opeva("list", "--user", "viewer1", "--password", PASSWORD);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("no jobs");
    CliRun.Result file =
        opeva("list", "-u", "viewer1", "--password-file", passwordFile().toString());
    assertThat(file.code()).as(file.toString()).isZero();
    CliRun.Result missing =
        opeva("list", "-u", "viewer1", "--password-file", home().resolve("none").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("does not exist").contains("--password-file");
  }

  @Test
  @DisplayName("OPEVA_USER with OPEVA_PASSWORD or OPEVA_PASSWORD_FILE; the flags win")
  void fromEnvironment() {
    Map<String, String> env = with(cliEnv(), "OPEVA_USER", "viewer1", "OPEVA_PASSWORD", PASSWORD);
    assertThat(opeva(env, "list").code()).isZero();
    Map<String, String> fileEnv =
        with(cliEnv(), "OPEVA_USER", "viewer1", "OPEVA_PASSWORD_FILE", passwordFile().toString());
    assertThat(opeva(fileEnv, "list").code()).isZero();

    CliRun.Result wrong = opeva(with(env, "OPEVA_PASSWORD", "guess"), "list");
    assertThat(wrong.code()).as(wrong.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(wrong.err()).contains("refused the credentials of 'viewer1' (from OPEVA_USER)");
    assertThat(opeva(with(env, "OPEVA_PASSWORD", "guess"), "list", "--password", PASSWORD).code())
        .as("--password before OPEVA_PASSWORD")
        .isZero();
    assertThat(opeva(with(env, "OPEVA_URL", "http://127.0.0.1:1"), "list", "--url", url()).code())
        .as("--url before OPEVA_URL")
        .isZero();
    CliRun.Result noUser = opeva(with(cliEnv(), "OPEVA_PASSWORD", PASSWORD), "list");
    assertThat(noUser.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noUser.err()).contains("no user");
  }

  @Test
  @DisplayName(
      "a profile of ~/.config/opeva/config.yaml: the default one, --profile, OPEVA_PROFILE")
  void fromProfile() {
    passwordFile();
    file(
        ".config/opeva/config.yaml",
        "default_profile: lab\n"
            + "profiles:\n"
            + "  lab: {url: '"
            + url()
            + "', user: submitter1, password: '"
            + PASSWORD
            + "'}\n"
            + "  viewing: {url: '"
            + url()
            + "', user: viewer1, password_file: ~/secrets/viewer-password}\n"
            + "  broken: {url: '"
            + url()
            + "', user: viewer1, password: guess}\n");

    CliRun.Result submitted = opeva(bare(), "submit", "--config-path", "demo.yaml");
    assertThat(submitted.code()).as(submitted.toString()).isZero();
    String id = submitted.out().strip();
    CliRun.Result info = opeva(bare(), "info", id, "--json");
    assertThat(info.json().getString("submitted_by")).isEqualTo("submitter1");

    CliRun.Result viewer = opeva(bare(), "list", "--profile", "viewing");
    assertThat(viewer.code()).as(viewer.toString()).isZero();
    assertThat(viewer.out()).contains(id);
    CliRun.Result refused = opeva(bare(), "stop", id, "--profile", "viewing");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(refused.err()).contains("'viewer1' may not do this");

    CliRun.Result broken = opeva(with(bare(), "OPEVA_PROFILE", "broken"), "list");
    assertThat(broken.code()).isEqualTo(ExitCodes.AUTH);
    assertThat(broken.err()).contains("profile 'broken' in ");
    assertThat(opeva(with(bare(), "OPEVA_PROFILE", "broken"), "list", "--profile", "lab").code())
        .as("--profile before OPEVA_PROFILE")
        .isZero();
    CliRun.Result envUser = opeva(with(bare(), "OPEVA_USER", "viewer1"), "stop", id);
    assertThat(envUser.code()).as("OPEVA_USER before the profile's user").isEqualTo(ExitCodes.AUTH);
    assertThat(envUser.err()).contains("'viewer1' may not do this");

    CliRun.Result unknown = opeva(bare(), "list", "--profile", "nope");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("profile 'nope' is not in").contains("lab");
  }

  @Test
  @DisplayName("a coordinator that is not there exits 5 and names the URL and where it came from")
  void unreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closed;
    CliRun.Result r = opeva(with(bare(), "OPEVA_URL", nowhere), "status", "x");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.err())
        .isEqualTo(
            "opeva: cannot reach the coordinator at "
                + nowhere
                + " (from OPEVA_URL): connection refused (is it running?)\n");
    CliRun.Result debug = opeva(with(bare(), "OPEVA_URL", nowhere), "status", "x", "--debug");
    assertThat(debug.err()).contains("\tat ");
    CliRun.Result bad = opeva(bare(), "list", "--url", "ftp://x");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("'ftp://x' (--url) is not an http:// or https:// URL");
  }
}
