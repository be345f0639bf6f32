package eu.opeva.coordinator.experiments;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.SafeNames;

/** Experiment config names: one plain file name in {@code configs/}, ending in .yaml or .yml. */
final class ExperimentNames {
  static final String INVALID =
      "Invalid config file name: use a plain file name (no folders, no '..') "
          + "ending in .yaml or .yml";

  private ExperimentNames() {}

  static boolean isConfigName(String name) {
    return SafeNames.isFileName(name) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  static String require(String name) {
    if (!isConfigName(name)) {
      throw ApiFailure.badRequest(INVALID);
    }
    return name;
  }
}
