package io.switchboard.platform.config;

/** LiveKit server URL and API credentials; {@link #configured()} is false in the embedded demo. */
public record LiveKitSettings(String url, String apiKey, String apiSecret) {
  public static final String URL = "livekit.url";
  public static final String API_KEY = "livekit.api.key";
  public static final String API_SECRET = "livekit.api.secret";

  public static LiveKitSettings from(Settings s) {
    return new LiveKitSettings(s.string(URL, null), s.string(API_KEY, null), s.string(API_SECRET, null));
  }

  public boolean configured() {
    return url != null && apiKey != null && apiSecret != null;
  }

  /** Webhook checks need only the key pair, not the server URL. */
  public boolean hasCredentials() {
    return apiKey != null && apiSecret != null;
  }

  @Override
  public String toString() {
    return "LiveKitSettings[url=" + url + ", apiKey=" + apiKey + ", apiSecret=***]";
  }
}
