package io.switchboard.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a node's {@code GET /health} body, whose checks vertx-health-checks nests by name ("verticles" → "ingest"). */
public final class HealthReport {
  private HealthReport() {}

  /**
   * The data of the check at {@code path} in the {@code /health} of the node on 127.0.0.1:{@code port};
   * AssertionError when the node's report has no such check.
   */
  public static JsonObject data(int port, String... path) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject check = check(new JsonObject(r.body()), path);
    if (check == null) {
      throw new AssertionError("no " + String.join("/", path) + " in " + r.body());
    }
    return check.getJsonObject("data");
  }

  /** The check at {@code path} (e.g. "verticles", "debouncer"), or null when the body has none there. */
  public static JsonObject check(JsonObject health, String... path) {
    JsonObject at = health;
    for (String id : path) {
      JsonArray checks = at == null ? null : at.getJsonArray("checks");
      at = null;
      if (checks != null) {
        for (Object o : checks) {
          if (o instanceof JsonObject c && id.equals(c.getString("id"))) {
            at = c;
            break;
          }
        }
      }
    }
    return at;
  }
}
