package io.switchboard.analytics.archive;

import io.switchboard.analytics.mongo.MongoAccess;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexModel;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;

/** The {@code calls} collection: idempotent upsert of archived calls and the indexes KPIs need. */
public final class CallArchive {
  private final MongoClient mongo;
  private final MongoAccess access;

  public CallArchive(MongoClient mongo, MongoAccess access) {
    this.mongo = mongo;
    this.access = access;
  }

  /** Archives before call ids kept session ids unique: that index would refuse a reused one. */
  static final String LEGACY_SESSION_INDEX = "session_id_unique";

  /**
   * Indexes for the KPI range scans (all filters lead with started_at or end in it). Drops the
   * legacy unique index on session_id first (absent on new databases: that failure is expected).
   */
  public Future<Void> ensureIndexes() {
    return access.bounded(mongo.dropIndex(ArchiveDocument.COLLECTION, LEGACY_SESSION_INDEX))
        .transform(ignored -> createIndexes());
  }

  private Future<Void> createIndexes() {
    return access.bounded(mongo.createIndexes(ArchiveDocument.COLLECTION, List.of(
        new IndexModel(new JsonObject().put("room", 1).put("session_id", 1), new IndexOptions().name("room_session")),
        new IndexModel(new JsonObject().put("session_id", 1), new IndexOptions().name("session_id")),
        new IndexModel(new JsonObject().put("started_at", 1), new IndexOptions().name("started_at")),
        new IndexModel(new JsonObject().put("agent", 1).put("started_at", 1), new IndexOptions().name("agent_started_at")),
        new IndexModel(new JsonObject().put("language", 1).put("started_at", 1), new IndexOptions().name("language_started_at")),
        new IndexModel(new JsonObject().put("ended_at", 1), new IndexOptions().name("ended_at")))));
  }

  /**
   * Replaces (or inserts) the call's document by its call id. Two concurrent first deliveries
   * can both try to insert; the loser sees a duplicate key and simply replaces once more.
   */
  public Future<Void> upsert(JsonObject doc) {
    JsonObject byId = new JsonObject().put("_id", doc.getString("_id"));
    UpdateOptions upsert = new UpdateOptions().setUpsert(true);
    return access.bounded(mongo.replaceDocumentsWithOptions(ArchiveDocument.COLLECTION, byId, doc, upsert))
        .recover(err -> MongoAccess.isDuplicateKey(err)
            ? access.bounded(mongo.replaceDocumentsWithOptions(ArchiveDocument.COLLECTION, byId, doc, upsert))
            : Future.failedFuture(err))
        .mapEmpty();
  }
}
