package io.switchboard.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/**
 * The no-op baseline of the load benchmark in its own JVM: {@code POST /call-event} reads the body
 * and answers 202 with a reply of the same shape as ingest's. Prints {@code PORT <n>}; stops after
 * {@code maxSeconds} or when its stdin closes (the benchmark JVM ended).
 *
 * <pre>NoopMain maxSeconds</pre>
 */
public final class NoopMain {
  private NoopMain() {}

  public static void main(String[] a) throws Exception {
    int maxSeconds = Integer.parseInt(a[0]);
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.post("/call-event").handler(BodyHandler.create().setBodyLimit(65536)).handler(ctx ->
        ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end("{\"v\":1,\"accepted\":true,\"session_id\":\"s\",\"seq\":1,\"duplicate\":false}"));
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(20, TimeUnit.SECONDS).actualPort();
    System.out.println("PORT " + port);
    System.out.flush();
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // until EOF
        }
      } catch (Exception ignored) {
        // parent gone
      }
      System.exit(0);
    });
    watchdog.setDaemon(true);
    watchdog.start();
    Thread.sleep(maxSeconds * 1000L);
    System.exit(0);
  }
}
