package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.jobstore.JobCodec;
import eu.opeva.coordinator.jobstore.JobCodecTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Status reads come from the local view once dispatch keeps it, else over the bus")
class JobStatusesTest {

  /** What a call failed with (awaiting wraps it in an assertion error). */
  private static Throwable failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    return t instanceof AssertionError && t.getCause() != null ? t.getCause() : t;
  }

  @Test
  @DisplayName(
      "a live view answers without the dispatch loop (no consumer here), 404 for an unknown id;"
          + " before it is live the bus is asked")
  void localReads(Vertx vertx) {
    JobStatuses view = new JobStatuses();
    DispatchClient client = new DispatchClient(vertx).readingFrom(view);
    Job job = JobCodecTest.jobsInEveryShape().get(1);
    view.put(job);

    Throwable before = failure(() -> TestCoordinator.await(client.status(job.jobId())));
    assertThat(before).isInstanceOf(ApiFailure.class);
    assertThat(((ApiFailure) before).status()).isEqualTo(503);

    view.goLive();
    assertThat(TestCoordinator.await(client.status(job.jobId())))
        .isEqualTo(JobCodec.statusDocument(job));
    Throwable unknown = failure(() -> TestCoordinator.await(client.status("nope")));
    assertThat(((ApiFailure) unknown).status()).isEqualTo(404);
    assertThat(unknown).hasMessage("Job not found");

    view.remove(job.jobId());
    assertThat(
            ((ApiFailure) failure(() -> TestCoordinator.await(client.status(job.jobId()))))
                .status())
        .isEqualTo(404);
  }
}
