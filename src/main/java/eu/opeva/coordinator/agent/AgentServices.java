package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.SharedLayout;

/** What a running job needs from its agent. */
record AgentServices(
    AgentSettings settings,
    AgentIo io,
    CoordinatorClient client,
    TerminalReports reports,
    JobRunner runner,
    SharedLayout layout,
    String hostname) {}
