package io.switchboard.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /auth/login {username, password}} → {@code {token, user, role, expires_at}}. */
final class AuthRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
  private final UserDirectory users;
  private final Tokens tokens;
  private final LoginThrottle throttle = new LoginThrottle(5, 60_000);

  AuthRoutes(UserDirectory users, Tokens tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  void mount(Router router) {
    router.post("/auth/login").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(this::login);
    router.route("/auth/login").handler(ctx -> HttpErrors.send(ctx, 405, "method_not_allowed", "use POST /auth/login"));
  }

  private void login(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !(body.getValue("username") instanceof String user) || !(body.getValue("password") instanceof String password)) {
      HttpErrors.send(ctx, 400, "bad_request", "expected JSON {username, password}");
      return;
    }
    String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    String key = client + "|" + user;
    if (throttle.blocked(key)) {
      HttpErrors.send(ctx, 429, "too_many_requests", "too many failed logins; wait a minute");
      return;
    }
    // PBKDF2 is deliberately slow: keep it off the event loop
    ctx.vertx()
        .executeBlocking(() -> users.verify(user, password), false)
        .onComplete(ar -> {
          if (ar.failed() || ar.result().isEmpty()) {
            throttle.failed(key);
            LOG.atInfo().addKeyValue("user", user).addKeyValue("client", client).log("login failed");
            HttpErrors.send(ctx, 401, "unauthorized", "wrong user name or password");
            return;
          }
          throttle.succeeded(key);
          UserDirectory.Account account = ar.result().get();
          LOG.atInfo().addKeyValue("user", account.username()).addKeyValue("role", account.role().id()).log("login");
          ctx.response()
              .putHeader("Content-Type", "application/json")
              .putHeader("Cache-Control", "no-store")
              .end(new JsonObject()
                  .put("token", tokens.issue(account.username(), account.role()))
                  .put("user", account.username())
                  .put("role", account.role().id())
                  .put("expires_at", Instant.now().plusSeconds(tokens.lifetimeSeconds()).toString())
                  .encode());
        });
  }
}
