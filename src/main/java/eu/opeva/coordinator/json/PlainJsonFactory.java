package eu.opeva.coordinator.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * The JSON codec of this process (registered for Vert.x's {@link io.vertx.core.spi.JsonFactory}
 * service): Vert.x's own, except that decimals are written plainly ({@link PlainNumbers}). Jackson
 * writes a {@code Double} such as an epoch time read back from a file as {@code 1.796115626604E9};
 * with this codec every JSON text (answers, files, bus messages, agent reports) reads {@code
 * 1796115626.604}, whatever path the number took.
 */
public final class PlainJsonFactory implements io.vertx.core.spi.JsonFactory {
  private static final JsonCodec CODEC = new Codec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }

  private static final class Codec extends JacksonCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public String toString(Object object, boolean pretty) throws EncodeException {
      StringWriter out = new StringWriter();
      try (JsonGenerator generator = generator(FACTORY.createGenerator((Writer) out), pretty)) {
        encodeJson(object, generator);
      } catch (IOException e) {
        throw new EncodeException(e.getMessage(), e);
      }
      return out.toString();
    }

    @Override
    public Buffer toBuffer(Object object, boolean pretty) throws EncodeException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (JsonGenerator generator = generator(FACTORY.createGenerator(out), pretty)) {
        encodeJson(object, generator);
      } catch (IOException e) {
        throw new EncodeException(e.getMessage(), e);
      }
      return Buffer.buffer(out.toByteArray());
    }

    private static JsonGenerator generator(JsonGenerator raw, boolean pretty) {
      if (pretty) {
        raw.useDefaultPrettyPrinter();
      }
      return new PlainDecimals(raw);
    }
  }

  /** Writes doubles, floats and big decimals in their plain form. */
  private static final class PlainDecimals extends JsonGeneratorDelegate {
    PlainDecimals(JsonGenerator delegate) {
      super(delegate, false);
    }

    @Override
    public void writeNumber(double v) throws IOException {
      String plain = PlainNumbers.of(v);
      if (plain == null) {
        super.writeNumber(v);
      } else {
        super.writeNumber(plain);
      }
    }

    @Override
    public void writeNumber(float v) throws IOException {
      String plain =
          Float.isFinite(v) ? PlainNumbers.of(Double.parseDouble(Float.toString(v))) : null;
      if (plain == null) {
        super.writeNumber(v);
      } else {
        super.writeNumber(plain);
      }
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
      String plain = v == null ? null : PlainNumbers.of(v);
      if (plain == null) {
        super.writeNumber(v);
      } else {
        super.writeNumber(plain);
      }
    }
  }
}
