package eu.opeva.coordinator.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Faults injected into job-state writes, for tests and the fault-injection suite: each write may be
 * delayed or failed as if the shared storage were slow or refused it (EIO, disk full). {@link
 * #NONE} in production. Called on the I/O pool, right before the write it may disturb.
 */
@FunctionalInterface
public interface StorageFaults {
  StorageFaults NONE = file -> {};

  /** May sleep (a slow disk) or throw (a failed write) before {@code file} is written. */
  void beforeWrite(Path file) throws IOException;

  /**
   * Random faults: each write fails with probability {@code failRate} and is delayed by up to
   * {@code maxDelayMs}, reproducibly for a seed. {@link #NONE} when both are zero.
   */
  static StorageFaults random(double failRate, long maxDelayMs, long seed) {
    if (failRate <= 0 && maxDelayMs <= 0) {
      return NONE;
    }
    Random random = new Random(seed);
    return file -> {
      double roll;
      long delay;
      synchronized (random) {
        roll = random.nextDouble();
        delay = maxDelayMs <= 0 ? 0 : (long) (random.nextDouble() * maxDelayMs);
      }
      if (delay > 0) {
        LockSupport.parkNanos(delay * 1_000_000); // a slow disk, on an I/O thread
      }
      if (roll < failRate) {
        throw new IOException("injected storage fault writing " + file.getFileName());
      }
    };
  }
}
