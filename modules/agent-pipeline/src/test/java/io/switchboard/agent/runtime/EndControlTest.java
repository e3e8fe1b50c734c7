package io.switchboard.agent.runtime;

import static io.switchboard.agent.EventRecorder.type;
import static io.switchboard.agent.EventRecorder.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.agent.EventRecorder;
import io.switchboard.agent.TestSessions;
import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EndControlTest {
  private static final String ROOM = "end-room";

  @Test
  void endFromAnotherSessionIsIgnoredAndEndFromThisOneEndsTheCall(Vertx vertx, VertxTestContext ctx) {
    EventRecorder rec = new EventRecorder(vertx);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      TestSessions t = new TestSessions(vertx, ROOM, "s-end-2", 10);
      CallSession s = t.session;
      rec.register()
          .compose(x -> s.start())
          .compose(x -> vertx.eventBus().<JsonObject>request(Addresses.agentControl(ROOM),
              new AgentControl(AgentControl.END, ROOM, "s-end-1", null, "sup", 1L).toJson()))
          .compose(stale -> {
            ctx.verify(() -> {
              assertFalse(stale.body().getBoolean("ok"), "a stale session's control is refused");
              assertFalse(s.isEnded());
            });
            return vertx.eventBus().<JsonObject>request(Addresses.agentControl(ROOM),
                new AgentControl(AgentControl.END, ROOM, "s-end-2", null, "sup", 2L).toJson());
          })
          .compose(x -> until(vertx, () -> !rec.where(type("call_ended")).isEmpty(), 3000, "call_ended"))
          .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
            JsonObject ended = rec.where(type("call_ended")).get(0);
            assertEquals("ended_by_supervisor", ended.getJsonObject("data").getString("reason"));
            assertEquals(AgentState.ENDED, s.state());
            JsonObject last = rec.events().get(rec.events().size() - 1);
            assertEquals("call_ended", last.getString("event_type"), "nothing after call_ended");
            ctx.completeNow();
          })));
    });
  }
}
