package eu.opeva.coordinator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Job ids: the allow-list")
class SafeNamesTest {
  /** The rule as a pattern: 1 to 128 of [A-Za-z0-9_.-], a letter or digit first, no "..". */
  static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  static boolean byRule(String id) {
    return RULE.matcher(id).matches() && !id.contains("..");
  }

  @Test
  @DisplayName(
      "uuids and legacy ids pass; empty, too long, leading punctuation, .. and others fail")
  void examples() {
    assertThat(SafeNames.isJobId("6f1c0b1e-8d7a-4f55-9a3e-2b1d3c4e5f60")).isTrue();
    assertThat(SafeNames.isJobId("sample_job")).isTrue();
    assertThat(SafeNames.isJobId("a.b")).isTrue();
    assertThat(SafeNames.isJobId("a".repeat(128))).isTrue();
    for (String bad :
        new String[] {
          null, "", "a".repeat(129), ".a", "_a", "-a", "a..b", "a/b", "a b", "é", "a\u0000"
        }) {
      assertThat(SafeNames.isJobId(bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  @DisplayName("100,000 random names: the same answer as the pattern")
  void sameAsThePattern() {
    Random random = new Random(20261201L);
    for (int n = 0; n < 100_000; n++) {
      String alphabet = n % 2 == 0 ? "aZ09_-aZ09_-." : "aZ09_.-/ é.";
      StringBuilder id = new StringBuilder();
      int length = random.nextInt(5) == 0 ? 120 + random.nextInt(12) : random.nextInt(8);
      for (int i = 0; i < length; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(SafeNames.isJobId(id.toString()))
          .as(id.toString())
          .isEqualTo(byRule(id.toString()));
    }
  }
}
