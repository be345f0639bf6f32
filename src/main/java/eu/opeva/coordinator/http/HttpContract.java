package eu.opeva.coordinator.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every HTTP edge instance is built from, loaded once per coordinator: the resolved contract,
 * the request validators of its operations ({@link CachedRequestValidation}) and the pages outside
 * it ({@link WebPages}). Resolving the contract and compiling its schemas takes a second or more of
 * CPU on a loaded machine, so it runs on a worker thread (a short-lived worker verticle, on whose
 * context the contract's own futures complete) and never on an event loop. The instances share the
 * contract and the pages, which are read-only; each has validators of its own (they are not shared
 * across event loops), all compiled here.
 */
public final class HttpContract {
  private final OpenAPIContract contract;
  private final List<Map<String, CachedRequestValidation>> validators;
  private final WebPages pages;

  private HttpContract(
      OpenAPIContract contract,
      List<Map<String, CachedRequestValidation>> validators,
      WebPages pages) {
    this.contract = contract;
    this.validators = validators;
    this.pages = pages;
  }

  /**
   * Loads the contract of {@link HttpVerticle#CONTRACT} on a worker thread, with validators for
   * {@code instances} HTTP instances.
   */
  public static Future<HttpContract> load(Vertx vertx, int instances) {
    Promise<HttpContract> loaded = Promise.promise();
    return vertx
        .deployVerticle(
            new Loader(loaded, instances),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .compose(id -> vertx.undeploy(id))
        .compose(v -> loaded.future());
  }

  public OpenAPIContract contract() {
    return contract;
  }

  /**
   * The validation of an operation for HTTP instance {@code instance} (from 0, below the count it
   * was loaded for), or empty where the router's own validation stays.
   */
  Optional<CachedRequestValidation> validation(int instance, String operationId) {
    return Optional.ofNullable(validators.get(instance).get(operationId));
  }

  WebPages pages() {
    return pages;
  }

  private static final class Loader extends VerticleBase {
    private final Promise<HttpContract> loaded;
    private final int instances;

    Loader(Promise<HttpContract> loaded, int instances) {
      this.loaded = loaded;
      this.instances = instances;
    }

    @Override
    public Future<?> start() {
      Future<OpenAPIContract> contract = OpenAPIContract.from(vertx, HttpVerticle.CONTRACT);
      Future<WebPages> pages = WebPages.load(vertx, HttpVerticle.CONTRACT);
      return Future.all(contract, pages)
          .map(
              all -> {
                OpenAPIContract c = contract.result();
                List<Map<String, CachedRequestValidation>> perInstance = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                  Map<String, CachedRequestValidation> validators = new HashMap<>();
                  for (var op : c.operations()) {
                    CachedRequestValidation.forOperation(c, op.getOperationId())
                        .ifPresent(v -> validators.put(op.getOperationId(), v));
                  }
                  perInstance.add(Map.copyOf(validators));
                }
                loaded.complete(new HttpContract(c, List.copyOf(perInstance), pages.result()));
                return null;
              })
          .onFailure(loaded::tryFail);
    }
  }
}
