package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.JobFilter;
import eu.opeva.coordinator.dispatch.JobPage;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "GET /jobs streams the registry in pages, in submission order, with filters and a total")
class JobListHttpTest extends CoordinatorHttpTest {

  static List<String> ids(JobPage page) {
    return page.jobs().stream().map(l -> l.job().jobId()).toList();
  }

  List<String> ids(JsonArray jobs) {
    List<String> out = new ArrayList<>();
    jobs.forEach(o -> out.add(((JsonObject) o).getString("job_id")));
    return out;
  }

  @Test
  @DisplayName(
      "more jobs than one page: all listed once, in order; offset/limit slices and filters agree")
  void pagedListing() {
    int n = JobListStream.PAGE * 2 + 101;
    jobs.submitMany(n);
    String finished = ids(tc.get("/jobs?limit=1").bodyAsJsonArray()).get(0);
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(finished);
    jobs.report(finished, "running", "worker-a");
    jobs.report(finished, "finished", "worker-a");

    var all = tc.get("/jobs");
    assertThat(all.getHeader("X-Total-Count")).isEqualTo(String.valueOf(n));
    List<String> full = ids(all.bodyAsJsonArray());
    assertThat(full).hasSize(n).doesNotHaveDuplicates();
    assertThat(full.get(0)).isEqualTo(finished);
    assertThat(ids(tc.get("/jobs?offset=300&limit=600").bodyAsJsonArray()))
        .isEqualTo(full.subList(300, 900));
    assertThat(ids(tc.get("/jobs?offset=" + (n - 5)).bodyAsJsonArray()))
        .isEqualTo(full.subList(n - 5, n));
    assertThat(tc.get("/jobs?offset=" + (n + 10)).bodyAsJsonArray()).isEmpty();
    var queued = tc.get("/jobs?status=queued&limit=2");
    assertThat(queued.getHeader("X-Total-Count")).isEqualTo(String.valueOf(n - 1));
    assertThat(ids(queued.bodyAsJsonArray())).isEqualTo(full.subList(1, 3));
    JsonArray done = tc.get("/jobs?status=finished&host=worker-a").bodyAsJsonArray();
    assertThat(ids(done)).containsExactly(finished);
    assertThat(done.getJsonObject(0).getJsonObject("job_info").getString("target_host"))
        .isEqualTo("worker-a");
  }

  @Test
  @DisplayName(
      "a delete between two pages shifts nothing: the next page starts after the last job sent,"
          + " so every job that exists throughout is listed once")
  void deleteBetweenPages(Vertx vertx) {
    jobs.submitMany(6);
    List<String> order = ids(tc.get("/jobs").bodyAsJsonArray());
    assertThat(order).hasSize(6);
    DispatchClient dispatch = new DispatchClient(vertx);
    JobFilter all = new JobFilter(null, null, 0, Integer.MAX_VALUE);

    JobPage first = TestCoordinator.await(dispatch.jobs(all.page(0, 2)));
    assertThat(ids(first)).isEqualTo(order.subList(0, 2));
    assertThat(first.total()).isEqualTo(6);
    assertThat(tc.call(HttpMethod.DELETE, "/job/" + order.get(0), null).statusCode())
        .isEqualTo(200);
    JobPage second = TestCoordinator.await(dispatch.jobs(all.after(first.lastSeq(), 2)));
    // By offset (2) the page would now start at the fourth job and leave the third out.
    assertThat(ids(second)).isEqualTo(order.subList(2, 4));
    // Only the first page of a listing counts: the later ones stop at their last job.
    assertThat(second.total()).isNull();
    JobPage rest = TestCoordinator.await(dispatch.jobs(all.after(second.lastSeq(), 10)));
    assertThat(ids(rest)).isEqualTo(order.subList(4, 6));
    assertThat(rest.lastSeq()).isNotNull();
    JobPage none = TestCoordinator.await(dispatch.jobs(all.after(rest.lastSeq(), 10)));
    assertThat(none.jobs()).isEmpty();
    assertThat(none.lastSeq()).isNull();
    assertThat(ids(tc.get("/jobs").bodyAsJsonArray())).isEqualTo(order.subList(1, 6));
  }
}
