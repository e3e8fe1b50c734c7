package io.switchboard.platform.auth;

import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Supervisor password hashes: PBKDF2 in PHC format through vertx-auth-common's hashing. */
public final class PasswordHashes {
  private PasswordHashes() {}

  private static final HashingStrategy HASHING = HashingStrategy.load();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new hash with a random salt, e.g. {@code $pbkdf2$it=20000$<salt>$<hash>}. */
  public static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return HASHING.hash("pbkdf2", Map.of("it", "20000"), Base64.getEncoder().withoutPadding().encodeToString(salt), password);
  }

  /** Whether the password matches; a malformed hash never matches. */
  public static boolean verify(String hash, String password) {
    try {
      return HASHING.verify(hash, password == null ? "" : password);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
