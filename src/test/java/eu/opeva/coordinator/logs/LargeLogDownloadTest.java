package eu.opeva.coordinator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.LargeFiles;
import eu.opeva.coordinator.testing.StreamReader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The speed and heap figures of this download are measured by {@code bench/LogStreamingBench}. */
@DisplayName("A 1 GiB log downloads whole and byte for byte")
class LargeLogDownloadTest extends CoordinatorHttpTest {
  static final long GIB = 1L << 30;

  @Test
  @DisplayName(
      "every byte of a 1 GiB log arrives through /file-logs, in order, and then the stream ends")
  void oneGibibyte() throws Exception {
    String id = jobs.running("worker-a");
    Path log = LargeFiles.sparseWithMarks(jobs.logFile(id), GIB);
    StreamReader reader = StreamReader.comparing(tc.http(), tc.port(), "/file-logs/" + id, log);
    assertThat(reader.status()).isEqualTo(200);
    reader.awaitEnd(Duration.ofMinutes(3));
    assertThat(reader.count()).isEqualTo(GIB);
    assertThat(reader.firstMismatch()).as("offset of the first byte that differs").isEqualTo(-1);
  }
}
