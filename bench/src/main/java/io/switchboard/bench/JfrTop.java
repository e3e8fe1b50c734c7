package io.switchboard.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording of the node: the top
 * methods by self samples, and the share of samples whose stack passes through each stage of the
 * event path (inclusive; a sample can count for several stages, e.g. JSON encoding inside the
 * bridge), and by innermost stage (each sample counted once, for the stage of its innermost
 * matching frame). Multiplied by the node's CPU µs per event, a share is that stage's µs per event.
 *
 * <pre>JfrTop recording.jfr [cpuMicrosPerEvent]</pre>
 */
public final class JfrTop {
  /** stage → class-name prefixes; the first matching stage of each frame counts. */
  static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("JSON Schema validation (vertx-json-schema)", List.of("io.vertx.json.schema."));
    STAGES.put("sentiment (model + escalation rules)", List.of("io.switchboard.sentiment."));
    STAGES.put("redaction (viewer lines)", List.of("io.switchboard.redaction."));
    STAGES.put("SockJS bridge", List.of("io.vertx.ext.web.handler.sockjs.", "io.vertx.ext.bridge.", "io.vertx.ext.eventbus.bridge."));
    STAGES.put("gateway code", List.of("io.switchboard.gateway."));
    STAGES.put("ingest code", List.of("io.switchboard.ingest."));
    STAGES.put("debouncer code", List.of("io.switchboard.debouncer."));
    STAGES.put("Redis client", List.of("io.vertx.redis."));
    STAGES.put("event bus", List.of("io.vertx.core.eventbus."));
    STAGES.put("JSON (Jackson / JsonObject)", List.of("com.fasterxml.jackson.", "io.vertx.core.json."));
    STAGES.put("HTTP codec + routing", List.of("io.netty.handler.codec.http.", "io.vertx.core.http.", "io.vertx.ext.web.", "io.vertx.core.net.impl.http"));
    STAGES.put("socket I/O (Netty channel, epoll/NIO)", List.of("io.netty.channel.", "sun.nio.ch."));
    STAGES.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
    STAGES.put("JFR / GC / JIT (non-Java)", List.of("jdk.jfr."));
  }

  private JfrTop() {}

  public static void main(String[] a) throws Exception {
    double us = a.length > 1 ? Double.parseDouble(a[1]) : Double.NaN;
    System.out.println(analyse(Path.of(a[0]), us, 25).encodePrettily());
  }

  static JsonObject analyse(Path jfr, double cpuMicrosPerEvent, int top) throws Exception {
    return analyse(jfr, cpuMicrosPerEvent, top, java.time.Instant.MIN, java.time.Instant.MAX);
  }

  /** Only the samples taken in [from, to] (the recording also spans the warm-up). */
  static JsonObject analyse(Path jfr, double cpuMicrosPerEvent, int top, java.time.Instant from, java.time.Instant to) throws Exception {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> stage = new LinkedHashMap<>();
    Map<String, Long> leaf = new LinkedHashMap<>();
    Map<String, Long> threads = new HashMap<>();
    long total = 0;
    try (RecordingFile f = new RecordingFile(jfr)) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
          continue;
        }
        RecordedStackTrace st = e.getStackTrace();
        if (st == null || st.getFrames().isEmpty()) {
          continue;
        }
        total++;
        var thread = e.getThread("sampledThread");
        String tn = thread == null ? "?" : String.valueOf(thread.getJavaName()).replaceAll("-\\d+$", "-N");
        threads.merge(tn, 1L, Long::sum);
        List<RecordedFrame> frames = st.getFrames();
        self.merge(name(frames.get(0)), 1L, Long::sum);
        Set<String> hit = new HashSet<>();
        String first = null;
        for (RecordedFrame fr : frames) {
          String cls = fr.getMethod().getType().getName();
          for (Map.Entry<String, List<String>> s : STAGES.entrySet()) {
            if (s.getValue().stream().anyMatch(cls::startsWith)) {
              hit.add(s.getKey());
              if (first == null) {
                first = s.getKey();
              }
              break;
            }
          }
        }
        leaf.merge(first == null ? "other (JDK only)" : first, 1L, Long::sum);
        for (String h : hit) {
          stage.merge(h, 1L, Long::sum);
        }
      }
    }
    long n = total;
    JsonArray topSelf = new JsonArray();
    self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(e -> topSelf.add(new JsonObject().put("frame", e.getKey()).put("share_pct", Stats.r(100.0 * e.getValue() / n))));
    JsonArray stages = new JsonArray();
    for (String s : STAGES.keySet()) {
      long c = stage.getOrDefault(s, 0L);
      JsonObject j = new JsonObject().put("stage", s).put("share_pct", Stats.r(100.0 * c / n));
      if (!Double.isNaN(cpuMicrosPerEvent)) {
        j.put("us_per_event", Stats.r(cpuMicrosPerEvent * c / n));
      }
      stages.add(j);
    }
    JsonArray self2 = new JsonArray();
    leaf.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
      JsonObject j = new JsonObject().put("stage", e.getKey()).put("share_pct", Stats.r(100.0 * e.getValue() / n));
      if (!Double.isNaN(cpuMicrosPerEvent)) {
        j.put("us_per_event", Stats.r(cpuMicrosPerEvent * e.getValue() / n));
      }
      self2.add(j);
    });
    JsonArray th = new JsonArray();
    threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
        .forEach(e -> th.add(new JsonObject().put("thread", e.getKey()).put("share_pct", Stats.r(100.0 * e.getValue() / n))));
    return new JsonObject().put("samples", n).put("stages_inclusive", stages).put("stages_innermost", self2).put("top_self_frames", topSelf).put("threads", th);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }
}
