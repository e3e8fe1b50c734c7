package io.switchboard.gateway;

import io.switchboard.contract.BrowserAccess.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** Dashboard JWTs (vertx-auth-jwt, HS256): issue at login, verify on every bridge frame and API call. */
final class Tokens {
  /** A verified caller. */
  record Caller(String user, Role role) {
    boolean atLeast(Role minimum) {
      return role.ordinal() >= minimum.ordinal();
    }
  }

  private final JWTAuth jwt;
  private final int minutes;

  Tokens(Vertx vertx, AuthConfig cfg) {
    String secret = cfg.jwtSecret();
    if (secret == null) {
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      secret = Base64.getEncoder().encodeToString(random);
    }
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.minutes = cfg.tokenMinutes();
  }

  String issue(String user, Role role) {
    return jwt.generateToken(
        new JsonObject().put("sub", user).put("role", role.id()),
        new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(minutes).setIssuer("switchboard"));
  }

  long lifetimeSeconds() {
    return minutes * 60L;
  }

  /** Verifies signature, expiry and issuer; accepts "Bearer x" or "x". */
  Future<Caller> verify(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Future.failedFuture("missing token");
    }
    String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization.trim();
    return jwt.authenticate(new TokenCredentials(token))
        .compose(user -> {
          JsonObject p = user.principal();
          String sub = p.getString("sub");
          String role = p.getString("role");
          if (sub == null || role == null || !"switchboard".equals(p.getString("iss"))) {
            return Future.failedFuture("token without subject or role");
          }
          try {
            return Future.succeededFuture(new Caller(sub, Role.valueOf(role.toUpperCase(Locale.ROOT))));
          } catch (IllegalArgumentException e) {
            return Future.failedFuture("unknown role");
          }
        });
  }
}
