package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.jobstore.JobCodecTest;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A page of jobs crosses the bus as itself in one process, and whole between processes")
class JobPageCodecTest {
  private final JobPageCodec codec = new JobPageCodec();

  private static JobPage page() {
    List<JobPage.Listed> listed = new ArrayList<>();
    List<Job> jobs = JobCodecTest.jobsInEveryShape();
    for (int i = 0; i < jobs.size(); i++) {
      Map<String, Object> keys =
          i % 2 == 0 ? Map.of() : Map.of("run_id", "r" + i, "metrics", Map.of("score", 0.5));
      listed.add(new JobPage.Listed(jobs.get(i), keys));
    }
    return new JobPage(listed, 42, 99L);
  }

  @Test
  @DisplayName("in one process the page itself is handed over: nothing is copied or encoded")
  void localIsTheSamePage() {
    JobPage page = page();
    assertThat(codec.transform(page)).isSameAs(page);
  }

  @Test
  @DisplayName("on the wire every job, its workers' keys, the total and the next start come back")
  void wireRoundTrip() {
    JobPage page = page();
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, page);
    JobPage back = codec.decodeFromWire("prefix".length(), wire);
    assertThat(back).isEqualTo(page);
    JobPage later = new JobPage(page.jobs().subList(0, 1), null, null);
    Buffer again = Buffer.buffer();
    codec.encodeToWire(again, later);
    assertThat(codec.decodeFromWire(0, again)).isEqualTo(later);
  }
}
