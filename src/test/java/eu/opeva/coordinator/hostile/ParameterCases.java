package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.hostile.BaseRequest.Param;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Hostile path and query parameters. Path parameters name something (a job, a config, a dataset, a
 * site): traversals in every form, NUL, invalid UTF-8, characters the name may not hold, empty and
 * huge values are all refused. Query parameters get values of the wrong type, out of range or not
 * in the enum, with NUL or invalid UTF-8, traversals, and required ones are left out; whether each
 * must be refused is decided by {@link SchemaOracle}.
 */
final class ParameterCases {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final String HUGE = "a".repeat(20_000);

  private ParameterCases() {}

  static List<HostileRequest> of(BaseRequest base, String root) {
    List<HostileRequest> out = new ArrayList<>();
    for (Param p : base.params()) {
      switch (p.in()) {
        case "path" -> path(base, p, root, out);
        case "query" -> query(base, p, out);
        case "header" -> header(base, p, out);
        default -> throw new IllegalStateException(p.name() + ": parameters in " + p.in());
      }
    }
    return out;
  }

  private static void path(BaseRequest base, Param p, String root, List<HostileRequest> out) {
    String name = "path " + p.name() + ": ";
    Traversals.pathSegment(root)
        .forEach((label, v) -> out.add(at(base, "traversal", name + label, p, v)));
    String[][] odd = {
      {"utf8", "%FF%FE"},
      {"utf8", "%C0%AF"},
      {"utf8", "%C3%28"},
      {"utf8", "%ED%A0%80"},
      {"utf8", "%F4%90%80%80"},
      {"utf8", "%80"},
      {"nul", "a%00b"},
      {"nul", "%1B%5B31m"},
      {"nul", "a%0D%0AX-Injected:%201"},
      {"types", "-leading-dash"},
      {"types", "a%20b"},
      {"types", "%3Cscript%3E"},
      {"types", "a%2Fb"},
      {"missing", ""},
      {"huge", "a".repeat(300)}
    };
    for (String[] o : odd) {
      out.add(at(base, o[0], name + o[1], p, o[1]));
    }
    out.add(
        HostileRequest.from(base, "huge", name + HUGE.length() + " characters")
            .target(base.withPath(p.name(), HUGE))
            .refused(414)
            .build());
    for (int[] bytes : new int[][] {{0xff, 0xfe}, {0xc0, 0xaf}, {0x00}}) {
      String target = base.withPath(p.name(), RawRequests.MARKER);
      out.add(
          HostileRequest.from(base, bytes[0] == 0 ? "nul" : "utf8", name + "raw bytes")
              .raw(RawRequests.withBytes(base, target, bytes))
              .refused()
              .build());
    }
  }

  private static HostileRequest at(
      BaseRequest base, String category, String what, Param p, String v) {
    return HostileRequest.from(base, category, what)
        .target(base.withPath(p.name(), v))
        .refused()
        .build();
  }

  private static void query(BaseRequest base, Param p, List<HostileRequest> out) {
    String name = "query " + p.name() + ": ";
    if (p.required()) {
      out.add(
          HostileRequest.from(base, "missing", name + "left out")
              .target(base.withQuery(p.name(), null))
              .refused(400)
              .build());
    }
    for (String[] v : QueryValues.of(p.schema())) {
      String encoded = v[1];
      String decoded = v[2];
      boolean valid = valid(p, decoded);
      var b =
          HostileRequest.from(base, v[0], name + encoded).target(base.withQuery(p.name(), encoded));
      out.add((valid ? b.maySucceed() : b.refused(400)).build());
    }
    out.add(
        HostileRequest.from(base, "huge", name + HUGE.length() + " characters")
            .target(base.withQuery(p.name(), HUGE))
            .refused(414)
            .build());
  }

  private static void header(BaseRequest base, Param p, List<HostileRequest> out) {
    String name = "header " + p.name() + ": ";
    String[][] values = {
      {"missing", "empty", ""},
      {"types", "a space", "a b"},
      {"utf8", "not ASCII", "caf\u00e9"},
      {"nul", "a tab", "a\tb"},
      {"huge", "256 characters", "k".repeat(256)},
      {"traversal", "../", "../../secret.yaml"},
    };
    for (String[] v : values) {
      boolean valid = valid(p, v[2]);
      var b = HostileRequest.from(base, v[0], name + v[1]).header(p.name(), v[2]);
      out.add((valid ? b.maySucceed() : b.refused(400)).build());
    }
    out.add(
        HostileRequest.from(base, "huge", name + "a value over the header limit")
            .header(p.name(), "k".repeat(20_000))
            .refused(431)
            .build());
  }

  /** Whether a decoded query value is of the parameter's type and valid for its schema. */
  static boolean valid(Param p, String decoded) {
    var types = SchemaOracle.types(p.schema());
    Object value = decoded;
    if (types.contains("integer") || types.contains("number")) {
      if (!(types.contains("number") ? NUMBER : INTEGER).matcher(decoded).matches()) {
        return false;
      }
      value = new BigDecimal(decoded);
    } else if (types.contains("boolean")) {
      if (!decoded.equals("true") && !decoded.equals("false")) {
        return false;
      }
      value = Boolean.valueOf(decoded);
    }
    return SchemaOracle.accepts(p.schema(), value);
  }
}
