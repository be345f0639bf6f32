package eu.opeva.coordinator.images;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One tag of an image repository: its name, when it was last pushed, and its digest. */
record Tag(String name, String lastUpdated, String digest) {
  /**
   * A tag of the registry's list ({@code name}, {@code last_updated}, the first {@code
   * images[].digest} as the replaced service took, else the tag's own {@code digest}).
   */
  static Tag fromRegistry(JsonObject json) {
    String digest = null;
    if (json.getValue("images") instanceof JsonArray images
        && !images.isEmpty()
        && images.getValue(0) instanceof JsonObject first
        && first.getValue("digest") instanceof String d) {
      digest = d;
    } else if (json.getValue("digest") instanceof String d) {
      digest = d;
    }
    Object updated = json.getValue("last_updated");
    return new Tag(
        String.valueOf(json.getValue("name")), updated instanceof String u ? u : null, digest);
  }
}
