package eu.opeva.coordinator.storage;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blocking file primitives for shared storage. Call only from the {@link BlockingIo} pool. Every
 * write is atomic: a temp file in the same folder, optionally fsynced, then renamed.
 */
public final class JsonFiles {
  private final boolean fsync;

  public JsonFiles(boolean fsync) {
    this.fsync = fsync;
  }

  public void writeJson(Path file, JsonObject json) throws IOException {
    write(file, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
  }

  public void writeText(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  public void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp =
        dir.resolve(
            "."
                + file.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        if (fsync) {
          ch.force(true);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The file's JSON object; null when the file is missing, unreadable or not an object. */
  public static JsonObject readObjectOrNull(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      Object parsed =
          io.vertx.core.json.Json.decodeValue(io.vertx.core.buffer.Buffer.buffer(bytes));
      return parsed instanceof JsonObject obj ? obj : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | DecodeException | ClassCastException e) {
      return null;
    }
  }
}
