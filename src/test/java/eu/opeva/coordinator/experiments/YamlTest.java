package eu.opeva.coordinator.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Experiment configs are written as the YAML they were submitted as")
class YamlTest {
  @Test
  @DisplayName("nested objects and lists survive a dump and a parse unchanged, in both key orders")
  void nestedRoundTrip() throws Exception {
    JsonObject config =
        new JsonObject()
            .put("simulation", new JsonObject().put("episodes", 3).put("seconds_per_episode", 0.05))
            .put(
                "experiment",
                new JsonObject()
                    .put("name", "Demo")
                    .put("tags", new JsonArray().add("a").add(new JsonObject().put("k", true))));

    for (String yaml : new String[] {Yaml.dump(config), Yaml.dumpSorted(config)}) {
      assertThat(yaml).doesNotContain("map:", "empty:");
      assertThat(Yaml.parse(yaml)).isEqualTo(config);
    }
    assertThat(Yaml.dumpSorted(config)).startsWith("experiment:");
  }
}
