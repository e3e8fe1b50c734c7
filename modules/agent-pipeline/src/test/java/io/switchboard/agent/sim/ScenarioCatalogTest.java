package io.switchboard.agent.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.provider.scripted.ReplyBook;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ScenarioCatalogTest {

  @Test
  void shippedScenariosLoadFromDataFilesAndAnswerEveryCustomerLine(Vertx vertx, VertxTestContext ctx) {
    ScenarioCatalog.load(vertx, ScenarioCatalog.DEFAULT_DIR, List.of()).onComplete(ctx.succeeding(catalog -> ctx.verify(() -> {
      Set<String> ids = catalog.scenarios().stream().map(Scenario::id).collect(Collectors.toSet());
      assertEquals(Set.of("billing_dispute", "angry_wants_human", "happy_resolution", "confused_caller", "malay_language_switch"), ids);
      for (Scenario s : catalog.scenarios()) {
        ReplyBook book = s.replyBook("Siti");
        for (Scenario.Turn t : s.turns()) {
          String reply = book.replyTo(Scenario.fill(t.customer(), "Siti")).text();
          assertNotEquals(book.replyTo("something off-script").text(), reply, s.id() + ": every customer line has its answer");
          assertTrue(!reply.contains("{customer}"), "names are filled in");
        }
        assertTrue(book.guideReply("Offer a refund.").contains("Offer a refund."));
      }
      Scenario malay = catalog.scenarios().stream().filter(s -> s.id().equals("malay_language_switch")).findFirst().orElseThrow();
      assertEquals("ms", malay.language());
      assertTrue(malay.handback().contains("kembali"));
      ctx.completeNow();
    })));
  }

  @Test
  void aSubsetCanBeSelectedById(Vertx vertx, VertxTestContext ctx) {
    ScenarioCatalog.load(vertx, ScenarioCatalog.DEFAULT_DIR, List.of("happy_resolution")).onComplete(ctx.succeeding(c -> ctx.verify(() -> {
      assertEquals(1, c.scenarios().size());
      ctx.completeNow();
    })));
  }
}
