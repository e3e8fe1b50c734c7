package io.switchboard.gateway;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.ConfigKeys;
import io.switchboard.platform.config.Settings;

import java.util.Map;

/**
 * Supervisor authentication (gateway).
 *
 * @param jwtSecret HS256 secret for dashboard JWTs ({@code auth.jwt.secret}, ≥ 32 characters);
 *     null: a random secret per process (tokens die with the process; a cluster of gateways needs
 *     one shared secret)
 * @param tokenMinutes token lifetime ({@code auth.token.minutes}, default 480)
 * @param users user → {@code role:hash} ({@code auth.users.<user>=supervisor:$pbkdf2$…}; hash from
 *     {@code switchboard.jar --hash-password})
 * @param usersFile JSON file {@code {"users":[{"username","role","password_hash"}]}}
 *     ({@code auth.users.file})
 * @param demoUsers create viewer / supervisor / admin demo users ({@code auth.demo.users}; the
 *     embedded demo turns it on and prints them)
 */
public record AuthConfig(String jwtSecret, int tokenMinutes, Map<String, String> users, String usersFile, boolean demoUsers) {
  public static final String JWT_SECRET = "auth.jwt.secret";
  public static final String TOKEN_MINUTES = "auth.token.minutes";
  public static final String USERS = "auth.users";
  public static final String USERS_FILE = "auth.users.file";
  public static final String DEMO_USERS = "auth.demo.users";

  public static AuthConfig from(Settings s) {
    String secret = s.string(JWT_SECRET, null);
    if (secret != null && secret.length() < 32) {
      throw new ConfigException("setting " + JWT_SECRET + " (" + ConfigKeys.envOf(JWT_SECRET) + "): at least 32 characters");
    }
    Map<String, String> users = new java.util.LinkedHashMap<>(s.map(USERS));
    users.remove("file");
    return new AuthConfig(secret, s.integer(TOKEN_MINUTES, 480, 1, 7 * 24 * 60), Map.copyOf(users), s.string(USERS_FILE, null), s.bool(DEMO_USERS, false));
  }

  @Override
  public String toString() {
    return "AuthConfig[jwtSecret=" + (jwtSecret == null ? "random" : "***") + ", tokenMinutes=" + tokenMinutes + ", users=" + users.keySet() + "]";
  }
}
