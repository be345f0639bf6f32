package eu.opeva.coordinator.testing;

import eu.opeva.coordinator.storage.StorageFaults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Storage faults a test switches on and off: writes of the chosen files fail (as EIO or a full disk
 * would) or are delayed. Counts the writes it failed.
 */
public final class ProgrammableFaults implements StorageFaults {
  private final AtomicReference<Predicate<Path>> failing = new AtomicReference<>(p -> false);
  private final AtomicReference<Predicate<Path>> slow = new AtomicReference<>(p -> false);
  private volatile Duration delay = Duration.ZERO;
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger delaying = new AtomicInteger();

  /** Fails every write of a file matching {@code which}. */
  public ProgrammableFaults fail(Predicate<Path> which) {
    failing.set(which);
    return this;
  }

  /** Fails every job-state write. */
  public ProgrammableFaults failAll() {
    return fail(p -> true);
  }

  /** Delays every write of a file matching {@code which} by {@code by}. */
  public ProgrammableFaults delay(Predicate<Path> which, Duration by) {
    this.delay = by;
    slow.set(which);
    return this;
  }

  public ProgrammableFaults clear() {
    failing.set(p -> false);
    slow.set(p -> false);
    return this;
  }

  public int failed() {
    return failed.get();
  }

  /** Writes being delayed right now (a write that has started and hangs). */
  public int delaying() {
    return delaying.get();
  }

  @Override
  public void beforeWrite(Path file) throws IOException {
    if (slow.get().test(file)) {
      delaying.incrementAndGet();
      LockSupport.parkNanos(delay.toNanos());
      delaying.decrementAndGet();
    }
    if (failing.get().test(file)) {
      failed.incrementAndGet();
      throw new IOException("injected: no space left on device");
    }
  }
}
