package io.switchboard.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Agent API keys, held only as SHA-256 hashes. Configured as {@code agent.keys.<agent>=<key>} or
 * {@code =sha256:<hex>}. Every stored hash is compared in constant time, so neither which agent
 * matched nor how much of a key matched shows in the timing. Shared by ingest (HTTP events) and
 * the gateway (TCP bridge agents), both configured from {@code agent.keys.*}.
 */
public final class AgentKeys {
  private static final String PREFIX = "sha256:";
  private final Map<String, byte[]> hashes = new LinkedHashMap<>();

  public AgentKeys(Map<String, String> configured) {
    configured.forEach(
        (agent, value) -> {
          byte[] hash =
              value.startsWith(PREFIX) ? HexFormat.of().parseHex(value.substring(PREFIX.length())) : sha256(value);
          hashes.put(agent, hash);
        });
  }

  public boolean isEmpty() {
    return hashes.isEmpty();
  }

  /** The agent a key belongs to. */
  public Optional<String> agentOf(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    byte[] candidate = sha256(key);
    String match = null;
    for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
      if (MessageDigest.isEqual(candidate, e.getValue()) && match == null) {
        match = e.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  public static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
