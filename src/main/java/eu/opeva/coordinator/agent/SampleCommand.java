package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.sample.SampleSimulation;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default process command: the bundled sample simulation in a new JVM, from the classpath of
 * this one (the jar, or the build's classes in tests). Small-heap and quick-start flags, because a
 * fleet test starts many of them; {@code -Xms} stays small so a memory limit can be met.
 */
final class SampleCommand {
  private SampleCommand() {}

  static List<String> get() {
    List<String> cp = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        cp.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms8m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-cp",
        String.join(File.pathSeparator, cp),
        SampleSimulation.class.getName());
  }
}
