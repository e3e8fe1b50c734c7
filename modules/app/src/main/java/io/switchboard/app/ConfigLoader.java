package io.switchboard.app;

import io.switchboard.platform.config.ConfigKeys;
import io.switchboard.platform.config.Settings;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.util.Locale;
import java.util.Map;

/**
 * Loads settings with vertx-config (file, environment, system properties) and normalises every
 * source to dotted keys, applying precedence file &lt; env &lt; system properties &lt; flags.
 */
final class ConfigLoader {
  private ConfigLoader() {}

  static Settings load(String configFile, JsonObject flags, Map<String, String> env) {
    String file = configFile != null ? configFile : env.get("SWITCHBOARD_CONFIG");
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject fromFile = new JsonObject();
      if (file != null) {
        File f = new File(file);
        if (!f.isFile()) {
          throw new StartupException("config file not found: " + f.getAbsolutePath());
        }
        fromFile = retrieve(vertx, fileStore(f));
      }
      JsonObject merged = ConfigKeys.flatten(fromFile);
      // vertx-config's env and sys stores read the process; we keep the map given for testability
      merged.mergeIn(ConfigKeys.fromEnv(env));
      merged.mergeIn(ConfigKeys.fromSystemProperties(System.getProperties()));
      merged.mergeIn(flags);
      return new Settings(merged);
    } finally {
      vertx.close();
    }
  }

  private static ConfigStoreOptions fileStore(File f) {
    String name = f.getName().toLowerCase(Locale.ROOT);
    String format = name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat(format)
        .setConfig(new JsonObject().put("path", f.getAbsolutePath()));
  }

  private static JsonObject retrieve(Vertx vertx, ConfigStoreOptions store) {
    ConfigRetriever retriever =
        ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setIncludeDefaultStores(false).addStore(store));
    try {
      return retriever.getConfig().await();
    } catch (Exception e) {
      throw new StartupException("cannot read config file " + store.getConfig().getString("path") + ": " + rootMessage(e));
    } finally {
      retriever.close();
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    // one line for the operator: parsers append multi-line locations
    return message.lines().findFirst().orElse(message).strip();
  }
}
