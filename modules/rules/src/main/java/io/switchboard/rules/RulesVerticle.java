package io.switchboard.rules;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.VerticleName;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.rules.RuleSchema;
import io.switchboard.contract.rules.Rules;
import io.switchboard.platform.cache.EventLoopCaches;
import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.rules.action.FiringActions;
import io.switchboard.rules.action.WebhookNotifier;
import io.switchboard.rules.engine.CallState;
import io.switchboard.rules.engine.CompiledRule;
import io.switchboard.rules.engine.Observation;
import io.switchboard.rules.engine.RuleEngine;
import io.switchboard.rules.engine.RuleTester;
import io.switchboard.rules.engine.RuleValidator;
import io.switchboard.rules.store.BuiltinRules;
import io.switchboard.rules.store.RuleStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin-written alert rules on live calls (docs/architecture.md#rules). Every instance receives
 * every stored call event on {@code rules.observe}, keeps each call's rule state and evaluates the
 * rules; the firing is recorded through ingest, whose per-call de-duplication makes exactly one
 * instance's firing count. Rules live in MongoDB; a change is announced on {@code rules.changed}
 * and every instance reloads. Without the store the built-in rules keep working.
 */
public final class RulesVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RulesVerticle.class);
  private static final long RETRY_MS = 5_000;

  private final RuleEngine engine = new RuleEngine();
  private final RuleValidator validator = new RuleValidator();
  private final Cache<String, CallState> calls =
      EventLoopCaches.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(4)).build();
  private RuleStore store;
  private MongoClient mongo;
  private WebClient web;
  private FiringActions actions;
  private volatile String status = "builtin";
  private volatile String storeError;
  private String node;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    RulesConfig cfg;
    try {
      cfg = RulesConfig.from(settings);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    node = NodeIdentity.of(vertx, settings);
    web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000).setKeepAlive(true));
    actions = new FiringActions(vertx.eventBus(), new WebhookNotifier(web, cfg.webhookConcurrency()), Clock.systemUTC());
    engine.replace(compileAll(BuiltinRules.load()));
    if (cfg.mongoUrl() != null) {
      mongo = MongoClient.createShared(vertx, new JsonObject()
          .put("connection_string", cfg.mongoUrl())
          .put("db_name", cfg.mongoDb())
          .put("serverSelectionTimeoutMS", cfg.mongoTimeoutMs())
          .put("connectTimeoutMS", cfg.mongoTimeoutMs()), "switchboard-rules");
      store = new RuleStore(mongo, cfg.mongoTimeoutMs() + 500L);
    }
    var bus = vertx.eventBus();
    vertx.setPeriodic(cfg.tickMs(), id -> tick());
    return Future.all(List.of(
            bus.<JsonObject>consumer(Addresses.RULES_OBSERVE, m -> observe(m.body())).completion(),
            bus.<JsonObject>consumer(Addresses.RULES_CHANGED, m -> reload()).completion(),
            bus.<Object>consumer(Addresses.RULES_LIST, this::list).completion(),
            bus.<Object>consumer(Addresses.RULES_SAVE, this::save).completion(),
            bus.<Object>consumer(Addresses.RULES_DELETE, this::delete).completion(),
            bus.<Object>consumer(Addresses.RULES_ENABLE, this::enable).completion(),
            bus.<Object>consumer(Addresses.RULES_TEST, this::test).completion(),
            HealthResponder.register(vertx, VerticleName.RULES, node, this::health)))
        .onSuccess(v -> {
          // the store may be slow or down: the built-ins run meanwhile, and loading retries
          seedAndLoad();
          LOG.atInfo().addKeyValue("rules", engine.rules().size()).log("rules ready");
        });
  }

  @Override
  public Future<?> stop() {
    if (web != null) {
      web.close();
    }
    return mongo == null ? Future.succeededFuture() : mongo.close();
  }

  private Future<HealthReply> health() {
    JsonObject details = new JsonObject().put("rules", engine.rules().size()).put("store", status).put("calls", calls.estimatedSize());
    if (storeError != null) {
      details.put("store_error", storeError);
    }
    return Future.succeededFuture(new HealthReply(VerticleName.RULES.id(), node, true, details));
  }

  // ---- evaluation ------------------------------------------------------------------------------

  private void observe(JsonObject body) {
    Observation o;
    try {
      o = Observation.fromJson(body);
    } catch (RuntimeException e) {
      return;
    }
    if (o.room() == null || o.sessionId() == null || o.is(EventType.RULE_FIRED)) {
      return;
    }
    String key = o.room() + "|" + o.sessionId();
    CallState call = calls.get(key, k -> new CallState(o.room(), o.sessionId(), o.at()));
    List<RuleEngine.Fired> fired = engine.observe(call, o);
    if (call.ended()) {
      calls.invalidate(key);
    }
    actions.run(o.room(), o.sessionId(), fired);
  }

  private void tick() {
    long now = System.currentTimeMillis();
    for (CallState call : calls.asMap().values()) {
      List<RuleEngine.Fired> fired = engine.tick(call, now);
      if (!fired.isEmpty()) {
        actions.run(call.room(), call.sessionId(), fired);
      }
    }
  }

  // ---- store and reload --------------------------------------------------------------------------

  private void seedAndLoad() {
    if (store == null) {
      status = "builtin";
      return;
    }
    store.seed(BuiltinRules.load(), System.currentTimeMillis())
        .compose(seeded -> reload())
        .onFailure(err -> {
          markUnavailable(err);
          vertx.setTimer(RETRY_MS, id -> seedAndLoad());
        });
  }

  private Future<Void> reload() {
    if (store == null) {
      return Future.succeededFuture();
    }
    return store.all()
        .onSuccess(docs -> {
          engine.replace(compileAll(docs));
          status = "stored";
          storeError = null;
          LOG.atInfo().addKeyValue("rules", docs.size()).addKeyValue("address", Addresses.RULES_CHANGED).log("rules loaded");
        })
        .onFailure(this::markUnavailable)
        .mapEmpty();
  }

  private void markUnavailable(Throwable err) {
    status = "unavailable";
    storeError = String.valueOf(err.getMessage());
    LOG.atWarn().addKeyValue("error", storeError).log("rule store unavailable; keeping the rules loaded before");
  }

  private List<CompiledRule> compileAll(List<JsonObject> docs) {
    List<CompiledRule> out = new ArrayList<>();
    for (JsonObject d : docs) {
      RuleValidator.Outcome r = validator.check(d);
      if (r.ok()) {
        out.add(r.rule());
      } else {
        LOG.atWarn().addKeyValue("rule", d.getString(Rules.ID)).addKeyValue("problem", r.problem().toString()).log("stored rule skipped");
      }
    }
    // built-ins first (most urgent first), then the admins' rules by id: a stable alert order
    out.sort((a, b) -> a.builtin() != b.builtin() ? (a.builtin() ? -1 : 1) : a.builtin() ? 0 : a.id().compareTo(b.id()));
    return out;
  }

  // ---- admin API -----------------------------------------------------------------------------------

  private void list(Message<Object> msg) {
    List<JsonObject> rules = engine.rules().stream().map(CompiledRule::source).toList();
    if (store == null) {
      msg.reply(listReply(rules));
      return;
    }
    store.all()
        .onSuccess(docs -> msg.reply(listReply(docs)))
        .onFailure(err -> {
          // a dead store degrades editing, not reading: show what this node runs, marked as such
          markUnavailable(err);
          msg.reply(listReply(rules).put("status", "unavailable").put("store_error", String.valueOf(err.getMessage())));
        });
  }

  private JsonObject listReply(List<JsonObject> rules) {
    JsonArray a = new JsonArray();
    rules.stream().sorted((x, y) -> x.getString(Rules.ID).compareTo(y.getString(Rules.ID))).forEach(a::add);
    return new JsonObject().put("rules", a).put("status", status);
  }

  private void save(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body) || !(body.getValue("rule") instanceof JsonObject rule)) {
      badRequest(msg, new RuleSchema.Problem("", "body must be {rule: {...}}"));
      return;
    }
    if (!writable(msg)) {
      return;
    }
    String pathId = body.getString("id");
    if (pathId != null && !pathId.equals(rule.getString(Rules.ID))) {
      if (rule.getValue(Rules.ID) == null) {
        rule.put(Rules.ID, pathId);
      } else {
        badRequest(msg, new RuleSchema.Problem("/id", "the rule's id must match the id in the path (" + pathId + ")"));
        return;
      }
    }
    rule.put(Rules.UPDATED_AT, System.currentTimeMillis()).put(Rules.UPDATED_BY, msg.headers().get(CallerHeaders.USER));
    rule.remove(Rules.BUILTIN);
    RuleValidator.Outcome checked = validator.check(rule);
    if (!checked.ok()) {
      badRequest(msg, checked.problem());
      return;
    }
    String id = rule.getString(Rules.ID);
    boolean create = body.getBoolean("create", false);
    store.get(id)
        .compose(existing -> {
          if (create && existing != null) {
            return Future.failedFuture(new Conflict("a rule with id '" + id + "' exists"));
          }
          if (!create && existing == null) {
            return Future.failedFuture(new Missing("no rule with id '" + id + "'"));
          }
          if (existing != null && existing.getBoolean(Rules.BUILTIN, false)) {
            rule.put(Rules.BUILTIN, true); // an edited built-in is still the built-in of its reason
          }
          return store.put(rule);
        })
        .onSuccess(v -> changed(msg, id, rule))
        .onFailure(err -> failStore(msg, err));
  }

  private void enable(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body) || body.getString("id") == null || !(body.getValue("enabled") instanceof Boolean on)) {
      badRequest(msg, new RuleSchema.Problem("/enabled", "body must be {enabled: true|false}"));
      return;
    }
    if (!writable(msg)) {
      return;
    }
    String id = body.getString("id");
    store.get(id)
        .compose(existing -> {
          if (existing == null) {
            return Future.failedFuture(new Missing("no rule with id '" + id + "'"));
          }
          existing.put(Rules.ENABLED, on).put(Rules.UPDATED_AT, System.currentTimeMillis()).put(Rules.UPDATED_BY, msg.headers().get(CallerHeaders.USER));
          return store.put(existing).map(existing);
        })
        .onSuccess(rule -> changed(msg, id, rule))
        .onFailure(err -> failStore(msg, err));
  }

  private void delete(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body) || body.getString("id") == null) {
      badRequest(msg, new RuleSchema.Problem("/id", "id is required"));
      return;
    }
    if (!writable(msg)) {
      return;
    }
    String id = body.getString("id");
    store.delete(id)
        .compose(removed -> removed ? Future.succeededFuture() : Future.failedFuture(new Missing("no rule with id '" + id + "'")))
        .onSuccess(v -> changed(msg, id, new JsonObject().put("deleted", id)))
        .onFailure(err -> failStore(msg, err));
  }

  private void test(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body) || !(body.getValue("rule") instanceof JsonObject rule)) {
      badRequest(msg, new RuleSchema.Problem("", "body must be {rule: {...}, transcript: \"...\"}"));
      return;
    }
    RuleValidator.Outcome checked = validator.check(rule);
    if (!checked.ok()) {
      badRequest(msg, checked.problem());
      return;
    }
    List<RuleTester.Line> lines = RuleTester.parse(body.getValue("transcript"));
    if (lines.size() > 2_000) {
      badRequest(msg, new RuleSchema.Problem("/transcript", "at most 2000 lines"));
      return;
    }
    msg.reply(RuleTester.run(checked.rule(), lines, body.getString("language"), body.getString("agent")));
  }

  /** Stored: tell every instance (this one included) to reload, then answer. */
  private void changed(Message<Object> msg, String id, JsonObject reply) {
    String by = msg.headers().get(CallerHeaders.USER);
    LOG.atInfo().addKeyValue("rule", id).addKeyValue("by", by).addKeyValue("address", Addresses.RULES_CHANGED).log("rule changed");
    vertx.eventBus().publish(Addresses.RULES_CHANGED, new JsonObject().put("id", id).put("by", by));
    msg.reply(reply);
  }

  private boolean writable(Message<Object> msg) {
    // the gateway checks the role already; a bus client that skipped it still cannot edit
    if (!"admin".equals(msg.headers().get(CallerHeaders.ROLE))) {
      msg.fail(BusErrors.FORBIDDEN, "editing rules requires role admin");
      return false;
    }
    if (store == null) {
      msg.fail(BusErrors.UNAVAILABLE, "no rule store configured (mongo.url): the built-in rules cannot be edited");
      return false;
    }
    return true;
  }

  private static void badRequest(Message<Object> msg, RuleSchema.Problem p) {
    // the gateway turns "<pointer>: <message>" into {pointer, message}
    msg.fail(BusErrors.BAD_REQUEST, (p.pointer().isEmpty() ? "/" : p.pointer()) + ": " + p.message());
  }

  private static void failStore(Message<Object> msg, Throwable err) {
    if (err instanceof Conflict) {
      msg.fail(BusErrors.CONFLICT, err.getMessage());
    } else if (err instanceof Missing) {
      msg.fail(BusErrors.NOT_FOUND, err.getMessage());
    } else {
      msg.fail(BusErrors.UNAVAILABLE, "rule store unavailable: " + err.getMessage());
    }
  }

  private static final class Conflict extends RuntimeException {
    Conflict(String m) {
      super(m, null, false, false);
    }
  }

  private static final class Missing extends RuntimeException {
    Missing(String m) {
      super(m, null, false, false);
    }
  }
}
