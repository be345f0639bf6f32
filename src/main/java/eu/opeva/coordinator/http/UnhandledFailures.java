package eu.opeva.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Vert.x does with an exception no handler caught: logged at ERROR with its stack, as Vert.x
 * itself would, except one known race of vertx-web 5.0 that is no fault of ours and is answered
 * anyway. When a multipart upload goes over its body limit just after its file part ended, the body
 * handler's cancel of the upload closes a file stream that is closed already and throws "File
 * handle is closed"; the request is then answered 413 ({@link ErrorAnswers}), and this is a warning
 * line.
 */
public final class UnhandledFailures implements Handler<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnhandledFailures.class);

  private UnhandledFailures() {}

  /** Makes this the handler of {@code vertx} unless it has one of its own already. */
  public static void install(Vertx vertx) {
    if (vertx.exceptionHandler() == null) {
      vertx.exceptionHandler(new UnhandledFailures());
    }
  }

  @Override
  public void handle(Throwable failure) {
    if (isUploadCancelRace(failure)) {
      LOG.warn(
          "an upload over its limit was cancelled after its file had been closed (answered 413)");
      return;
    }
    LOG.error("Unhandled exception", failure);
  }

  private static boolean isUploadCancelRace(Throwable failure) {
    if (!(failure instanceof IllegalStateException)
        || !"File handle is closed".equals(failure.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getMethodName().equals("cancelStreamToFileSystem")) {
        return true;
      }
    }
    return false;
  }
}
