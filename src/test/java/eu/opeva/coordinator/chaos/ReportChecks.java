package eu.opeva.coordinator.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * No report of a fenced attempt changed anything: every probe of {@link FencedReports} was refused
 * (409; a 503 or a lost answer proves nothing either way and is counted apart), the version of each
 * probed ended job stayed as it was, and the probes' marker never showed in any status.
 */
final class ReportChecks {
  private ReportChecks() {}

  static Verdict fencedRefused(List<FencedReports.Probe> probes, List<TrackedJob> jobs) {
    List<String> bad = new ArrayList<>();
    int stable = 0;
    int refused = 0;
    int unavailable = 0;
    int lost = 0;
    int compared = 0;
    int changed = 0;
    int marked = 0;
    for (FencedReports.Probe p : probes) {
      if (p.stable()) {
        stable++;
      }
      switch (p.answer()) {
        case 409 -> refused++;
        case 503 -> unavailable++;
        case ChaosHttp.Answer.NO_ANSWER -> lost++;
        default ->
            bad.add(
                p.jobId()
                    + ": report ("
                    + p.kind()
                    + ") answered "
                    + p.answer()
                    + " "
                    + p.detail());
      }
      if (p.stable() && p.versionAfter() >= 0) {
        compared++;
        if (p.versionAfter() != p.versionBefore()) {
          changed++;
          bad.add(
              p.jobId()
                  + ": ended job at version "
                  + p.versionBefore()
                  + " is at version "
                  + p.versionAfter()
                  + " after a refused report ("
                  + p.kind()
                  + ")");
        }
      }
    }
    int looks = 0;
    for (TrackedJob j : jobs) {
      for (Observation o : j.observations) {
        looks++;
        if (o.marked()) {
          marked++;
          bad.add(
              j.id + ": a fenced report shows in a " + o.source() + " look (" + o.status() + ")");
          break;
        }
      }
      if (j.finalStatus != null && j.finalStatus.encode().contains(Observation.MARKER)) {
        bad.add(j.id + ": a fenced report shows in its final status " + j.finalStatus.encode());
      }
    }
    return new Verdict(
        "no report of a fenced attempt changed anything",
        String.format(
            "%d fenced reports (%d on ended jobs, %d on active ones): %d refused with 409, %d"
                + " answered 503, %d unanswered, %d otherwise; %d ended jobs' versions compared, %d"
                + " changed; the marker in %d jobs' looks (of %d looks)",
            probes.size(),
            stable,
            probes.size() - stable,
            refused,
            unavailable,
            lost,
            probes.size() - refused - unavailable - lost,
            compared,
            changed,
            marked,
            looks),
        bad);
  }
}
