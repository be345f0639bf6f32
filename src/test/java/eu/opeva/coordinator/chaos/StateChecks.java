package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The invariants on what clients see: acknowledged jobs exist and end in one terminal state, no
 * terminal state is ever left, no observed change is ever lost, deletes stay deleted, and the
 * fields a submission was acknowledged with are kept. Observations are ordered only when one was
 * answered before the other was sent; an operator requeue exempts the pairs it may lie between.
 */
final class StateChecks {
  private final List<TrackedJob> jobs;
  private final Ledger ledger;

  StateChecks(List<TrackedJob> jobs, Ledger ledger) {
    this.jobs = jobs;
    this.ledger = ledger;
  }

  Verdict terminalEnd() {
    List<String> bad = new ArrayList<>(ledger.violations("acknowledged"));
    Map<String, Integer> states = new TreeMap<>();
    int acknowledged = 0;
    int unacknowledged = 0;
    int deleted = 0;
    int looks = 0;
    int missing = 0;
    for (TrackedJob j : jobs) {
      if (j.acknowledged()) {
        acknowledged++;
      } else {
        unacknowledged++;
      }
      if (!j.finalKnown) {
        bad.add(j.id + ": its final status could not be read");
        continue;
      }
      if (j.finalStatus == null) {
        if (j.acknowledged() && !j.deleteSent()) {
          bad.add(j.id + " (" + j.origin + ", acknowledged): gone at the end, never deleted");
        } else {
          deleted++;
        }
      } else {
        String s = j.finalStatus.getString("status");
        if (Observation.isTerminal(s)) {
          states.merge(s, 1, Integer::sum);
        } else {
          bad.add(j.id + " (" + j.origin + "): ends " + s + " " + brief(j.finalStatus));
        }
      }
      if (!j.acknowledged()) {
        continue;
      }
      for (Observation o : j.observations) {
        if (o.sentNanos() <= j.ackNanos) {
          continue;
        }
        looks++;
        if (!o.exists() && !deleteSentBefore(j, o.recvNanos())) {
          missing++;
          bad.add(
              String.format(
                  "%s (%s, acknowledged at %d): absent from a %s look sent at %d, never deleted",
                  j.id, j.origin, j.ackWall, o.source(), o.sentWall()));
        }
      }
    }
    return new Verdict(
        "every acknowledged job exists and ends in exactly one terminal state",
        String.format(
            "%d acknowledged jobs (+%d created by requests whose answer was lost), at the end %s,"
                + " %d deleted; %d looks after their acknowledgement, %d of them missing one",
            acknowledged, unacknowledged, states, deleted, looks, missing),
        bad);
  }

  Verdict terminalKept() {
    List<String> bad = new ArrayList<>();
    int after = 0;
    int exempt = 0;
    int left = 0;
    for (TrackedJob j : jobs) {
      List<Observation> obs = sorted(j);
      boolean reported = false; // one violation per job is shown, every one counted
      for (Observation b : obs) {
        if (!b.exists()) {
          continue;
        }
        Observation a = null; // the latest look that saw it ended before b was sent
        for (Observation o : obs) {
          if (o.terminal() && o.before(b) && (a == null || o.recvNanos() > a.recvNanos())) {
            a = o;
          }
        }
        if (a != null) {
          if (Objects.equals(a.status(), b.status())) {
            after++;
          } else if (requeuedBetween(j, a, b)) {
            exempt++;
          } else {
            after++;
            left++;
            if (reported) {
              continue;
            }
            reported = true;
            bad.add(
                j.id
                    + ": seen "
                    + a.status()
                    + " ("
                    + a.source()
                    + "), later "
                    + b.status()
                    + " ("
                    + b.source()
                    + ", "
                    + (b.sentNanos() - a.recvNanos()) / 1_000_000
                    + " ms after)");
          }
        }
      }
    }
    return new Verdict(
        "no terminal state was ever left",
        String.format(
            "%d looks at jobs already seen ended, %d of them in another state; %d pairs around"
                + " an operator requeue exempt",
            after, left, exempt),
        bad);
  }

  Verdict versionsKept() {
    List<String> bad = new ArrayList<>();
    long pairs = 0;
    int looks = 0;
    for (TrackedJob j : jobs) {
      List<Observation> obs = sorted(j);
      looks += obs.size();
      long maxBefore = -1;
      Observation maxAt = null;
      int ai = 0;
      List<Observation> byRecv = new ArrayList<>(obs);
      byRecv.sort(Comparator.comparingLong(Observation::recvNanos));
      for (Observation b : obs) {
        while (ai < byRecv.size() && byRecv.get(ai).recvNanos() < b.sentNanos()) {
          Observation a = byRecv.get(ai++);
          if (a.exists() && a.version() > maxBefore) {
            maxBefore = a.version();
            maxAt = a;
          }
        }
        if (!b.exists() || b.version() < 0 || maxAt == null) {
          continue;
        }
        pairs++;
        if (b.version() < maxBefore) {
          bad.add(
              j.id
                  + ": version "
                  + maxBefore
                  + " ("
                  + maxAt.status()
                  + ", "
                  + maxAt.source()
                  + ") then version "
                  + b.version()
                  + " ("
                  + b.status()
                  + ", "
                  + b.source()
                  + ")");
        }
      }
    }
    return new Verdict(
        "no observed change was ever lost (versions never went back)",
        String.format(
            "%d looks, %d of them after an earlier look with a version, %d of those lower",
            looks, pairs, bad.size()),
        bad);
  }

