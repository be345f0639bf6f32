package eu.opeva.coordinator.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replies to bus requests from futures, carrying {@link ApiFailure} statuses as failure codes. */
public final class BusReplies {
  private static final Logger LOG = LoggerFactory.getLogger(BusReplies.class);

  private BusReplies() {}

  /**
   * Serves a request/reply address: the operation's result is the reply, and a failure (returned or
   * thrown) becomes a failed reply carrying its status, never a lost one.
   */
  public static MessageConsumer<JsonObject> serve(
      Vertx vertx, String address, Function<JsonObject, ? extends Future<?>> operation) {
    return serve(vertx, address, operation, Function.identity());
  }

  /**
   * As {@link #serve(Vertx, String, Function)}, translating failures first (e.g. driver errors).
   */
  public static MessageConsumer<JsonObject> serve(
      Vertx vertx,
      String address,
      Function<JsonObject, ? extends Future<?>> operation,
      Function<Throwable, Throwable> failures) {
    return vertx
        .eventBus()
        .<JsonObject>consumer(
            address,
            msg -> {
              RequestIds.bindFrom(msg);
              Future<?> result;
              try {
                result = operation.apply(msg.body());
              } catch (RuntimeException e) {
                result = Future.failedFuture(e);
              }
              reply(msg, result.recover(err -> Future.failedFuture(failures.apply(err))));
            });
  }

  public static <T> void reply(Message<?> msg, Future<T> result) {
    result.onComplete(
        ar -> {
          if (ar.succeeded()) {
            msg.reply(ar.result());
          } else {
            fail(msg, ar.cause());
          }
        });
  }

  public static void fail(Message<?> msg, Throwable cause) {
    if (cause instanceof ApiFailure f) {
      msg.fail(f.status(), f.getMessage());
    } else {
      // The cause goes to the log only: an answer never names an exception or a path.
      LOG.error("[{}] request on {} failed", RequestIds.of(msg), msg.address(), cause);
      msg.fail(500, "Internal error");
    }
  }

  /** The failure as seen by a caller: statuses survive, timeouts become 503. */
  public static ApiFailure toApiFailure(Throwable cause) {
    if (cause instanceof ApiFailure f) {
      return f;
    }
    if (cause instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.TIMEOUT
          || re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new ApiFailure(503, "Coordinator is busy or shutting down; retry later");
      }
      int code = re.failureCode();
      return new ApiFailure(code >= 400 && code < 600 ? code : 500, re.getMessage());
    }
    return new ApiFailure(500, "Internal error");
  }
}
