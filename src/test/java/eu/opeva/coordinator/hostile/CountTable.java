package eu.opeva.coordinator.hostile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The table of requests sent, per operation and category, for the test's output. */
final class CountTable {
  private CountTable() {}

  static String of(List<String> operations, List<HostileRequest> sent) {
    TreeSet<String> categories = new TreeSet<>();
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    Map<String, int[]> byExpect = new TreeMap<>();
    for (HostileRequest r : sent) {
      categories.add(r.category());
      counts
          .computeIfAbsent(r.operation(), o -> new TreeMap<>())
          .merge(r.category(), 1, Integer::sum);
      byExpect.computeIfAbsent(r.operation(), o -> new int[2])[r.expect().ordinal()]++;
    }
    StringBuilder t = new StringBuilder();
    t.append(String.format("%-24s %6s %7s %5s", "operation", "total", "refuse", "may"));
    categories.forEach(c -> t.append(String.format(" %8s", abbreviate(c))));
    t.append('\n');
    int[] grand = new int[2];
    Map<String, Integer> perCategory = new TreeMap<>();
    for (String op : operations) {
      int[] e = byExpect.getOrDefault(op, new int[2]);
      grand[0] += e[0];
      grand[1] += e[1];
      t.append(String.format("%-24s %6d %7d %5d", op, e[0] + e[1], e[0], e[1]));
      for (String c : categories) {
        int n = counts.getOrDefault(op, Map.of()).getOrDefault(c, 0);
        perCategory.merge(c, n, Integer::sum);
        t.append(String.format(" %8d", n));
      }
      t.append('\n');
    }
    t.append(String.format("%-24s %6d %7d %5d", "total", grand[0] + grand[1], grand[0], grand[1]));
    categories.forEach(c -> t.append(String.format(" %8d", perCategory.get(c))));
    return t.append('\n').toString();
  }

  private static String abbreviate(String c) {
    return c.length() > 8 ? c.substring(0, 8) : c;
  }
}
