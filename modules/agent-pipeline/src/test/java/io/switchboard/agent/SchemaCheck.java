package io.switchboard.agent;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Validates events against the contract module's JSON Schemas (envelope + per-type data). */
public final class SchemaCheck {
  private static final JsonSchemaOptions OPTIONS =
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://switchboard.io/").setOutputFormat(OutputFormat.Basic);

  private final Validator envelope = validator("/schemas/call-event.json");
  private final Map<String, Validator> data = new HashMap<>();

  /** Null when valid, else what is wrong. */
  public String problem(JsonObject event) {
    OutputUnit out = envelope.validate(event);
    if (!out.getValid()) {
      return "envelope: " + out.toJson().encode();
    }
    String type = event.getString("event_type");
    Validator v = data.computeIfAbsent(type, t -> validator("/schemas/data/" + t + ".json"));
    OutputUnit d = v.validate(event.getJsonObject("data"));
    return d.getValid() ? null : type + " data: " + d.toJson().encode();
  }

  private static Validator validator(String resource) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema not on classpath: " + resource);
      }
      JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Validator.create(JsonSchema.of(schema), OPTIONS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
