package io.switchboard.platform.metrics;

import io.switchboard.contract.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

/**
 * Wraps a request-reply consumer so that its first answer — a reply or a {@code fail(code, …)} —
 * is reported with the time since the request arrived. Lets a metrics class count results
 * without touching the handler's many return paths.
 */
public final class ObservedReplies {
  private ObservedReplies() {}

  /** What a request ended with: {@code failureCode} 0 for a reply. */
  public interface Listener<T> {
    void answered(Message<T> request, int failureCode, long nanos);
  }

  public static <T> Handler<Message<T>> observe(Handler<Message<T>> handler, Listener<T> listener) {
    return msg -> handler.handle(new Observed<>(msg, listener));
  }

  /** A short name for a failure code (HTTP status semantics, see BusErrors). */
  public static String result(int failureCode) {
    if (failureCode == 0) {
      return "ok";
    }
    return BusErrors.name(failureCode, failureCode >= 500 ? "error" : "rejected");
  }

  private static final class Observed<T> implements Message<T> {
    private final Message<T> inner;
    private final Listener<T> listener;
    private final long start = System.nanoTime();
    private boolean answered;

    Observed(Message<T> inner, Listener<T> listener) {
      this.inner = inner;
      this.listener = listener;
    }

    private void done(int code) {
      if (!answered) {
        answered = true;
        listener.answered(inner, code, System.nanoTime() - start);
      }
    }

    @Override
    public String address() {
      return inner.address();
    }

    @Override
    public MultiMap headers() {
      return inner.headers();
    }

    @Override
    public T body() {
      return inner.body();
    }

    @Override
    public String replyAddress() {
      return inner.replyAddress();
    }

    @Override
    public boolean isSend() {
      return inner.isSend();
    }

    @Override
    public void reply(Object message, DeliveryOptions options) {
      done(message instanceof ReplyException re ? re.failureCode() : 0);
      inner.reply(message, options);
    }

    @Override
    public <R> Future<Message<R>> replyAndRequest(Object message, DeliveryOptions options) {
      done(0);
      return inner.replyAndRequest(message, options);
    }

    @Override
    public void fail(int failureCode, String message) {
      done(failureCode);
      inner.fail(failureCode, message);
    }
  }
}
