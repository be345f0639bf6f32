package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.http.Responses;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Dataset names: one path segment of letters, digits, '_', '-' and '.', not starting with a dot (so
 * never {@code .}, {@code ..} or one of the service's hidden work folders), at most 128 characters.
 * Every name is checked before it is joined to the datasets folder.
 */
public final class DatasetNames {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");

  private DatasetNames() {}

  static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("..");
  }

  /** The name itself, or a 400 naming the rule. */
  public static String require(String name) {
    if (!isValid(name)) {
      throw ApiFailure.badRequest(
          "Invalid dataset name: use letters, digits, '_', '-' and '.'"
              + " (not first, no '..'), at most 128 characters");
    }
    return name;
  }

  /** The dataset's path under {@code datasets}, or a 400 naming the rule. */
  public static Path resolve(Path datasets, String name) {
    require(name);
    Path resolved = datasets.resolve(name).normalize();
    if (!datasets.normalize().equals(resolved.getParent())) {
      throw ApiFailure.badRequest("Invalid dataset name");
    }
    return resolved;
  }

  /**
   * Runs the handler for the request path's {@code name} when it is a valid dataset name; anything
   * else is answered with a 400 before any file is touched.
   */
  public static void withPathName(RoutingContext rc, Consumer<String> handler) {
    String name = Responses.path(rc, "name");
    if (!isValid(name)) {
      Responses.fail(rc, ApiFailure.badRequest("Invalid dataset name"));
      return;
    }
    handler.accept(name);
  }
}
