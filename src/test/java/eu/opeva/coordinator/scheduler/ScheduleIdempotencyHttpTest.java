package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /schedules with an Idempotency-Key creates one schedule and answers the same")
class ScheduleIdempotencyHttpTest extends CoordinatorHttpTest {
  private static final JsonObject BODY = ScheduleTesting.schedule("keyed", "*/5 * * * *");

  private HttpResponse<Buffer> post(String key, JsonObject body) {
    return TestCoordinator.await(send(key, body));
  }

  private Future<HttpResponse<Buffer>> send(String key, JsonObject body) {
    return tc.client
        .post(tc.port(), "127.0.0.1", "/schedules")
        .putHeader("Idempotency-Key", key)
        .sendJsonObject(body);
  }

  private int total() {
    return tc.get("/schedules").bodyAsJsonObject().getInteger("total");
  }

  @Test
  @DisplayName(
      "the same key and body again (later, at once, after a restart) get 201 and the first answer; another body is 422")
  void sameKeySameAnswer() {
    HttpResponse<Buffer> first = post("nightly-1", BODY);
    assertThat(first.statusCode()).isEqualTo(201);
    String answer = first.bodyAsString();

    clock.advance(Duration.ofMinutes(7));
    HttpResponse<Buffer> again = post("nightly-1", BODY);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsString()).isEqualTo(answer);

    HttpResponse<Buffer> other = post("nightly-1", BODY.copy().put("cron", "*/6 * * * *"));
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.bodyAsJsonObject().getString("detail"))
        .contains("Idempotency-Key 'nightly-1' was already used with a different request");

    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      burst.add(send("burst", BODY));
    }
    List<HttpResponse<Buffer>> answers = TestCoordinator.await(Future.all(burst)).list();
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
    assertThat(answers)
        .extracting(HttpResponse::bodyAsString)
        .containsOnly(answers.get(0).bodyAsString());
    assertThat(total()).isEqualTo(2);

    tc.restart();
    HttpResponse<Buffer> restarted = post("nightly-1", BODY);
    assertThat(restarted.statusCode()).isEqualTo(201);
    assertThat(restarted.bodyAsString()).isEqualTo(answer);
    assertThat(post("nightly-1", BODY.copy().put("name", "other")).statusCode()).isEqualTo(422);
    assertThat(total()).isEqualTo(2);

    // Without a key, or with a new one: a new schedule.
    assertThat(tc.post("/schedules", BODY).statusCode()).isEqualTo(201);
    assertThat(post("nightly-2", BODY).statusCode()).isEqualTo(201);
    assertThat(total()).isEqualTo(4);
  }

  @Test
  @DisplayName("a key that is not a printable token is a 400 naming the header, and makes nothing")
  void badKey() {
    for (String key : List.of("has space", "x".repeat(256))) {
      HttpResponse<Buffer> r = post(key, BODY);
      assertThat(r.statusCode()).as(key).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).as(key).contains("Idempotency-Key");
    }
    assertThat(total()).isZero();
  }

  @Test
  @DisplayName("a key is remembered for 24 hours")
  void keysExpire() {
    String first = post("daily", BODY).bodyAsJsonObject().getString("schedule_id");
    clock.advance(Duration.ofHours(24).plusSeconds(1));
    JsonObject later = post("daily", BODY).bodyAsJsonObject();
    assertThat(later.getString("schedule_id")).isNotEqualTo(first);
    assertThat(total()).isEqualTo(2);
  }

  @Test
  @DisplayName("a deleted schedule forgets its key: the same key and body make a new one")
  void deletedForgetsItsKey() {
    String first = post("again", BODY).bodyAsJsonObject().getString("schedule_id");
    assertThat(
            tc.call(io.vertx.core.http.HttpMethod.DELETE, "/schedules/" + first, null).statusCode())
        .isEqualTo(200);
    var again = post("again", BODY);
    assertThat(again.statusCode()).isEqualTo(201);
    String second = again.bodyAsJsonObject().getString("schedule_id");
    assertThat(second).isNotEqualTo(first);
    assertThat(tc.get("/schedules/" + second).statusCode()).isEqualTo(200);
    assertThat(total()).isEqualTo(1);
  }
}
