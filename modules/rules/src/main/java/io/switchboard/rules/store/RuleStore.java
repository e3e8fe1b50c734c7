package io.switchboard.rules.store;

import io.switchboard.contract.rules.Rules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rules in MongoDB: one document per rule in {@code rules} ({@code _id} = the rule id), and a
 * {@code rules_meta} marker that the built-ins were seeded, so a built-in an admin deleted stays
 * deleted after a restart. Every operation is bounded in time.
 */
public final class RuleStore {
  public static final String COLLECTION = "rules";
  public static final String META = "rules_meta";
  private static final String SEEDED = "builtin-seeded";

  private final MongoClient mongo;
  private final long timeoutMs;

  public RuleStore(MongoClient mongo, long timeoutMs) {
    this.mongo = mongo;
    this.timeoutMs = timeoutMs;
  }

  /** Inserts the built-ins once per database (the marker's _id makes concurrent first starts safe). */
  public Future<Boolean> seed(List<JsonObject> builtins, long now) {
    return bounded(mongo.findOne(META, new JsonObject().put("_id", SEEDED), null))
        .compose(marker -> {
          if (marker != null) {
            return Future.succeededFuture(false);
          }
          List<Future<?>> writes = new ArrayList<>();
          for (JsonObject rule : builtins) {
            JsonObject doc = toDoc(rule.copy().put(Rules.UPDATED_AT, now).put(Rules.UPDATED_BY, "seed"));
            // upsert without overwriting: a concurrent seeder's copy is the same document
            writes.add(bounded(mongo.updateCollectionWithOptions(
                COLLECTION, new JsonObject().put("_id", rule.getString(Rules.ID)), new JsonObject().put("$setOnInsert", doc),
                new UpdateOptions().setUpsert(true))));
          }
          return Future.all(writes)
              .compose(v -> bounded(mongo.save(META, new JsonObject().put("_id", SEEDED).put("at", now))))
              .map(id -> true);
        });
  }

  public Future<List<JsonObject>> all() {
    return bounded(mongo.find(COLLECTION, new JsonObject())).map(docs -> docs.stream().map(RuleStore::fromDoc).toList());
  }

  public Future<JsonObject> get(String id) {
    return bounded(mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)).map(d -> d == null ? null : fromDoc(d));
  }

  /** Stores the rule (replacing one with the same id). */
  public Future<Void> put(JsonObject rule) {
    return bounded(mongo.save(COLLECTION, toDoc(rule))).mapEmpty();
  }

  /** True when a rule was removed. */
  public Future<Boolean> delete(String id) {
    return bounded(mongo.removeDocument(COLLECTION, new JsonObject().put("_id", id))).map(r -> r != null && r.getRemovedCount() > 0);
  }

  private <T> Future<T> bounded(Future<T> op) {
    return op.timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private static JsonObject toDoc(JsonObject rule) {
    return rule.copy().put("_id", rule.getString(Rules.ID));
  }

  private static JsonObject fromDoc(JsonObject doc) {
    JsonObject r = doc.copy();
    r.remove("_id");
    return r;
  }
}
