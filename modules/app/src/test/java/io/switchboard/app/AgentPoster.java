package io.switchboard.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Posts agent events to {@code /call-event} like the seed's agent. */
final class AgentPoster implements AutoCloseable {
  private final WebClient client;
  private final int port;
  private final String room;
  private final String session;

  AgentPoster(Vertx vertx, int port, String room, String session, boolean pipelined) {
    WebClientOptions options = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port);
    io.vertx.core.http.PoolOptions pool = new io.vertx.core.http.PoolOptions();
    if (pipelined) {
      // one connection, requests written back to back: the server sees them in posting order
      options.setPipelining(true).setPipeliningLimit(64);
      pool.setHttp1MaxSize(1);
    }
    this.client = WebClient.create(vertx, options, pool);
    this.port = port;
    this.room = room;
    this.session = session;
  }

  Future<HttpResponse<Buffer>> post(String type, JsonObject data) {
    JsonObject body = new JsonObject().put("room_name", room).put("session_id", session).put("event_type", type).put("data", data);
    return client.post("/call-event").putHeader("X-API-Key", TestNode.AGENT_KEY).sendJsonObject(body);
  }

  /** A final line with an event id, as an agent retrying a POST sends it again. */
  Future<HttpResponse<Buffer>> line(String role, String text, String eventId) {
    JsonObject data = new JsonObject().put("role", role).put("text", text).put("final", true);
    JsonObject body = new JsonObject().put("room_name", room).put("session_id", session).put("event_type", "transcript").put("event_id", eventId).put("data", data);
    return client.post("/call-event").putHeader("X-API-Key", TestNode.AGENT_KEY).sendJsonObject(body);
  }

  Future<HttpResponse<Buffer>> raw(String body, String apiKey) {
    var req = client.post("/call-event").putHeader("Content-Type", "application/json");
    if (apiKey != null) {
      req.putHeader("X-API-Key", apiKey);
    }
    return req.sendBuffer(Buffer.buffer(body));
  }

  Future<HttpResponse<Buffer>> line(String role, String text) {
    return post("transcript", new JsonObject().put("role", role).put("text", text).put("final", true));
  }

  @Override
  public void close() {
    client.close();
  }
}
