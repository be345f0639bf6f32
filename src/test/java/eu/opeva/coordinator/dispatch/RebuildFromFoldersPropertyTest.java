package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.Pipeline;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.jobstore.JobCodec;
import eu.opeva.coordinator.jobstore.PipelineStore;
import eu.opeva.coordinator.jobstore.Recovery;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsLoader;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The job folders alone rebuild exactly the registry the coordinator held")
class RebuildFromFoldersPropertyTest {
  static final int SEQUENCES = 1000;
  static final long SEED = Long.getLong("opeva.property.seed", 20261201L);

  @Test
  @DisplayName(
      "1,000 random sequences of operations, each rebuilt from its folders with the snapshot deleted")
  void rebuildEqualsLiveRegistry(Vertx vertx, @TempDir Path tmp) throws Exception {
    Random seeds = new Random(SEED);
    int jobs = 0;
    Map<String, int[]> outcomes = new java.util.TreeMap<>();
    BlockingIo io = new BlockingIo(vertx, "rebuild-reads", 4);
    for (int n = 0; n < SEQUENCES; n++) {
      long seed = seeds.nextLong();
      jobs += sequence(vertx, io, tmp.resolve("s" + n), seed, outcomes);
    }
    StringBuilder summary = new StringBuilder(jobs + " jobs rebuilt; operations applied/refused:");
    outcomes.forEach(
        (k, v) -> summary.append(' ').append(k).append(' ').append(v[0]).append('/').append(v[1]));
    System.out.println(summary);
    assertThat(jobs).as("jobs checked field by field").isGreaterThan(SEQUENCES * 3);
    outcomes.forEach(
        (kind, counts) ->
            assertThat(counts[0])
                .as(kind + " applied at least 50 times: " + summary)
                .isGreaterThanOrEqualTo(50));
  }

  /** The fields that differ, by wire name. */
  private static String differences(Job expected, Job actual) {
    JsonObject a = JobCodec.trackEntry(expected);
    JsonObject b = JobCodec.trackEntry(actual);
    StringBuilder out = new StringBuilder("differences of job " + expected.jobId() + ":");
    java.util.Set<String> keys = new java.util.TreeSet<>(a.fieldNames());
    keys.addAll(b.fieldNames());
    for (String k : keys) {
      if (!java.util.Objects.equals(a.getValue(k), b.getValue(k))) {
        out.append("\n  ")
            .append(k)
            .append(": live ")
            .append(a.getValue(k))
            .append(" / rebuilt ")
            .append(b.getValue(k));
      }
    }
    return out.toString();
  }

