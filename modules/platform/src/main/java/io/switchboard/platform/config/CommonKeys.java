package io.switchboard.platform.config;

/** Setting keys shared by several verticles (the launcher fills in the embedded defaults). */
public final class CommonKeys {
  private CommonKeys() {}

  /** Redis connection string; set by the launcher to the embedded Redis when not given. */
  public static final String REDIS_URL = "redis.url";
  /** MongoDB connection string; set by the launcher to the embedded server when not given. */
  public static final String MONGO_URL = "mongo.url";
  public static final String MONGO_DB = "mongo.db";
  public static final String MONGO_DB_DEFAULT = "switchboard";
  /** The node's id in logs and health replies (the launcher sets it). */
  public static final String NODE_ID = "node.id";
  /** Agent API keys, {@code agent.keys.<agent>=<key>}: ingest (HTTP events) and the gateway (TCP bridge) read them. */
  public static final String AGENT_KEYS = "agent.keys";
}
