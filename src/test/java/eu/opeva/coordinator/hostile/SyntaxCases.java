package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.hostile.BaseRequest.Body;
import io.vertx.core.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile JSON bodies as a whole: not an object, empty, broken or non-standard syntax, nested ten
 * thousand levels deep, compressed without the server asking for it.
 */
final class SyntaxCases {
  private SyntaxCases() {}

  static List<HostileRequest> of(BaseRequest base) {
    List<HostileRequest> out = new ArrayList<>();
    if (base.kind() != Body.JSON) {
      return out;
    }
    String encoded = base.json().encode();
    String inner = encoded.length() > 2 ? encoded.substring(1, encoded.length() - 1) : "\"h\": 1";
    String json = "{" + inner + "}";
    for (Object top : new Object[] {new JsonArray(), "x", 1, true, null}) {
      String what = "the body is " + (top == null ? "null" : top.getClass().getSimpleName());
      out.add(BodyCases.classify(base, "types", what, BodyCases.bytes(top), top, false));
    }
    var empty = HostileRequest.from(base, "missing", "an empty body").body(new byte[0]);
    out.add(base.bodyRequired() ? empty.refused(400).build() : empty.maySucceed().build());
    String[][] broken = {
      {"truncated", json.substring(0, json.length() / 2)},
      {"trailing garbage", json + " x"},
      {"two documents", json + json},
      {"single quotes", json.replace('"', '\'')},
      {"unquoted key", "{hostile: 1, " + inner + "}"},
      {"trailing comma", "{" + inner + ",}"},
      {"deep arrays", "[".repeat(FieldValues.DEEP) + "]".repeat(FieldValues.DEEP)},
      {"deep objects", new String(FieldValues.nested(FieldValues.DEEP), StandardCharsets.UTF_8)},
      {"raw control character", "{\"hostile\": \"a\u0001b\", " + inner + "}"}
    };
    for (String[] b : broken) {
      out.add(
          BodyCases.classify(
              base,
              "syntax",
              b[0],
              b[1].getBytes(StandardCharsets.UTF_8),
              BodyCases.INVALID,
              false));
    }
    out.add(
        HostileRequest.from(base, "syntax", "gzip without Content-Encoding support")
            .header("Content-Encoding", "gzip")
            .body(gzip(base.body()))
            .refused(400, 415)
            .build());
    // Lenient but harmless readings: comments and a byte order mark may be accepted.
    out.add(
        HostileRequest.from(base, "syntax", "a comment")
            .body("/* hostile */" + encoded)
            .maySucceed()
            .build());
    return out;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
