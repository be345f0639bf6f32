package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The vertx-mongo-client settings for a connection string, one client per database. */
final class MongoConnection {
  private final String connectionString;
  private final long timeoutMs;

  MongoConnection(String connectionString, long timeoutMs) {
    this.connectionString = connectionString;
    this.timeoutMs = timeoutMs;
  }

  /**
   * The configured external server: {@code MONGO_URI}, else one built from the {@code MONGO_*}
   * parts.
   */
  static String external(Settings.Mongo mongo) {
    if (mongo.uri().isPresent()) {
      return mongo.uri().get();
    }
    StringBuilder uri = new StringBuilder("mongodb://");
    if (mongo.user().isPresent()) {
      uri.append(encode(mongo.user().get()));
      mongo.password().ifPresent(p -> uri.append(':').append(encode(p)));
      uri.append('@');
    }
    uri.append(mongo.host().orElseThrow()).append(':').append(mongo.port()).append('/');
    if (mongo.user().isPresent()) {
      uri.append("?authSource=").append(encode(mongo.authSource()));
    }
    return uri.toString();
  }

  JsonObject clientConfig(String database) {
    return new JsonObject()
        .put("connection_string", connectionString)
        .put("db_name", database)
        .put("serverSelectionTimeoutMS", timeoutMs)
        .put("connectTimeoutMS", timeoutMs)
        .put("maxPoolSize", 10);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
