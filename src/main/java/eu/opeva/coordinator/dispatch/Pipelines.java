package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.DEPENDS_ON;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.RUN_IF;
import static eu.opeva.coordinator.domain.JobFields.STATUS;
import static eu.opeva.coordinator.domain.JobFields.SUBMITTED_BY;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Pipeline;
import eu.opeva.coordinator.domain.PipelineGraph;
import eu.opeva.coordinator.domain.RunIf;
import eu.opeva.coordinator.domain.Scheduling;
import eu.opeva.coordinator.jobstore.JsonPlain;
import eu.opeva.coordinator.jobstore.PipelineJson;
import eu.opeva.coordinator.jobstore.PipelineStore;
import eu.opeva.coordinator.jobstore.WriteDeadline;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Pipelines: jobs created together and linked by dependencies between their keys. The whole graph
 * and every job's request are checked before anything is written; then the pipeline's file is
 * written naming the new jobs as pending, the jobs are written, and the file is written again
 * without them: only then do the jobs exist and show. A failure on the way removes what was written
 * (and a crash is undone at the next start). Re-runs go the same way.
 */
final class Pipelines {
  static final String KEY = PipelineJson.KEY;
  static final String JOBS = "jobs";
  static final String FORCE = OperatorControls.FORCE;
  static final String ALL = "ALL";
  static final int MAX_NODES = 500;
  private static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final Dispatcher d;
  private final PipelineStore store;
  private final Submissions submissions;
  private final Reruns reruns;
  private final JobControls controls;
  private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();

  Pipelines(
      Dispatcher dispatcher,
      PipelineStore store,
      Submissions submissions,
      Reruns reruns,
      JobControls controls) {
    this.d = dispatcher;
    this.store = store;
    this.submissions = submissions;
    this.reruns = reruns;
    this.controls = controls;
  }

  /** Registers the pipelines recovered at start (oldest first). */
  void recovered(List<Pipeline> all) {
    for (Pipeline p : all) {
      pipelines.put(p.pipelineId(), p);
      d.idempotency.recovered(p.submittedBy(), p.origin().idempotency(), p.createdAt(), d.now());
    }
  }

