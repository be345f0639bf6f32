package eu.opeva.coordinator.mongo;

import java.util.regex.Pattern;

/** Site (database) names: what MongoDB accepts everywhere, minus anything surprising in a path. */
public final class SiteNames {
  public static final Pattern SITE = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  private SiteNames() {}

  public static boolean isValid(String site) {
    return site != null && SITE.matcher(site).matches() && !Databases.SYSTEM.contains(site);
  }
}
