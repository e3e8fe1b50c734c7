package io.switchboard.webhook;

import io.livekit.server.RoomServiceClient;
import io.switchboard.platform.config.LiveKitSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import retrofit2.Response;

/** LiveKit's ListRooms through the Server SDK; its blocking call runs on a worker thread. */
final class LiveKitRooms {
  private final Vertx vertx;
  private final RoomServiceClient client;
  private final WebhookMetrics metrics = new WebhookMetrics();

  LiveKitRooms(Vertx vertx, LiveKitSettings settings) {
    this.vertx = vertx;
    this.client = RoomServiceClient.createClient(httpUrl(settings.url()), settings.apiKey(), settings.apiSecret());
  }

  /** LiveKit URLs are often given as ws(s)://; the server API is the same host over http(s). */
  static String httpUrl(String url) {
    if (url.startsWith("wss://")) {
      return "https://" + url.substring(6);
    }
    if (url.startsWith("ws://")) {
      return "http://" + url.substring(5);
    }
    return url;
  }

  /** Room name → room sid of every room LiveKit has now. */
  Future<Map<String, String>> list(long timeoutMs) {
    return metrics.liveKit("ListRooms", () -> vertx
        .executeBlocking(
            () -> {
              Response<List<LivekitModels.Room>> r = client.listRooms().execute();
              if (!r.isSuccessful()) {
                throw new IOException("LiveKit ListRooms answered HTTP " + r.code());
              }
              Map<String, String> out = new LinkedHashMap<>();
              for (LivekitModels.Room room : r.body()) {
                out.put(room.getName(), room.getSid());
              }
              return out;
            },
            false)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS));
  }
}
