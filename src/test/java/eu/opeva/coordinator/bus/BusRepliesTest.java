package eu.opeva.coordinator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.LogCapture;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A failure inside a bus consumer is answered without internals and logged with the id")
class BusRepliesTest {
  @Test
  @DisplayName("the answer is 'Internal error'; the log names the request id and the cause")
  void internalFailure(Vertx vertx) {
    BusReplies.serve(
        vertx,
        "test.fails",
        body -> {
          throw new IllegalStateException("cannot open /srv/secret/host/path");
        });
    try (LogCapture log = LogCapture.start()) {
      Promise<Throwable> failed = Promise.promise();
      vertx.runOnContext(
          v -> {
            RequestIds.bind("probe-7");
            new BusClient(vertx, new DeliveryOptions())
                .request("test.fails", new JsonObject())
                .onComplete(ar -> failed.complete(ar.cause()));
          });
      Throwable cause = TestCoordinator.await(failed.future());
      assertThat(cause).isInstanceOf(ApiFailure.class);
      ApiFailure f = (ApiFailure) cause;
      assertThat(f.status()).isEqualTo(500);
      assertThat(String.valueOf(f.detail()))
          .isEqualTo("Internal error")
          .doesNotContain("IllegalState", "/srv");
      assertThat(log.text()).contains("[probe-7] request on test.fails failed", "/srv/secret");
    }
  }
}
