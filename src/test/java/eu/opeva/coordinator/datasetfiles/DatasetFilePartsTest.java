package eu.opeva.coordinator.datasetfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.bus.ApiFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Dataset names and zip uploads")
class DatasetFilePartsTest {

  @Test
  @DisplayName("zip entry paths stay inside the extraction folder")
  void zipPaths() {
    Path into = Path.of("/data/datasets/.upload-x");
    assertThat(ZipExtraction.safePath(into, "a/b.csv")).isEqualTo(into.resolve("a/b.csv"));
    assertThat(ZipExtraction.safePath(into, "./a/./b.csv")).isEqualTo(into.resolve("a/b.csv"));
    assertThat(ZipExtraction.safePath(into, "./")).isNull();
    for (String bad : List.of("../x", "a/../../x", "/etc/passwd", "a\\..\\x", "C:/x", "a/..")) {
      assertThatThrownBy(() -> ZipExtraction.safePath(into, bad))
          .as(bad)
          .isInstanceOf(ApiFailure.class);
    }
  }

  @Test
  @DisplayName(
      "a CR appended to an uploaded zip is removed only when the zip does not open with it")
  void strayCarriageReturn(@TempDir Path dir) throws IOException {
    byte[] empty = ZipFixtures.zip(Map.of());
    Path damaged = dir.resolve("damaged.zip");
    Files.write(damaged, empty);
    Files.write(damaged, new byte[] {'\r'}, StandardOpenOption.APPEND);
    StrayCarriageReturn.drop(damaged);
    assertThat(Files.readAllBytes(damaged)).isEqualTo(empty);
    Path tolerated = dir.resolve("tolerated.zip");
    Files.write(tolerated, ZipFixtures.zip(Map.of("a.csv", "x")));
    Files.write(tolerated, new byte[] {'\r'}, StandardOpenOption.APPEND);
    long size = Files.size(tolerated);
    StrayCarriageReturn.drop(tolerated);
    assertThat(Files.size(tolerated)).as("readable as is, so left alone").isEqualTo(size);
  }

  @Test
  @DisplayName("dataset names are single safe path segments")
  void names() {
    assertThat(DatasetNames.isValid("living_lab-2024.v2")).isTrue();
    for (String bad : List.of("..", ".", ".hidden", "a/b", "a..b", "", "a b", "x".repeat(129))) {
      assertThat(DatasetNames.isValid(bad)).as(bad).isFalse();
    }
    assertThat(UploadForm.datasetName(null, "C:\\Users\\me\\site.zip")).isEqualTo("site");
    assertThatThrownBy(() -> UploadForm.datasetName("../x", "a.zip"))
        .hasMessage("Dataset name contains invalid characters");
    assertThatThrownBy(() -> UploadForm.datasetName(null, ".zip"))
        .hasMessage("Dataset name is required");
    assertThatThrownBy(() -> UploadForm.datasetName("y".repeat(129), "a.zip"))
        .hasMessage("Dataset name is too long");
  }
}
