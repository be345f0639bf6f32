package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.Role;
import eu.opeva.coordinator.testing.DirectoryDigest;
import eu.opeva.coordinator.testing.Eventually;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a request could change: every file under the shared root and the coordinator's state
 * folder (with a hash of its content), and the sites of the embedded MongoDB with their schemas.
 * Refused uploads stream into {@code datasets/.uploads} and are deleted once answered: the digest
 * waits for that, and leaves the folder itself out; it also waits for {@code job_track.json}, which
 * is rewritten some time after a change.
 */
final class StateDigest {
  private static final String UPLOADS = "datasets/.uploads";

  private StateDigest() {}

  static Map<String, String> of(TestCoordinator tc, Path home) {
    Duration quiet = tc.config.storage().snapshotInterval().multipliedBy(2).plusMillis(100);
    Map<String, String> shared =
        Eventually.eventually(
            Duration.ofSeconds(20),
            () -> {
              Map<String, String> d =
                  DirectoryDigest.settled(tc.root, quiet, Duration.ofSeconds(20));
              return d.keySet().stream().anyMatch(k -> k.startsWith(UPLOADS + "/")) ? null : d;
            });
    Map<String, String> out = new TreeMap<>();
    shared.remove(UPLOADS);
    shared.forEach((k, v) -> out.put("shared/" + k, v));
    DirectoryDigest.of(home).forEach((k, v) -> out.put("home/" + k, v));
    MultiMap operator =
        MultiMap.caseInsensitiveMultiMap().add("Authorization", Callers.user(Role.OPERATOR));
    var sites = tc.call(HttpMethod.GET, "/sites", null, operator).bodyAsJsonObject();
    out.put("mongo/sites", sites.encode());
    for (Object site : sites.getJsonArray("sites")) {
      var schema = tc.call(HttpMethod.GET, "/schema/" + site, null, operator);
      out.put("mongo/schema/" + site, schema.statusCode() + " " + schema.bodyAsString());
    }
    return out;
  }

  /** What differs between two digests: each key added, removed or changed. */
  static List<String> changes(Map<String, String> before, Map<String, String> after) {
    List<String> out = new ArrayList<>();
    for (var e : after.entrySet()) {
      String was = before.get(e.getKey());
      if (was == null) {
        out.add("added " + e.getKey());
      } else if (!was.equals(e.getValue())) {
        out.add("changed " + e.getKey());
      }
    }
    before.keySet().stream()
        .filter(k -> !after.containsKey(k))
        .forEach(k -> out.add("removed " + k));
    return out;
  }
}
