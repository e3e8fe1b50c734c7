package io.switchboard.analytics.audit;

import io.switchboard.analytics.mongo.MongoAccess;
import io.switchboard.contract.analytics.AuditPage;
import io.switchboard.contract.analytics.AuditQuery;
import io.switchboard.contract.analytics.AuditRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexModel;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/** The {@code audit} collection: one document per supervisor action, queried newest first. */
public final class AuditStore {
  public static final String COLLECTION = "audit";

  private final MongoClient mongo;
  private final MongoAccess access;

  public AuditStore(MongoClient mongo, MongoAccess access) {
    this.mongo = mongo;
    this.access = access;
  }

  public Future<Void> ensureIndexes() {
    return access.bounded(mongo.createIndexes(COLLECTION, List.of(
        new IndexModel(new JsonObject().put("at", -1), new IndexOptions().name("at")),
        new IndexModel(new JsonObject().put("who", 1).put("at", -1), new IndexOptions().name("who_at")),
        new IndexModel(new JsonObject().put("room", 1).put("at", -1), new IndexOptions().name("room_at")))));
  }

  public Future<String> record(AuditRecord r) {
    JsonObject doc = r.toJson().put("at", date(r.at()));
    doc.remove("v");
    return access.bounded(mongo.insert(COLLECTION, doc));
  }

  public Future<AuditPage> query(AuditQuery q) {
    JsonObject filter = filter(q);
    FindOptions page = new FindOptions()
        .setSort(new JsonObject().put("at", -1).put("_id", -1))
        .setSkip(q.skip())
        .setLimit(q.size())
        .setFields(new JsonObject().put("_id", 0));
    Future<Long> total = access.bounded(mongo.count(COLLECTION, filter));
    Future<List<JsonObject>> items = access.bounded(mongo.findWithOptions(COLLECTION, filter, page));
    return Future.all(total, items).map(x -> new AuditPage(
        items.result().stream().map(AuditStore::toRecord).toList(), total.result(), q.page(), q.size()));
  }

  static JsonObject filter(AuditQuery q) {
    JsonObject f = new JsonObject();
    if (q.user() != null) {
      f.put("who", q.user());
    }
    if (q.action() != null) {
      f.put("action", q.action());
    }
    if (q.room() != null) {
      f.put("room", q.room());
    }
    if (q.from() != null || q.to() != null) {
      JsonObject range = new JsonObject();
      if (q.from() != null) {
        range.put("$gte", date(q.from()));
      }
      if (q.to() != null) {
        range.put("$lt", date(q.to()));
      }
      f.put("at", range);
    }
    return f;
  }

  private static AuditRecord toRecord(JsonObject doc) {
    Object at = doc.getValue("at");
    JsonObject copy = doc.copy().put("at", at instanceof JsonObject d ? d.getString("$date") : at);
    return AuditRecord.fromJson(copy, Instant.EPOCH);
  }

  private static JsonObject date(Instant i) {
    return new JsonObject().put("$date", i.toString());
  }
}
