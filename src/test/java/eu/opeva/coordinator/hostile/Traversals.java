package eu.opeva.coordinator.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and paths that lead out of where they may lead, in plain, percent-encoded and
 * double-encoded forms, with backslashes, NUL bytes and absolute paths ({@code root}: the shared
 * root, whose {@code secret.yaml} is outside every folder a request may reach).
 */
final class Traversals {
  private Traversals() {}

  /** As decoded text (JSON string values, form fields). */
  static Map<String, String> body(String root) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("../", "../secret.yaml");
    out.put("../ deep", "../../../../../../etc/passwd");
    out.put("..%2f", "..%2fsecret.yaml");
    out.put("%2e%2e%2f", "%2e%2e%2fsecret.yaml");
    out.put("double-encoded", "%252e%252e%252fsecret.yaml");
    out.put("backslash", "..\\secret.yaml");
    out.put("backslashes", "..\\..\\..\\windows\\win.ini");
    out.put("absolute", "/etc/passwd");
    out.put("absolute in the shared root", root + "/secret.yaml");
    out.put("drive letter", "C:\\secret.yaml");
    out.put("NUL", "secret.yaml\u0000.yaml");
    out.put("....//", "....//secret.yaml");
    out.put("./../", "./../secret.yaml");
    out.put("configs/../", "configs/../secret.yaml");
    out.put("a/../../", "a/../../secret.yaml");
    out.put("..", "..");
    out.put(".", ".");
    return out;
  }

  /** As sent in a path segment (percent-encoded or deliberately not). */
  static Map<String, String> pathSegment(String root) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("../ raw", "../../secret.yaml");
    out.put("..%2F", "..%2F..%2Fsecret.yaml");
    out.put("..%2f", "..%2fsecret.yaml");
    out.put("%2e%2e%2f", "%2e%2e%2fsecret.yaml");
    out.put("%2E%2E", "%2E%2E");
    out.put("double-encoded", "%252e%252e%252fsecret.yaml");
    out.put("double-encoded backslash", "..%255csecret.yaml");
    out.put("..%5C", "..%5C..%5Csecret.yaml");
    out.put("backslash raw", "..\\secret.yaml");
    out.put("..", "..");
    out.put(".", ".");
    out.put("absolute", "%2Fetc%2Fpasswd");
    out.put("absolute in the shared root", BaseRequest.encode(root + "/secret.yaml"));
    out.put("drive letter", "C%3A%5Csecret.yaml");
    out.put("....//", "....%2F%2Fsecret.yaml");
    out.put("..;", "..%3B");
    out.put("NUL", "%00");
    out.put("NUL inside", "demo.yaml%00.txt");
    return out;
  }
}
