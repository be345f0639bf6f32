package eu.opeva.coordinator.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MongoHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sites and their latest documents are read from MongoDB")
class SitesHttpTest extends MongoHttpTest {

  void fillLab() {
    schema(
        "living_lab",
        new JsonObject().put("buildings", new JsonObject().put("1", new JsonObject())));
    List<JsonObject> docs = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < 6; i++) {
      docs.add(
          new JsonObject()
              .put("timestamp", date(now.minus(Duration.ofMinutes(10L * i))))
              .put("load", i));
    }
    insert("living_lab", "building_1", docs);
    insert(
        "hq", "charger_1", List.of(new JsonObject().put("timestamp", date(now)).put("power", 7.4)));
  }

  @Test
  @DisplayName(
      "/sites and /energy-communities list the site databases, without admin, local and config")
  void listsSites() {
    fillLab();
    JsonArray sites = tc.get("/sites").bodyAsJsonObject().getJsonArray("sites");
    assertThat(sites.getList()).containsExactlyInAnyOrder("living_lab", "hq");
    assertThat(
            tc.get("/energy-communities")
                .bodyAsJsonObject()
                .getJsonArray("energy_communities")
                .getList())
        .containsExactlyInAnyOrder("living_lab", "hq");
  }

  @Test
  @DisplayName(
      "real-time data gives every collection, schema included, oldest first with ISO-8601 UTC dates")
  void realTimeData() {
    fillLab();
    var r = tc.get("/real-time-data/living_lab");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("building_1", "schema");
    JsonArray items = body.getJsonArray("building_1");
    assertThat(items).hasSize(6);
    assertThat(items.getJsonObject(0).getString("timestamp")).isEqualTo("2025-12-31T23:10:00Z");
    assertThat(items.getJsonObject(5).getString("timestamp")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(items.getJsonObject(0).getString("_id")).isNotBlank();
    assertThat(body.getJsonArray("schema").getJsonObject(0).getString("_id")).isEqualTo("schema");
  }

  @Test
  @DisplayName(
      "real-time data with minutes keeps only recent documents; a limit cuts to the newest and says so")
  void realTimeWindowAndLimit() {
    fillLab();
    JsonObject recent = tc.get("/real-time-data/living_lab?minutes=25").bodyAsJsonObject();
    assertThat(recent.getJsonArray("building_1")).hasSize(3);
    assertThat(recent.getJsonArray("schema")).isEmpty();
    JsonObject all =
        tc.get("/real-time-data/living_lab?minutes=9223372036854775807").bodyAsJsonObject();
    assertThat(all.getJsonArray("building_1")).hasSize(6);
    var limited = tc.get("/real-time-data/living_lab?limit=2");
    assertThat(limited.getHeader("X-Truncated-Collections")).isEqualTo("building_1");
    JsonArray items = limited.bodyAsJsonObject().getJsonArray("building_1");
    assertThat(items.stream().map(o -> ((JsonObject) o).getInteger("load")).toList())
        .containsExactly(1, 0);
  }

  @Test
  @DisplayName("an unknown site is 404 and an invalid site name 400, on every site endpoint")
  void unknownSites() {
    fillLab();
    assertThat(tc.get("/real-time-data/nowhere").statusCode()).isEqualTo(404);
    assertThat(tc.get("/real-time-data/nowhere").bodyAsJsonObject().getString("detail"))
        .isEqualTo("Site 'nowhere' not found.");
    assertThat(tc.get("/real-time-data/admin").statusCode()).isEqualTo(404);
    assertThat(tc.get("/real-time-data/bad.name").statusCode()).isEqualTo(400);
    assertThat(tc.get("/schema/nowhere").statusCode()).isEqualTo(404);
    assertThat(tc.get("/dataset/dates-available/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "dates available are by timestamp order, not insertion order, and an empty collection is reported")
  void datesAvailable() {
    fillLab();
    insert(
        "living_lab",
        "building_2",
        List.of(
            new JsonObject().put("timestamp", date(Instant.parse("2024-05-02T00:00:00Z"))),
            new JsonObject().put("timestamp", "2024-05-01T12:00:00Z"),
            new JsonObject().put("timestamp", date(Instant.parse("2024-05-03T06:00:00Z"))),
            new JsonObject().put("timestamp", date(Instant.parse("2024-05-01T18:00:00Z")))));
    TestCoordinator.await(db("living_lab").createCollection("empty_meter"));
    JsonArray dates = tc.get("/dataset/dates-available/living_lab").bodyAsJsonArray();
    JsonObject b2 = find(dates, "building_2");
    assertThat(b2.getString("oldest_record")).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(b2.getString("newest_record")).isEqualTo("2024-05-03T06:00:00Z");
    JsonObject empty = find(dates, "empty_meter");
    assertThat(empty.getValue("oldest_record")).isNull();
    assertThat(empty.getValue("newest_record")).isNull();
    assertThat(dates.stream().map(o -> ((JsonObject) o).getString("installation")))
        .doesNotContain("schema");
  }

  static JsonObject find(JsonArray dates, String installation) {
    return dates.stream()
        .map(o -> (JsonObject) o)
        .filter(o -> o.getString("installation").equals(installation))
        .findFirst()
        .orElseThrow();
  }
}
