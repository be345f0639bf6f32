package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Temp files of writes a crash interrupted are removed at start, in every folder written")
class TempFilesAtStartHttpTest extends CoordinatorHttpTest {
  @Test
  @DisplayName("the root, configs/, queue/ and the job folders are cleaned; real files stay")
  void tempFilesRemoved() throws Exception {
    String id = jobs.submit();
    tc.stopCoordinator();
    var planted = new java.util.ArrayList<java.nio.file.Path>();
    planted.add(root.resolve(".job_track.json.tmp-1a2b"));
    planted.add(root.resolve("configs/.demo.yaml.tmp-3c4d"));
    planted.add(root.resolve("queue/." + id + ".json.tmp-5e6f"));
    planted.add(jobs.jobDir(id).resolve(".status.json.tmp-7a8b"));
    for (var p : planted) {
      Files.writeString(p, "half a write");
    }
    tc.startCoordinator();
    for (var p : planted) {
      assertThat(p).doesNotExist();
    }
    assertThat(root.resolve("configs/demo.yaml")).exists();
    assertThat(jobs.state(id)).isEqualTo("queued");
  }
}
