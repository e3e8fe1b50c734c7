package io.switchboard.gateway;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BrowserAccess.Role;
import io.switchboard.contract.RoomNames;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.control.ControlActions;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * {@code /api/*} for scripts and operators, with the same JWT and roles as the bridge:
 * calls and history (viewer), supervisor actions (supervisor), KPIs (viewer), audit (admin).
 * The dashboard itself uses the bridge for live data.
 */
final class ApiRoutes {
  private static final String CALLER = "caller";
  private static final Set<String> NUMERIC = Set.of("afterSeq", "limit", "page", "size");
  private final Tokens tokens;
  private final HttpToBus bus;

  ApiRoutes(Tokens tokens, HttpToBus bus) {
    this.tokens = tokens;
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/me").handler(require(Role.VIEWER)).handler(ctx -> {
      Tokens.Caller c = ctx.get(CALLER);
      ctx.json(new JsonObject().put("user", c.user()).put("role", c.role().id()));
    });
    router.get("/api/calls").handler(require(Role.VIEWER)).handler(ctx -> forward(ctx, Addresses.CALLS_SNAPSHOT, new JsonObject()));
    // archive search and review, answered by analytics
    router.get("/api/calls/search").handler(require(Role.VIEWER)).handler(this::search);
    router.get("/api/calls/archive/:callId").handler(require(Role.VIEWER))
        .handler(ctx -> forward(ctx, Addresses.ARCHIVE_CALL, new JsonObject().put("call_id", ctx.pathParam("callId"))));
    router.get("/api/calls/:room/history").handler(require(Role.VIEWER)).handler(this::history);
    router.post("/api/calls/:room/:action").handler(BodyHandler.create(false).setBodyLimit(8192)).handler(require(Role.SUPERVISOR)).handler(this::control);
    router.get("/api/analytics/kpis").handler(require(Role.VIEWER)).handler(ctx -> forward(ctx, Addresses.ANALYTICS_QUERY, params(ctx.queryParams())));
    router.get("/api/audit").handler(require(Role.ADMIN)).handler(ctx -> forward(ctx, Addresses.AUDIT_QUERY, params(ctx.queryParams())));
    mountRules(router);
  }

  /** Rules: everyone may read them, only admins change or test them (docs/openapi.yaml). */
  private void mountRules(Router router) {
    router.get("/api/rules").handler(require(Role.VIEWER)).handler(ctx -> forward(ctx, Addresses.RULES_LIST, new JsonObject()));
    router.post("/api/rules/test").handler(BodyHandler.create(false).setBodyLimit(262_144)).handler(require(Role.ADMIN))
        .handler(ctx -> rules(ctx, Addresses.RULES_TEST, b -> b, 200));
    router.post("/api/rules").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(require(Role.ADMIN))
        .handler(ctx -> rules(ctx, Addresses.RULES_SAVE, b -> new JsonObject().put("rule", b).put("create", true), 201));
    router.put("/api/rules/:id").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(require(Role.ADMIN))
        .handler(ctx -> rules(ctx, Addresses.RULES_SAVE, b -> new JsonObject().put("rule", b).put("id", ctx.pathParam("id")), 200));
    router.delete("/api/rules/:id").handler(require(Role.ADMIN))
        .handler(ctx -> rules(ctx, Addresses.RULES_DELETE, b -> new JsonObject().put("id", ctx.pathParam("id")), 200));
    router.post("/api/rules/:id/enabled").handler(BodyHandler.create(false).setBodyLimit(1024)).handler(require(Role.ADMIN))
        .handler(ctx -> rules(ctx, Addresses.RULES_ENABLE, b -> b.put("id", ctx.pathParam("id")), 200));
  }

  /** Forwards a rules request; a refused rule's 400 carries the JSON pointer of the field ({@code pointer}). */
  private void rules(RoutingContext ctx, String address, java.util.function.UnaryOperator<JsonObject> wrap, int status) {
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      HttpErrors.send(ctx, 400, "bad_request", "body must be a JSON object");
      return;
    }
    if (body == null) {
      body = new JsonObject();
    }
    Tokens.Caller caller = ctx.get(CALLER);
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(10_000).addHeader(CallerHeaders.USER, caller.user()).addHeader(CallerHeaders.ROLE, caller.role().id());
    ctx.vertx().eventBus().<Object>request(address, wrap.apply(body), options)
        .onSuccess(reply -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
            .end(reply.body() instanceof JsonObject j ? j.encode() : new JsonObject().put("ok", true).encode()))
        .onFailure(err -> {
          if (err instanceof io.vertx.core.eventbus.ReplyException re && re.failureCode() == 400 && String.valueOf(re.getMessage()).startsWith("/")) {
            String m = re.getMessage();
            int cut = m.indexOf(": ");
            String pointer = cut > 0 ? m.substring(0, cut) : "/";
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "bad_request").put("message", m).put("pointer", pointer.equals("/") ? "" : pointer).encode());
            return;
          }
          HttpToBus.fail(ctx, address, err);
        });
  }

  /** 401 without a valid token, 403 below the role. */
  private Handler<RoutingContext> require(Role minimum) {
    return ctx -> tokens.verify(ctx.request().getHeader("Authorization"))
        .onFailure(err -> {
          ctx.response().putHeader("WWW-Authenticate", "Bearer");
          HttpErrors.send(ctx, 401, "unauthorized", "a valid Bearer token is required (POST /auth/login)");
        })
        .onSuccess(caller -> {
          if (!caller.atLeast(minimum)) {
            HttpErrors.send(ctx, 403, "forbidden", "requires role " + minimum.id());
            return;
          }
          ctx.put(CALLER, caller);
          ctx.next();
        });
  }

  private void search(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ArchiveParams.search(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      HttpErrors.send(ctx, 400, "bad_request", e.getMessage());
      return;
    }
    forward(ctx, Addresses.ARCHIVE_SEARCH, body);
  }

  private void history(RoutingContext ctx) {
    JsonObject body = params(ctx.queryParams()).put("room", ctx.pathParam("room"));
    if (!(body.getValue("afterSeq", 0L) instanceof Number) || !(body.getValue("limit", 0) instanceof Number)) {
      HttpErrors.send(ctx, 400, "bad_request", "afterSeq and limit must be whole numbers");
      return;
    }
    forward(ctx, Addresses.CALL_HISTORY, body);
  }

  private void control(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    String room = ctx.pathParam("room");
    if (!ControlActions.ALL.contains(action)) {
      HttpErrors.send(ctx, 404, "not_found", "unknown action '" + action + "' (" + String.join(", ", ControlActions.ALL) + ")");
      return;
    }
    if (!RoomNames.isValid(room)) {
      HttpErrors.send(ctx, 400, "bad_request", RoomNames.problem(room));
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      HttpErrors.send(ctx, 400, "bad_request", "body must be a JSON object");
      return;
    }
    if (body == null) {
      body = new JsonObject();
    }
    body.put("room", room);
    Tokens.Caller caller = ctx.get(CALLER);
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(15_000).addHeader(CallerHeaders.USER, caller.user()).addHeader(CallerHeaders.ROLE, caller.role().id());
    bus.forward(ctx, ControlActions.address(action), body, options, 200);
  }

  private void forward(RoutingContext ctx, String address, JsonObject body) {
    Tokens.Caller caller = ctx.get(CALLER);
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(10_000).addHeader(CallerHeaders.USER, caller.user()).addHeader(CallerHeaders.ROLE, caller.role().id());
    bus.forward(ctx, address, body, options, 200);
  }

  /** Query parameters as JSON; the numeric ones as numbers when they parse. */
  static JsonObject params(MultiMap query) {
    JsonObject out = new JsonObject();
    for (String name : query.names()) {
      String value = query.get(name);
      if (NUMERIC.contains(name)) {
        try {
          out.put(name, Long.parseLong(value));
          continue;
        } catch (NumberFormatException e) {
          // left as text: the receiving service rejects it with a 400 that names the field
        }
      }
      out.put(name, value);
    }
    return out;
  }
}
