package eu.opeva.coordinator.http;

import eu.opeva.coordinator.bus.RequestIds;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Requests the HTTP/1 decoder cannot take, answered in the one error shape and with the connection
 * closed. Netty quietly drops the Content-Length of a request that also says {@code
 * Transfer-Encoding: chunked}; this server refuses such a request instead (400), as RFC 9112
 * suggests: a proxy in front that believed the Content-Length would see another request in the rest
 * of the body (request smuggling). The decoder of each HTTP/1 connection is replaced, when the
 * connection is set up and before it reads a byte, by one that marks such a request as not
 * decodable.
 */
final class RequestFraming {
  static final String BOTH_LENGTHS =
      "A request may not carry both Content-Length and Transfer-Encoding";
  private static final String DECODER = "httpDecoder";

  private RequestFraming() {}

  /**
   * The server for {@code options}, with the strict decoder on every connection and the answer to
   * undecodable requests. Cleartext HTTP/2 upgrades (h2c, which no client of this service uses) are
   * turned off: with them, a connection is set up only once its first request is being decoded, too
   * late to decode that request strictly.
   */
  static HttpServer create(Vertx vertx, HttpServerOptions options) {
    options.setHttp2ClearTextEnabled(false);
    return vertx
        .createHttpServer(options)
        .connectionHandler(strictDecoder(options))
        .invalidRequestHandler(RequestFraming::refuse);
  }

  /**
   * What each new connection must go through first (for a server whose connection handler is set by
   * someone else, such as {@link ConnectionGuard}).
   */
  static Handler<HttpConnection> strictDecoder(HttpServerOptions options) {
    return connection -> guard(connection, options);
  }

  private static void guard(HttpConnection connection, HttpServerOptions options) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
      if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder current
          && !(current instanceof StrictDecoder)) {
        pipeline.replace(DECODER, DECODER, new StrictDecoder(options));
      }
    }
  }

  /** The answer to a request the decoder refused (no router, no handler has seen it). */
  private static void refuse(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    int status;
    String detail;
    if (cause instanceof BothLengths) {
      status = 400;
      detail = BOTH_LENGTHS;
    } else if (cause instanceof TooLongHttpLineException) {
      status = 414;
      detail = "The request line is too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      detail = "The request headers are too large";
    } else {
      status = 400;
      detail = "The request is not valid HTTP";
    }
    String id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
    var response = request.response();
    response
        .setStatusCode(status)
        .putHeader("Connection", "close")
        .putHeader("Content-Type", "application/json")
        .putHeader(RequestIds.HEADER, id);
    SecurityHeaders.applyNow(response);
    response.end(Responses.errorBody(detail, id));
  }

  private static final class BothLengths extends IllegalArgumentException {
    BothLengths() {
      super(BOTH_LENGTHS, null);
    }
  }

  private static final class StrictDecoder extends VertxHttpRequestDecoder {
    StrictDecoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      super.handleTransferEncodingChunkedWithContentLength(message);
      message.setDecoderResult(DecoderResult.failure(new BothLengths()));
    }
  }
}
