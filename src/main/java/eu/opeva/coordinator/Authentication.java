package eu.opeva.coordinator;

import eu.opeva.coordinator.auth.AuthFiles;
import eu.opeva.coordinator.auth.AuthService;
import eu.opeva.coordinator.auth.Credentials;
import eu.opeva.coordinator.auth.JobTokens;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authentication at start: the credential files prepared (first start) and loaded, or off. */
final class Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private Authentication() {}

  static Future<AuthService> start(Vertx vertx, Settings config, Clock clock) {
    Settings.Auth auth = config.auth();
    if (!auth.enabled()) {
      LOG.warn(
          "authentication is OFF (AUTH_ENABLED=false): anyone who reaches {}:{} may submit,"
              + " delete and act as any worker",
          config.http().host(),
          config.http().port());
      return vertx.executeBlocking(() -> AuthService.disabled(JobTokens.load(auth.home())));
    }
    return vertx.executeBlocking(
        () -> {
          JobTokens jobTokens = JobTokens.load(auth.home());
          AuthFiles.Paths paths = AuthFiles.prepare(auth, config.hosts().available());
          Credentials credentials = Credentials.load(vertx, paths);
          LOG.info(
              "authentication on: users from {} (roles {}), agent tokens from {}",
              paths.htpasswd(),
              paths.roles(),
              paths.agentTokens());
          return AuthService.enabled(
              vertx, credentials, auth.failedLoginsPerMinute(), auth.cacheTtl(), clock, jobTokens);
        });
  }
}
