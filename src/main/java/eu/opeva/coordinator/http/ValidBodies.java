package eu.opeva.coordinator.http;

import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Small JSON bodies already found valid by one operation's validator, by their exact bytes: a body
 * seen before is parsed again but not checked again (the same bytes parse to the same value, and a
 * schema's verdict depends on nothing else). Agents send the same few bytes on every poll, and
 * checking them against the schema cost about a fifth of a poll's CPU. Bounded: forgotten all at
 * once when full. One instance per operation and HTTP verticle (event-loop confined).
 */
final class ValidBodies {
  /** Bodies up to this size are remembered. */
  static final int MAX_BYTES = 512;

  private final int capacity;
  private final Set<Buffer> known = new HashSet<>();

  ValidBodies(int capacity) {
    this.capacity = capacity;
  }

  boolean known(Buffer body) {
    return body.length() <= MAX_BYTES && known.contains(body);
  }

  void remember(Buffer body) {
    if (body.length() > MAX_BYTES) {
      return;
    }
    if (known.size() >= capacity) {
      known.clear();
    }
    known.add(body.copy());
  }

  int size() {
    return known.size();
  }
}
