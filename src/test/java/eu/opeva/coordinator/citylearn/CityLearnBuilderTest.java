package eu.opeva.coordinator.citylearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The CityLearn builder on documents held in memory")
class CityLearnBuilderTest {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final TimeGrid GRID =
      new TimeGrid(START.toEpochMilli(), START.plusSeconds(3 * 3600).toEpochMilli(), 3_600_000);

  /** Records what the builder reports. */
  static final class Recorded implements BuildProgress {
    final List<String> phases = new ArrayList<>();
    long documents;
    int buildingsDone;

    @Override
    public void phase(String phase) {
      phases.add(phase);
    }

    @Override
    public void building(String id) {}

    @Override
    public void buildingDone() {
      buildingsDone++;
    }

    @Override
    public void counted(long documents, long rows) {
      this.documents += documents;
    }

    @Override
    public boolean cancelled() {
      return false;
    }
  }

  /** Hands out the given documents of each collection and remembers which streams were closed. */
  static final class InMemory implements DocumentStream.Opener {
    final Map<String, List<DocumentStream.Timed>> byCollection;
    final List<String> closed = new ArrayList<>();

    InMemory(Map<String, List<DocumentStream.Timed>> byCollection) {
      this.byCollection = byCollection;
    }

    @Override
    public DocumentStream open(String collection, Instant from, Instant until) {
      assertThat(from).isEqualTo(START);
      assertThat(until).isEqualTo(START.plusSeconds(3 * 3600));
      Iterator<DocumentStream.Timed> it = byCollection.get(collection).iterator();
      return new DocumentStream() {
        @Override
        public Timed next() {
          return it.hasNext() ? it.next() : null;
        }

        @Override
        public void close() {
          closed.add(collection);
        }
      };
    }
  }

  static DocumentStream.Timed doc(int minute, double load) {
    Instant ts = START.plusSeconds(minute * 60L);
    return new DocumentStream.Timed(
        ts,
        new JsonObject()
            .put("timestamp", ts.toString())
            .put("non_shiftable_load", load)
            .put("electricity_pricing", 0.1));
  }

  static CityLearnBuilder builder(Path dir, Recorded progress, InMemory docs) {
    return new CityLearnBuilder(
        dir, GRID, CityLearnOptions.of(new JsonObject()), "test", 60, progress, docs);
  }

  @Test
  @DisplayName("writes each building's rows and schema.json, and reports its progress")
  void builds(@TempDir Path dir) throws IOException {
    Recorded progress = new Recorded();
    InMemory docs =
        new InMemory(Map.of("building_1", List.of(doc(30, 1), doc(90, 2), doc(150, 3))));
    List<String> warnings = new ArrayList<>();
    JsonObject site =
        new JsonObject().put("buildings", new JsonObject().put("1", new JsonObject()));
    builder(dir, progress, docs).build(site, Map.of("1", "building_1"), warnings);

    List<String> energy = Files.readAllLines(dir.resolve("1.csv"));
    assertThat(energy).hasSize(4);
    assertThat(energy.get(0)).startsWith("month,hour,day_type,daylight_savings_status,");
    assertThat(energy.subList(1, 4).stream().map(l -> l.split(",")[7]))
        .containsExactly("1.0", "2.0", "3.0");
    assertThat(Files.readAllLines(dir.resolve("pricing.csv")).get(1)).startsWith("0.1,");
    JsonObject schema = new JsonObject(Files.readString(dir.resolve("schema.json")));
    assertThat(schema.getInteger("simulation_end_time_step")).isEqualTo(2);
    assertThat(schema.getString("description")).isEqualTo("test");
    assertThat(schema.getJsonObject("buildings").getJsonObject("1").getString("energy_simulation"))
        .isEqualTo("1.csv");
    assertThat(warnings).anyMatch(w -> w.contains("with deterministic defaults"));
    assertThat(progress.phases).containsExactly("exporting", "validating");
    assertThat(progress.buildingsDone).isEqualTo(1);
    assertThat(progress.documents).isEqualTo(3);
    assertThat(docs.closed).containsExactly("building_1");
  }

  @Test
  @DisplayName("a reference building without records is a 404")
  void emptyReference(@TempDir Path dir) {
    InMemory docs = new InMemory(Map.of("building_1", List.of()));
    JsonObject site =
        new JsonObject().put("buildings", new JsonObject().put("1", new JsonObject()));
    assertThatThrownBy(
            () ->
                builder(dir, new Recorded(), docs)
                    .build(site, Map.of("1", "building_1"), new ArrayList<>()))
        .isInstanceOf(ApiFailure.class)
        .hasMessage("No records available for pricing/weather/carbon reference data.")
        .satisfies(e -> assertThat(((ApiFailure) e).status()).isEqualTo(404));
    assertThat(docs.closed).containsExactly("building_1");
  }

  @Test
  @DisplayName("the time window is the span every collection covers, within the request, floored")
  void timeWindow() {
    JsonObject a =
        new JsonObject()
            .put("oldest", "2024-01-01T00:10:00Z")
            .put("newest", "2024-01-01T05:50:00Z");
    JsonObject b =
        new JsonObject()
            .put("oldest", "2024-01-01T01:20:00Z")
            .put("newest", "2024-01-01T09:00:00Z");
    JsonObject empty = new JsonObject().putNull("oldest").putNull("newest");
    TimeGrid grid = TimeWindow.of(List.of(a, b, empty), null, null, 60);
    assertThat(grid.label(0)).isEqualTo(Instant.parse("2024-01-01T02:00:00Z"));
    assertThat(grid.rows()).isEqualTo(4);
    TimeGrid narrowed =
        TimeWindow.of(List.of(a, b), null, Instant.parse("2024-01-01T03:30:00Z"), 30);
    assertThat(narrowed.rows()).isEqualTo(5);
    assertThatThrownBy(() -> TimeWindow.of(List.of(empty), null, null, 60))
        .isInstanceOf(ApiFailure.class);
    assertThatThrownBy(
            () -> TimeWindow.of(List.of(a), Instant.parse("2024-01-01T05:10:00Z"), null, 60))
        .hasMessageStartingWith("Invalid time range");
  }
}
