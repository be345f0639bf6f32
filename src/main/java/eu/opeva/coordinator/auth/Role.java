package eu.opeva.coordinator.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, and what an operation needs ({@code x-opeva-role} in the contract). Users
 * hold {@code viewer} (every read), {@code submitter} (a viewer who may also submit, stop, re-run,
 * edit configs, datasets and schedules) or {@code operator} (a submitter who may also take operator
 * actions, delete and clean up); agents are {@code agent}; {@code public} operations need nobody.
 */
public enum Role {
  PUBLIC,
  VIEWER,
  SUBMITTER,
  OPERATOR,
  AGENT;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }

  public static Optional<Role> parse(String value) {
    for (Role r : values()) {
      if (r.wire.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Whether holding this role allows an operation that needs {@code needed}. */
  public boolean allows(Role needed) {
    return switch (needed) {
      case PUBLIC -> true;
      case AGENT -> this == AGENT;
      case VIEWER -> this == VIEWER || this == SUBMITTER || this == OPERATOR;
      case SUBMITTER -> this == SUBMITTER || this == OPERATOR;
      case OPERATOR -> this == OPERATOR;
    };
  }

  /** Roles a user may be given in the roles file. */
  public boolean isUserRole() {
    return this == VIEWER || this == SUBMITTER || this == OPERATOR;
  }
}
