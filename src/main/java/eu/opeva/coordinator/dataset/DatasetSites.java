package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.mongo.SiteDataClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What can be exported: sites with a usable schema, and the time range of each collection. */
final class DatasetSites {
  private final SiteDataClient sites;

  DatasetSites(SiteDataClient sites) {
    this.sites = sites;
  }

  /**
   * {@code {sites: [{site_id, buildings}]}}: sites whose schema has buildings with a collection.
   */
  Future<JsonObject> exportable() {
    return sites
        .sites()
        .compose(
            names -> {
              List<String> sorted = new ArrayList<>(new TreeSet<>(names));
              List<Future<JsonObject>> each = new ArrayList<>();
              for (String site : sorted) {
                each.add(
                    Future.all(sites.datasetSchema(site), sites.collections(site))
                        .map(
                            both -> {
                              JsonObject buildings =
                                  both.<JsonObject>resultAt(0).getJsonObject("buildings");
                              List<String> collections = both.resultAt(1);
                              JsonArray present = new JsonArray();
                              new TreeSet<>(buildings.fieldNames())
                                  .stream()
                                      .filter(b -> collections.contains("building_" + b))
                                      .forEach(present::add);
                              return present.isEmpty()
                                  ? null
                                  : new JsonObject().put("site_id", site).put("buildings", present);
                            })
                        .otherwise((JsonObject) null));
              }
              return Future.join(each)
                  .map(
                      v -> {
                        JsonArray out = new JsonArray();
                        each.stream().map(Future::result).filter(s -> s != null).forEach(out::add);
                        return new JsonObject().put("sites", out);
                      });
            });
  }

  /**
   * {@code [{installation, oldest_record, newest_record}]} by collection; nulls for an empty one.
   */
  Future<JsonArray> datesAvailable(String site) {
    return sites
        .collections(site)
        .compose(
            collections -> {
              List<String> names = collections.stream().filter(c -> !c.equals("schema")).toList();
              List<Future<JsonObject>> each = new ArrayList<>();
              for (String c : names) {
                each.add(
                    sites
                        .bounds(site, c)
                        .map(
                            b ->
                                new JsonObject()
                                    .put("installation", c)
                                    .put("oldest_record", b.getValue("oldest"))
                                    .put("newest_record", b.getValue("newest"))));
              }
              return Future.all(each)
                  .map(
                      v -> {
                        JsonArray out = new JsonArray();
                        each.forEach(f -> out.add(f.result()));
                        return out;
                      });
            });
  }
}
