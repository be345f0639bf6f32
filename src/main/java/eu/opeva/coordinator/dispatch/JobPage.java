package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Job;
import java.util.List;
import java.util.Map;

/**
 * A page of {@code GET /jobs} as dispatch answers it: the jobs as last written (immutable records,
 * handed to the HTTP side without a copy, see {@link JobPageCodec}), each with the keys workers
 * added to its {@code job_info.json}; the number of jobs the filter matches ({@code total}, on the
 * first page of a listing only, null on the others); and the submission number of the page's last
 * job ({@code lastSeq}, where the next page starts; null when the page is empty).
 */
public record JobPage(List<Listed> jobs, Integer total, Long lastSeq) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }

  /** One listed job and the keys workers added to its info file (empty when none). */
  public record Listed(Job job, Map<String, Object> workerKeys) {
    public Listed {
      workerKeys = workerKeys == null ? Map.of() : workerKeys;
    }
  }
}
