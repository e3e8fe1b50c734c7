package io.switchboard.sentiment;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.VerticleName;
import io.switchboard.platform.bus.ContractCodecs;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.sentiment.call.CallSentimentAggregator;
import io.switchboard.sentiment.escalation.EscalationDetector;
import io.switchboard.sentiment.escalation.EscalationPatterns;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.provider.EmbeddedSentimentProvider;
import io.switchboard.sentiment.provider.FallbackSentimentProvider;
import io.switchboard.sentiment.provider.LlmSentimentProvider;
import io.switchboard.sentiment.provider.SentimentProvider;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-utterance and call-level sentiment, escalation detection. Serves {@code sentiment.analyze}
 * (request-reply, load-balanced across nodes; stateless, so any instance can serve any room) and
 * publishes {@code alerts}.
 */
public final class SentimentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SentimentVerticle.class);

  private SentimentAnalyzer analyzer;
  private AlertPublisher alerts;
  private WebClient webClient;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    SentimentConfig cfg;
    try {
      cfg = SentimentConfig.from(settings);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    alerts = settings.bool(SentimentConfig.PUBLISH_ALERTS, false) ? new AlertPublisher(vertx.eventBus(), Clock.systemUTC()) : null;
    // the resources are small, but reading the classpath is still I/O: keep it off the event loop
    return vertx
        .executeBlocking(() -> new Resources(EmbeddedSentimentModel.withDefaultLexicon(), EscalationPatterns.loadDefault()))
        .compose(res -> {
          analyzer = new SentimentAnalyzer(
              provider(cfg, res.model()),
              new CallSentimentAggregator(),
              res.patterns(),
              EscalationDetector.standard(res.patterns(), cfg));
          ContractCodecs.register(vertx.eventBus());
          MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.SENTIMENT_ANALYZE, new SentimentMetrics().observe(this::handle));
          LOG.atInfo().addKeyValue("provider", cfg.provider()).log("sentiment ready");
          return Future.all(
              consumer.completion(),
              HealthResponder.register(vertx, VerticleName.SENTIMENT, NodeIdentity.of(vertx, settings)));
        });
  }

  @Override
  public Future<?> stop() {
    if (webClient != null) {
      webClient.close();
    }
    return Future.succeededFuture();
  }

  private record Resources(EmbeddedSentimentModel model, EscalationPatterns patterns) {}

  private SentimentProvider provider(SentimentConfig cfg, EmbeddedSentimentModel model) {
    SentimentProvider embedded = new EmbeddedSentimentProvider(model);
    return switch (cfg.provider()) {
      case "embedded" -> embedded;
      case "llm" -> {
        webClient = WebClient.create(vertx);
        yield new FallbackSentimentProvider(new LlmSentimentProvider(webClient, cfg), embedded);
      }
      default -> throw new IllegalArgumentException(
          SentimentConfig.PROVIDER + ": expected embedded or llm, got '" + cfg.provider() + "'");
    };
  }

  private void handle(Message<Object> msg) {
    SentimentRequest req;
    // a request that came as a record (ingest on this node) is ours and gets a record back;
    // JSON — from another node, a test, any other sender — is validated and answered in JSON
    boolean typed = msg.body() instanceof SentimentRequest;
    try {
      req = typed ? (SentimentRequest) msg.body() : RequestDecoder.decode(msg.body());
    } catch (BadRequestException e) {
      msg.fail(BusErrors.BAD_REQUEST, e.getMessage());
      return;
    } catch (RuntimeException e) {
      msg.fail(BusErrors.BAD_REQUEST, "invalid sentiment request: " + e.getMessage());
      return;
    }
    analyzer
        .analyze(req)
        .onSuccess(result -> {
          if (alerts != null) {
            alerts.publish(req, result.escalations());
          }
          LOG.atDebug()
              .addKeyValue("room", req.room())
              .addKeyValue("seq", req.seq())
              .addKeyValue("label", result.annotation().label())
              .addKeyValue("source", result.annotation().source())
              .log("utterance annotated");
          if (typed) {
            msg.reply(result.annotation(), ContractCodecs.SENTIMENT_ANNOTATION.options());
          } else {
            msg.reply(result.annotation().toJson());
          }
        })
        .onFailure(err -> {
          LOG.atError().addKeyValue("room", req.room()).addKeyValue("seq", req.seq()).setCause(err).log("sentiment failed");
          msg.fail(BusErrors.INTERNAL, "sentiment failed: " + err.getMessage());
        });
  }
}
