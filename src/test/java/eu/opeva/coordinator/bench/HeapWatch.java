package eu.opeva.coordinator.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures of this JVM during a run: the highest heap in use seen by sampling (garbage
 * included), the highest heap left after any collection, and, when probing, the highest live heap:
 * what is left after a full collection forced every {@link #PROBE_MS} (what the run really keeps).
 */
final class HeapWatch implements AutoCloseable {
  static final long PROBE_MS = 500;
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakLive = new AtomicLong();
  private volatile boolean probing;
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final Thread sampler;
  private volatile boolean running = true;

  HeapWatch() {
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  var info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  long after =
                      info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                          .filter(e -> heapPools.contains(e.getKey()))
                          .mapToLong(e -> e.getValue().getUsed())
                          .sum();
                  peakAfterGc.accumulateAndGet(after, Math::max);
                }
              },
              null,
              null);
    }
    sampler =
        new Thread(
            () -> {
              long lastProbe = System.currentTimeMillis();
              while (running) {
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                peakUsed.accumulateAndGet(heap.getUsed(), Math::max);
                if (probing && System.currentTimeMillis() - lastProbe >= PROBE_MS) {
                  System.gc();
                  peakLive.accumulateAndGet(
                      ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                      Math::max);
                  lastProbe = System.currentTimeMillis();
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts a new run; with {@code probe}, full collections are forced to measure the live heap. */
  void reset(boolean probe) {
    System.gc();
    peakUsed.set(0);
    peakAfterGc.set(0);
    peakLive.set(0);
    probing = probe;
  }

  long peakLive() {
    return peakLive.get();
  }

  long peakUsed() {
    return peakUsed.get();
  }

  long peakAfterGc() {
    return peakAfterGc.get();
  }

  @Override
  public void close() {
    running = false;
  }
}
