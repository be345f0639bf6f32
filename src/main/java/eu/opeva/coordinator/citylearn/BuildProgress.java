package eu.opeva.coordinator.citylearn;

/** What the builder reports while it runs, and whether it should stop. */
public interface BuildProgress {
  void phase(String phase);

  /** The building being exported now. */
  void building(String id);

  void buildingDone();

  /** Documents read and rows written since the last report. */
  void counted(long documents, long rows);

  /** True once the build should stop (it then fails with 503). */
  boolean cancelled();
}
