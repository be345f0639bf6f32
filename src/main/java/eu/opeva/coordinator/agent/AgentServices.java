package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Context;

/**
 * What a running job needs from its agent: its blocking pool, its event-loop context (where process
 * exits are delivered), the client, the report spool, the runner, the shared layout and the run
 * records and journal, and whether the coordinator refused this agent.
 */
record AgentServices(
    AgentSettings settings,
    BlockingIo io,
    Context context,
    CoordinatorClient client,
    TerminalReports reports,
    JobRunner runner,
    SharedLayout layout,
    RunLedger runs,
    String hostname,
    Refusal refusal) {}
