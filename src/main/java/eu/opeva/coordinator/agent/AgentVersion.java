package eu.opeva.coordinator.agent;

/** The agent's version, from the jar manifest (or "dev" when run from the build's classes). */
final class AgentVersion {
  private AgentVersion() {}

  static String get() {
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
