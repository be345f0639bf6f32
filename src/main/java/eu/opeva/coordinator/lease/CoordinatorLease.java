package eu.opeva.coordinator.lease;

import io.vertx.core.Future;

/**
 * Being the one coordinator of a shared directory: two writers of one registry is the split brain
 * the single-writer design exists to prevent. Acquired before recovery touches the directory and
 * before the port is bound, renewed while the coordinator runs, released at a clean stop. {@link
 * FileLease} is the single-node form; a clustered mode replaces it with a cluster-wide lock.
 */
public interface CoordinatorLease {
  /** Takes the lease, or fails with a 409 naming the holder and the lease's age. */
  Future<Void> acquire();

  /** Gives the lease up (a clean stop), so the next coordinator need not wait. */
  Future<Void> release();
}
