package eu.opeva.coordinator.settings;

import java.util.AbstractList;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The configured worker ids, in their configured order, with a {@code contains} that does not scan:
 * every agent request checks its worker id against them, and a fleet may have thousands.
 */
final class HostNames extends AbstractList<String> implements RandomAccess {
  private final List<String> names;
  private final Set<String> set;

  private HostNames(List<String> names) {
    this.names = List.copyOf(names);
    this.set = new HashSet<>(this.names);
  }

  static List<String> of(List<String> names) {
    return names == null || names instanceof HostNames ? names : new HostNames(names);
  }

  @Override
  public String get(int index) {
    return names.get(index);
  }

  @Override
  public int size() {
    return names.size();
  }

  @Override
  public boolean contains(Object o) {
    return set.contains(o);
  }
}
