package io.switchboard.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Events held back by the send-order guard (docs/architecture.md#ordering), each waiting for the
 * send_seq just before its own. When send_seq N of a session is applied (by any ingest instance of
 * any node: {@link SendOrderWakeups} hears it from Redis; an instance of this JVM also says so
 * directly), the waiter for N + 1 retries at once; nobody else wakes, so a burst costs one retry per
 * event instead of one per waiter per applied event. Shared by every ingest instance of this JVM.
 */
final class SendOrderWaits {
  private static final ConcurrentMap<String, Runnable> WAITING = new ConcurrentHashMap<>();

  private SendOrderWaits() {}

  static void await(String room, String session, long sendSeq, Runnable retry) {
    WAITING.put(key(room, session, sendSeq), retry);
  }

  static void forget(String room, String session, long sendSeq, Runnable retry) {
    WAITING.remove(key(room, session, sendSeq), retry);
  }

  /** send_seq {@code applied} of the session is in: wake the event after it (it runs on its own context). */
  static void applied(String room, String session, long applied) {
    Runnable next = WAITING.remove(key(room, session, applied + 1));
    if (next != null) {
      next.run();
    }
  }

  private static String key(String room, String session, long sendSeq) {
    return room + '|' + session + '|' + sendSeq;
  }
}
