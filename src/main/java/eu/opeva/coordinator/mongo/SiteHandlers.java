package eu.opeva.coordinator.mongo;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Site data endpoints: site listings, recent and historical documents, schema CRUD. */
public final class SiteHandlers implements ApiRoutes {
  static final int REAL_TIME_DEFAULT_LIMIT = 10_000;
  private final SiteDataClient sites;

  public SiteHandlers(SiteDataClient sites) {
    this.sites = sites;
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(
        LIST_SITES,
        rc ->
            Responses.json(
                rc,
                sites.sites().map(names -> new JsonObject().put("sites", new JsonArray(names)))));
    api.bind(
        LIST_ENERGY_COMMUNITIES,
        rc ->
            Responses.json(
                rc,
                sites
                    .sites()
                    .map(
                        names ->
                            new JsonObject().put("energy_communities", new JsonArray(names)))));
    api.bind(GET_REAL_TIME_DATA, this::realTime);
    api.bind(GET_HISTORICAL_DATA, this::historical);
    api.bind(GET_SCHEMA, rc -> Responses.json(rc, sites.schema(Responses.path(rc, "site"))));
    api.bind(
        CREATE_SCHEMA,
        rc -> {
          JsonObject body = Responses.body(rc);
          Responses.json(
              rc, sites.createSchema(body.getString("site"), body.getJsonObject("schema")));
        });
    api.bind(
        UPDATE_SCHEMA,
        rc ->
            Responses.json(
                rc,
                sites.updateSchema(
                    Responses.path(rc, "site"), Responses.body(rc).getJsonObject("schema"))));
  }

  private void realTime(RoutingContext rc) {
    Object window = Responses.query(rc, "minutes");
    Long minutes = window instanceof Number n ? n.longValue() : null;
    Integer limit = integer(rc, "limit");
    Responses.json(
        rc,
        sites
            .realTime(
                Responses.path(rc, "site"),
                minutes,
                limit == null ? REAL_TIME_DEFAULT_LIMIT : limit)
            .map(
                r -> {
                  JsonArray truncated = r.getJsonArray("truncated");
                  if (!truncated.isEmpty()) {
                    rc.response()
                        .putHeader(
                            "X-Truncated-Collections",
                            String.join(",", truncated.stream().map(String::valueOf).toList()));
                  }
                  return r.getJsonObject("collections");
                }));
  }

  private void historical(RoutingContext rc) {
    JsonObject params = new JsonObject().put("site", Responses.path(rc, "energy_community"));
    Object minutes = Responses.query(rc, "minutes");
    if (minutes instanceof Number n) {
      params.put("minutes", n.longValue());
    }
    for (String name : new String[] {"limit", "offset", "granularity_minutes"}) {
      Integer v = integer(rc, name);
      if (v != null) {
        params.put(name, v);
      }
    }
    for (String name : new String[] {"from_ts", "until_ts"}) {
      Object v = Responses.query(rc, name);
      if (v != null) {
        params.put(name, v.toString());
      }
    }
    Responses.json(rc, sites.historical(params));
  }

  static Integer integer(RoutingContext rc, String name) {
    Object v = Responses.query(rc, name);
    return v instanceof Number n ? n.intValue() : null;
  }
}
