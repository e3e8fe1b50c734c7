package io.switchboard.analytics.archive;

import io.switchboard.contract.analytics.AuditRecord;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.redaction.CallRedactor;
import io.switchboard.redaction.PiiType;
import io.switchboard.redaction.RedactionConfig;
import io.switchboard.redaction.Redactor;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * What analytics writes to MongoDB carries no original PII: an ended call's lines and text fields,
 * and audit arguments (a guide's text), pass through the redactor right before the store. Done
 * here rather than in ingest because this is the one place every archived byte goes through,
 * whoever sent {@code call.ended}; the bus message itself never leaves memory.
 */
public final class ArchiveRedaction {
  /** Field of the archived document with the counts per type ({@code {card: 2, email: 1}}). */
  public static final String FIELD = "redactions";

  private final CallRedactor calls;

  public ArchiveRedaction(RedactionConfig config) {
    this.calls = new CallRedactor(new Redactor(config));
  }

  /** The call with redacted lines and fields, and the counts to store beside it. */
  public record Redacted(ArchivedCall call, JsonObject counts) {}

  public Redacted apply(ArchivedCall call) {
    CallRedactor.Result r = calls.redact(call.fields(), call.lines());
    return new Redacted(new ArchivedCall(call.room(), call.sessionId(), r.fields(), r.lines()), r.countsJson());
  }

  public AuditRecord apply(AuditRecord a) {
    if (a.args() == null || !calls.redactor().config().enabled()) {
      return a;
    }
    Map<PiiType, Integer> ignored = new EnumMap<>(PiiType.class);
    JsonObject line = calls.line(new JsonObject().put("args", a.args().copy()), null, ignored);
    String message = a.message() == null ? null : calls.redactor().redact(a.message()).text();
    return new AuditRecord(a.who(), a.role(), a.action(), a.room(), a.sessionId(), line.getJsonObject("args"), a.ok(), message,
        a.latencyMs(), a.at());
  }
}
