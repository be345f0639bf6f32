package eu.opeva.coordinator.citylearn;

/**
 * One time step of one building: the aggregated values (NaN where missing), whether any document
 * fell into the step, and the step's last non-null charging sessions and EV states.
 */
final class Row {
  final int index;
  final double[] values;
  final boolean hasDocs;
  final Object sessions;
  final Object vehicles;

  Row(int index, double[] values, boolean hasDocs, Object sessions, Object vehicles) {
    this.index = index;
    this.values = values;
    this.hasDocs = hasDocs;
    this.sessions = sessions;
    this.vehicles = vehicles;
  }
}
