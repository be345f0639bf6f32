package eu.opeva.coordinator.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Timestamps are read in any usual form and written as ISO-8601 UTC")
class TimestampsTest {
  static final Instant T = Instant.parse("2024-05-01T10:15:00Z");

  @Test
  @DisplayName("Mongo dates, offsets, Z and naive (UTC) strings all parse to the same instant")
  void parses() {
    assertThat(Timestamps.parse(new JsonObject().put("$date", "2024-05-01T10:15:00Z")))
        .isEqualTo(T);
    assertThat(Timestamps.parse(new JsonObject().put("$date", T.toEpochMilli()))).isEqualTo(T);
    assertThat(
            Timestamps.parse(
                new JsonObject()
                    .put(
                        "$date",
                        new JsonObject().put("$numberLong", String.valueOf(T.toEpochMilli())))))
        .isEqualTo(T);
    assertThat(Timestamps.parseText("2024-05-01T11:15:00+01:00")).isEqualTo(T);
    assertThat(Timestamps.parseText("2024-05-01 10:15:00")).isEqualTo(T);
    assertThat(Timestamps.parseText("2024-05-01T10:15")).isEqualTo(T);
    assertThat(Timestamps.parseText("2024-05-01")).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(Timestamps.parseText("tomorrow")).isNull();
    assertThat(Timestamps.parse(42)).isNull();
  }

  @Test
  @DisplayName("documents leave with string ids and ISO dates, nested ones too")
  void apiJson() {
    JsonObject doc =
        new JsonObject()
            .put("_id", new JsonObject().put("$oid", "abc"))
            .put("timestamp", new JsonObject().put("$date", "2024-05-01T10:15:00.000+00:00"))
            .put(
                "list",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("at", new JsonObject().put("$date", T.toEpochMilli()))))
            .put("bad", Double.NaN);
    assertThat(MongoJson.toApi(doc))
        .isEqualTo(
            new JsonObject()
                .put("_id", "abc")
                .put("timestamp", "2024-05-01T10:15:00Z")
                .put(
                    "list", new JsonArray().add(new JsonObject().put("at", "2024-05-01T10:15:00Z")))
                .putNull("bad"));
  }
}
