package eu.opeva.coordinator.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a job is started on this host: the exact command line, the variables added to the agent's own
 * environment, the working directory, and which limits the command enforces (reported to the
 * coordinator in the job's details).
 */
record LaunchPlan(
    List<String> command, Map<String, String> env, Path workDir, Map<String, Object> limits) {}
