package io.switchboard.gateway;

import io.switchboard.platform.config.Settings;
import io.switchboard.redaction.LiveRedaction;
import io.switchboard.redaction.RedactionConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/**
 * CPU µs (this thread's CPU time) per viewer socket of one calls.active delta of 40 upserts:
 * redacting each socket's copy (before) vs {@link ViewerCopies} (after: one redaction per delta,
 * an equality check per further socket). In the gateway's package only to reach ViewerCopies.
 * Benchmarks only.
 *
 * <pre>ViewerCopyCost [deltas] [sockets]</pre>
 */
public final class ViewerCopyCost {
  private ViewerCopyCost() {}

  public static void main(String[] a) {
    int deltas = a.length > 0 ? Integer.parseInt(a[0]) : 400;
    int sockets = a.length > 1 ? Integer.parseInt(a[1]) : 20;
    LiveRedaction redaction = new LiveRedaction(RedactionConfig.from(new Settings(new JsonObject())));
    JsonObject[] published = new JsonObject[deltas];
    for (int d = 0; d < deltas; d++) {
      JsonArray upserts = new JsonArray();
      for (int k = 0; k < 40; k++) {
        upserts.add(new JsonObject().put("room", "ld-" + k).put("session_id", "s-ld-" + k).put("last_seq", d + k).put("sentiment", "negative")
            .put("sentiment_score", -0.4).put("customer", "Customer " + k).put("interim", new JsonObject().put("role", "user").put("text", "b:x:" + d + " I have").put("segment_id", "u1")));
      }
      published[d] = new JsonObject().put("v", 1).put("upserts", upserts).put("removes", new JsonArray());
    }
    for (int round = 0; round < 2; round++) { // the first round warms up
      double before = perSocket(published, sockets, body -> redaction.redact(body));
      ViewerCopies copies = new ViewerCopies(redaction::redact);
      double after = perSocket(published, sockets, body -> copies.redacted("calls.active", body));
      if (round == 1) {
        System.out.println(new JsonObject().put("sockets", sockets).put("upserts_per_delta", 40)
            .put("per_socket_us_redact_each_copy", before).put("per_socket_us_viewer_copies", after).encodePrettily());
      }
    }
  }

  private static double perSocket(JsonObject[] published, int sockets, java.util.function.UnaryOperator<JsonObject> viewerCopy) {
    var threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    for (JsonObject delta : published) {
      JsonObject[] copies = new JsonObject[sockets];
      for (int s = 0; s < sockets; s++) {
        copies[s] = delta.copy(); // the event bus hands each socket its own copy (not counted)
      }
      long c0 = threads.getCurrentThreadCpuTime();
      for (int s = 0; s < sockets; s++) {
        copies[s] = viewerCopy.apply(copies[s]);
      }
      cpu += threads.getCurrentThreadCpuTime() - c0;
    }
    return Math.round(cpu / 1000.0 / published.length / sockets * 100) / 100.0;
  }
}
