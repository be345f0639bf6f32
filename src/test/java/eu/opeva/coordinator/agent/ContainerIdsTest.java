package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Container ids come from docker's cid file, looked up off the event loop")
class ContainerIdsTest {
  @Test
  @DisplayName(
      "unknown until the file exists and has been read; then reported; unknown containers stay null")
  void readsTheCidFileOnce(Vertx vertx, @TempDir Path dir) throws Exception {
    BlockingIo io = new BlockingIo(vertx, "opeva-agent-test", 4);
    ContainerIds ids = new ContainerIds(io);
    Path cid = dir.resolve(".container-1.cid");
    ids.expect("opeva_job_a", cid);
    assertThat(ids.of("opeva_job_a")).as("docker has not written it yet").isNull();
    Files.writeString(cid, "3f9a1c0ffee\n");
    assertThat(eventually(Duration.ofSeconds(5), () -> ids.of("opeva_job_a")))
        .isEqualTo("3f9a1c0ffee");
    assertThat(ids.of("opeva_job_other")).isNull();
    io.close();
  }
}
