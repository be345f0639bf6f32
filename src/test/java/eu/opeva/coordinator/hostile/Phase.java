package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one phase of the suite and collects what went wrong: answers that are not as they must be,
 * and ERROR lines or stack traces in the coordinator's log. Each request carries the id {@code
 * <name>-<index>}, which the coordinator's error lines name; a phase sent one request at a time
 * also charges each request with the problem lines written while it was served.
 */
final class Phase {
  record Result(List<String> problems, List<String> log, List<Answer> answers, double seconds) {}

  private Phase() {}

  static Result run(
      String name,
      List<HostileRequest> requests,
      HostileClient client,
      boolean oneAtATime,
      LogCapture capture,
      AnswerChecks checks) {
    long start = System.nanoTime();
    List<String> log = new ArrayList<>();
    List<Answer> answers = new ArrayList<>();
    int phaseMark = capture.size();
    if (oneAtATime) {
      for (int i = 0; i < requests.size(); i++) {
        int mark = capture.size();
        answers.add(client.send(requests.get(i), name + "-" + i));
        String first = firstProblem(capture.textFrom(mark));
        if (first != null) {
          log.add(label(name, i, requests.get(i)) + " logged: " + first);
        }
      }
    } else {
      answers.addAll(client.sendAll(requests, name));
      Pattern id = Pattern.compile("\\[" + name + "-(\\d+)]");
      for (String line : capture.textFrom(phaseMark).lines().filter(Phase::isProblem).toList()) {
        Matcher m = id.matcher(line);
        log.add(
            (m.find()
                    ? label(
                            name,
                            Integer.parseInt(m.group(1)),
                            requests.get(Integer.parseInt(m.group(1))))
                        + " logged: "
                    : "")
                + cut(line));
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Answer a = answers.get(i);
      for (String p : checks.problems(requests.get(i), a)) {
        problems.add(label(name, i, requests.get(i)) + " -> " + p + " | " + cut(a.text()));
      }
    }
    return new Result(problems, log, answers, (System.nanoTime() - start) / 1e9);
  }

  static boolean isProblem(String line) {
    return line.contains(" ERROR ")
        || line.contains("has been blocked for")
        || line.contains("Exception")
        || line.startsWith("\tat ")
        || line.startsWith("Caused by");
  }

  private static String firstProblem(String written) {
    return written.lines().filter(Phase::isProblem).findFirst().map(Phase::cut).orElse(null);
  }

  private static String label(String name, int i, HostileRequest r) {
    return name + "-" + i + " " + r.describe();
  }

  private static String cut(String s) {
    return s.length() > 240 ? s.substring(0, 240) + "..." : s;
  }
}