  Future<JsonObject> create(JsonObject asked, SubmitContext context) {
    submissions.refuseWhileDraining();
    JsonObject body = submissions.inheritSubmitter(asked, context);
    Object rawJobs = body.getValue(JOBS);
    if (!(rawJobs instanceof JsonArray list) || list.isEmpty()) {
      throw ApiFailure.badRequest("jobs must be a non-empty list of pipeline jobs");
    }
    if (list.size() > MAX_NODES) {
      throw ApiFailure.badRequest("a pipeline has at most " + MAX_NODES + " jobs");
    }
    List<JsonObject> nodes = new ArrayList<>();
    List<PipelineGraph.Edge> edges = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof JsonObject node)) {
        throw ApiFailure.badRequest("every pipeline job must be an object");
      }
      String key = node.getValue(KEY) instanceof String k ? k : null;
      if (key == null || !KEY_PATTERN.matcher(key).matches()) {
        throw ApiFailure.badRequest(
            "every pipeline job needs a key: letters, digits, '_', '.' and '-' (at most 64)");
      }
      nodes.add(node);
      edges.add(new PipelineGraph.Edge(key, inJob(key, () -> SchedulingRequest.dependsOn(node))));
    }
    PipelineGraph.Result checked = PipelineGraph.check(edges);
    if (checked.problem() != null) {
      throw ApiFailure.badRequest("Invalid pipeline: " + checked.problem());
    }
    String pipelineId = UUID.randomUUID().toString();
    Map<String, String> ids = new LinkedHashMap<>();
    checked.graph().ordered().forEach(k -> ids.put(k, UUID.randomUUID().toString()));
    String submittedBy = Submissions.blankToNull(body.getString(SUBMITTED_BY));
    List<Pipeline.Node> pipelineNodes = new ArrayList<>();
    Map<String, JsonObject> byKey = new LinkedHashMap<>();
    nodes.forEach(n -> byKey.put(n.getString(KEY), n));
    for (JsonObject node : nodes) {
      String key = node.getString(KEY);
      RunIf runIf = SchedulingRequest.runIf(node);
      pipelineNodes.add(
          new Pipeline.Node(key, checked.graph().dependsOn(key), runIf, ids.get(key), List.of()));
    }
    long now = d.now();
    String name = Submissions.blankToNull(body.getString(PipelineJson.NAME));
    return d.idempotency.answer(
        context.idempotencyKey(),
        submittedBy,
        body,
        now,
        idempotency -> {
          submissions.requireLiveParent(context.parentJobId());
          // In graph order, so each job is shown after the jobs it depends on.
          List<Future<Submissions.Prepared>> prepared = new ArrayList<>();
          for (String key : checked.graph().ordered()) {
            JsonObject node = byKey.get(key);
            JsonObject request = node.copy();
            request.remove(KEY);
            request.remove(DEPENDS_ON);
            request.put(SUBMITTED_BY, submittedBy);
            List<String> depKeys = checked.graph().dependsOn(key);
            Scheduling scheduling =
                inJob(
                    key,
                    () ->
                        submissions.scheduling(
                            request, depKeys.stream().map(ids::get).toList(), pipelineId, key));

            prepared.add(
                inJob(
                    key,
                    () ->
                        submissions
                            .prepare(
                                ids.get(key),
                                request,
                                scheduling,
                                null,
                                null,
                                Submissions.origin(context, null))
                            .recover(err -> Future.failedFuture(named(key, err)))));
          }
          JsonObject answer =
              new JsonObject()
                  .put(PipelineJson.PIPELINE_ID, pipelineId)
                  .put(PipelineJson.NAME, name)
                  .put(STATUS, Pipeline.State.RUNNING.wire())
                  .put(JOBS, new JsonObject(new LinkedHashMap<>(ids)));
          JobOrigin.Idempotency kept =
              idempotency == null
                  ? null
                  : new JobOrigin.Idempotency(
                      idempotency.key(), idempotency.digest(), JsonPlain.map(answer));
          Pipeline pipeline =
              new Pipeline(
                  pipelineId,
                  name,
                  submittedBy,
                  now,
                  now,
                  pipelineNodes,
                  null,
                  Submissions.origin(context, kept));
          return Future.all(prepared)
              .compose(
                  all -> {
                    List<Submissions.Prepared> jobs = all.list();
                    return make(pipeline.pending(pendingOf(true, jobs, ids), now), pipeline, jobs);
                  })
              .map(made -> answer);
        });
  }

  /**
   * Re-runs the named keys (or {@code ALL}) with the predecessors they need; predecessors that
   * finished are skipped unless {@code force}. The new jobs depend on the new jobs of re-run keys
   * and on the current jobs of skipped ones (already finished, so resolved at once).
   */
  Future<JsonObject> rerun(String pipelineId, JsonObject body) {
    submissions.refuseWhileDraining();
    Pipeline p = require(pipelineId);
    if (p.pending() != null) {
      throw ApiFailure.conflict("Pipeline " + pipelineId + " is being changed; try again");
    }
    PipelineGraph graph =
        PipelineGraph.check(
                p.nodes().stream()
                    .map(n -> new PipelineGraph.Edge(n.key(), n.dependsOn()))
                    .toList())
            .graph();
    Set<String> named = new LinkedHashSet<>();
    Object asked = body.getValue(JOBS);
    if (ALL.equals(asked)) {
      p.nodes().forEach(n -> named.add(n.key()));
    } else if (asked instanceof JsonArray list && !list.isEmpty()) {
      List<String> unknown = new ArrayList<>();
      for (Object k : list) {
        if (!(k instanceof String key) || !graph.contains(key)) {
          unknown.add(String.valueOf(k));
        } else {
          named.add(key);
        }
      }
      if (!unknown.isEmpty()) {
        throw ApiFailure.badRequest(
            "Unknown keys in pipeline " + pipelineId + ": " + String.join(", ", unknown));
      }
    } else {
      throw ApiFailure.badRequest("jobs must be \"ALL\" or a non-empty list of keys");
    }
    boolean force = Boolean.TRUE.equals(body.getValue(FORCE));
    List<String> chosen =
        graph.rerunSelection(
            named, force, key -> d.statusOf(p.node(key).jobId()) == JobStatus.FINISHED);
    List<String> busy = new ArrayList<>();
    for (String key : chosen) {
      JobStatus s = d.statusOf(p.node(key).jobId());
      if (s != null && !s.isTerminal()) {
        busy.add(key + " (" + s.wire() + ")");
      }
    }
    if (!busy.isEmpty()) {
      throw ApiFailure.conflict(
          "Jobs of pipeline " + pipelineId + " have not ended: " + String.join(", ", busy));
    }
    Map<String, String> ids = new LinkedHashMap<>();
    chosen.forEach(k -> ids.put(k, UUID.randomUUID().toString()));
    List<Future<Submissions.Prepared>> prepared = new ArrayList<>();
    for (String key : chosen) {
      Pipeline.Node node = p.node(key);
      Job old = d.registry.get(node.jobId());
      if (old == null) {
        throw ApiFailure.conflict(
            "Job " + node.jobId() + " (" + key + ") was deleted; it cannot be re-run");
      }
      List<String> deps =
          node.dependsOn().stream()
              .map(k -> ids.containsKey(k) ? ids.get(k) : p.node(k).jobId())
              .toList();
      Scheduling scheduling =
          new Scheduling(
              old.spec().scheduling().priority(),
              old.spec().scheduling().retry(),
              deps,
              node.runIf(),
              pipelineId,
              key);
      prepared.add(
          reruns
              .prepare(old, ids.get(key), scheduling)
              .recover(err -> Future.failedFuture(named(key, err))));
    }
    Set<String> skipped = new LinkedHashSet<>();
    for (String key : chosen) {
      for (String dep : graph.dependsOn(key)) {
        if (!ids.containsKey(dep)) {
          skipped.add(dep);
        }
      }
    }
    long now = d.now();
    return Future.all(prepared)
        .compose(
            all -> {
              List<Submissions.Prepared> jobs = all.list();
              Pipeline pending = p.pending(pendingOf(false, jobs, ids), now);
              return make(pending, pending.rerunMade(now), jobs);
            })
        .compose(
            made -> {
              List<Future<Void>> links = new ArrayList<>();
              ids.forEach((key, id) -> links.add(reruns.link(p.node(key).jobId(), id)));
              return Future.join(links)
                  .otherwiseEmpty()
                  .map(
                      v ->
                          new JsonObject()
                              .put(PipelineJson.PIPELINE_ID, pipelineId)
                              .put(STATUS, made.state(d::statusOf).wire())
                              .put(JOBS, new JsonObject(new LinkedHashMap<>(ids)))
                              .put("skipped", new JsonArray(new ArrayList<>(skipped))));
            });
  }

  /** Cancels every job of the pipeline that has not ended; running ones are asked to stop. */
  Future<JsonObject> cancel(String pipelineId) {
    Pipeline p = require(pipelineId);
    JsonObject outcome = new JsonObject();
    List<Future<?>> all = new ArrayList<>();
    for (Pipeline.Node n : p.nodes()) {
      JobStatus s = d.statusOf(n.jobId());
      if (s == null || s.isTerminal()) {
        continue;
      }
      all.add(
          controls
              .stop(n.jobId(), "pipeline_canceled", null)
              .onSuccess(r -> outcome.put(n.key(), r))
              .onFailure(
                  err ->
                      outcome.put(
                          n.key(),
                          new JsonObject()
                              .put(JOB_ID, n.jobId())
                              .put(JobFields.ERROR, err.getMessage()))));
    }
    return Future.join(all)
        .transform(
            ar ->
                Future.succeededFuture(
                    new JsonObject()
                        .put(PipelineJson.PIPELINE_ID, pipelineId)
                        .put(STATUS, p.state(d::statusOf).wire())
                        .put(JOBS, outcome)));
  }

  JsonObject get(String pipelineId) {
    return view(require(pipelineId));
  }

  /** Newest first, paged. */
  JsonObject list(int offset, int limit) {
    List<Pipeline> all = new ArrayList<>(pipelines.values());
    JsonArray page = new JsonArray();
    for (int i = all.size() - 1 - offset, n = 0; i >= 0 && n < limit; i--, n++) {
      Pipeline p = all.get(i);
      page.add(summary(p).put(JOBS, new JsonObject(new LinkedHashMap<>(p.jobs()))));
    }
    return new JsonObject().put("pipelines", page).put("total", all.size());
  }

  /**
   * Writes a change of a pipeline as one step: the file naming the jobs as pending, the jobs, the
   * file as {@code made}; then the jobs are shown. On any failure what was written is removed.
   */
  private Future<Pipeline> make(Pipeline pending, Pipeline made, List<Submissions.Prepared> jobs) {
    String id = pending.pipelineId();
    return d.serially(
        "pipeline:" + id,
        deadline ->
            store
                .write(pending, deadline)
                .compose(v -> writeJobs(jobs, deadline))
                .compose(v -> store.write(made, deadline))
                .compose(
                    v -> {
                      pipelines.put(id, made);
                      List<Future<Void>> followUps = new ArrayList<>();
                      jobs.forEach(
                          p -> followUps.add(d.followUps(p.job(), d.install(p.job(), p.job()))));
                      return Future.join(followUps).map(made);
                    })
                .recover(
                    err ->
                        store
                            .undo(pending)
                            .transform(ignored -> Future.<Pipeline>failedFuture(err))));
  }

  private Future<Void> writeJobs(List<Submissions.Prepared> jobs, WriteDeadline deadline) {
    List<Future<Void>> writes = new ArrayList<>();
    for (Submissions.Prepared p : jobs) {
      writes.add(d.serially(p.job().jobId(), dl -> d.store.create(p.job(), p.files(), dl)));
    }
    return Future.all(writes).mapEmpty();
  }

  private static Pipeline.Pending pendingOf(
      boolean creation, List<Submissions.Prepared> jobs, Map<String, String> ids) {
    List<String> configFiles = new ArrayList<>();
    for (Submissions.Prepared p : jobs) {
      if (p.files().inlineConfig() != null) {
        configFiles.add(p.files().inlineConfig().getFileName().toString());
      }
    }
    return new Pipeline.Pending(creation, ids, configFiles);
  }

  private Pipeline require(String pipelineId) {
    Pipeline p = pipelines.get(pipelineId);
    if (p == null) {
      throw ApiFailure.notFound("Pipeline " + pipelineId + " not found");
    }
    return p;
  }

  private JsonObject summary(Pipeline p) {
    return new JsonObject()
        .put(PipelineJson.PIPELINE_ID, p.pipelineId())
        .put(PipelineJson.NAME, p.name())
        .put(STATUS, p.state(d::statusOf).wire())
        .put(PipelineJson.SUBMITTED_BY, p.submittedBy())
        .put(PipelineJson.CREATED_AT, eu.opeva.coordinator.domain.EpochTime.seconds(p.createdAt()))
        .put(PipelineJson.UPDATED_AT, eu.opeva.coordinator.domain.EpochTime.seconds(p.updatedAt()));
  }

  /** The graph: each node's key, job, status and edges, and the pipeline's own status. */
  private JsonObject view(Pipeline p) {
    JsonArray nodes = new JsonArray();
    JsonArray edges = new JsonArray();
    for (Pipeline.Node n : p.nodes()) {
      JobStatus s = d.statusOf(n.jobId());
      nodes.add(
          new JsonObject()
              .put(KEY, n.key())
              .put(JOB_ID, n.jobId())
              .put(STATUS, s == null ? "deleted" : s.wire())
              .put(DEPENDS_ON, new JsonArray(n.dependsOn()))
              .put(RUN_IF, n.runIf().wire())
              .put(PipelineJson.PREVIOUS_JOB_IDS, new JsonArray(n.previous())));
      n.dependsOn().forEach(dep -> edges.add(new JsonObject().put("from", dep).put("to", n.key())));
    }
    return summary(p).put(PipelineJson.NODES, nodes).put("edges", edges);
  }

  private static <T> T inJob(String key, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (ApiFailure f) {
      throw named(key, f);
    }
  }

  /** A job's refusal, naming the job by its key. */
  private static Throwable named(String key, Throwable err) {
    return err instanceof ApiFailure f && f.status() < 500
        ? new ApiFailure(f.status(), "job '" + key + "': " + f.getMessage())
        : err;
  }

  private static ApiFailure named(String key, ApiFailure f) {
    return f.status() < 500
        ? new ApiFailure(f.status(), "job '" + key + "': " + f.getMessage())
        : f;
  }
}
