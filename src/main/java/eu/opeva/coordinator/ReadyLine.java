package eu.opeva.coordinator;

import eu.opeva.coordinator.auth.AuthFiles;
import eu.opeva.coordinator.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one line {@code serve} logs once it answers: where to point a browser or curl, what it
 * listens on (all interfaces for {@code 0.0.0.0}), the shared directory, the local worker, and a
 * command to try with the credentials of the first start when their file is there.
 */
final class ReadyLine {
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

  private ReadyLine() {}

  /** Blocking (a file check): call it off the event loop. */
  static String of(Settings config, int port) {
    String listen = config.http().host();
    String url = "http://" + urlHost(listen) + ":" + port + "/";
    StringBuilder line =
        new StringBuilder("ready at ")
            .append(url)
            .append(" (listening on ")
            .append(bracketed(listen))
            .append(':')
            .append(port)
            .append(wildcard(listen) ? ", all interfaces" : "")
            .append("); shared directory ")
            .append(config.storage().sharedRoot());
    if (config.localWorker().enabled()) {
      line.append("; local worker '").append(config.localWorker().workerId()).append('\'');
    }
    return line.append(". Try: ").append(sample(config, url)).toString();
  }

  private static String sample(Settings config, String url) {
    if (!config.auth().enabled()) {
      return "curl " + url + "jobs";
    }
    Path password = AuthFiles.paths(config.auth()).adminPassword();
    if (Files.isRegularFile(password)) {
      return "curl -u \""
          + AuthFiles.ADMIN
          + ":$(cat "
          + shellWord(password.toString())
          + ")\" "
          + url
          + "jobs";
    }
    return "curl -u <user>:<password> " + url + "jobs";
  }

  private static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /** The host of the URL: localhost for a wildcard address, an IPv6 address in brackets. */
  static String urlHost(String listen) {
    return wildcard(listen) ? "localhost" : bracketed(listen);
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String shellWord(String s) {
    return PLAIN_WORD.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
