package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.BrowserAccess.Role;
import io.switchboard.platform.auth.PasswordHashes;
import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

  @Test
  void configuredHashedUsersLogInAndNothingElseDoes() {
    String hash = PasswordHashes.hash("correct horse battery");
    AuthConfig cfg = AuthConfig.from(new Settings(new JsonObject().put("auth.users.alice", "supervisor:" + hash)));
    UserDirectory users = new UserDirectory(cfg);
    assertEquals(Role.SUPERVISOR, users.verify("alice", "correct horse battery").orElseThrow().role());
    assertTrue(users.verify("alice", "correct horse").isEmpty());
    assertTrue(users.verify("bob", "correct horse battery").isEmpty());
    assertTrue(users.verify(null, null).isEmpty());
  }

  @Test
  void usersFileAndDemoUsers() throws Exception {
    Path file = Files.createTempFile("users", ".json");
    Files.writeString(file, new JsonObject().put("users", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("username", "root").put("role", "admin").put("password_hash", PasswordHashes.hash("s3cret-pass"))))
        .encode());
    UserDirectory users = new UserDirectory(AuthConfig.from(new Settings(new JsonObject()
        .put("auth.users.file", file.toString()).put("auth.demo.users", true))));
    assertEquals(Role.ADMIN, users.verify("root", "s3cret-pass").orElseThrow().role());
    assertEquals(Role.VIEWER, users.verify("viewer", "viewer-demo").orElseThrow().role());
  }

  @Test
  void clearTextPasswordsUnknownRolesAndBadNamesAreRefused() {
    assertThrows(ConfigException.class, () -> new UserDirectory(AuthConfig.from(new Settings(new JsonObject().put("auth.users.alice", "supervisor:plain")))));
    assertThrows(ConfigException.class, () -> new UserDirectory(AuthConfig.from(new Settings(new JsonObject().put("auth.users.alice", "boss:" + PasswordHashes.hash("x"))))));
    assertThrows(ConfigException.class, () -> new UserDirectory(AuthConfig.from(new Settings(new JsonObject().put("auth.users.al ice", "viewer:" + PasswordHashes.hash("x"))))));
    assertThrows(ConfigException.class, () -> AuthConfig.from(new Settings(new JsonObject().put("auth.jwt.secret", "short"))));
  }

  @Test
  void loadingHashesOnAWorkerNotOnTheEventLoop() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      AuthConfig cfg = AuthConfig.from(new Settings(new JsonObject().put("auth.demo.users", true)));
      java.util.concurrent.CompletableFuture<Boolean> doneOnReturn = new java.util.concurrent.CompletableFuture<>();
      java.util.concurrent.CompletableFuture<UserDirectory> loaded = new java.util.concurrent.CompletableFuture<>();
      vertx.runOnContext(v -> {
        io.vertx.core.Future<UserDirectory> f = UserDirectory.load(vertx, cfg);
        // four PBKDF2 hashes done on this thread would have finished before load() returned
        doneOnReturn.complete(f.isComplete());
        f.onComplete(ar -> {
          if (ar.succeeded()) {
            loaded.complete(ar.result());
          } else {
            loaded.completeExceptionally(ar.cause());
          }
        });
      });
      assertEquals(false, doneOnReturn.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(Role.ADMIN, loaded.get(10, java.util.concurrent.TimeUnit.SECONDS).verify("admin", "admin-demo").orElseThrow().role());
    } finally {
      vertx.close();
    }
  }
}
