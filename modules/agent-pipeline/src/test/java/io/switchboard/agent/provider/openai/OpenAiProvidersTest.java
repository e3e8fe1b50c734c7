package io.switchboard.agent.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.agent.provider.ChatMessage;
import io.switchboard.agent.provider.ProviderException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpenAiProvidersTest {
  private final FakeOpenAi fake = new FakeOpenAi();
  private WebClient client;
  private String base;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx);
    fake.start(vertx).onComplete(ctx.succeeding(port -> {
      base = "http://127.0.0.1:" + port + "/v1";
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    client.close();
    fake.close().onComplete(ctx.succeedingThenComplete());
  }

  /** Ample for a first request on a loaded 2-core machine; only the timeout test uses a short one. */
  private static final long ANSWER_BUDGET_MS = 10_000;

  private OpenAiEndpoint endpoint(String model, long timeoutMs) {
    return new OpenAiEndpoint(client, base, FakeOpenAi.KEY, model, timeoutMs);
  }

  private static final List<ChatMessage> PROMPT = List.of(ChatMessage.system("You are Aria."), ChatMessage.user("Can you help?"));

  @Test
  void chatStreamsTokensFromServerSentEvents(VertxTestContext ctx) {
    List<String> tokens = new ArrayList<>();
    new OpenAiLanguageModel(endpoint("ok", ANSWER_BUDGET_MS)).stream(PROMPT, tokens::add).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertEquals(List.of("Sure, ", "I can help", " with that."), tokens);
      assertEquals("Sure, I can help with that.", reply.text());
      assertEquals(3, reply.tokens());
      JsonObject req = fake.seen.get(0);
      assertEquals("/v1/chat/completions", req.getString("path"));
      assertEquals("Bearer " + FakeOpenAi.KEY, req.getString("auth"));
      JsonObject body = new JsonObject(req.getString("body"));
      assertEquals(true, body.getBoolean("stream"));
      assertEquals("ok", body.getString("model"));
      assertEquals("user", body.getJsonArray("messages").getJsonObject(1).getString("role"));
      ctx.completeNow();
    })));
  }

  @Test
  void chatErrorStatusFailsWithTheApisMessage(VertxTestContext ctx) {
    new OpenAiLanguageModel(endpoint("error", ANSWER_BUDGET_MS)).stream(PROMPT, t -> {}).onComplete(ctx.failing(err -> ctx.verify(() -> {
      ProviderException pe = assertInstanceOf(ProviderException.class, err);
      assertEquals("llm", pe.provider());
      assertTrue(pe.getMessage().contains("HTTP 500"), pe.getMessage());
      assertTrue(pe.getMessage().contains("The server had an error"), pe.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void chatTimesOutWhenTheServerIsSilent(VertxTestContext ctx) {
    long t0 = System.currentTimeMillis();
    new OpenAiLanguageModel(endpoint("slow", 300)).stream(PROMPT, t -> {}).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertInstanceOf(ProviderException.class, err);
      assertTrue(err.getMessage().contains("within 300 ms"), err.getMessage());
      assertTrue(System.currentTimeMillis() - t0 < 3000);
      ctx.completeNow();
    })));
  }

  @Test
  void transcriptionPostsMultipartAndReadsText(VertxTestContext ctx) {
    new OpenAiSpeechToText(endpoint("whisper-1", ANSWER_BUDGET_MS)).transcribe(Buffer.buffer("RIFF....WAVE"), "ms")
        .onComplete(ctx.succeeding(text -> ctx.verify(() -> {
          assertEquals("Hello, I need help.", text);
          JsonObject req = fake.seen.get(0);
          assertEquals("/v1/audio/transcriptions", req.getString("path"));
          assertTrue(req.getString("content_type").startsWith("multipart/form-data"));
          assertTrue(req.getString("body").contains("RIFF....WAVE"));
          assertTrue(req.getString("body").contains("name=\"language\""));
          ctx.completeNow();
        })));
  }

  @Test
  void transcriptionErrorAndTimeout(VertxTestContext ctx) {
    var checkpoint = ctx.checkpoint(2);
    new OpenAiSpeechToText(endpoint("error", ANSWER_BUDGET_MS)).transcribe(Buffer.buffer("x"), null)
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err.getMessage().startsWith("stt: HTTP 500"), err.getMessage());
          checkpoint.flag();
        })));
    new OpenAiSpeechToText(endpoint("slow", 200)).transcribe(Buffer.buffer("x"), null)
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err.getMessage().contains("within 200 ms"), err.getMessage());
          checkpoint.flag();
        })));
  }

  @Test
  void speechReturnsAudioWithFirstByteTimeAndFailsClearly(VertxTestContext ctx) {
    var checkpoint = ctx.checkpoint(3);
    new OpenAiTextToSpeech(endpoint("tts-1", ANSWER_BUDGET_MS), "alloy").synthesize("Hello there, how are you?", "en")
        .onComplete(ctx.succeeding(audio -> ctx.verify(() -> {
          assertEquals(8, audio.audio().length());
          assertTrue(audio.firstByteMs() >= 0 && audio.playMs() > 0);
          JsonObject body = new JsonObject(fake.seen.stream().filter(r -> r.getString("path").equals("/v1/audio/speech"))
              .filter(r -> r.getString("body").contains("tts-1")).findFirst().orElseThrow().getString("body"));
          assertEquals("Hello there, how are you?", body.getString("input"));
          assertEquals("alloy", body.getString("voice"));
          checkpoint.flag();
        })));
    new OpenAiTextToSpeech(endpoint("error", ANSWER_BUDGET_MS), "alloy").synthesize("x", "en")
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err.getMessage().startsWith("tts: HTTP 500"), err.getMessage());
          checkpoint.flag();
        })));
    new OpenAiTextToSpeech(endpoint("slow", 200), "alloy").synthesize("x", "en")
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err.getMessage().contains("within 200 ms"), err.getMessage());
          checkpoint.flag();
        })));
  }

  @Test
  void baseUrlMayOmitV1() {
    assertEquals("https://api.example.com", OpenAiEndpoint.normalise("https://api.example.com/v1/"));
    assertEquals("https://api.example.com", OpenAiEndpoint.normalise("https://api.example.com"));
  }
}
