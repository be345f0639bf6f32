package eu.opeva.coordinator.mongo;

import com.mongodb.MongoWriteException;
import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

/**
 * Site schemas: the document {@code {_id: "schema", schema: {...}}} in the site's {@code schema}
 * collection. A site exists once its database does.
 */
final class SchemaStore {
  private static final JsonObject SCHEMA_ID = new JsonObject().put("_id", "schema");
  private final Databases dbs;

  SchemaStore(Databases dbs) {
    this.dbs = dbs;
  }

  Future<JsonObject> create(String site, JsonObject schema) {
    requireCreatable(site);
    return dbs.exists(site)
        .compose(
            exists -> {
              if (exists) {
                throw ApiFailure.conflict(
                    "Site '" + site + "' already exists. Use the update endpoint instead.");
              }
              MongoClient client = dbs.client(site);
              return client.insert(
                  SiteQueries.SCHEMA_COLLECTION, SCHEMA_ID.copy().put("schema", schema));
            })
        .recover(
            err -> {
              if (err instanceof MongoWriteException mwe && mwe.getCode() == 11000) {
                return Future.failedFuture(
                    ApiFailure.conflict(
                        "Site '" + site + "' already exists. Use the update endpoint instead."));
              }
              return Future.failedFuture(err);
            })
        .map(id -> message("Schema created for site '" + site + "'."));
  }

  Future<JsonObject> update(String site, JsonObject schema) {
    return dbs.existing(site, "Site '" + site + "' does not exist. Use the create endpoint first.")
        .compose(
            client ->
                client.replaceDocumentsWithOptions(
                    SiteQueries.SCHEMA_COLLECTION,
                    SCHEMA_ID,
                    SCHEMA_ID.copy().put("schema", schema),
                    new UpdateOptions().setUpsert(true)))
        .map(r -> message("Schema updated for site '" + site + "'."));
  }

  /** The inner schema object; 404 when the site or its schema document is missing. */
  Future<JsonObject> get(String site) {
    return dbs.existing(site, "Schema not found.")
        .compose(client -> client.findOne(SiteQueries.SCHEMA_COLLECTION, SCHEMA_ID, null))
        .map(
            doc -> {
              if (doc == null || !(doc.getValue("schema") instanceof JsonObject inner)) {
                throw ApiFailure.notFound("Schema not found.");
              }
              return MongoJson.toApi(inner);
            });
  }

  /**
   * The schema as the dataset builder needs it, with its error messages: the {@code _id: "schema"}
   * document, else the collection's first document; it must have a non-empty {@code buildings}.
   */
  Future<JsonObject> forDataset(String site) {
    return dbs.existing(site, SiteQueries.notFound(site))
        .compose(
            client ->
                client
                    .getCollections()
                    .compose(
                        names -> {
                          if (!names.contains(SiteQueries.SCHEMA_COLLECTION)) {
                            throw ApiFailure.notFound(
                                "Missing 'schema' collection in site '" + site + "'");
                          }
                          return client
                              .findOne(SiteQueries.SCHEMA_COLLECTION, SCHEMA_ID, null)
                              .compose(
                                  doc ->
                                      doc != null
                                          ? Future.succeededFuture(doc)
                                          : client.findOne(
                                              SiteQueries.SCHEMA_COLLECTION,
                                              new JsonObject(),
                                              null));
                        })
                    .map(
                        doc -> {
                          if (doc == null
                              || !(doc.getValue("schema") instanceof JsonObject schema)) {
                            throw ApiFailure.notFound(
                                "Missing schema document in site '" + site + "'");
                          }
                          if (!(schema.getValue("buildings") instanceof JsonObject b)
                              || b.isEmpty()) {
                            throw ApiFailure.notFound(
                                "Schema for site '" + site + "' does not contain buildings");
                          }
                          return MongoJson.toApi(schema);
                        }));
  }

  private static void requireCreatable(String site) {
    if (!SiteNames.isValid(site)) {
      throw ApiFailure.badRequest(
          "Invalid site name: use letters, digits, '_' and '-' (max 63);"
              + " admin, local and config are reserved");
    }
  }

  private static JsonObject message(String text) {
    return new JsonObject().put("message", text);
  }
}
