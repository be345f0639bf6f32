package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.hostile.BaseRequest.Body;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile dataset uploads (a multipart form): names that lead out of the datasets folder or hold
 * NUL, invalid UTF-8 or too many characters, a missing or misnamed file, a corrupt zip, zips whose
 * entries lead out, and the name of a dataset that exists.
 */
final class UploadCases {
  private UploadCases() {}

  static List<HostileRequest> of(BaseRequest base, String root, byte[] zip) {
    List<HostileRequest> out = new ArrayList<>();
    if (base.kind() != Body.MULTIPART) {
      return out;
    }
    Traversals.body(root)
        .forEach(
            (label, name) ->
                out.add(
                    form(base, "traversal", "name: " + label, name, "x.zip", zip)
                        .refused()
                        .build()));
    out.add(form(base, "nul", "name: NUL", "a\u0000b", "x.zip", zip).refused(400).build());
    out.add(
        form(base, "huge", "name: 300 characters", "a".repeat(300), "x.zip", zip)
            .refused(400)
            .build());
    out.add(
        HostileRequest.from(base, "utf8", "name: invalid UTF-8")
            .body(withRawName(new byte[] {'a', (byte) 0xff, (byte) 0xfe}, zip))
            .refused(400)
            .build());
    out.add(
        HostileRequest.from(base, "missing", "no file part")
            .body(Multipart.upload("hostile-nofile", null, null))
            .refused(400)
            .build());
    out.add(
        form(base, "types", "file: not a .zip", "hostile-txt", "data.txt", zip)
            .refused(400)
            .build());
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    out.add(
        form(base, "types", "file: corrupt zip", "hostile-corrupt", "c.zip", noise)
            .refused(400)
            .build());
    Map<String, String> entries =
        Map.of(
            "../evil.csv", "parent",
            "/abs.csv", "absolute",
            "a\\..\\..\\evil.csv", "backslashes",
            "a/../../evil.csv", "inner parent",
            "nul\u0000.csv", "NUL");
    entries.forEach(
        (entry, label) ->
            out.add(
                form(
                        base,
                        "traversal",
                        "zip entry: " + label,
                        "hostile-entry-" + label.replace(' ', '-'),
                        "e.zip",
                        Multipart.zip(Map.of(entry, "x\n")))
                    .refused(400)
                    .build()));
    out.add(
        form(base, "conflict", "the name of an existing dataset", SeededState.DATASET, "p.zip", zip)
            .refused(409)
            .build());
    return out;
  }

  private static HostileRequest.Builder form(
      BaseRequest base, String category, String what, String name, String fileName, byte[] file) {
    return HostileRequest.from(base, category, what).body(Multipart.upload(name, fileName, file));
  }

  /** A form whose name field holds raw bytes, followed by the file. */
  private static byte[] withRawName(byte[] name, byte[] zip) {
    byte[] field = Multipart.field("name", name);
    byte[] file = Multipart.upload(null, "x.zip", zip);
    String closing = "--" + Multipart.BOUNDARY + "--\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(field, 0, field.length - closing.getBytes(StandardCharsets.UTF_8).length);
    out.writeBytes(file);
    return out.toByteArray();
  }
}
