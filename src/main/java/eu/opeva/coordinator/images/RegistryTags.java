package eu.opeva.coordinator.images;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Reads the tags of a repository from a Docker Hub compatible registry API: {@code
 * /v2/repositories/<namespace>/<name>/tags?page_size=N}, following {@code next} (only on the
 * registry's own host) until enough tags are collected. Asynchronous (the WebClient); each request
 * may take the configured timeout, the whole listing three times that. A 404 for the first page is
 * an unknown repository (404); anything else that goes wrong is a 502 saying what.
 */
final class RegistryTags {
  static final int MAX_PAGE_SIZE = 100;
  private static final long MAX_PAGE_BYTES = 8L << 20;

  private final WebClient client;
  private final String base;
  private final URI origin;
  private final Duration timeout;

  RegistryTags(WebClient client, String registryUrl, Duration timeout) {
    this.client = client;
    this.base = registryUrl;
    this.origin = URI.create(registryUrl);
    this.timeout = timeout;
  }

  /** Up to {@code max} tags of {@code repository} (normalised), in the registry's order. */
  Future<List<Tag>> fetch(String repository, int max) {
    String first =
        base + "/v2/repositories/" + repository + "/tags?page_size=" + Math.min(max, MAX_PAGE_SIZE);
    long deadline = System.nanoTime() + 3 * timeout.toNanos();
    return page(first, repository, max, new ArrayList<>(), deadline, true);
  }

  private Future<List<Tag>> page(
      String url, String repository, int max, List<Tag> tags, long deadline, boolean first) {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      return Future.failedFuture(
          badGateway(
              "the image registry " + base + " took too long listing the tags of " + repository));
    }
    return client
        .getAbs(url)
        .timeout(Math.min(timeout.toMillis(), left))
        .putHeader("Accept", "application/json")
        .send()
        .recover(
            err ->
                Future.failedFuture(
                    badGateway(
                        "the image registry "
                            + base
                            + " could not be asked for the tags of "
                            + repository
                            + ": "
                            + reason(err))))
        .compose(
            response -> {
              JsonObject body = body(response, repository, first);
              JsonArray results =
                  body.getValue("results") instanceof JsonArray r ? r : new JsonArray();
              for (Object o : results) {
                if (tags.size() < max && o instanceof JsonObject tag) {
                  tags.add(Tag.fromRegistry(tag));
                }
              }
              String next = body.getValue("next") instanceof String n ? n : null;
              if (tags.size() >= max || next == null || results.isEmpty()) {
                return Future.succeededFuture(tags);
              }
              return page(sameRegistry(next, repository), repository, max, tags, deadline, false);
            });
  }

  private JsonObject body(HttpResponse<Buffer> response, String repository, boolean first) {
    if (first && response.statusCode() == 404) {
      throw ApiFailure.notFound("Image repository not found: " + repository);
    }
    if (response.statusCode() != 200) {
      throw badGateway(
          "the image registry "
              + base
              + " answered "
              + response.statusCode()
              + " for the tags of "
              + repository);
    }
    Buffer raw = response.body();
    if (raw == null || raw.length() > MAX_PAGE_BYTES) {
      throw badGateway("the image registry " + base + " sent an unusable page for " + repository);
    }
    try {
      return raw.toJsonObject();
    } catch (RuntimeException e) {
      throw badGateway(
          "the image registry " + base + " did not answer JSON for the tags of " + repository);
    }
  }

  /** A {@code next} link, only when it points to the registry itself (never elsewhere). */
  private String sameRegistry(String next, String repository) {
    URI uri;
    try {
      uri = origin.resolve(next);
    } catch (IllegalArgumentException e) {
      throw badGateway("the image registry " + base + " sent a malformed next page link");
    }
    boolean same =
        origin.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
            && origin.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
            && port(origin) == port(uri);
    if (!same) {
      throw badGateway(
          "the image registry "
              + base
              + " sent a next page of "
              + repository
              + " on another host; it is not followed");
    }
    return uri.toString();
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private String reason(Throwable err) {
    if (err instanceof TimeoutException
        || String.valueOf(err.getMessage()).contains("timeout period")) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
  }

  private static ApiFailure badGateway(String detail) {
    return new ApiFailure(502, detail.substring(0, 1).toUpperCase() + detail.substring(1));
  }
}
