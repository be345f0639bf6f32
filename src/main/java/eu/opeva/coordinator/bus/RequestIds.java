package eu.opeva.coordinator.bus;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.ContextInternal;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the HTTP request being served: taken from the client's {@code X-Request-Id} when it is
 * a sane token, else made up; kept in the request's own (duplicated) Vert.x context, so every bus
 * request sent while serving it carries the id as a header and the consumer's logs can name it.
 */
public final class RequestIds {
  /** The HTTP header, and the event-bus header of the same name. */
  public static final String HEADER = "X-Request-Id";

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final String KEY = "opeva.request-id";

  private RequestIds() {}

  /** The client's id when it is a plain token of at most 128 characters, else a new one. */
  public static String accept(String fromClient) {
    return fromClient != null && SANE.matcher(fromClient).matches() ? fromClient : newId();
  }

  /**
   * A new random (version 4) UUID from the thread's own generator: request ids only tell requests
   * apart in logs, so they need no secure randomness, whose shared generator was a measurable share
   * of a small request's CPU.
   */
  static String newId() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** Binds the id to the current context (the request's own context on an HTTP handler). */
  public static void bind(String id) {
    if (Vertx.currentContext() instanceof ContextInternal context) {
      context.localContextData().put(KEY, id);
    }
  }

  /**
   * On the consumer side of a bus request: binds the id the message carries to the context it is
   * handled on, when that context is the message's own (duplicated) one, so what the consumer logs
   * while serving it names the request.
   */
  public static void bindFrom(Message<?> msg) {
    String id = msg.headers() == null ? null : msg.headers().get(HEADER);
    if (id != null
        && Vertx.currentContext() instanceof ContextInternal context
        && context.isDuplicate()) {
      context.localContextData().put(KEY, id);
    }
  }

  /** The id bound to the current context, or null outside a request. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context instanceof ContextInternal internal
        ? (String) internal.localContextData().get(KEY)
        : null;
  }

  /** The options with the current request's id as a header (the same options outside one). */
  static DeliveryOptions withCurrent(DeliveryOptions options) {
    String id = current();
    if (id == null) {
      return options;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (options.getHeaders() != null) {
      headers.addAll(options.getHeaders());
    }
    headers.set(HEADER, id);
    return new DeliveryOptions()
        .setSendTimeout(options.getSendTimeout())
        .setCodecName(options.getCodecName())
        .setLocalOnly(options.isLocalOnly())
        .setTracingPolicy(options.getTracingPolicy())
        .setHeaders(headers);
  }

  /** The request id a bus message was sent with, or "-" when none. */
  public static String of(Message<?> msg) {
    String id = msg.headers() == null ? null : msg.headers().get(HEADER);
    return id == null ? "-" : id;
  }
}
