package io.switchboard.gateway;

import io.switchboard.contract.BrowserAccess.Role;
import io.switchboard.platform.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.switchboard.platform.auth.PasswordHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Supervisor accounts: user → role and PBKDF2 password hash (vertx-auth-common's hashing, PHC
 * strings). Passwords are never stored in clear; unknown users cost the same hash check as known
 * ones, so timing does not reveal which names exist.
 */
final class UserDirectory {
  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /** Demo accounts of the embedded default: password = user + "-demo". */
  static final Map<String, Role> DEMO = Map.of("viewer", Role.VIEWER, "supervisor", Role.SUPERVISOR, "admin", Role.ADMIN);


  /** An account. */
  record Account(String username, Role role, String passwordHash) {}

  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final String decoyHash = PasswordHashes.hash("decoy-" + new SecureRandom().nextLong());

  /**
   * Builds the directory on a worker thread: demo accounts and the decoy are PBKDF2-hashed here
   * (tens of ms each, deliberately slow), which must not stall the event loop a verticle starts on.
   */
  static Future<UserDirectory> load(Vertx vertx, AuthConfig cfg) {
    return vertx.executeBlocking(() -> new UserDirectory(cfg), false);
  }

  UserDirectory(AuthConfig cfg) {
    if (cfg.demoUsers()) {
      DEMO.forEach((user, role) -> add(new Account(user, role, PasswordHashes.hash(user + "-demo"))));
    }
    if (cfg.usersFile() != null) {
      loadFile(Path.of(cfg.usersFile()));
    }
    cfg.users().forEach((user, spec) -> {
      int colon = spec.indexOf(':');
      if (colon <= 0) {
        throw new ConfigException("setting auth.users." + user + ": expected <role>:<password hash>");
      }
      add(new Account(user, role(spec.substring(0, colon), "auth.users." + user), spec.substring(colon + 1)));
    });
  }

  boolean isEmpty() {
    return accounts.isEmpty();
  }

  /** The account when the password matches. */
  Optional<Account> verify(String username, String password) {
    Account account = username == null ? null : accounts.get(username);
    String hash = account == null ? decoyHash : account.passwordHash();
    boolean ok = PasswordHashes.verify(hash, password);
    return ok && account != null ? Optional.of(account) : Optional.empty();
  }

  private void add(Account a) {
    if (!USERNAME.matcher(a.username()).matches()) {
      throw new ConfigException("user name '" + a.username() + "': letters, digits, '.', '_' and '-' only (1-64)");
    }
    if (!a.passwordHash().startsWith("$")) {
      throw new ConfigException("user " + a.username() + ": password must be a hash (see switchboard.jar --hash-password)");
    }
    accounts.put(a.username(), a);
  }

  private void loadFile(Path file) {
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      for (Object o : json.getJsonArray("users")) {
        JsonObject u = (JsonObject) o;
        add(new Account(u.getString("username"), role(u.getString("role"), file.toString()), u.getString("password_hash")));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException("cannot read users file " + file + ": " + e.getMessage());
    }
  }

  private static Role role(String text, String where) {
    try {
      return Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new ConfigException(where + ": unknown role '" + text + "' (viewer, supervisor, admin)");
    }
  }
}
