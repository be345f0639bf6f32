package eu.opeva.coordinator.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Configs are parsed on a pool of their own, after their size is checked")
class ConfigYamlTest {
  @Test
  @DisplayName(
      "the work runs on the yaml pool; a config over the limit is a 413 naming the setting")
  void poolAndSize(Vertx vertx) {
    ConfigYaml yaml = new ConfigYaml(vertx, 1024);
    assertThat(TestCoordinator.await(yaml.onPool(() -> Thread.currentThread().getName())))
        .startsWith(ConfigYaml.POOL + "-");
    assertThat(TestCoordinator.await(yaml.parse("a: 1\n", "c")))
        .isEqualTo(new JsonObject().put("a", 1));

    Throwable big =
        catchThrowableOfType(
            () -> TestCoordinator.await(yaml.parse("a: \"" + "é".repeat(600) + "\"\n", "Config c")),
            AssertionError.class);
    ApiFailure f = (ApiFailure) big.getCause();
    assertThat(f.status()).isEqualTo(413);
    assertThat(f.getMessage())
        .startsWith("Config c is 1206 bytes")
        .contains("EXPERIMENT_CONFIG_MAX_BYTES");
    Throwable dumped =
        catchThrowableOfType(
            () ->
                TestCoordinator.await(
                    yaml.dumpSorted(
                        new JsonObject().put("a", "x".repeat(2000)), "The inline config")),
            AssertionError.class);
    assertThat(((ApiFailure) dumped.getCause()).status()).isEqualTo(413);
  }
}
