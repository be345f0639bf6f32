package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_SNAPSHOT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.RESOLVED_CONFIG;
import static eu.opeva.coordinator.domain.JobFields.SUBMISSION_SEQ;
import static eu.opeva.coordinator.domain.JobFields.VERSION;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * One job folder as recovery finds it: one listing (which also removes the temp files of writes a
 * crash interrupted, and tells which files exist) and at most two reads, {@code status.json} (the
 * commit record: a folder without it holds no job, {@code status} is then null) and {@code
 * job_info.json}. Blocking; it touches nothing outside its own folder, so folders are read in
 * parallel.
 */
record JobFolder(
    String id,
    JsonObject info,
    JsonObject status,
    boolean resolvedConfig,
    boolean configSnapshot,
    int tempFilesRemoved) {

  /** The folder of {@code id}; null when that name is not a folder. */
  static JobFolder read(SharedLayout layout, String id) throws IOException {
    Path statusFile = layout.statusFile(id);
    Path infoFile = layout.jobInfoFile(id);
    Path resolvedFile = layout.resolvedConfigFile(id).getFileName();
    Path snapshotFile = layout.configSnapshotFile(id).getFileName();
    boolean status = false;
    boolean info = false;
    boolean resolved = false;
    boolean snapshot = false;
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.jobDir(id))) {
      for (Path p : entries) {
        Path name = p.getFileName();
        if (JsonFiles.isTempFile(name.toString())) {
          removed += Files.deleteIfExists(p) ? 1 : 0;
        } else if (name.equals(statusFile.getFileName())) {
          status = true;
        } else if (name.equals(infoFile.getFileName())) {
          info = true;
        } else if (name.equals(resolvedFile)) {
          resolved = true;
        } else if (name.equals(snapshotFile)) {
          snapshot = true;
        }
      }
    } catch (NotDirectoryException | NoSuchFileException e) {
      return null;
    }
    JsonObject statusDoc = status ? JsonFiles.readObjectOrNull(statusFile) : null;
    JsonObject infoDoc = statusDoc != null && info ? JsonFiles.readObjectOrNull(infoFile) : null;
    if (statusDoc != null) {
      statusDoc.put(JOB_ID, id); // the folder names the job
    }
    return new JobFolder(id, infoDoc, statusDoc, resolved, snapshot, removed);
  }

  /** Whether both files were written by this version, so the job needs nothing else. */
  boolean complete() {
    return status != null
        && status.containsKey(VERSION)
        && info != null
        && info.containsKey(SUBMISSION_SEQ);
  }

  /** Whether {@code job_info.json} was written by an older version (or is missing). */
  boolean olderInfo() {
    return info == null || !info.containsKey(SUBMISSION_SEQ);
  }

  /**
   * The job; what the files of older versions lack is taken from the snapshot's entry (null when
   * there is none, or when the files are {@link #complete}). Null when the folder holds no job.
   */
  Job job(JsonObject snapshotEntry) {
    if (status == null) {
      return null;
    }
    JsonObject fallback = snapshotEntry == null ? new JsonObject() : snapshotEntry.copy();
    if (olderInfo()) {
      // Jobs of older versions: which config copies exist is told by the folder itself.
      if (!fallback.containsKey(RESOLVED_CONFIG)) {
        fallback.put(RESOLVED_CONFIG, resolvedConfig);
      }
      if (!fallback.containsKey(CONFIG_SNAPSHOT)) {
        fallback.put(CONFIG_SNAPSHOT, configSnapshot);
      }
      fallback.remove(SUBMISSION_SEQ);
    }
    return JobCodec.read(info, status, fallback);
  }
}
