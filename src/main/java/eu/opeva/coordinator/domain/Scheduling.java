package eu.opeva.coordinator.domain;

import java.util.List;

/**
 * How a job is scheduled: its priority (-100..100, higher first), its retry policy, the jobs it
 * waits for and when it may run after them (only with dependencies), and the pipeline node it is,
 * if any.
 */
public record Scheduling(
    int priority,
    RetryPolicy retry,
    List<String> dependsOn,
    RunIf runIf,
    String pipelineId,
    String pipelineKey) {

  public static final Scheduling DEFAULT =
      new Scheduling(0, null, List.of(), RunIf.ALL_FINISHED, null, null);

  public Scheduling {
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    // Without dependencies the condition means nothing: one value, as the files (which then do not
    // hold it) read back.
    runIf = runIf == null || dependsOn.isEmpty() ? RunIf.ALL_FINISHED : runIf;
  }

  public boolean hasDependencies() {
    return !dependsOn.isEmpty();
  }
}
