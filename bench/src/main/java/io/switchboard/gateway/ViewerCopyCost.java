package io.switchboard.gateway;

import io.switchboard.platform.config.Settings;
import io.switchboard.redaction.LiveRedaction;
import io.switchboard.redaction.RedactionConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/**
 * CPU µs (this thread's CPU time) per viewer socket of one calls.active delta of 40 upserts, from
 * the published delta to the socket's encoded envelope: a copy, a redaction and an encoding per
 * socket (before) vs {@link BridgeBodies} on the shared delta (after: one redaction and one
 * encoding per delta, the envelope per socket). In the gateway's package only to reach BridgeBodies.
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
      // before: the event bus copies the delta per socket, each viewer copy is redacted and each envelope encoded
      double before = perSocket(published, sockets, delta -> envelope(redaction.redact(delta.copy())));
      // after: one shared delta (SharedJsonCodec), redacted and encoded once (BridgeBodies), each envelope wraps the text
      BridgeBodies bodies = new BridgeBodies(redaction::redact);
      double after = perSocket(published, sockets, delta -> envelope(bodies.forSocket("calls.active", delta, true)));
      if (round == 1) {
        System.out.println(new JsonObject().put("sockets", sockets).put("upserts_per_delta", 40)
            .put("per_viewer_socket_us_copy_redact_encode_each", before).put("per_viewer_socket_us_bridge_bodies", after).encodePrettily());
      }
    }
  }

  private static String envelope(Object body) {
    return new JsonObject().put("type", "rec").put("address", "calls.active").put("body", body).encode();
  }

  /** CPU µs per socket and delta of {@code perSocket} (this thread's CPU time). */
  private static double perSocket(JsonObject[] published, int sockets, java.util.function.Function<JsonObject, String> perSocket) {
    var threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    long sink = 0;
    for (JsonObject delta : published) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (int s = 0; s < sockets; s++) {
        sink += perSocket.apply(delta).length();
      }
      cpu += threads.getCurrentThreadCpuTime() - c0;
    }
    if (sink == 42) {
      System.out.print("");
    }
    return Math.round(cpu / 1000.0 / published.length / sockets * 100) / 100.0;
  }
}
