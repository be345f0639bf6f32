package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.*;

import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.domain.StatusNote.OpsAudit;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/** The note of the last transition in {@code status.json}: marks, origins, operator audit. */
final class NoteJson {
  private NoteJson() {}

  static void write(JsonObject doc, StatusNote note) {
    for (Mark m : note.marks()) {
      doc.put(m.wire(), true);
    }
    JobCodec.put(doc, REQUEUED_FROM, note.requeuedFrom());
    JobCodec.put(doc, LAST_HOST, note.lastHost());
    JobCodec.put(doc, FORCE, note.force());
    OpsAudit ops = note.ops();
    if (ops != null) {
      doc.put(OPS_ACTION, ops.action()).put(OPS_BY, ops.by()).put(OPS_REASON, ops.reason());
      JobCodec.time(doc, OPS_AT, ops.at());
    }
    if (note.dependency() != null && !doc.containsKey(DETAILS)) {
      // A job canceled for its dependency has had no attempt: the details are the coordinator's.
      doc.put(DETAILS, new JsonObject().put(DEPENDENCY, note.dependency()));
    }
  }

  static StatusNote read(JsonObject s) {
    Set<Mark> marks = new HashSet<>();
    for (Mark m : Mark.values()) {
      if (Boolean.TRUE.equals(s.getValue(m.wire()))) {
        marks.add(m);
      }
    }
    OpsAudit ops =
        s.getString(OPS_ACTION) == null
            ? null
            : new OpsAudit(
                s.getString(OPS_ACTION),
                s.getString(OPS_BY),
                s.getString(OPS_REASON),
                JobCodec.millisOr(s.getValue(OPS_AT), 0));
    Object details = s.getValue(DETAILS);
    String dependency = details instanceof JsonObject d ? d.getString(DEPENDENCY) : null;
    return new StatusNote(
        marks,
        s.getString(REQUEUED_FROM),
        s.getString(LAST_HOST),
        s.getBoolean(FORCE),
        ops,
        dependency);
  }
}
