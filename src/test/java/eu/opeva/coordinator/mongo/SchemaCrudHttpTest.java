package eu.opeva.coordinator.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MongoHttpTest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Site schemas are created once, updated only when they exist, and read back unwrapped")
class SchemaCrudHttpTest extends MongoHttpTest {
  static final JsonObject SCHEMA =
      new JsonObject()
          .put(
              "buildings",
              new JsonObject()
                  .put(
                      "1",
                      new JsonObject()
                          .put(
                              "pv",
                              new JsonObject()
                                  .put("attributes", new JsonObject().put("nominal_power", 4.0)))));

  @Test
  @DisplayName("create answers 200, then 409 for the same site; get returns the inner schema")
  void createOnce() {
    var created =
        tc.post("/schema/create", new JsonObject().put("site", "new_site").put("schema", SCHEMA));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.bodyAsJsonObject().getString("message"))
        .isEqualTo("Schema created for site 'new_site'.");
    assertThat(tc.get("/schema/new_site").bodyAsJsonObject()).isEqualTo(SCHEMA);
    assertThat(tc.get("/sites").bodyAsJsonObject().getJsonArray("sites").getList())
        .contains("new_site");

    var again =
        tc.post(
            "/schema/create",
            new JsonObject().put("site", "new_site").put("schema", new JsonObject()));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Site 'new_site' already exists. Use the update endpoint instead.");
    assertThat(tc.get("/schema/new_site").bodyAsJsonObject()).isEqualTo(SCHEMA);
  }

  @Test
  @DisplayName(
      "update of a missing site is 404 and creates nothing; of an existing one it replaces the schema")
  void updateOnlyExisting() {
    var missing =
        tc.call(HttpMethod.PUT, "/schema/update/ghost", new JsonObject().put("schema", SCHEMA));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Site 'ghost' does not exist. Use the create endpoint first.");
    assertThat(tc.get("/sites").bodyAsJsonObject().getJsonArray("sites").getList())
        .doesNotContain("ghost");

    tc.post("/schema/create", new JsonObject().put("site", "lab").put("schema", SCHEMA));
    JsonObject changed =
        new JsonObject().put("buildings", new JsonObject().put("2", new JsonObject()));
    var updated =
        tc.call(HttpMethod.PUT, "/schema/update/lab", new JsonObject().put("schema", changed));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("message"))
        .isEqualTo("Schema updated for site 'lab'.");
    assertThat(tc.get("/schema/lab").bodyAsJsonObject()).isEqualTo(changed);
  }

  @Test
  @DisplayName("get is 404 for a site without a schema document and for an unknown site")
  void getMissing() {
    insert("no_schema", "building_1", java.util.List.of(new JsonObject().put("x", 1)));
    assertThat(tc.get("/schema/no_schema").statusCode()).isEqualTo(404);
    assertThat(tc.get("/schema/no_schema").bodyAsJsonObject().getString("detail"))
        .isEqualTo("Schema not found.");
    assertThat(tc.get("/schema/unknown").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "bad input is a 400 that creates nothing: reserved or invalid names, a missing schema")
  void badInput() {
    assertThat(
            tc.post("/schema/create", new JsonObject().put("site", "admin").put("schema", SCHEMA))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            tc.post("/schema/create", new JsonObject().put("site", "a/b").put("schema", SCHEMA))
                .statusCode())
        .isEqualTo(400);
    assertThat(tc.post("/schema/create", new JsonObject().put("site", "lab")).statusCode())
        .isEqualTo(400);
    assertThat(
            tc.post("/schema/create", new JsonObject().put("site", "lab").put("schema", "text"))
                .statusCode())
        .isEqualTo(400);
    assertThat(tc.get("/sites").bodyAsJsonObject().getJsonArray("sites")).isEmpty();
  }
}
