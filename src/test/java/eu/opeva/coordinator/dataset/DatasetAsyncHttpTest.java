package eu.opeva.coordinator.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MongoHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("async=true answers 202 at once and the status reports progress and the result")
class DatasetAsyncHttpTest extends MongoHttpTest {

  @Test
  @DisplayName("a generation started with async=true can be followed until it succeeds")
  void asyncSuccess() {
    schema("lab", LabSite.schema());
    insert("lab", "building_1", LabSite.building1());
    Promise<JsonObject> done = Promise.promise();
    var consumer =
        tc.vertx
            .eventBus()
            .<JsonObject>consumer(DatasetAddresses.FINISHED, m -> done.tryComplete(m.body()));
    TestCoordinator.await(consumer.completion());
    var accepted =
        tc.post(
            "/dataset?async=true",
            new JsonObject()
                .put("name", "later")
                .put("site_id", "lab")
                .put("citylearn_configs", new JsonObject()));
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("message", "Dataset generation started")
                .put("name", "later")
                .put("status_url", "/dataset/later/status"));
    assertThat(TestCoordinator.await(done.future()).getString("state")).isEqualTo("succeeded");
    JsonObject status = tc.get("/dataset/later/status").bodyAsJsonObject();
    assertThat(status.getString("state")).isEqualTo("succeeded");
    assertThat(status.getString("phase")).isEqualTo("done");
    assertThat(status.getInteger("buildings_done")).isEqualTo(1);
    assertThat(status.getLong("rows_written")).isEqualTo(10L);
    assertThat(status.getLong("documents_read")).isEqualTo((long) LabSite.building1().size());
    assertThat(status.getJsonObject("result").getString("message")).isEqualTo("Dataset created");
    assertThat(root.resolve("datasets/later/schema.json")).exists();
  }

  @Test
  @DisplayName("an async generation that fails reports the error in its status and writes nothing")
  void asyncFailure() {
    Promise<JsonObject> done = Promise.promise();
    var consumer =
        tc.vertx
            .eventBus()
            .<JsonObject>consumer(DatasetAddresses.FINISHED, m -> done.tryComplete(m.body()));
    TestCoordinator.await(consumer.completion());
    var accepted =
        tc.post(
            "/dataset?async=true",
            new JsonObject()
                .put("name", "never")
                .put("site_id", "nowhere")
                .put("citylearn_configs", new JsonObject()));
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(TestCoordinator.await(done.future()).getString("state")).isEqualTo("failed");
    JsonObject status = tc.get("/dataset/never/status").bodyAsJsonObject();
    assertThat(status.getJsonObject("error"))
        .isEqualTo(new JsonObject().put("status", 404).put("detail", "Site 'nowhere' not found."));
    assertThat(root.resolve("datasets/never")).doesNotExist();
    assertThat(tc.get("/dataset/unknown_name/status").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("bad requests are refused before anything starts: period, configs, timestamps")
  void badRequests() {
    JsonObject base =
        new JsonObject()
            .put("name", "x")
            .put("site_id", "lab")
            .put("citylearn_configs", new JsonObject());
    assertThat(detail(base.copy().put("period", 0))).isEqualTo("period must be >= 1 minute");
    assertThat(detail(base.copy().put("from_ts", "soon")))
        .isEqualTo("Invalid from_ts. Expected ISO-8601 format.");
    assertThat(
            detail(
                base.copy()
                    .put("citylearn_configs", new JsonObject().put("selected_buildings", "1"))))
        .isEqualTo("citylearn_configs.selected_buildings must be a list");
    assertThat(detail(base.copy().put("citylearn_configs", new JsonObject().put("validation", 3))))
        .isEqualTo("citylearn_configs.validation must be an object");
    assertThat(tc.post("/dataset", base.copy().put("period", "sixty")).statusCode()).isEqualTo(400);
    assertThat(tc.post("/dataset", new JsonObject().put("name", "x")).statusCode()).isEqualTo(400);
    assertThat(tc.get("/dataset/x/status").statusCode()).isEqualTo(404);
  }

  String detail(JsonObject body) {
    var r = tc.post("/dataset?async=true", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    return r.bodyAsJsonObject().getString("detail");
  }
}
