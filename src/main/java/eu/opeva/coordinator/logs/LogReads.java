package eu.opeva.coordinator.logs;

import eu.opeva.coordinator.storage.BlockingIo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The reads of log files for the streams of one event loop: opened and read on the I/O pool, into
 * pooled direct memory that the socket sends from without another copy. Streams of the same file
 * that ask for the same range while a read of it is under way share that read, so the followers of
 * a growing log cost one read of each new range, not one per follower. Event-loop confined.
 *
 * <p>A read yields a buffer of which the caller owns one reference: it releases it once the bytes
 * are written (or not needed).
 */
final class LogReads {
  private final BlockingIo io;
  private final Map<Range, Shared> underWay = new HashMap<>();

  /** One range of one file (its identity on disk, so a replaced file is never taken for it). */
  private record Range(Object file, long position, int length) {}

  private static final class Shared {
    final Promise<ByteBuf> read = Promise.promise();
    int readers;
  }

  LogReads(BlockingIo io) {
    this.io = io;
  }

  /** Opens {@code path} for reading; fails when it cannot be opened. */
  Future<Open> open(Path path) {
    return io.run(
        () -> {
          Object before = identity(path);
          FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
          Object after = identity(path);
          // Replaced between the looks: the channel's file is not known, so its reads are not
          // shared.
          return new Open(channel, before != null && before.equals(after) ? before : null);
        });
  }

  /** One opened log file. */
  final class Open {
    private final FileChannel channel;
    private final Object identity;
    private int reading;
    private boolean closed;

    private Open(FileChannel channel, Object identity) {
      this.channel = channel;
      this.identity = identity;
    }

    /**
     * Up to {@code length} bytes from {@code position} (fewer only if the file is shorter now); the
     * caller owns one reference of the buffer.
     */
    Future<ByteBuf> read(long position, int length) {
      Range range = identity == null ? null : new Range(identity, position, length);
      Shared shared = range == null ? null : underWay.get(range);
      if (shared == null) {
        Shared fresh = new Shared();
        shared = fresh;
        if (range != null) {
          underWay.put(range, fresh);
        }
        reading++;
        io.run(() -> readAt(channel, position, length))
            .onComplete(
                ar -> {
                  if (--reading == 0 && closed) {
                    closeChannel();
                  }
                  if (range != null) {
                    underWay.remove(range);
                  }
                  if (ar.succeeded() && fresh.readers > 1) {
                    ar.result().retain(fresh.readers - 1);
                  }
                  fresh.read.handle(ar);
                });
      }
      shared.readers++;
      return shared.read.future();
    }

    /** Closes the file once the reads it started (which others may share) are done. */
    void close() {
      if (!closed) {
        closed = true;
        if (reading == 0) {
          closeChannel();
        }
      }
    }

    private void closeChannel() {
      io.run(
          () -> {
            channel.close();
            return null;
          });
    }
  }

  private static Object identity(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static ByteBuf readAt(FileChannel channel, long position, int length) throws IOException {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
    try {
      var target = buf.nioBuffer(0, length);
      while (target.hasRemaining()) {
        if (channel.read(target, position + target.position()) < 0) {
          break;
        }
      }
      buf.writerIndex(target.position());
      return buf;
    } catch (IOException | RuntimeException e) {
      buf.release();
      throw e;
    }
  }
}
