package eu.opeva.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The ready line says where to go, what is listening, and a command to try")
class ReadyLineTest {
  @TempDir Path dir;

  private Settings settings(String... env) {
    Map<String, String> vars = new HashMap<>();
    vars.put("VM_SHARED_DATA", dir.resolve("shared").toString());
    vars.put("COORDINATOR_HOME", dir.resolve("home").toString());
    for (int i = 0; i < env.length; i += 2) {
      vars.put(env[i], env[i + 1]);
    }
    return SettingsLoader.load(Optional.empty(), vars);
  }

  @Test
  @DisplayName("on all interfaces: a localhost URL, the shared directory, the local worker")
  void allInterfaces() {
    String line = ReadyLine.of(settings("LOCAL_WORKER", "true"), 8000);
    assertThat(line)
        .startsWith("ready at http://localhost:8000/ (listening on 0.0.0.0:8000, all interfaces);")
        .contains("shared directory " + dir.resolve("shared"))
        .contains("local worker 'local'");
  }

  @Test
  @DisplayName("with the first start's password file, the sample command signs in as admin")
  void sampleWithPassword() throws Exception {
    Path auth = Files.createDirectories(dir.resolve("home/auth"));
    Files.writeString(auth.resolve("admin-password"), "secret\n");
    String line = ReadyLine.of(settings("HTTP_HOST", "127.0.0.1"), 8123);
    assertThat(line)
        .startsWith("ready at http://127.0.0.1:8123/ (listening on 127.0.0.1:8123);")
        .doesNotContain("all interfaces", "local worker", "secret")
        .endsWith(
            "Try: curl -u \"admin:$(cat "
                + auth.resolve("admin-password")
                + ")\" http://127.0.0.1:8123/jobs");
  }

  @Test
  @DisplayName("without that file it names the parts; with authentication off it needs none")
  void otherSamples() {
    assertThat(ReadyLine.of(settings(), 8000))
        .endsWith("Try: curl -u <user>:<password> http://localhost:8000/jobs");
    assertThat(ReadyLine.of(settings("AUTH_ENABLED", "false"), 8000))
        .endsWith("Try: curl http://localhost:8000/jobs");
  }

  @Test
  @DisplayName("an IPv6 address is bracketed in the URL")
  void ipv6() {
    assertThat(ReadyLine.urlHost("::1")).isEqualTo("[::1]");
    assertThat(ReadyLine.urlHost("::")).isEqualTo("localhost");
  }
}
