package eu.opeva.coordinator.dataset;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.datasetfiles.DatasetNames;
import eu.opeva.coordinator.datasetfiles.UploadForm;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiOperation;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.Map;

/**
 * Dataset endpoints served by the dataset verticle: generation and its status, what can be
 * exported, delete and upload. Listings and downloads are {@code DatasetFileHandlers}.
 */
public final class DatasetHandlers implements ApiRoutes {
  private final Settings config;
  private final DatasetClient datasets;
  private final DatasetSites sites;
  private final Path root;

  public DatasetHandlers(Vertx vertx, Settings config, SiteDataClient siteData) {
    this.config = config;
    this.datasets = new DatasetClient(vertx);
    this.sites = new DatasetSites(siteData);
    this.root = new SharedLayout(config.storage().sharedRoot()).datasets();
  }

  @Override
  public Map<ApiOperation, BodyHandler> bodyHandlers() {
    return Map.of(
        UPLOAD_DATASET,
        BodyHandler.create(root.resolve(".uploads").toString())
            .setBodyLimit(config.datasets().uploadMaxBytes())
            .setDeleteUploadedFilesOnEnd(true));
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(CREATE_DATASET, this::create);
    api.bind(
        GET_DATASET_STATUS,
        rc -> DatasetNames.withPathName(rc, name -> Responses.json(rc, datasets.status(name))));
    api.bind(LIST_DATASET_SITES, rc -> Responses.json(rc, sites.exportable()));
    api.bind(
        GET_DATES_AVAILABLE,
        rc -> Responses.json(rc, sites.datesAvailable(Responses.path(rc, "site_id"))));
    api.bind(
        DELETE_DATASET,
        rc -> DatasetNames.withPathName(rc, name -> Responses.json(rc, datasets.delete(name))));
    api.bind(UPLOAD_DATASET, this::upload);
  }

  private void create(RoutingContext rc) {
    boolean async = Boolean.TRUE.equals(Responses.query(rc, "async"));
    Future<JsonObject> result = datasets.create(Responses.body(rc), async);
    if (async) {
      result = result.onSuccess(r -> rc.response().setStatusCode(202));
    }
    Responses.json(rc, result);
  }

  private void upload(RoutingContext rc) {
    UploadForm form;
    try {
      form = UploadForm.of(rc);
    } catch (ApiFailure e) {
      Responses.fail(rc, e);
      return;
    }
    Responses.json(rc, datasets.upload(form.name(), form.zip(), form.fileName()));
  }
}
