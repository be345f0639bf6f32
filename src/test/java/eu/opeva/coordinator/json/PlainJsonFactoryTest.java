package eu.opeva.coordinator.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every JSON text of the process writes decimals plainly")
class PlainJsonFactoryTest {
  @Test
  @DisplayName("the process's JSON codec is the plain one (found through the service file)")
  void registered() {
    assertThat(Json.CODEC.getClass().getName()).startsWith(PlainJsonFactory.class.getName());
  }

  @Test
  @DisplayName("an epoch time parsed from a file is written back as it was, without an exponent")
  void epochTimes() {
    JsonObject read = new JsonObject("{\"submitted_at\": 1796115626.604, \"d\": 8.218}");
    assertThat(read.getValue("submitted_at")).isInstanceOf(Double.class);
    assertThat(read.encode()).isEqualTo("{\"submitted_at\":1796115626.604,\"d\":8.218}");
    assertThat(read.encodePrettily()).contains("\"submitted_at\" : 1796115626.604");
    assertThat(read.toBuffer().toString()).isEqualTo(read.encode());
  }

  @Test
  @DisplayName("whole decimals keep their .0; tiny, huge and non-finite values keep Jackson's form")
  void edges() {
    JsonArray values =
        new JsonArray()
            .add(1.5e9)
            .add(1.0)
            .add(0.0)
            .add(-2.5e-7)
            .add(1e-8)
            .add(1e22)
            .add(0.1f)
            .add(new BigDecimal("1796115626.600"))
            .add(new BigDecimal("1E+3"))
            .add(new BigDecimal("1E+30"))
            .add(new java.math.BigInteger("12345678901234567890"))
            .add(42);
    assertThat(values.encode())
        .isEqualTo(
            "[1500000000.0,1.0,0.0,-0.00000025,1.0E-8,1.0E22,0.1,"
                + "1796115626.600,1000,1E+30,12345678901234567890,42]");
    assertThat(new JsonArray(values.encode()).getDouble(0)).isEqualTo(1.5e9);
    assertThat(Json.encode(Double.NaN)).isEqualTo("\"NaN\"");
  }
}
