package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Validates a {@link CallEvent} body against the JSON Schemas in {@code /schemas/}: the envelope,
 * then the {@code data} schema of its event type. Thread-safe; build once and share.
 */
public final class CallEventSchemas {
  private static final JsonSchemaOptions OPTIONS =
      new JsonSchemaOptions()
          .setDraft(Draft.DRAFT202012)
          .setBaseUri("https://switchboard.io/schemas/")
          .setOutputFormat(OutputFormat.Basic);

  private final Validator envelope;
  private final Map<EventType, Validator> data = new EnumMap<>(EventType.class);

  public CallEventSchemas() {
    envelope = Validator.create(JsonSchema.of(load("/schemas/call-event.json")), OPTIONS);
    for (EventType type : EventType.values()) {
      data.put(type, Validator.create(JsonSchema.of(load("/schemas/data/" + type.wire() + ".json")), OPTIONS));
    }
  }

  /**
   * Why the body is invalid, in one readable sentence, or null when it is valid. Unknown event
   * types are reported as such; whether the sender may use the type is the caller's check.
   * The commonest valid events skip the validator ({@link CallEventFastPath}); every other event,
   * and so every error message, is the validator's.
   */
  public String problem(JsonObject body) {
    if (CallEventFastPath.certainlyValid(body)) {
      return null;
    }
    return validatorProblem(body);
  }

  /** The JSON Schema validator's verdict alone (what {@link #problem} answers for every event). */
  String validatorProblem(JsonObject body) {
    String envelopeProblem = describe(envelope.validate(body), "");
    if (envelopeProblem != null) {
      return envelopeProblem;
    }
    String wire = body.getString("event_type");
    EventType type = EventType.byWire(wire).orElse(null);
    if (type == null) {
      return "unknown event_type '" + wire + "'";
    }
    return describe(data.get(type).validate(body.getJsonObject("data")), "data");
  }

  private static String describe(OutputUnit out, String prefix) {
    if (Boolean.TRUE.equals(out.getValid())) {
      return null;
    }
    OutputUnit first = out.getErrors() == null || out.getErrors().isEmpty() ? out : out.getErrors().get(0);
    String where = first.getInstanceLocation() == null ? "" : first.getInstanceLocation().replaceFirst("^#?/?", "").replace('/', '.');
    String path = prefix.isEmpty() ? where : where.isEmpty() ? prefix : prefix + "." + where;
    return (path.isEmpty() ? "body" : path) + ": " + first.getError();
  }

  private static JsonObject load(String path) {
    try (InputStream in = CallEventSchemas.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing schema " + path);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
