package eu.opeva.coordinator.mongo;

/**
 * Event-bus addresses of the Mongo verticle (request/reply, JSON bodies, failures carry HTTP
 * statuses).
 */
public final class MongoAddresses {
  /** Site databases: {@code {}} to {@code {sites: [...]}} in server order. */
  public static final String SITES = "opeva.mongo.sites";

  /** {@code {site}} to {@code {collections: [...]}} sorted; 404 for an unknown site. */
  public static final String COLLECTIONS = "opeva.mongo.collections";

  /**
   * {@code {site, minutes?, limit}} to {@code {collections: {name: [docs] | {error}}, truncated:
   * [...]}}.
   */
  public static final String REAL_TIME = "opeva.mongo.real-time";

  /** The {@code /historical-data} query parameters plus {@code site}, to its response. */
  public static final String HISTORICAL = "opeva.mongo.historical";

  /** {@code {site}} to the inner schema object. */
  public static final String SCHEMA_GET = "opeva.mongo.schema.get";

  /** {@code {site, schema}} to {@code {message}}; 409 when the site exists. */
  public static final String SCHEMA_CREATE = "opeva.mongo.schema.create";

  /** {@code {site, schema}} to {@code {message}}; 404 when the site does not exist. */
  public static final String SCHEMA_UPDATE = "opeva.mongo.schema.update";

  /** {@code {site}} to the schema the dataset builder reads (404s name what is missing). */
  public static final String DATASET_SCHEMA = "opeva.mongo.dataset-schema";

  /** {@code {site, collection}} to {@code {oldest, newest}} (ISO-8601 UTC or null) by timestamp. */
  public static final String BOUNDS = "opeva.mongo.bounds";

  /** {@code {site, collection, from, until, kind: date|string, batch_size}} to {@code {cursor}}. */
  public static final String CURSOR_OPEN = "opeva.mongo.cursor.open";

  /** {@code {cursor}} to {@code {docs: [...], done}}, oldest first. */
  public static final String CURSOR_NEXT = "opeva.mongo.cursor.next";

  /** {@code {cursor}}: releases a cursor not read to its end (no reply). */
  public static final String CURSOR_CLOSE = "opeva.mongo.cursor.close";

  private MongoAddresses() {}
}
