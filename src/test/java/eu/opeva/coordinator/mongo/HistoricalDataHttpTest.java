package eu.opeva.coordinator.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MongoHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Historical data pages documents or epoch-aligned buckets per collection")
class HistoricalDataHttpTest extends MongoHttpTest {
  /** Not aligned on anything: buckets must not start here. */
  static final Instant FIRST = Instant.parse("2024-05-01T10:07:00Z");

  static final int COUNT = 2 * 24 * 12;

  @BeforeEach
  void fill() {
    schema("lab", new JsonObject().put("buildings", new JsonObject()));
    List<JsonObject> docs = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      docs.add(
          new JsonObject()
              .put("timestamp", date(at(i)))
              .put("value", i)
              .put("mode", i == 0 ? null : "auto")
              .put("meter", new JsonObject().put("power", 2.0 * i)));
    }
    insert("lab", "building_1", docs);
  }

  static Instant at(int i) {
    return FIRST.plus(Duration.ofMinutes(5L * i));
  }

  String range(Instant from, Instant until) {
    return "from_ts=" + from + "&until_ts=" + until;
  }

  @Test
  @DisplayName(
      "without granularity: documents in time order, offset and limit applied, ISO-8601 UTC timestamps")
  void plainPage() {
    JsonObject body =
        tc.get("/historical-data/lab?limit=3&offset=2&" + range(at(0), at(100))).bodyAsJsonObject();
    assertThat(body.getString("energy_community")).isEqualTo("lab");
    assertThat(body.getJsonObject("query"))
        .isEqualTo(
            new JsonObject()
                .put("from_ts", at(0).toString())
                .put("until_ts", at(100).toString())
                .put("limit", 3)
                .put("offset", 2));
    assertThat(body.getJsonObject("collections").fieldNames()).containsExactly("building_1");
    JsonArray items =
        body.getJsonObject("collections").getJsonObject("building_1").getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getInteger("value")).toList())
        .containsExactly(2, 3, 4);
    assertThat(items.getJsonObject(0).getString("timestamp")).isEqualTo("2024-05-01T10:17:00Z");
  }

  @ParameterizedTest(name = "granularity {0} minutes")
  @ValueSource(ints = {15, 60, 1440, 45})
  @DisplayName(
      "buckets start on multiples of the granularity from the epoch and average what falls in them")
  void alignedBuckets(int minutes) {
    Instant until = at(COUNT - 1);
    JsonArray items =
        tc.get(
                "/historical-data/lab?limit=1000&granularity_minutes="
                    + minutes
                    + "&"
                    + range(at(0), until))
            .bodyAsJsonObject()
            .getJsonObject("collections")
            .getJsonObject("building_1")
            .getJsonArray("items");
    long width = minutes * 60_000L;
    List<Long> expectedStarts = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      long start = Math.floorDiv(at(i).toEpochMilli(), width) * width;
      if (expectedStarts.isEmpty() || expectedStarts.get(expectedStarts.size() - 1) != start) {
        expectedStarts.add(start);
      }
    }
    assertThat(items).hasSize(expectedStarts.size());
    for (int b = 0; b < items.size(); b++) {
      JsonObject bucket = items.getJsonObject(b);
      long start = expectedStarts.get(b);
      assertThat(Instant.parse(bucket.getString("timestamp")).toEpochMilli()).isEqualTo(start);
      double sum = 0;
      int n = 0;
      for (int i = 0; i < COUNT; i++) {
        if (Math.floorDiv(at(i).toEpochMilli(), width) * width == start) {
          sum += i;
          n++;
        }
      }
      assertThat(bucket.getDouble("value"))
          .isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(bucket.getJsonObject("meter").getDouble("power"))
          .isCloseTo(2 * sum / n, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(bucket.containsKey("_id")).isFalse();
    }
    if (minutes == 1440) {
      assertThat(items.stream().map(o -> ((JsonObject) o).getString("timestamp")).toList())
          .containsExactly("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-03T00:00:00Z");
    }
    if (minutes == 60) {
      assertThat(items.getJsonObject(0).getString("timestamp")).isEqualTo("2024-05-01T10:00:00Z");
      assertThat(items.getJsonObject(1).getString("timestamp")).isEqualTo("2024-05-01T11:00:00Z");
    }
  }

  @Test
  @DisplayName(
      "buckets keep the first non-null value of non-numeric fields, and offset and limit count buckets")
  void bucketPaging() {
    JsonArray items =
        tc.get(
                "/historical-data/lab?limit=2&offset=0&granularity_minutes=60&"
                    + range(at(0), at(200)))
            .bodyAsJsonObject()
            .getJsonObject("collections")
            .getJsonObject("building_1")
            .getJsonArray("items");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getString("mode")).isEqualTo("auto");
    JsonArray later =
        tc.get(
                "/historical-data/lab?limit=2&offset=1&granularity_minutes=60&"
                    + range(at(0), at(200)))
            .bodyAsJsonObject()
            .getJsonObject("collections")
            .getJsonObject("building_1")
            .getJsonArray("items");
    assertThat(later.getJsonObject(0)).isEqualTo(items.getJsonObject(1));
  }

  @Test
  @DisplayName("minutes counts back from now on the service's clock")
  void minutesWindow() {
    clock.advance(Duration.between(clock.instant(), at(COUNT - 1)).plusMinutes(1));
    JsonArray items =
        tc.get("/historical-data/lab?limit=100&minutes=14")
            .bodyAsJsonObject()
            .getJsonObject("collections")
            .getJsonObject("building_1")
            .getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getInteger("value")).toList())
        .containsExactly(COUNT - 3, COUNT - 2, COUNT - 1);
  }

  @ParameterizedTest(name = "minutes={0}")
  @ValueSource(strings = {"52560001", "1000000000000", "9223372036854775807"})
  @DisplayName("a window longer than all data (any positive number of minutes) means everything")
  void hugeMinutes(String minutes) {
    // Some data from long ago, the rest of 2024.
    insert(
        "lab",
        "building_1",
        List.of(
            new JsonObject()
                .put("timestamp", date(Instant.parse("1950-01-01T00:00:00Z")))
                .put("value", -1)));
    JsonObject body =
        tc.get("/historical-data/lab?limit=1000&minutes=" + minutes).bodyAsJsonObject();
    assertThat(body.getJsonObject("query").getLong("minutes")).isEqualTo(Long.parseLong(minutes));
    JsonArray items =
        body.getJsonObject("collections").getJsonObject("building_1").getJsonArray("items");
    assertThat(items).hasSize(COUNT + 1);
    assertThat(items.getJsonObject(0).getInteger("value")).isEqualTo(-1);
    assertThat(detail("/historical-data/lab?limit=1&minutes=9223372036854775808"))
        .isEqualTo("minutes is out of range");
    assertThat(detail("/historical-data/lab?limit=1&minutes=0"))
        .isEqualTo("minutes must be at least 1");
  }

  @Test
  @DisplayName(
      "an unknown site is 404 before the time filter is checked; bad filters are 400 with the old messages")
  void validation() {
    var unknown = tc.get("/historical-data/elsewhere?limit=1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Energy community 'elsewhere' not found.");
    assertThat(detail("/historical-data/lab?limit=1"))
        .isEqualTo("Provide either 'minutes' or both 'from_ts' and 'until_ts'.");
    assertThat(detail("/historical-data/lab?limit=1&minutes=5&from_ts=2024-05-01T00:00:00Z"))
        .isEqualTo("Use either 'minutes' or ('from_ts' + 'until_ts'), not both.");
    assertThat(detail("/historical-data/lab?limit=1&from_ts=2024-05-01T00:00:00Z"))
        .isEqualTo("'from_ts' and 'until_ts' must be provided together.");
    assertThat(
            detail("/historical-data/lab?limit=1&from_ts=yesterday&until_ts=2024-05-01T00:00:00Z"))
        .isEqualTo("Invalid from_ts. Expected ISO-8601 format.");
    assertThat(
            detail("/historical-data/lab?limit=1&from_ts=2024-05-02T00:00:00Z&until_ts=2024-05-01"))
        .isEqualTo("'until_ts' must be greater than 'from_ts'.");
    assertThat(tc.get("/historical-data/lab?limit=0&minutes=5").statusCode()).isEqualTo(400);
    assertThat(tc.get("/historical-data/lab?minutes=5").statusCode()).isEqualTo(400);
  }

  String detail(String path) {
    var r = tc.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    return r.bodyAsJsonObject().getString("detail");
  }
}
