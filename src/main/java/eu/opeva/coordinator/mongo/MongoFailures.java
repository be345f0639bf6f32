package eu.opeva.coordinator.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import eu.opeva.coordinator.bus.ApiFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver failures as client-facing statuses: an unreachable server is 503, a refused command 502.
 */
final class MongoFailures {
  private static final Logger LOG = LoggerFactory.getLogger(MongoFailures.class);

  private MongoFailures() {}

  static Throwable toApi(Throwable cause) {
    if (cause instanceof ApiFailure) {
      return cause;
    }
    if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException) {
      LOG.warn("MongoDB unavailable: {}", cause.getMessage());
      return new ApiFailure(503, "MongoDB is unavailable; retry later");
    }
    if (cause instanceof MongoException me) {
      LOG.warn("MongoDB request failed", me);
      // The server's message stays in the log (it can name hosts and internals).
      return new ApiFailure(502, "MongoDB refused the request (error " + me.getCode() + ")");
    }
    return cause;
  }
}
