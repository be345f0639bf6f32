package eu.opeva.coordinator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and folder under a root with a hash of its content, to show that nothing changed. Left
 * out: the coordinator lease (renewed while a coordinator runs) and the registry snapshot {@code
 * job_track.json}, which a running coordinator rewrites on its own schedule some time after each
 * change (a cache: recovery trusts the per-job files, which are compared).
 */
public final class DirectoryDigest {
  private static final String LEASE = eu.opeva.coordinator.lease.FileLease.FILE;
  private static final String LEASE_TEMP = "." + LEASE;
  private static final String SNAPSHOT = "job_track.json";

  private DirectoryDigest() {}

  public static Map<String, String> of(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String name = root.relativize(p).toString();
        if (name.startsWith(LEASE) || name.startsWith(LEASE_TEMP)) {
          continue; // renewed by a running coordinator: not part of what it changes
        }
        if (name.startsWith(SNAPSHOT) || name.startsWith("." + SNAPSHOT)) {
          continue;
        }
        try {
          out.put(name, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
        } catch (java.nio.file.NoSuchFileException gone) {
          // a temp file of a write in progress
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The digest once it holds still for {@code quiet} (at most {@code limit}): a running coordinator
   * rewrites {@code job_track.json} on its own schedule, some time after a change.
   */
  public static Map<String, String> settled(Path root, Duration quiet, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    Map<String, String> last = of(root);
    while (true) {
      try {
        Thread.sleep(quiet.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Map<String, String> now = of(root);
      if (now.equals(last) || System.nanoTime() > deadline) {
        return now;
      }
      last = now;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
