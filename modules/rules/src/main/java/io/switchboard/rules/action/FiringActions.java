package io.switchboard.rules.action;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.SchemaVersion;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.rules.RuleFiring;
import io.switchboard.contract.rules.Rules;
import io.switchboard.contract.sentiment.Alert;
import io.switchboard.rules.engine.RuleEngine.Fired;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the actions of the rules one event fired. First the firing is recorded on the call through
 * ingest ({@code rule_fired}, event id {@code rule:<id>}): that stores the rule log line (archived
 * with the call), adds the tags and sets the suggestion. Ingest de-duplicates by event id per call,
 * so when several rules instances evaluated the same event only the one whose record was new
 * alerts and notifies. Then one alert for every supervisor on {@code alerts} (all of the event's
 * alerting rules, most severe first, like the escalation alerts before) and the webhooks.
 */
public final class FiringActions {
  private static final Logger LOG = LoggerFactory.getLogger(FiringActions.class);

  private final EventBus bus;
  private final WebhookNotifier webhooks;
  private final Clock clock;

  public FiringActions(EventBus bus, WebhookNotifier webhooks, Clock clock) {
    this.bus = bus;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** Records each firing, then alerts once for those this instance recorded first. */
  public Future<List<Fired>> run(String room, String session, List<Fired> fired) {
    if (fired.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Future<Fired>> recorded = new ArrayList<>();
    for (Fired f : fired) {
      recorded.add(record(room, session, f.firing()).map(won -> won ? f : null));
    }
    return Future.join(recorded).transform(ar -> {
      List<Fired> won = new ArrayList<>();
      for (Future<Fired> r : recorded) {
        if (r.succeeded() && r.result() != null) {
          won.add(r.result());
        }
      }
      alert(room, session, won);
      for (Fired f : won) {
        webhooks.notify(f.rule().webhooks(), payload(room, session, f.firing()));
        LOG.atInfo()
            .addKeyValue("room", room)
            .addKeyValue("session", session)
            .addKeyValue("rule", f.rule().id())
            .addKeyValue("seq", f.firing().seq())
            .addKeyValue("address", Addresses.INGEST_CALL_EVENT)
            .log("rule fired");
      }
      return Future.succeededFuture(won);
    });
  }

  /** True when this firing was new for the call (false: another instance recorded it first). */
  private Future<Boolean> record(String room, String session, RuleFiring firing) {
    CallEvent event = new CallEvent(room, session, EventType.RULE_FIRED.wire(), "rule:" + firing.ruleId(), 0, firing.toJson());
    return bus.<JsonObject>request(Addresses.INGEST_CALL_EVENT, event.toJson(), new DeliveryOptions().setSendTimeout(3000))
        .map(reply -> !reply.body().getBoolean("duplicate", false))
        .recover(err -> {
          // the call's record failed (ingest or Redis down, call just ended): the supervisors still hear of it
          LOG.atWarn()
              .addKeyValue("room", room)
              .addKeyValue("session", session)
              .addKeyValue("rule", firing.ruleId())
              .addKeyValue("error", err.getMessage())
              .log("rule firing not recorded on the call");
          return Future.succeededFuture(true);
        });
  }

  private void alert(String room, String session, List<Fired> won) {
    List<Fired> alerting = new ArrayList<>(won.stream().filter(f -> f.firing().message() != null).toList());
    if (alerting.isEmpty()) {
      return;
    }
    // most severe first; among equals the rule order (built-ins are listed most urgent first)
    alerting.sort(Comparator.comparingInt((Fired f) -> -Rules.SEVERITIES.indexOf(f.firing().severity())));
    List<String> reasons = alerting.stream().map(FiringActions::reason).toList();
    String detail = String.join("; ", alerting.stream().map(f -> f.firing().message()).toList());
    Fired top = alerting.get(0);
    JsonArray rules = new JsonArray();
    for (Fired f : alerting) {
      rules.add(new JsonObject()
          .put("id", f.rule().id())
          .put("name", f.rule().name())
          .put("severity", f.firing().severity())
          .put("message", f.firing().message()));
    }
    JsonArray tags = new JsonArray();
    won.stream().flatMap(f -> f.firing().tags().stream()).distinct().forEach(tags::add);
    JsonObject alert = new Alert(room, session, reasons.get(0), detail, top.firing().seq(), clock.millis(), reasons).toJson()
        .put("severity", top.firing().severity())
        .put("rule_id", top.rule().id())
        .put("rule_name", top.rule().name())
        .put("rules", rules)
        .put("tags", tags);
    won.stream().map(f -> f.firing().suggestion()).filter(s -> s != null).findFirst().ifPresent(s -> alert.put("suggestion", s));
    bus.publish(Addresses.ALERTS, alert);
  }

  /** The alert reason: the escalation reason of a built-in, else {@code rule:<id>}. */
  static String reason(Fired f) {
    return f.rule().builtin() && f.rule().id().startsWith(Rules.BUILTIN_PREFIX)
        ? f.rule().id().substring(Rules.BUILTIN_PREFIX.length())
        : "rule:" + f.rule().id();
  }

  static JsonObject payload(String room, String session, RuleFiring firing) {
    return firing.toJson().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("room", room).put("session_id", session);
  }
}
