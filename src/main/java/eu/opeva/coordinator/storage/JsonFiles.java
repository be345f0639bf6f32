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
 * write is atomic: a temp file in the same folder, optionally fsynced, renamed, and (with fsync)
 * the folder fsynced too, so the rename itself survives a power loss. Temp files are named {@code
 * .<name>.tmp-<hex>}; {@link #removeTempFiles} clears those an interrupted write left.
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
    write(file, bytes, true);
  }

  /**
   * Replaces a file whose content is derived from others (and repaired from them at start): its
   * data is fsynced before the rename, its folder is not, so after a crash the file is whole,
   * either as it was or as written here. One fsync instead of two.
   */
  public void writeDerivedJson(Path file, JsonObject json) throws IOException {
    write(file, json.encodePrettily().getBytes(StandardCharsets.UTF_8), false);
  }

  private void write(Path file, byte[] bytes, boolean durableName) throws IOException {
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
      if (fsync && durableName) {
        syncFolder(dir);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes a file that must not exist yet: the content goes to a temp file, which is then linked to
   * the name (failing with {@link java.nio.file.FileAlreadyExistsException} if the name is taken).
   */
  public void writeNew(Path file, byte[] bytes) throws IOException {
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
      Files.createLink(file, tmp);
      if (fsync) {
        syncFolder(dir);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** fsync of a folder (its entries: a rename or a deletion in it), where the platform allows. */
  public static void syncFolder(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // Not every platform or file system can open a folder for syncing.
    }
  }

  /** Deletes the temp files interrupted writes left in {@code dir}; how many there were. */
  public static int removeTempFiles(Path dir) throws IOException {
    int removed = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var entries = Files.newDirectoryStream(dir, p -> isTempFile(p.getFileName().toString()))) {
      for (Path p : entries) {
        if (Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Whether {@code name} is a temp file of a write ({@code .<name>.tmp-<hex>}). */
  public static boolean isTempFile(String name) {
    return name.startsWith(".") && name.indexOf(".tmp-", 1) > 0;
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
