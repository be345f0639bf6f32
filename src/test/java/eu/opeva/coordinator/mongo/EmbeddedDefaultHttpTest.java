package eu.opeva.coordinator.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("With no MongoDB configured, the coordinator runs its own, and --demo-data fills it")
class EmbeddedDefaultHttpTest extends CoordinatorHttpTest {

  @Override
  protected Map<String, String> env() {
    return Map.of("DEMO_DATA", "true");
  }

  @Test
  @DisplayName("the demo site is listed, has a schema and recent data, and exports to a dataset")
  void demoSite() {
    assertThat(tc.get("/sites").bodyAsJsonObject().getJsonArray("sites").getList())
        .containsExactly("demo_site");
    JsonObject schema = tc.get("/schema/demo_site").bodyAsJsonObject();
    assertThat(schema.getJsonObject("buildings").fieldNames()).containsExactly("1", "2", "3");
    JsonObject recent = tc.get("/real-time-data/demo_site?minutes=60").bodyAsJsonObject();
    assertThat(recent.getJsonArray("building_1")).hasSize(5);
    assertThat(recent.getJsonArray("building_1").getJsonObject(4).getString("timestamp"))
        .isEqualTo(clock.instant().toString());
    assertThat(tc.get("/dataset/sites").bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put(
                    "sites",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("site_id", "demo_site")
                                .put("buildings", new JsonArray().add("1").add("2").add("3")))));
    var created =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "demo")
                .put("site_id", "demo_site")
                .put(
                    "citylearn_configs",
                    new JsonObject().put("selected_buildings", new JsonArray().add("1"))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    assertThat(
            created
                .bodyAsJsonObject()
                .getJsonObject("validation")
                .getJsonObject("time_window")
                .getInteger("rows"))
        .isEqualTo(14 * 24);
  }
}
