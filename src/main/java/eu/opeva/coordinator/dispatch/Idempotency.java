package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.jobstore.JsonPlain;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Idempotency keys of submissions ({@code Idempotency-Key}): the same key with the same request
 * within {@link #TTL_MS} gets the first request's answer and creates nothing; the same key with
 * another request is a 422. Keys are scoped by submitter (two users may use the same key). A
 * request still being made when its key comes again is waited for; a request that failed is
 * forgotten (it created nothing), so it may be sent again. The answers are kept with what they
 * created (the job's info, the pipeline's file, the schedule's file), and remembered again at
 * start. Used on the event loop of its single writer (the dispatch or the scheduler verticle).
 */
public final class Idempotency {
  /** How long a key is remembered: 24 hours. */
  public static final long TTL_MS = 24L * 3600 * 1000;

  private record Remembered(String digest, long at, Future<JsonObject> answer) {}

  /** In the order they were made (so the oldest expire first). */
  private final LinkedHashMap<String, Remembered> keys = new LinkedHashMap<>();

  /**
   * The answer to a keyed request: the first one's when the key was seen, else {@code make}'s,
   * given the record to keep with what it creates.
   */
  public Future<JsonObject> answer(
      String key,
      String submitter,
      JsonObject request,
      long now,
      Function<JobOrigin.Idempotency, Future<JsonObject>> make) {
    if (key == null) {
      return make.apply(null);
    }
    expire(now);
    String scoped = scope(submitter, key);
    String digest = digest(request);
    Remembered seen = keys.get(scoped);
    if (seen != null) {
      if (!seen.digest().equals(digest)) {
        throw new ApiFailure(
            422,
            "Idempotency-Key '"
                + key
                + "' was already used with a different request; use a new key for a new request");
      }
      return seen.answer();
    }
    Future<JsonObject> answer;
    try {
      answer = make.apply(new JobOrigin.Idempotency(key, digest, null));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    Remembered made = new Remembered(digest, now, answer);
    keys.put(scoped, made);
    answer.onFailure(err -> keys.remove(scoped, made));
    return answer;
  }

  /** A key recovered at start with the answer it got (ignored once expired). */
  public void recovered(String submitter, JobOrigin.Idempotency record, long at, long now) {
    if (record == null || record.key() == null || now - at >= TTL_MS) {
      return;
    }
    keys.put(
        scope(submitter, record.key()),
        new Remembered(
            record.digest(), at, Future.succeededFuture(JsonPlain.json(record.answer()))));
  }

  /**
   * Forgets a key whose creation is gone (a deleted schedule): the key may make a new one. Nothing
   * when the key is unknown or held by another request.
   */
  public void forget(String submitter, JobOrigin.Idempotency record) {
    if (record == null || record.key() == null) {
      return;
    }
    String scoped = scope(submitter, record.key());
    Remembered seen = keys.get(scoped);
    if (seen != null && seen.digest().equals(record.digest())) {
      keys.remove(scoped);
    }
  }

  public int size() {
    return keys.size();
  }

  private void expire(long now) {
    Iterator<Remembered> it = keys.values().iterator();
    while (it.hasNext()) {
      Remembered r = it.next();
      if (now - r.at() < TTL_MS) {
        return;
      }
      if (r.answer().isComplete()) {
        it.remove();
      }
    }
  }

  private static String scope(String submitter, String key) {
    return (submitter == null ? "" : submitter) + '\u0000' + key;
  }

  /** SHA-256 of the request as canonical JSON (keys sorted at every level). */
  public static String digest(JsonObject request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical(request).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> sorted = new TreeMap<>(o.getMap());
      StringBuilder out = new StringBuilder("{");
      sorted.forEach(
          (k, v) -> {
            if (out.length() > 1) {
              out.append(',');
            }
            out.append(scalar(k)).append(':').append(canonical(wrap(v)));
          });
      return out.append('}').toString();
    }
    if (value instanceof JsonArray a) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(canonical(wrap(a.getValue(i))));
      }
      return out.append(']').toString();
    }
    return scalar(value);
  }

  /** One value as JSON text. */
  private static String scalar(Object value) {
    String one = new JsonArray().add(value).encode();
    return one.substring(1, one.length() - 1);
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m);
    }
    if (v instanceof java.util.List<?> l) {
      return new JsonArray((java.util.List<Object>) l);
    }
    return v;
  }
}
