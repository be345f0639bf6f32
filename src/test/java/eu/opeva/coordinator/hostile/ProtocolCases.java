package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.OperationRoles;
import eu.opeva.coordinator.hostile.BaseRequest.Body;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hostile requests around the body and the method: every method the path does not take, bodies of
 * the wrong media type (or none), and bodies just over the operation's limit (with a length,
 * chunked, and announced but never sent).
 */
final class ProtocolCases {
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND");

  private ProtocolCases() {}

  /**
   * The methods no operation takes on the base's path ({@code /experiment-config/create} is also
   * {@code /experiment-config/{file_name}}, so GET there is another operation, not a wrong method).
   */
  static List<HostileRequest> methods(BaseRequest base, OperationRoles operations) {
    List<HostileRequest> out = new ArrayList<>();
    String path = base.target().split("\\?")[0];
    for (String m : METHODS) {
      if (operations.match(HttpMethod.valueOf(m), path) != null) {
        continue;
      }
      out.add(
          HostileRequest.from(base, "methods", m + " on " + base.template())
              .method(m)
              .header("Content-Type", null)
              .body((byte[]) null)
              .refused(405)
              .build());
    }
    return out;
  }

  static List<HostileRequest> contentTypes(BaseRequest base) {
    List<HostileRequest> out = new ArrayList<>();
    byte[] form = "hostile=1&name=x".getBytes(StandardCharsets.UTF_8);
    byte[] multipart = Multipart.field("hostile", "1".getBytes(StandardCharsets.UTF_8));
    String boundary = "multipart/form-data; boundary=" + Multipart.BOUNDARY;
    if (base.kind() == Body.NONE) {
      out.add(type(base, boundary, multipart).refused(415).build());
      out.add(type(base, "application/x-www-form-urlencoded", form).refused(415).build());
      return out;
    }
    byte[] body = base.body();
    List<String> wrong =
        new ArrayList<>(
            Arrays.asList(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=" + Multipart.BOUNDARY,
                "application/xml",
                "text/json",
                "application/octet-stream",
                null));
    if (base.kind() == Body.MULTIPART) {
      wrong.remove(2);
      wrong.add("application/json");
      wrong.add("multipart/form-data; boundary=another-boundary");
      wrong.add("multipart/mixed; boundary=" + Multipart.BOUNDARY);
    }
    for (String t : wrong) {
      out.add(type(base, t, body).refused(400, 415).build());
    }
    if (base.kind() == Body.JSON) {
      out.add(type(base, boundary, multipart).refused(400, 415).build());
      out.add(type(base, "application/x-www-form-urlencoded", form).refused(400, 415).build());
    }
    return out;
  }

  private static HostileRequest.Builder type(BaseRequest base, String type, byte[] body) {
    String shown = type == null ? "no Content-Type" : type;
    return HostileRequest.from(base, "content-type", shown + " (" + body.length + " bytes)")
        .header("Content-Type", type)
        .body(body);
  }

  static List<HostileRequest> oversized(BaseRequest base) {
    long limit = base.bodyLimit();
    byte[] body = over(base, (int) limit + 1);
    String type = base.contentType() == null ? "application/octet-stream" : base.contentType();
    List<HostileRequest> out = new ArrayList<>();
    out.add(
        HostileRequest.from(base, "oversized", (limit + 1) + " bytes")
            .header("Content-Type", type)
            .body(body)
            .refused(413)
            .build());
    out.add(
        HostileRequest.from(base, "oversized", (limit + 1) + " bytes, chunked")
            .header("Content-Type", type)
            .body(body)
            .chunked()
            .refused(413)
            .build());
    out.add(
        HostileRequest.from(base, "oversized", "announces 10^15 bytes, sends 10")
            .raw(RawRequests.declaring(base, 1_000_000_000_000_000L, "{\"a\": 1}\r\n".getBytes()))
            .refused(413)
            .build());
    return out;
  }

  /** A body of {@code size} bytes of the operation's media type. */
  private static byte[] over(BaseRequest base, int size) {
    if (base.kind() == Body.MULTIPART) {
      byte[] empty = Multipart.upload("hostile-big", "hostile-big.zip", new byte[0]);
      return Multipart.upload("hostile-big", "hostile-big.zip", new byte[size - empty.length]);
    }
    String head = "{\"hostile_padding\": \"";
    String tail = "\"}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail)
        .getBytes(StandardCharsets.UTF_8);
  }
}
