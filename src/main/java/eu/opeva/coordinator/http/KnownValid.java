package eu.opeva.coordinator.http;

import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Small inputs (JSON bodies by their exact bytes, parameter values) that one validator already
 * found valid: an input seen before is not checked against the schema again (the same bytes parse
 * to the same value, and a schema's verdict depends on nothing else). Agents send the same few
 * bytes on every poll and clients ask for the same jobs again and again, and the schema check cost
 * about a fifth of such a request's CPU. Bounded: forgotten all at once when full. One instance per
 * operation (and parameter) and HTTP verticle (event-loop confined).
 */
final class KnownValid<K> {
  /** Inputs up to this size are remembered (an agent's poll body is about 40 bytes). */
  static final int MAX_SIZE = 256;

  /**
   * How many inputs one instance remembers: the polls of 2,000 agents per event loop, and at most
   * about 0.7 MB however its inputs are chosen.
   */
  static final int CAPACITY = 2048;

  private final int capacity;
  private final ToIntFunction<K> size;
  private final UnaryOperator<K> keep;
  private final Set<K> known = new HashSet<>();

  private KnownValid(int capacity, ToIntFunction<K> size, UnaryOperator<K> keep) {
    this.capacity = capacity;
    this.size = size;
    this.keep = keep;
  }

  /** Bodies, by their bytes (a copy is kept: the request's buffer may be reused). */
  static KnownValid<Buffer> bodies(int capacity) {
    return new KnownValid<>(capacity, Buffer::length, Buffer::copy);
  }

  /** Parameter values, as sent. */
  static KnownValid<String> values(int capacity) {
    return new KnownValid<>(capacity, String::length, v -> v);
  }

  boolean known(K input) {
    return size.applyAsInt(input) <= MAX_SIZE && known.contains(input);
  }

  void remember(K input) {
    if (size.applyAsInt(input) > MAX_SIZE) {
      return;
    }
    if (known.size() >= capacity) {
      known.clear();
    }
    known.add(keep.apply(input));
  }

  int size() {
    return known.size();
  }
}
