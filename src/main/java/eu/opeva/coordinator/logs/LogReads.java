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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The reads of log files for the streams of one event loop: opened and read on the I/O pool, into
 * pooled direct memory that the socket sends from without another copy. Streams of the same file
 * that ask for the same range while a read of it is under way share that read, so the followers of
 * a growing log cost one read of each new range, not one per follower. Event-loop confined.
 *
 * <p>A read yields a {@link Chunk} that each of its readers releases once its bytes are written (or
 * not needed). Whole chunks ({@link #CHUNK}) are kept for the next reads ({@link #SPARE} of them at
 * most): a fresh megabyte of memory per read would cost more than reading it.
 */
final class LogReads {
  /** The largest read. */
  static final int CHUNK = 256 * 1024;

  /** Whole chunks kept for reuse once released. */
  static final int SPARE = 4;

  private final BlockingIo io;
  private final Map<Range, Shared> underWay = new HashMap<>();
  private final ArrayDeque<ByteBuf> spare = new ArrayDeque<>();

  /** One range of one file (its identity on disk, so a replaced file is never taken for it). */
  private record Range(Object file, long position, int length) {}

  private static final class Shared {
    final Promise<Chunk> read = Promise.promise();
    int readers;
  }

  /** The bytes of one read, written by each of its readers from the same memory. */
  final class Chunk {
    private final ByteBuf bytes;
    private int users;

    private Chunk(ByteBuf bytes) {
      this.bytes = bytes;
    }

    /** The bytes read (a view of their own for each caller). */
    ByteBuf bytes() {
      return bytes.slice();
    }

    int length() {
      return bytes.readableBytes();
    }

    /** This reader is done with the bytes (they were written, or are not needed). */
    void release() {
      if (--users == 0) {
        recycle(bytes);
      }
    }
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
     * Up to {@code length} bytes from {@code position} (at most {@link #CHUNK}; fewer only if the
     * file is shorter now); the caller releases the chunk.
     */
    Future<Chunk> read(long position, int length) {
      Range range = identity == null ? null : new Range(identity, position, length);
      Shared shared = range == null ? null : underWay.get(range);
      if (shared == null) {
        Shared fresh = new Shared();
        shared = fresh;
        if (range != null) {
          underWay.put(range, fresh);
        }
        reading++;
        ByteBuf target = take(length);
        io.run(() -> readAt(channel, target, position, length))
            .onComplete(
                ar -> {
                  if (--reading == 0 && closed) {
                    closeChannel();
                  }
                  if (range != null) {
                    underWay.remove(range);
                  }
                  if (ar.failed()) {
                    recycle(target);
                    fresh.read.fail(ar.cause());
                    return;
                  }
                  Chunk chunk = new Chunk(target);
                  chunk.users = fresh.readers;
                  fresh.read.complete(chunk);
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

  /** Memory for a read of {@code length} bytes: a spare whole chunk, or fresh pooled memory. */
  private ByteBuf take(int length) {
    ByteBuf kept = length == CHUNK ? spare.poll() : null;
    return kept != null ? kept : PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
  }

  private void recycle(ByteBuf bytes) {
    if (bytes.capacity() == CHUNK && spare.size() < SPARE) {
      spare.push(bytes.clear());
    } else {
      bytes.release();
    }
  }

  /** Fills {@code buf} from {@code position}; runs on the I/O pool. */
  private static Void readAt(FileChannel channel, ByteBuf buf, long position, int length)
      throws IOException {
    var target = buf.nioBuffer(0, length);
    while (target.hasRemaining()) {
      if (channel.read(target, position + target.position()) < 0) {
        break;
      }
    }
    buf.writerIndex(target.position());
    return null;
  }
}
