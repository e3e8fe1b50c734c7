package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load benchmark's agent side (in the benchmark JVM, never the node's): {@code calls} calls
 * posting {@code rate} events/s each to {@code POST /call-event} over a pool of keep-alive
 * connections (each connection is reused for every request; an agent posting many events should do
 * the same, or use the TCP bridge). Two workloads:
 * <ul>
 *   <li>{@code hard}: every event is a final customer line, so sentiment runs on every event;
 *   <li>{@code realistic}: a turn cycle of ten events per call (agent state changes, two STT
 *       interims and a final customer line, a tool call, an agent interim and final line, metrics).
 * </ul>
 * Every transcript text starts with a mark {@code b:<post µs>:<event n>} (in consonants, so no
 * redaction pattern takes it for a number: {@link #consonants}) from which dashboards measure
 * latency and delivery.
 */
final class CallLoad implements AutoCloseable {
  enum Workload {
    REALISTIC, HARD;

    static Workload of(String s) {
      return valueOf(s.trim().toUpperCase());
    }

    String id() {
      return name().toLowerCase();
    }
  }

  static final String MARK = "b:";
  private static final String[] CUSTOMER = {
    "I have been waiting for twenty minutes and nobody can tell me where my order is",
    "thanks, that is really helpful",
    "no that is not what I asked, this is the third time I call about it",
    "can you check the delivery address please",
    "okay that works for me",
    "this is ridiculous, I want to cancel my subscription",
    "I'm not sure I understand the charge on my bill",
    "great, thank you so much for sorting that out",
  };
  private static final String[] AGENT = {
    "let me look that up for you", "I can see your order was shipped yesterday", "I understand, I'm sorry about that",
    "is there anything else I can help with",
  };

  private final HttpClient http;
  private final String prefix;
  private final int calls;
  final Workload workload;
  private final int[] step;
  /** dashboards watching each call's room (set by the dashboards before the run). */
  final int[] watchers;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger inflight = new AtomicInteger();
  private final int maxInflight;
  private final Pacer pacer;
  private volatile boolean recording;
  private volatile String lastError;

  final AtomicLong offered = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  /** final lines posted while recording × dashboards watching their room. */
  final AtomicLong expectedLines = new AtomicLong();
  final Stats post = new Stats();
  /** "room#seq" → post time (µs) of each event posted while recording and accepted with a seq: calls.active upserts carry last_seq. */
  final Map<String, Long> postedAtSeq = new ConcurrentHashMap<>();
  /** event numbers n of the recorded window: (recordFrom, recordTo]. */
  volatile long recordFrom = Long.MAX_VALUE;
  volatile long recordTo = Long.MAX_VALUE;

  CallLoad(Vertx vertx, int port, String prefix, int calls, int connections, Workload workload) {
    this.pacer = new Pacer(vertx, 5);
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true).setConnectTimeout(5000),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    this.prefix = prefix;
    this.calls = calls;
    this.workload = workload;
    this.step = new int[calls];
    this.watchers = new int[calls];
    for (int i = 0; i < calls; i++) {
      step[i] = i % 10; // calls are at different points of their turn cycle
    }
    this.maxInflight = connections * 8;
  }

  String room(int i) {
    return prefix + "-" + i;
  }

  int calls() {
    return calls;
  }

  /** POSTs one event; the reply body (for its seq) or a failure for any non-2xx. */
  Future<String> post(int call, String type, String dataJson) {
    String room = room(call);
    Buffer body = Buffer.buffer("{\"room_name\":\"" + room + "\",\"session_id\":\"s-" + room + "\",\"event_type\":\"" + type + "\",\"data\":" + dataJson + "}");
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/call-event")
            .putHeader("Content-Type", "application/json").putHeader("X-API-Key", BenchNode.AGENT_KEY))
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().compose(b -> resp.statusCode() / 100 == 2
            ? Future.succeededFuture(b.toString())
            : Future.failedFuture("HTTP " + resp.statusCode() + " " + b)));
  }

  Future<Void> startCalls() {
    return Agents.each(calls, 64, i -> post(i, "call_started", "{\"agent\":\"bench-bot\",\"customer\":\"Customer " + i + "\",\"language\":\"en\"}"));
  }

  /** Posts events at {@code rate} per call per second until {@link #stop()} (calls take turns). */
  void run(double rate) {
    int[] next = {0};
    pacer.start(calls * rate, () -> {
      int call = next[0];
      next[0] = (next[0] + 1) % calls;
      if (recording) {
        offered.incrementAndGet();
      }
      if (inflight.get() >= maxInflight) {
        if (recording) {
          skipped.incrementAndGet();
        }
        return;
      }
      sendOne(call);
    });
  }

  private void record(boolean on) {
    if (on) {
      recordFrom = seq.get();
      recordTo = Long.MAX_VALUE;
      recording = true;
    } else {
      recording = false;
      recordTo = seq.get();
    }
  }

  /** Records the events posted over the next {@code seconds} (the caller's thread sleeps meanwhile); the seconds measured. */
  double recordFor(int seconds) throws InterruptedException {
    long t0 = System.nanoTime();
    record(true);
    Thread.sleep(seconds * 1000L);
    record(false);
    return (System.nanoTime() - t0) / 1e9;
  }

  boolean inWindow(long n) {
    return n > recordFrom && n <= recordTo;
  }

  private void sendOne(int call) {
    long n = seq.incrementAndGet();
    int k = step[call]++;
    String mark = MARK + consonants(Clock.micros()) + ":" + consonants(n) + " ";
    String type;
    String data;
    boolean finalLine = false;
    if (workload == Workload.HARD) {
      type = "transcript";
      data = "{\"role\":\"user\",\"text\":\"" + mark + CUSTOMER[k % CUSTOMER.length] + "\",\"final\":true}";
      finalLine = true;
    } else {
      int cycle = k / 10;
      switch (k % 10) {
        case 0 -> { type = "agent_state"; data = "{\"state\":\"listening\"}"; }
        case 1, 2 -> { type = "transcript"; data = "{\"role\":\"user\",\"text\":\"" + mark + "I have\",\"final\":false,\"segment_id\":\"u" + cycle + "\"}"; }
        case 3 -> { type = "transcript"; data = "{\"role\":\"user\",\"text\":\"" + mark + CUSTOMER[cycle % CUSTOMER.length] + "\",\"final\":true,\"segment_id\":\"u" + cycle + "\"}"; finalLine = true; }
        case 4 -> { type = "agent_state"; data = "{\"state\":\"thinking\"}"; }
        case 5 -> { type = "tool_call"; data = "{\"name\":\"lookup_order\",\"args\":{\"order\":\"A" + cycle + "\"},\"result\":{\"status\":\"shipped\"},\"duration_ms\":42}"; }
        case 6 -> { type = "agent_state"; data = "{\"state\":\"speaking\"}"; }
        case 7 -> { type = "transcript"; data = "{\"role\":\"agent\",\"text\":\"" + mark + "let me\",\"final\":false,\"segment_id\":\"a" + cycle + "\"}"; }
        case 8 -> { type = "transcript"; data = "{\"role\":\"agent\",\"text\":\"" + mark + AGENT[cycle % AGENT.length] + "\",\"final\":true,\"segment_id\":\"a" + cycle + "\"}"; finalLine = true; }
        default -> { type = "metrics"; data = "{\"stt_ms\":120,\"llm_ttft_ms\":310,\"tts_ttfb_ms\":150,\"e2e_ms\":640}"; }
      }
    }
    boolean rec = recording;
    int watching = finalLine && rec ? watchers[call] : 0;
    expectedLines.addAndGet(watching);
    inflight.incrementAndGet();
    long t0 = System.nanoTime();
    long postedMicros = Clock.micros();
    String room = room(call);
    post(call, type, data).onComplete(ar -> {
      inflight.decrementAndGet();
      if (ar.succeeded()) {
        long s = seqOf(ar.result());
        if (s >= 0 && rec) {
          postedAtSeq.put(room + "#" + s, postedMicros);
        }
        if (rec) {
          accepted.incrementAndGet();
          post.add((System.nanoTime() - t0) / 1000);
        }
      } else {
        expectedLines.addAndGet(-watching);
        if (rec) {
          failed.incrementAndGet();
        }
        lastError = String.valueOf(ar.cause().getMessage());
      }
    });
  }

  /** The {@code seq} of an accepted reply, -1 when it has none (a duplicate or a debug event). */
  static long seqOf(String reply) {
    int i = reply.indexOf("\"seq\":");
    if (i < 0) {
      return -1;
    }
    int j = i + 6;
    int e = j;
    while (e < reply.length() && Character.isDigit(reply.charAt(e))) {
      e++;
    }
    return e > j ? Long.parseLong(reply, j, e, 10) : -1;
  }

  /** {post µs, n} of a marked text, null for any other text. */
  static long[] parseMark(String text) {
    if (text == null || !text.startsWith(MARK)) {
      return null;
    }
    int c = text.indexOf(':', MARK.length());
    if (c < 0) {
      return null;
    }
    int sp = text.indexOf(' ', c + 1);
    long at = fromConsonants(text, MARK.length(), c);
    long n = fromConsonants(text, c + 1, sp < 0 ? text.length() : sp);
    return at < 0 || n < 0 ? null : new long[] {at, n};
  }

  /**
   * A number in base 20 written with consonants only: no digit, so a viewer's redaction passes the
   * mark like any word, and no vowel, so it never spells a number word or "at" that would send the
   * line through every redaction pattern (a real call's lines mostly have neither).
   */
  static String consonants(long v) {
    if (v == 0) {
      return String.valueOf(CONSONANTS.charAt(0));
    }
    StringBuilder sb = new StringBuilder();
    for (long x = v; x > 0; x /= CONSONANTS.length()) {
      sb.append(CONSONANTS.charAt((int) (x % CONSONANTS.length())));
    }
    return sb.reverse().toString();
  }

  /** The number {@link #consonants} wrote at text[from, to), or -1. */
  static long fromConsonants(String text, int from, int to) {
    if (to <= from) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = CONSONANTS.indexOf(text.charAt(i));
      if (d < 0) {
        return -1;
      }
      v = v * CONSONANTS.length() + d;
    }
    return v;
  }

  private static final String CONSONANTS = "bcdfghjklmnpqrstvwxz";

  int inflight() {
    return inflight.get();
  }

  String lastError() {
    return lastError;
  }

  void stop() {
    pacer.stop();
  }

  /** Waits (caller thread, not an event loop) until no post is in flight, at most 10 s. */
  void drain() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (inflight.get() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    drain();
    http.close();
  }
}
