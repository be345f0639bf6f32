package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One vertx-mongo-client per database (the client is bound to one), plus one on {@code admin} for
 * listing databases. Clients are created only for databases that exist, so their number is bounded
 * by the server's databases. Used from the Mongo verticle's event loop only.
 */
final class Databases {
  static final Set<String> SYSTEM = Set.of("admin", "local", "config");

  private final Vertx vertx;
  private final MongoConnection connection;
  private final MongoClient admin;
  private final Map<String, MongoClient> clients = new HashMap<>();

  Databases(Vertx vertx, MongoConnection connection) {
    this.vertx = vertx;
    this.connection = connection;
    this.admin = MongoClient.create(vertx, connection.clientConfig("admin"));
  }

  /** Site databases (all but admin, local, config) in server order. */
  Future<List<String>> names() {
    return admin
        .runCommand("listDatabases", new JsonObject().put("listDatabases", 1).put("nameOnly", true))
        .map(
            reply -> {
              List<String> names = new ArrayList<>();
              for (Object o : reply.getJsonArray("databases", new io.vertx.core.json.JsonArray())) {
                String name = ((JsonObject) o).getString("name");
                if (name != null && !SYSTEM.contains(name)) {
                  names.add(name);
                }
              }
              return names;
            });
  }

  Future<Boolean> exists(String site) {
    return SiteNames.isValid(site)
        ? names().map(n -> n.contains(site))
        : Future.succeededFuture(false);
  }

  /** The site's client, failing with 404 and {@code notFound} when the database does not exist. */
  Future<MongoClient> existing(String site, String notFound) {
    return exists(site)
        .map(
            found -> {
              if (!found) {
                throw ApiFailure.notFound(notFound);
              }
              return client(site);
            });
  }

  /** A client for a database that may not exist yet (schema creation). The name must be valid. */
  MongoClient client(String site) {
    if (!SiteNames.isValid(site)) {
      throw ApiFailure.badRequest("Invalid site name");
    }
    return clients.computeIfAbsent(
        site, s -> MongoClient.create(vertx, connection.clientConfig(s)));
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(admin.close());
    clients.values().forEach(c -> closing.add(c.close()));
    clients.clear();
    return Future.join(closing).mapEmpty();
  }
}
