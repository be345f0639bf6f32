package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One page of a listing ({@code GET path?limit=&offset=}, its items under {@code key}): printed as
 * it came with {@code --json}, or "no ..." when it is empty; otherwise the answer, for a table.
 */
final class Listing {
  private Listing() {}

  static Optional<JsonObject> page(
      ClientOptions client, String path, String key, int limit, int offset) {
    JsonObject answer =
        client.api().get(path).query("limit", limit).query("offset", offset).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
      return Optional.empty();
    }
    JsonArray all = answer.getJsonArray(key, new JsonArray());
    if (all.isEmpty()) {
      out.say("no " + key);
      return Optional.empty();
    }
    return Optional.of(answer);
  }
}
