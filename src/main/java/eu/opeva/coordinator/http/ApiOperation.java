package eu.opeva.coordinator.http;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every operation of {@code openapi.yaml}, by its {@code operationId}: the one place in the code
 * where operation ids are spelt. Features bind their handlers through {@link ApiBinder}, and the
 * HTTP verticle refuses to start while an operation of the contract has no handler.
 */
public enum ApiOperation {
  /** {@code GET /health}: answers that the coordinator is up. */
  HEALTH("health"),
  /** {@code POST /run-simulation}: submits a job. */
  RUN_SIMULATION("runSimulation"),
  /** {@code GET /status/{job_id}}: the job's status document. */
  GET_STATUS("getStatus"),
  /** {@code GET /job-info/{job_id}}: the job's info with lifecycle times and durations. */
  GET_JOB_INFO("getJobInfo"),
  /** {@code GET /jobs/{job_id}/why}: why the job is not running, as reason codes. */
  GET_JOB_WHY("getJobWhy"),
  /** {@code POST /pipelines}: creates the jobs of a pipeline, all or none. */
  CREATE_PIPELINE("createPipeline"),
  /** {@code GET /pipelines}: the pipelines, newest first, with their status. */
  LIST_PIPELINES("listPipelines"),
  /** {@code GET /pipelines/{pipeline_id}}: a pipeline's graph and the status of each node. */
  GET_PIPELINE("getPipeline"),
  /** {@code POST /pipelines/{pipeline_id}/cancel}: cancels what has not ended. */
  CANCEL_PIPELINE("cancelPipeline"),
  /** {@code POST /pipelines/{pipeline_id}/rerun}: re-runs nodes with the predecessors they need. */
  RERUN_PIPELINE("rerunPipeline"),
  /** {@code GET /jobs}: the jobs in submission order, optionally filtered and paged. */
  LIST_JOBS("listJobs"),
  /** {@code GET /queue}: the queue entries in the order they are offered, with their place. */
  LIST_QUEUE("listQueue"),
  /** {@code GET /hosts}: configured and heard-from hosts with liveness and active jobs. */
  LIST_HOSTS("listHosts"),
  /** {@code POST /stop/{job_id}}: cancels a queued job or asks the worker to stop a running one. */
  STOP_JOB("stopJob"),
  /** {@code DELETE /job/{job_id}}: deletes a job and its folder. */
  DELETE_JOB("deleteJob"),
  /** {@code POST /ops/jobs/{job_id}/requeue}: an operator puts a job back in the queue. */
  OPS_REQUEUE_JOB("opsRequeueJob"),
  /** {@code POST /ops/jobs/{job_id}/fail}: an operator marks a job failed. */
  OPS_FAIL_JOB("opsFailJob"),
  /** {@code POST /ops/jobs/{job_id}/cancel}: an operator cancels a job that has not ended. */
  OPS_CANCEL_JOB("opsCancelJob"),
  /** {@code POST /ops/jobs/{job_id}/stop}: an operator stops a job, as {@code /stop} does. */
  OPS_STOP_JOB("opsStopJob"),
  /** {@code POST /ops/queue/cleanup}: removes orphan queue files (with force, every queued job). */
  OPS_CLEANUP_QUEUE("opsCleanupQueue"),
  /** {@code POST /ops/jobs/cleanup}: deletes ended jobs and orphan job folders. */
  OPS_CLEANUP_JOBS("opsCleanupJobs"),
  /** {@code POST /jobs/{job_id}/rerun}: runs an ended job again from its own config snapshot. */
  RERUN_JOB("rerunJob"),
  /** {@code POST /api/agent/next-job}: a worker asks for its next job, optionally waiting. */
  AGENT_NEXT_JOB("agentNextJob"),
  /** {@code POST /api/agent/job-status}: a worker reports a job's status. */
  AGENT_JOB_STATUS("agentJobStatus"),
  /** {@code POST /api/agent/heartbeat}: a worker's heartbeat, answered with its stop requests. */
  AGENT_HEARTBEAT("agentHeartbeat"),
  /** {@code POST /experiment-config/create}: saves a new experiment config. */
  CREATE_EXPERIMENT_CONFIG("createExperimentConfig"),
  /** {@code GET /experiment-configs}: the names of the experiment configs, sorted. */
  LIST_EXPERIMENT_CONFIGS("listExperimentConfigs"),
  /** {@code GET /experiment-config/{file_name}}: an experiment config's YAML text. */
  GET_EXPERIMENT_CONFIG("getExperimentConfig"),
  /** {@code PUT /experiment-config/{file_name}}: replaces an existing experiment config. */
  UPDATE_EXPERIMENT_CONFIG("updateExperimentConfig"),
  /** {@code DELETE /experiment-config/{file_name}}: deletes an experiment config. */
  DELETE_EXPERIMENT_CONFIG("deleteExperimentConfig"),
  /** {@code GET /logs/{job_id}}: streams the job's log, gated by the job's status. */
  GET_LOGS("getLogs"),
  /** {@code GET /file-logs/{job_id}}: streams the job's log file, 404 when there is none. */
  GET_FILE_LOGS("getFileLogs"),
  /** {@code GET /logs-chunk/{job_id}}: a window of the job's log as JSON. */
  GET_LOGS_CHUNK("getLogsChunk"),
  /** {@code GET /progress/{job_id}}: the job's progress document. */
  GET_PROGRESS("getProgress"),
  /** {@code GET /result/{job_id}}: the job's result with where its simulation data is. */
  GET_RESULT("getResult"),
  /** {@code GET /job-resolved-config/{job_id}}: the job's resolved config as YAML text. */
  GET_RESOLVED_CONFIG("getResolvedConfig"),
  /** {@code POST /simulation-data/index}: the CSV files of a simulation-data session. */
  SIMULATION_DATA_INDEX("simulationDataIndex"),
  /** {@code POST /simulation-data/file}: one file of a job's simulation data. */
  SIMULATION_DATA_FILE("simulationDataFile"),
  /** {@code GET /jobs/{job_id}/bundle}: a zip of chosen parts of the job folder. */
  GET_JOB_BUNDLE("getJobBundle"),
  /** {@code GET /sites}: the site databases. */
  LIST_SITES("listSites"),
  /** {@code GET /energy-communities}: the site databases, as energy communities. */
  LIST_ENERGY_COMMUNITIES("listEnergyCommunities"),
  /** {@code GET /real-time-data/{site}}: the latest documents of every collection of a site. */
  GET_REAL_TIME_DATA("getRealTimeData"),
  /** {@code GET /historical-data/{energy_community}}: a page of documents or time buckets. */
  GET_HISTORICAL_DATA("getHistoricalData"),
  /** {@code POST /schema/create}: creates a site with its schema. */
  CREATE_SCHEMA("createSchema"),
  /** {@code PUT /schema/update/{site}}: replaces the schema of an existing site. */
  UPDATE_SCHEMA("updateSchema"),
  /** {@code GET /schema/{site}}: the site's schema. */
  GET_SCHEMA("getSchema"),
  /** {@code POST /dataset}: builds a CityLearn dataset from a site. */
  CREATE_DATASET("createDataset"),
  /** {@code GET /dataset/{name}/status}: progress and result of a dataset's latest generation. */
  GET_DATASET_STATUS("getDatasetStatus"),
  /** {@code GET /datasets}: the datasets with their descriptions. */
  LIST_DATASETS("listDatasets"),
  /** {@code GET /dataset/sites}: the sites a dataset can be built from. */
  LIST_DATASET_SITES("listDatasetSites"),
  /** {@code GET /dataset/dates-available/{site_id}}: the time range of each site collection. */
  GET_DATES_AVAILABLE("getDatesAvailable"),
  /** {@code GET /dataset/download/{name}}: a dataset folder as a zip, or a dataset file. */
  DOWNLOAD_DATASET("downloadDataset"),
  /** {@code DELETE /dataset/{name}}: deletes a dataset. */
  DELETE_DATASET("deleteDataset"),
  /** {@code POST /dataset/upload}: uploads a dataset as a zip. */
  UPLOAD_DATASET("uploadDataset"),
  /** {@code GET /metrics}: the coordinator's metrics for Prometheus. */
  GET_METRICS("getMetrics");

  private static final Map<String, ApiOperation> BY_ID =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ApiOperation::id, Function.identity()));

  private final String id;

  ApiOperation(String id) {
    this.id = id;
  }

  /** The {@code operationId} in the contract. */
  public String id() {
    return id;
  }

  /** The operation with this {@code operationId}, if the enum has one. */
  public static Optional<ApiOperation> of(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
