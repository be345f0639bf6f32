package eu.opeva.coordinator.lease;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease as a file in the shared directory, {@code .coordinator.lease}: the holder's instance
 * id, host, pid, start and renewal times, renewed every few seconds by rewriting the file (not
 * {@code flock}, which NFS does not honour reliably). A new lease is created exclusively (one of
 * two coordinators starting at once wins); a lease may be taken over once it was not renewed for
 * the takeover time, or at once when its holder was a process of this host that is gone. A
 * taken-over lease is read back after a moment, so of two coordinators taking it over at once only
 * one stays. Every renewal first checks the file still names this coordinator; if another took it,
 * {@code onLost} runs (the coordinator stops).
 */
public final class FileLease implements CoordinatorLease {
  public static final String FILE = ".coordinator.lease";
  private static final Logger LOG = LoggerFactory.getLogger(FileLease.class);

  private final Vertx vertx;
  private final Path file;
  private final Settings.Lease settings;
  private final Clock clock;
  private final Runnable onLost;
  private final BlockingIo io;
  private final JsonFiles files;
  private LeaseRecord mine;
  private long timer = -1;
  private boolean lost;

  public FileLease(
      Vertx vertx,
      Path root,
      Settings.Lease settings,
      boolean fsync,
      Clock clock,
      Runnable onLost) {
    this.vertx = vertx;
    this.file = root.resolve(FILE);
    this.settings = settings;
    this.clock = clock;
    this.onLost = onLost;
    this.io = new BlockingIo(vertx, "coordinator-lease", 1);
    this.files = new JsonFiles(fsync);
  }

  @Override
  public Future<Void> acquire() {
    return io.run(this::take)
        .compose(
            takenOver -> {
              if (!takenOver) {
                return Future.succeededFuture();
              }
              long settle = Math.max(50, settings.renewInterval().toMillis() / 2);
              return vertx.timer(settle).compose(t -> io.run(this::stillMine));
            })
        .onSuccess(
            v -> timer = vertx.setPeriodic(settings.renewInterval().toMillis(), t -> renew()))
        .mapEmpty();
  }

  /** Takes the lease; true when it took over an existing one (which must then be checked). */
  private boolean take() throws Exception {
    Files.createDirectories(file.getParent());
    long now = clock.millis();
    String host = InetAddress.getLocalHost().getHostName();
    mine =
        new LeaseRecord(
            UUID.randomUUID().toString(), host, ProcessHandle.current().pid(), now, now);
    byte[] content = mine.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8);
    try {
      files.writeNew(file, content);
      return false;
    } catch (FileAlreadyExistsException e) {
      LeaseRecord holder = LeaseRecord.fromJson(JsonFiles.readObjectOrNull(file));
      boolean stale =
          holder == null
              || now - holder.renewedAt() > settings.takeoverAfter().toMillis()
              || holder.heldByGoneProcessOf(host);
      if (!stale) {
        throw ApiFailure.conflict(
            "Another coordinator holds the shared directory "
                + file.getParent()
                + ": "
                + holder.describe(now)
                + "; it may be taken over once it"
                + " has not been renewed for "
                + settings.takeoverAfter().toSeconds()
                + " s");
      }
      LOG.warn(
          "taking over the lease of {} from {}",
          file.getParent(),
          holder == null ? "an unreadable lease file" : holder.describe(now));
      files.write(file, content);
      return true;
    }
  }

  private Void stillMine() {
    LeaseRecord holder = LeaseRecord.fromJson(JsonFiles.readObjectOrNull(file));
    if (holder == null || !holder.instance().equals(mine.instance())) {
      throw ApiFailure.conflict(
          "Another coordinator took the lease of "
              + file.getParent()
              + " at the same time"
              + (holder == null ? "" : ": " + holder.describe(clock.millis())));
    }
    return null;
  }

  private void renew() {
    if (lost) {
      return;
    }
    io.run(
            () -> {
              stillMine();
              mine = mine.renewed(clock.millis());
              files.write(file, mine.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8));
              return null;
            })
        .onFailure(
            err -> {
              if (err instanceof ApiFailure) {
                lost = true;
                vertx.cancelTimer(timer);
                LOG.error("lost the lease of {}: {}; stopping", file.getParent(), err.getMessage());
                onLost.run();
              } else {
                LOG.warn("the lease of {} could not be renewed; retrying", file.getParent(), err);
              }
            });
  }

  @Override
  public Future<Void> release() {
    vertx.cancelTimer(timer);
    if (mine == null || lost) {
      return io.close();
    }
    return io.run(
            () -> {
              LeaseRecord holder = LeaseRecord.fromJson(JsonFiles.readObjectOrNull(file));
              if (holder != null && holder.instance().equals(mine.instance())) {
                Files.deleteIfExists(file);
              }
              return null;
            })
        .eventually(io::close)
        .mapEmpty();
  }
}
