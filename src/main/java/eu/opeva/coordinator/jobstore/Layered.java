package eu.opeva.coordinator.jobstore;

import io.vertx.core.json.JsonObject;

/** Several JSON objects read as one: each key from the first object that has a value for it. */
final class Layered {
  private Layered() {}

  static JsonObject of(JsonObject... layers) {
    JsonObject out = new JsonObject();
    for (int i = layers.length - 1; i >= 0; i--) {
      JsonObject layer = layers[i];
      if (layer != null) {
        layer.forEach(
            e -> {
              if (e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
              }
            });
      }
    }
    return out;
  }
}
