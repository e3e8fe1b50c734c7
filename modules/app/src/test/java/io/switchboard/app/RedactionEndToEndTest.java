package io.switchboard.app;

import static io.switchboard.testkit.Eventually.eventually;
import static io.switchboard.testkit.Eventually.eventuallyGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.switchboard.contract.Addresses;
import io.switchboard.testkit.BridgeClient;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A call full of PII goes through the real system (HTTP agent events → ingest → Redis → archive
 * hand-off → analytics → embedded MongoDB); afterwards no stored document in any collection and
 * no log line (as the node's JSON encoder writes it) holds any of the original values.
 */
@ExtendWith(VertxExtension.class)
class RedactionEndToEndTest {
  /** What the customer said, and pieces of it that must not survive anywhere. */
  private static final List<String[]> CALL = List.of(
      new String[] {"agent", "Can I have the long number on your card?"},
      new String[] {"user", "four one one one one one one one one one one one one one one one"},
      new String[] {"agent", "And the three digits on the back of the card?"},
      new String[] {"user", "seven three seven"},
      new String[] {"agent", "What's the expiry date?"},
      new String[] {"user", "oh nine twenty six"},
      new String[] {"user", "my other card is 5555 5555 5555 4444"},
      new String[] {"agent", "What email should the receipt go to?"},
      new String[] {"user", "it's ada dot lovelace at gmail dot com, or ada.byron@example.org"},
      new String[] {"user", "call me back on (415) 555-2671, my SSN is 123-45-6789"});
  private static final List<String> SECRETS = List.of(
      "4111111111111111", "four one one one one one", "5555 5555", "5555555555554444", "seven three seven",
      "oh nine twenty six", "lovelace", "ada.byron", "555-2671", "4155552671", "415 555 2671", "123-45-6789");

  @Test
  void nothingUnredactedInMongoOrTheLogsAfterACallWithPii(Vertx vertx) throws Exception {
    List<String> logLines = new CopyOnWriteArrayList<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.start();
    AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        logLines.add(new String(encoder.encode(e), StandardCharsets.UTF_8));
      }
    };
    capture.setContext(root.getLoggerContext());
    capture.start();
    root.addAppender(capture);

    String room = "pii-" + UUID.randomUUID().toString().substring(0, 8);
    String session = "s-pii-" + UUID.randomUUID().toString().substring(0, 6);
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer,sentiment,analytics", new JsonObject())) {
      AgentPoster agent = new AgentPoster(vertx, node.port(), room, session, true);
      assertEquals(202, agent.post("call_started", new JsonObject().put("customer", "+1 415 555 2671")).await(5, TimeUnit.SECONDS).statusCode());
      for (String[] line : CALL) {
        assertEquals(202, agent.line(line[0], line[1]).await(5, TimeUnit.SECONDS).statusCode());
      }
      agent.post("call_ended", new JsonObject().put("reason", "completed")).await(5, TimeUnit.SECONDS);
      agent.close();

      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", node.node().mongoUrl()).put("db_name", "switchboard"));
      JsonObject archived = awaitArchived(mongo, session);
      List<String> stored = new ArrayList<>();
      for (String collection : mongo.getCollections().await(5, TimeUnit.SECONDS)) {
        mongo.find(collection, new JsonObject()).await(5, TimeUnit.SECONDS).forEach(d -> stored.add(collection + ": " + d.encode()));
      }
      mongo.close();

      assertTrue(logLines.stream().anyMatch(l -> l.contains("call archived")), "log capture works: " + logLines.size() + " lines");
      for (String secret : SECRETS) {
        for (String doc : stored) {
          assertFalse(doc.toLowerCase(Locale.ROOT).contains(secret), "'" + secret + "' stored in " + doc);
        }
        for (String log : logLines) {
          assertFalse(log.toLowerCase(Locale.ROOT).contains(secret), "'" + secret + "' logged: " + log);
        }
      }
      // the positive markers: the call is there with placeholders and counts, and the log was captured
      String transcript = archived.getJsonArray("transcript").encode();
      assertTrue(transcript.contains("[card]") && transcript.contains("[email]") && transcript.contains("[cvv]"), transcript);
      assertEquals(new JsonObject().put("card", 2).put("cvv", 1).put("expiry", 1).put("phone", 2).put("email", 2).put("national_id", 1),
          archived.getJsonObject("redactions"));
      assertEquals("[phone]", archived.getString("customer"));
      assertTrue(logLines.stream().anyMatch(l -> l.contains("call archived")), "log capture works: " + logLines.size() + " lines");

      System.out.printf("redaction e2e: %d stored documents and %d log lines scanned for %d PII values: none found%n",
          stored.size(), logLines.size(), SECRETS.size());
    } finally {
      root.detachAppender(capture);
    }
  }

  @Test
  void viewerDashboardsGetPlaceholdersLiveWhileSupervisorsSeeTheText(Vertx vertx) throws Exception {
    String room = "pii-live-" + UUID.randomUUID().toString().substring(0, 8);
    try (TestRedis redis = TestRedis.start();
        TestNode node = TestNode.start(redis.url(), "gateway,ingest,debouncer", new JsonObject())) {
      List<JsonObject> viewerDeltas = new CopyOnWriteArrayList<>();
      List<JsonObject> supervisorDeltas = new CopyOnWriteArrayList<>();
      BridgeClient viewer = node.bridge(vertx, "viewer");
      BridgeClient supervisor = node.bridge(vertx, "supervisor");
      viewer.register(Addresses.call(room), viewerDeltas::add).await(5, TimeUnit.SECONDS);
      supervisor.register(Addresses.call(room), supervisorDeltas::add).await(5, TimeUnit.SECONDS);
      AgentPoster agent = new AgentPoster(vertx, node.port(), room, "s-live", true);
      agent.post("call_started", new JsonObject()).await(5, TimeUnit.SECONDS);
      agent.line("agent", "And the security code on the back?").await(5, TimeUnit.SECONDS);
      // the question and the answer in separate deltas (context must carry over): the viewer has
      // the question's delta before the answer is posted
      eventually("the question's delta reached the viewer", Duration.ofSeconds(5),
          () -> viewerDeltas.stream().anyMatch(d -> d.encode().contains("security code on the back")));
      agent.line("user", "it's seven three seven").await(5, TimeUnit.SECONDS);
      agent.line("user", "card 4111 1111 1111 1111, email ada.byron@example.org").await(5, TimeUnit.SECONDS);

      List<String> seenBySupervisor = texts(LiveStateEndToEndTest.awaitLines(supervisorDeltas, 4));
      List<String> seenByViewer = texts(LiveStateEndToEndTest.awaitLines(viewerDeltas, 4));
      assertEquals(List.of("And the security code on the back?", "it's seven three seven", "card 4111 1111 1111 1111, email ada.byron@example.org"),
          seenBySupervisor);
      assertEquals(List.of("And the security code on the back?", "it's [cvv]", "card [card], email [email]"), seenByViewer);

      JsonObject history = viewer.request(Addresses.CALL_HISTORY, new JsonObject().put("room", room)).await(5, TimeUnit.SECONDS);
      List<String> historyTexts = texts(history.getJsonArray("lines").stream().map(JsonObject.class::cast).toList());
      assertEquals(List.of("And the security code on the back?", "it's [cvv]", "card [card], email [email]"), historyTexts);
      viewer.close();
      supervisor.close();
      agent.close();
    }
  }

  private static List<String> texts(List<JsonObject> lines) {
    return lines.stream().filter(l -> "transcript".equals(l.getString("kind"))).map(l -> l.getString("text")).toList();
  }

  private static JsonObject awaitArchived(MongoClient mongo, String session) throws Exception {
    return eventuallyGet("call " + session + " archived", Duration.ofSeconds(15),
        () -> mongo.findOne("calls", new JsonObject().put("session_id", session), null).await(5, TimeUnit.SECONDS));
  }
}
