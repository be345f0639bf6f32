package eu.opeva.coordinator.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated request: what it is for, whether it must be refused, and its bytes. {@code target}
 * is sent as given (already percent-encoded, or deliberately not); a request with {@code raw} bytes
 * is written on a socket as is (for what an HTTP client would never send).
 */
record HostileRequest(
    String operation,
    String category,
    String what,
    Expect expect,
    Set<Integer> statuses,
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    boolean chunked,
    byte[] raw) {

  /** Whether the request must be refused, or is valid and authorized and may succeed. */
  enum Expect {
    REFUSE,
    MAY_SUCCEED
  }

  String describe() {
    String shown = target.length() > 160 ? target.substring(0, 160) + "..." : target;
    return operation + " [" + category + "] " + what + ": " + method + " " + shown;
  }

  /** A builder from a base request (the same operation, method, target, headers and body). */
  static Builder from(BaseRequest base, String category, String what) {
    Builder b = new Builder();
    b.operation = base.operation();
    b.category = category;
    b.what = what;
    b.method = base.method();
    b.target = base.target();
    b.headers.addAll(base.headers());
    b.body = base.body();
    return b;
  }

  static final class Builder {
    private String operation;
    private String category;
    private String what;
    private Expect expect = Expect.REFUSE;
    private Set<Integer> statuses = Set.of();
    private String method;
    private String target;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private boolean chunked;
    private byte[] raw;

    Builder expect(Expect e) {
      this.expect = e;
      return this;
    }

    /** Must be refused with one of these statuses (any 4xx when none are given). */
    Builder refused(Integer... exact) {
      this.expect = Expect.REFUSE;
      this.statuses = Set.of(exact);
      return this;
    }

    Builder maySucceed() {
      return expect(Expect.MAY_SUCCEED);
    }

    Builder method(String m) {
      this.method = m;
      return this;
    }

    Builder target(String t) {
      this.target = t;
      return this;
    }

    /** Replaces the header of that name (case-insensitive); a null value removes it. */
    Builder header(String name, String value) {
      headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
      if (value != null) {
        headers.add(Map.entry(name, value));
      }
      return this;
    }

    Builder body(byte[] b) {
      this.body = b;
      return this;
    }

    Builder body(String text) {
      return body(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    Builder chunked() {
      this.chunked = true;
      return this;
    }

    /** Sent byte for byte on a socket instead of through the HTTP client. */
    Builder raw(byte[] bytes) {
      this.raw = bytes;
      return this;
    }

    HostileRequest build() {
      return new HostileRequest(
          operation,
          category,
          what,
          expect,
          statuses,
          method,
          target,
          List.copyOf(headers),
          body,
          chunked,
          raw);
    }
  }
}
