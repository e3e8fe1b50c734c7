package io.switchboard.analytics.search;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.analytics.mongo.MongoAccess;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives calls archived before search existed their {@code search_words}, a batch at a time, once
 * per start (an embedded archive in {@code data.dir} survives upgrades). Bounded: at most
 * {@link #MAX_BATCHES} batches per start, so a huge legacy archive cannot keep the verticle busy.
 */
public final class SearchBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(SearchBackfill.class);
  static final int BATCH = 100;
  static final int MAX_BATCHES = 1_000;

  private final MongoClient mongo;
  private final MongoAccess access;

  public SearchBackfill(MongoClient mongo, MongoAccess access) {
    this.mongo = mongo;
    this.access = access;
  }

  /** The number of calls given their words. */
  public Future<Integer> run() {
    return batch(0, 0).onSuccess(n -> {
      if (n > 0) {
        LOG.atInfo().addKeyValue("calls", n).log("search words added to calls archived before search");
      }
    });
  }

  private Future<Integer> batch(int done, int batches) {
    if (batches >= MAX_BATCHES) {
      return Future.succeededFuture(done);
    }
    JsonObject missing = new JsonObject()
        .put(SearchWords.FIELD, new JsonObject().put("$exists", false))
        .put(ArchiveDocument.TRANSCRIPT, new JsonObject().put("$exists", true));
    FindOptions opts = new FindOptions().setLimit(BATCH).setFields(new JsonObject().put(ArchiveDocument.TRANSCRIPT, 1));
    return access.bounded(mongo.findWithOptions(ArchiveDocument.COLLECTION, missing, opts)).compose(docs -> {
      if (docs.isEmpty()) {
        return Future.succeededFuture(done);
      }
      List<Future<?>> updates = new ArrayList<>();
      for (JsonObject d : docs) {
        JsonObject set = new JsonObject().put("$set", new JsonObject().put(SearchWords.FIELD, SearchWords.of(d.getJsonArray(ArchiveDocument.TRANSCRIPT))));
        updates.add(access.bounded(mongo.updateCollectionWithOptions(ArchiveDocument.COLLECTION, new JsonObject().put("_id", d.getValue("_id")), set,
            new UpdateOptions())));
      }
      return Future.all(updates).compose(v -> batch(done + docs.size(), batches + 1));
    });
  }
}
