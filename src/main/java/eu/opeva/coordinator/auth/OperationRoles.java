package eu.opeva.coordinator.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The role each operation needs, read from the contract ({@code x-opeva-role} on every operation;
 * the contract refuses to load without it), and which operation a request is for: literal paths by
 * a map lookup, templated ones ({@code /status/{job_id}}) by a pattern each. HEAD asks for the GET.
 */
public final class OperationRoles {
  public static final String EXTENSION = "x-opeva-role";
  public static final String JOB_EXTENSION = "x-opeva-job";

  private record Templated(HttpMethod method, Pattern path, Operation op) {}

  private final Map<String, Operation> literal = new HashMap<>();
  private final List<Templated> templated = new ArrayList<>();
  private final Map<String, Role> roles = new HashMap<>();

  public OperationRoles(OpenAPIContract contract) {
    for (Operation op : contract.operations()) {
      Object declared = op.getExtensions().get(EXTENSION);
      Role role =
          Role.parse(declared == null ? null : String.valueOf(declared))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "operation "
                              + op.getOperationId()
                              + " of the contract has no"
                              + " valid "
                              + EXTENSION
                              + " (public, viewer, submitter, operator or agent)"));
      roles.put(op.getOperationId(), role);
      String path = op.getOpenAPIPath();
      if (path.contains("{")) {
        String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        templated.add(new Templated(op.getHttpMethod(), Pattern.compile(regex), op));
      } else {
        literal.put(op.getHttpMethod().name() + ' ' + path, op);
      }
    }
  }

  /** Whether some operation has this path, with any method (then a wrong method is a 405). */
  public boolean knowsPath(String path) {
    for (HttpMethod m :
        List.of(
            HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH)) {
      if (match(m, path) != null) {
        return true;
      }
    }
    return false;
  }

  /** The operation of a request, or null. */
  public Operation match(HttpMethod method, String path) {
    HttpMethod m = method == HttpMethod.HEAD ? HttpMethod.GET : method;
    Operation op = literal.get(m.name() + ' ' + path);
    if (op != null) {
      return op;
    }
    for (Templated t : templated) {
      if (t.method().equals(m) && t.path().matcher(path).matches()) {
        return t.op();
      }
    }
    return null;
  }

  /** Whether a running job's own token may call the operation ({@code x-opeva-job: true}). */
  public boolean opensToJobs(Operation op) {
    return Boolean.TRUE.equals(op.getExtensions().get(JOB_EXTENSION));
  }

  /** The {@code job_id} path parameter of a request for {@code op}, or null when it has none. */
  public static String jobIdOf(Operation op, String path) {
    String[] template = op.getOpenAPIPath().split("/");
    String[] parts = path.split("/");
    for (int i = 0; i < template.length && i < parts.length; i++) {
      if (template[i].equals("{job_id}")) {
        return parts[i];
      }
    }
    return null;
  }

  public Role roleOf(Operation op) {
    return roles.get(op.getOperationId());
  }

  public Role roleOf(String operationId) {
    return roles.get(operationId);
  }
}
