package io.switchboard.testkit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.livekit.server.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import livekit.LivekitWebhook;

/** Signs webhook bodies exactly like a LiveKit server: a JWT whose sha256 claim is the body's. */
public final class WebhookSigner {
  private WebhookSigner() {}

  public static String body(LivekitWebhook.WebhookEvent event) {
    try {
      return JsonFormat.printer().print(event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Authorization header value (a raw JWT, no "Bearer"). */
  public static String sign(String body, String apiKey, String apiSecret) {
    try {
      String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
      AccessToken token = new AccessToken(apiKey, apiSecret);
      token.setSha256(sha);
      token.setTtl(5 * 60_000L);
      return token.toJwt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
