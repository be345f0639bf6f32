package eu.opeva.coordinator.jobstore;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Recovery rebuilds the jobs and the queue from the folders")
class RecoveryTest {
  static final long T0 = 1_796_000_000_000L;

  @TempDir Path root;
  SharedLayout layout;
  BlockingIo io;

  @BeforeEach
  void setUp(Vertx vertx) {
    layout = new SharedLayout(root);
    io = new BlockingIo(vertx, "recovery-test", 4);
  }

  Recovery.Recovered recover(int batch) {
    return TestCoordinator.await(
        new Recovery(layout, new JsonFiles(false), io, T0 + 1_000_000).inBatchesOf(batch).run());
  }

  /** The folder of a job written by this version: info with its number, status with a version. */
  String job(long seq, String status, long queuedAt) throws Exception {
    String id = UUID.randomUUID().toString();
    Files.createDirectories(layout.jobDir(id));
    write(
        layout.jobInfoFile(id),
        new JsonObject()
            .put("job_id", id)
            .put("job_name", "Exp-Run" + seq)
            .put("config_path", "configs/x.yaml")
            .put("submitted_at", T0 / 1000.0)
            .put("submission_seq", seq));
    write(
        layout.statusFile(id),
        new JsonObject()
            .put("job_id", id)
            .put("status", status)
            .put("submitted_at", T0 / 1000.0)
            .put("queued_at", queuedAt / 1000.0)
            .put("status_updated_at", queuedAt / 1000.0)
            .put("version", 1));
    if (status.equals("queued")) {
      write(
          layout.queueFile(id),
          new JsonObject().put("job_id", id).put("enqueued_at", queuedAt / 1000.0));
    }
    return id;
  }