  Verdict deletesKept() {
    List<String> bad = new ArrayList<>();
    int acknowledged = 0;
    int looks = 0;
    int acrossRestarts = 0;
    int refused = 0;
    int foundLooks = 0;
    for (TrackedJob j : jobs) {
      long at = j.deletedAtNanos();
      if (at != Long.MAX_VALUE) {
        acknowledged++;
        if (ledger.startsAfter(at) > 0) {
          acrossRestarts++;
        }
        int found = 0;
        Observation first = null;
        for (Observation o : j.observations) {
          if (o.sentNanos() > at) {
            looks++;
            if (o.exists()) {
              found++;
              foundLooks++;
              first = first == null || o.sentNanos() < first.sentNanos() ? o : first;
            }
          }
        }
        if (first != null) {
          bad.add(
              String.format(
                  "%s: deleted (sent at %d), then found in %d looks, first %s (%s), %d"
                      + " coordinator starts after the delete",
                  j.id,
                  j.deletes.stream()
                      .filter(d -> d.status() == 200)
                      .mapToLong(TrackedJob.Request::sentWall)
                      .min()
                      .orElse(0),
                  found,
                  first.status(),
                  first.source(),
                  ledger.startsAfter(at)));
        }
        if (j.finalKnown && j.finalStatus != null) {
          bad.add(j.id + ": deleted, but exists at the end: " + brief(j.finalStatus));
        }
      }
      for (TrackedJob.Request d : j.deletes) {
        if (d.status() != 503) {
          continue;
        }
        refused++;
        long next =
            j.deletes.stream()
                .mapToLong(TrackedJob.Request::sentNanos)
                .filter(s -> s > d.sentNanos())
                .min()
                .orElse(Long.MAX_VALUE);
        for (Observation o : j.observations) {
          if (o.sentNanos() > d.recvNanos() && o.recvNanos() < next && !o.exists()) {
            bad.add(j.id + ": a delete answered 503 deleted it (absent from a " + o.source() + ")");
            break;
          }
        }
      }
    }
    return new Verdict(
        "every acknowledged delete stayed deleted",
        String.format(
            "%d acknowledged deletes (%d of them followed by coordinator restarts), %d later"
                + " looks and the final statuses, %d finding the job; %d deletes answered 503",
            acknowledged, acrossRestarts, looks, foundLooks, refused),
        bad);
  }

  Verdict fieldsKept() {
    List<String> bad = new ArrayList<>();
    int checked = 0;
    for (TrackedJob j : jobs) {
      if (j.finalInfo == null || !j.acknowledged()) {
        continue;
      }
      JsonObject info = j.finalInfo;
      checked++;
      if (j.dependsOn != null) {
        JsonArray deps = info.getJsonArray("depends_on", new JsonArray());
        if (!deps.getList().equals(j.dependsOn)) {
          bad.add(j.id + ": submitted depending on " + j.dependsOn + ", shows " + deps);
        }
      }
      if (j.priority != null && !j.priority.equals(info.getInteger("priority", 0))) {
        bad.add(
            j.id
                + ": submitted with priority "
                + j.priority
                + ", shows "
                + info.getValue("priority"));
      }
      JsonObject retry = info.getJsonObject("retry");
      if (j.maxAttempts != null
          && (retry == null || !j.maxAttempts.equals(retry.getInteger("max_attempts")))) {
        bad.add(j.id + ": submitted with max_attempts " + j.maxAttempts + ", shows " + retry);
      }
    }
    return new Verdict(
        "acknowledged submissions kept their dependencies, priority and retry policy",
        checked + " job infos compared with what was submitted",
        bad);
  }

  private static boolean deleteSentBefore(TrackedJob j, long nanos) {
    return j.deletes.stream().anyMatch(d -> d.sentNanos() < nanos);
  }

  /** Whether an operator requeue may have taken effect after {@code a} and before {@code b}. */
  private static boolean requeuedBetween(TrackedJob j, Observation a, Observation b) {
    return j.requeues.stream()
        .anyMatch(r -> r.sentNanos() < b.recvNanos() && r.recvNanos() > a.sentNanos());
  }

  private static List<Observation> sorted(TrackedJob j) {
    List<Observation> obs = new ArrayList<>(j.observations);
    obs.sort(Comparator.comparingLong(Observation::sentNanos));
    return obs;
  }

  static String brief(JsonObject status) {
    return new JsonObject()
        .put("status", status.getString("status"))
        .put("attempt", status.getValue("attempt_number"))
        .put("worker", status.getValue("worker_id"))
        .put("error", status.getValue("error"))
        .put("updated", status.getValue("status_updated_at"))
        .encode();
  }
}