  /** One sequence on a fresh directory; returns how many jobs it left. */
  private int sequence(
      Vertx vertx, BlockingIo io, Path root, long seed, Map<String, int[]> outcomes)
      throws Exception {
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n  run_name: R1\n");
    Settings settings =
        SettingsLoader.load(
            Optional.empty(),
            Map.of(
                "VM_SHARED_DATA",
                root.toString(),
                "AVAILABLE_HOSTS",
                "w1,w2,deucalion",
                "STORAGE_FSYNC",
                "false",
                "MONITOR_INTERVAL_SECONDS",
                "3600"));
    MutableClock clock = new MutableClock();
    String deployment =
        TestCoordinator.await(
            vertx.deployVerticle(new DispatchVerticle(settings, clock, new QueueHint())));
    DispatchClient dispatch = new DispatchClient(vertx);
    Random random = new Random(seed);
    RandomOperations operations = new RandomOperations(dispatch, clock, random, outcomes);
    String context = "seed " + seed;
    Map<String, Job> live = new LinkedHashMap<>();
    List<QueueEntry> liveQueue;
    Map<String, JsonArray> livePipelines = new LinkedHashMap<>();
    try {
      operations.run(5 + random.nextInt(25));
      for (JobPage.Listed listed :
          TestCoordinator.await(dispatch.jobs(new JobFilter(null, null, 0, Integer.MAX_VALUE)))
              .jobs()) {
        live.put(listed.job().jobId(), listed.job());
      }
      liveQueue =
          TestCoordinator.await(dispatch.queue()).stream()
              .map(o -> (JsonObject) o)
              .map(
                  q ->
                      new QueueEntry(
                          q.getString("job_id"),
                          q.getString("preferred_host"),
                          q.getBoolean("require_host"),
                          JobCodec.enqueuedAt(q),
                          null,
                          null,
                          0,
                          q.getInteger("priority", 0),
                          EpochTime.parseMillis(q.getValue("not_before"))))
              .toList();
      for (Object o :
          TestCoordinator.await(dispatch.pipelines(0, Integer.MAX_VALUE))
              .getJsonArray("pipelines")) {
        String pid = ((JsonObject) o).getString("pipeline_id");
        livePipelines.put(pid, TestCoordinator.await(dispatch.pipeline(pid)).getJsonArray("nodes"));
      }
    } finally {
      TestCoordinator.await(vertx.undeploy(deployment));
    }
    SharedLayout layout = new SharedLayout(root);
    Files.deleteIfExists(layout.trackFile());
    List<Pipeline> rebuiltPipelines = PipelineStore.recover(layout, new JsonFiles(false));
    // Folders and queue files read three per task: parallel reads rebuild the same order.
    Recovery.Recovered rebuilt =
        TestCoordinator.await(
            new Recovery(layout, new JsonFiles(false), io, clock.millis()).inBatchesOf(3).run());

    context += "\n" + operations.trace();
    Map<String, Job> fromFolders = new LinkedHashMap<>();
    rebuilt.jobs().forEach(j -> fromFolders.put(j.jobId(), j));
    assertThat(fromFolders.keySet()).as(context).containsExactlyElementsOf(live.keySet());
    for (Job job : live.values()) {
      Job rebuiltJob = fromFolders.get(job.jobId());
      assertThat(rebuiltJob).as(differences(job, rebuiltJob) + "\n" + context).isEqualTo(job);
    }
    // The rebuilt queue offers the same jobs in the same order, with the same times.
    JobQueue queue = new JobQueue(new QueueHint(), settings.jobs().priorityAging().toMillis());
    rebuilt.queue().forEach(q -> queue.add(q, clock.millis()));
    assertThat(queue.ordered(clock.millis()))
        .as(context)
        .extracting(QueueEntry::jobId)
        .containsExactlyElementsOf(liveQueue.stream().map(QueueEntry::jobId).toList());
    assertThat(queue.ordered(clock.millis()))
        .as(context)
        .extracting(QueueEntry::enqueuedAt, QueueEntry::priority, QueueEntry::notBefore)
        .containsExactlyElementsOf(
            liveQueue.stream()
                .map(
                    q ->
                        org.assertj.core.groups.Tuple.tuple(
                            q.enqueuedAt(), q.priority(), q.notBefore()))
                .toList());
    // Pipelines: the same ones, each node pointing at the same job, with the same earlier jobs.
    Map<String, JsonArray> fromFiles = new LinkedHashMap<>();
    for (Pipeline p : rebuiltPipelines) {
      JsonArray nodes = new JsonArray();
      for (Pipeline.Node n : p.nodes()) {
        Job job = fromFolders.get(n.jobId());
        nodes.add(
            new JsonObject()
                .put("key", n.key())
                .put("job_id", n.jobId())
                .put("status", job == null ? "deleted" : job.status().wire())
                .put("depends_on", new JsonArray(n.dependsOn()))
                .put("run_if", n.runIf().wire())
                .put("previous_job_ids", new JsonArray(n.previous())));
      }
      fromFiles.put(p.pipelineId(), nodes);
    }
    assertThat(fromFiles).as(context).isEqualTo(livePipelines);
    assertThat(rebuilt.repairs()).as(context + "\nnothing to repair after clean writes").isZero();
    return live.size();
  }
}