  static void write(Path file, JsonObject json) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.encodePrettily());
  }

  @Test
  @DisplayName(
      "folders read in parallel batches give the jobs in submission order and the queue in FIFO"
          + " order, whatever the batch size")
  void parallelReadsKeepTheOrder() throws Exception {
    List<Long> seqs = new ArrayList<>();
    for (long s = 1; s <= 60; s++) {
      seqs.add(s);
    }
    Collections.shuffle(seqs, new Random(7)); // folder names and numbers in unrelated orders
    List<String> queuedInFifoOrder = new ArrayList<>();
    List<long[]> queued = new ArrayList<>();
    for (long seq : seqs) {
      boolean waits = seq % 3 != 0;
      long at = T0 + (seq * 7919) % 61 * 1000; // entry times in yet another order
      String id = job(seq, waits ? "queued" : "finished", at);
      if (waits) {
        queued.add(new long[] {at, seq, queuedInFifoOrder.size()});
        queuedInFifoOrder.add(id);
      }
    }
    List<String> expectedQueue = new ArrayList<>();
    queued.stream()
        .sorted(java.util.Comparator.<long[]>comparingLong(q -> q[0]).thenComparingLong(q -> q[1]))
        .forEach(q -> expectedQueue.add(queuedInFifoOrder.get((int) q[2])));

    Recovery.Recovered one = recover(1);
    Recovery.Recovered some = recover(7);
    Recovery.Recovered all = recover(500);

    assertThat(one.jobs()).extracting(j -> j.spec().seq()).isSorted().hasSize(60);
    assertThat(one.queue()).extracting(QueueEntry::jobId).containsExactlyElementsOf(expectedQueue);
    for (Recovery.Recovered other : List.of(some, all)) {
      assertThat(other.jobs()).containsExactlyElementsOf(one.jobs());
      assertThat(other.queue()).containsExactlyElementsOf(one.queue());
      assertThat(other.repairs()).isZero();
    }
  }

  @Test
  @DisplayName(
      "files of an older version are completed from the snapshot, numbered after the others and"
          + " their info upgraded once")
  void olderFilesAreCompletedFromTheSnapshot() throws Exception {
    String current = job(5, "finished", T0);
    String older = UUID.randomUUID().toString();
    Files.createDirectories(layout.jobDir(older));
    write(
        layout.jobInfoFile(older),
        new JsonObject().put("job_id", older).put("config_path", "configs/x.yaml"));
    write(layout.statusFile(older), new JsonObject().put("job_id", older).put("status", "queued"));
    Files.writeString(layout.configSnapshotFile(older), "experiment: {}\n");
    write(
        layout.trackFile(),
        new JsonObject()
            .put(
                older,
                new JsonObject()
                    .put("job_name", "FromTheSnapshot")
                    .put("submitted_at", (T0 + 5000) / 1000.0)
                    .put("submission_seq", 99)
                    .put("queued_at", (T0 + 5000) / 1000.0)));

    Recovery.Recovered r = recover(1);

    assertThat(r.jobs()).extracting(Job::jobId).containsExactly(current, older);
    Job upgraded = r.jobs().get(1);
    assertThat(upgraded.spec().seq()).as("numbered after the highest one").isEqualTo(6);
    assertThat(upgraded.spec().jobName()).isEqualTo("FromTheSnapshot");
    assertThat(upgraded.spec().configSnapshot()).as("the folder holds config.yaml").isTrue();
    assertThat(upgraded.times().queuedAt()).isEqualTo(T0 + 5000);
    assertThat(JsonFiles.readObjectOrNull(layout.jobInfoFile(older)).getLong("submission_seq"))
        .isEqualTo(6);
    assertThat(r.queue()).extracting(QueueEntry::jobId).containsExactly(older);
    assertThat(r.repairs()).as("the info upgraded, the missing queue file written").isEqualTo(2);

    Recovery.Recovered again = recover(500);
    assertThat(again.jobs()).containsExactlyElementsOf(r.jobs());
    assertThat(again.repairs()).as("upgraded once").isZero();
  }

  @Test
  @DisplayName(
      "temp files in job folders are removed, a launching job is queued again, and neither a file"
          + " nor a folder without status.json is a job")
  void repairsAndNonJobs() throws Exception {
    String kept = job(1, "finished", T0);
    Path temp = layout.jobDir(kept).resolve(".status.json.tmp-1a2b");
    Files.writeString(temp, "{");
    String launching = job(2, "launching", T0);
    Files.writeString(layout.jobs().resolve(UUID.randomUUID().toString()), "not a folder");
    String noStatus = UUID.randomUUID().toString();
    Files.createDirectories(layout.jobDir(noStatus));
    write(layout.jobInfoFile(noStatus), new JsonObject().put("submission_seq", 3));

    Recovery.Recovered r = recover(1);

    assertThat(r.jobs()).extracting(Job::jobId).containsExactly(kept, launching);
    assertThat(r.jobs().get(1).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(JsonFiles.readObjectOrNull(layout.statusFile(launching)).getString("status"))
        .isEqualTo("queued");
    assertThat(r.queue()).extracting(QueueEntry::jobId).containsExactly(launching);
    assertThat(layout.queueFile(launching)).exists();
    assertThat(temp).doesNotExist();
    assertThat(r.repairs()).as("temp file, status, queue file").isEqualTo(3);
  }

  @Test
  @DisplayName(
      "runtime fields the info file lags behind (a crash between the status and the mirror) are"
          + " mirrored in again, the keys workers added kept and reported; files in step are left"
          + " alone")
  void mirrorRepaired() throws Exception {
    String behind = job(1, "running", T0);
    JsonObject status = new JsonObject(Files.readString(layout.statusFile(behind)));
    write(
        layout.statusFile(behind),
        status.put("worker_id", "w1").put("target_host", "w1").put("container_id", "c-1"));
    JsonObject info = new JsonObject(Files.readString(layout.jobInfoFile(behind)));
    write(layout.jobInfoFile(behind), info.put("run_id", "r-1"));
    String inStep = job(2, "queued", T0);
    String inStepInfo = Files.readString(layout.jobInfoFile(inStep));

    Recovery.Recovered r = recover(1);

    assertThat(r.repairs()).isEqualTo(1);
    JsonObject repaired = new JsonObject(Files.readString(layout.jobInfoFile(behind)));
    assertThat(repaired.getString("container_id")).isEqualTo("c-1");
    assertThat(repaired.getString("target_host")).isEqualTo("w1");
    assertThat(repaired.getString("run_id")).isEqualTo("r-1");
    assertThat(r.workerKeys()).containsOnlyKeys(behind);
    assertThat(r.workerKeys().get(behind)).containsEntry("run_id", "r-1");
    assertThat(Files.readString(layout.jobInfoFile(inStep))).isEqualTo(inStepInfo);
  }
}
