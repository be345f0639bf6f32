package eu.opeva.coordinator.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of {@code /metrics} in the Prometheus text format, read into samples. */
public final class Scrape {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: its metric name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();
  private final String text;

  public Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
  }

  public String text() {
    return text;
  }

  /** Every sample name (with its {@code _bucket}, {@code _count} ... suffix). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The samples of {@code name} whose labels include {@code pairs} (name, value, name, ...). */
  public List<Sample> find(String name, String... pairs) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i + 1 < pairs.length; i += 2) {
        all &= pairs[i + 1].equals(s.labels().get(pairs[i]));
      }
      if (all) {
        out.add(s);
      }
    }
    return out;
  }

  /** The value of the one sample of {@code name} with these labels (it must exist, once). */
  public double value(String name, String... pairs) {
    List<Sample> found = find(name, pairs);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one sample " + name + " " + List.of(pairs) + ", found " + found);
    }
    return found.get(0).value();
  }

  /** The sum of the samples of {@code name} with these labels (0 when none). */
  public double sum(String name, String... pairs) {
    return find(name, pairs).stream().mapToDouble(Sample::value).sum();
  }
}
