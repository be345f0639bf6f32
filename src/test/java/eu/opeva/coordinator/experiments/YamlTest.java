package eu.opeva.coordinator.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Experiment configs are written as the YAML they were submitted as, and read safely")
class YamlTest {
  @Test
  @DisplayName("nested objects and lists survive a dump and a parse unchanged, in both key orders")
  void nestedRoundTrip() throws Exception {
    JsonObject config =
        new JsonObject()
            .put("simulation", new JsonObject().put("episodes", 3).put("seconds_per_episode", 0.05))
            .put(
                "experiment",
                new JsonObject()
                    .put("name", "Demo")
                    .put("tags", new JsonArray().add("a").add(new JsonObject().put("k", true))));

    for (String yaml : new String[] {Yaml.dump(config), Yaml.dumpSorted(config)}) {
      assertThat(yaml).doesNotContain("map:", "empty:");
      assertThat(Yaml.parse(yaml, 1 << 20)).isEqualTo(config);
    }
    assertThat(Yaml.dumpSorted(config)).startsWith("experiment:");
  }

  static final long MAX = 1 << 20;

  static ApiFailure refusal(String yaml) {
    return catchThrowableOfType(() -> Yaml.parse(yaml, MAX), ApiFailure.class);
  }

  @Test
  @DisplayName("a billion laughs is refused at once, at its first alias over the limit")
  void billionLaughs() {
    StringBuilder doc = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char level = 'b'; level <= 'j'; level++) {
      char prev = (char) (level - 1);
      doc.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        doc.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      doc.append("]\n");
    }
    long start = System.nanoTime();
    ApiFailure f = refusal(doc.toString());
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.getMessage()).contains("aliases");

    // Few aliases, but each doubling the document: refused by the expanded size.
    StringBuilder doubling = new StringBuilder("l0: &l0 [" + "1,".repeat(99) + "1]\n");
    for (int i = 1; i <= 24; i++) {
      doubling.append("l" + i + ": &l" + i + " [*l" + (i - 1) + ", *l" + (i - 1) + "]\n");
    }
    ApiFailure big = refusal(doubling.toString());
    assertThat(big.status()).isEqualTo(400);
    assertThat(big.getMessage()).contains("values once its aliases are expanded");
  }

  @Test
  @DisplayName("tags of any kind are refused; nesting beyond the limit is refused")
  void tagsAndDepth() {
    for (String tagged :
        new String[] {
          "x: !!java.net.URL [\"http://evil.example\"]\n",
          "x: !!python/object/apply:os.system [\"id\"]\n",
          "x: !custom 1\n",
          "!!map {a: 1}\n",
          "x: !!str 5\n",
          "x: !!binary aGk=\n"
        }) {
      ApiFailure f = refusal(tagged);
      assertThat(f).as(tagged).isNotNull();
      assertThat(f.status()).as(tagged).isEqualTo(400);
      assertThat(f.getMessage()).as(tagged).contains("tags");
    }
    ApiFailure deep = refusal("a: " + "[".repeat(100) + "]".repeat(100) + "\n");
    assertThat(deep.status()).isEqualTo(400);
    assertThat(deep.getMessage()).contains("nested deeper than 64");
    assertThat(Yaml.parse("a: " + "[".repeat(60) + "]".repeat(60) + "\n", MAX)).isNotNull();
  }

  @Test
  @DisplayName("aliases are expanded and merge keys merged, as YAML means them")
  void aliasesAndMerges() {
    Object parsed =
        Yaml.parse(
            "base: &base {episodes: 3, name: Base}\n"
                + "run: {<<: *base, name: Run}\n"
                + "copy: *base\n"
                + "list: &l [1, 2]\n"
                + "again: *l\n",
            MAX);
    JsonObject config = (JsonObject) parsed;
    assertThat(config.getJsonObject("run"))
        .isEqualTo(new JsonObject().put("name", "Run").put("episodes", 3));
    assertThat(config.getJsonObject("copy")).isEqualTo(config.getJsonObject("base"));
    assertThat(config.getJsonArray("again")).isEqualTo(new JsonArray().add(1).add(2));
    config.getJsonObject("copy").put("episodes", 4);
    assertThat(config.getJsonObject("base").getInteger("episodes")).isEqualTo(3);
    assertThat(refusal("a: *nowhere\n").getMessage()).contains("names no anchor");
  }

  @Test
  @DisplayName("syntax errors carry the place; size over the limit and long numbers are cheap")
  void messages() {
    ApiFailure syntax = refusal("a: [1, 2\nb: }\n");
    assertThat(syntax.status()).isEqualTo(Yaml.SYNTAX);
    assertThat(syntax.getMessage()).contains("line");
    // A very long number is read as text by Jackson's YAML parser: no slow big-number parsing.
    long start = System.nanoTime();
    assertThat(((JsonObject) Yaml.parse("a: " + "9".repeat(200_000) + "\n", MAX)).getValue("a"))
        .isInstanceOf(String.class);
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    ApiFailure size =
        catchThrowableOfType(() -> Yaml.parse("a: " + "x".repeat(5000), 1024), ApiFailure.class);
    assertThat(size).isNotNull();
    assertThat(Yaml.parse("", MAX)).isNull();
  }
}
