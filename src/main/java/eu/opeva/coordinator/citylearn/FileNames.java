package eu.opeva.coordinator.citylearn;

import java.util.HashSet;
import java.util.Set;

/** CSV file names of one dataset, made unique when two slugs collide. */
final class FileNames {
  private final Set<String> used = new HashSet<>();

  String unique(String stem) {
    String name = stem + ".csv";
    for (int i = 2; !used.add(name.toLowerCase()); i++) {
      name = stem + "_" + i + ".csv";
    }
    return name;
  }
}
