package io.switchboard.contract.rules;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a rule document against {@code /schemas/rule.json}. A problem names the field as a
 * JSON pointer ({@code /when/all/0/phrases}) so an editor can point at it. Thread-safe.
 */
public final class RuleSchema {
  /** One schema violation: where (JSON pointer, "" = the document) and what. */
  public record Problem(String pointer, String message) {
    public JsonObject toJson() {
      return new JsonObject().put("pointer", pointer).put("message", message);
    }

    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
  }

  public static final String RESOURCE = "/schemas/rule.json";

  private final Validator validator;

  public RuleSchema() {
    JsonSchemaOptions options =
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri("https://switchboard.io/schemas/")
            .setOutputFormat(OutputFormat.Basic);
    validator = Validator.create(JsonSchema.of(load()), options);
  }

  /**
   * The most specific violation (the deepest pointer: "phrases must be an array" beats "the
   * condition does not match its type's schema"), or null when the rule is valid.
   */
  public Problem problem(Object rule) {
    if (!(rule instanceof JsonObject)) {
      return new Problem("", "a rule must be a JSON object");
    }
    OutputUnit out = validator.validate(rule);
    if (Boolean.TRUE.equals(out.getValid())) {
      return null;
    }
    List<OutputUnit> errors = new ArrayList<>();
    if (out.getErrors() != null) {
      errors.addAll(out.getErrors());
    }
    if (errors.isEmpty()) {
      errors.add(out);
    }
    OutputUnit best =
        errors.stream()
            .max(Comparator.comparingInt((OutputUnit u) -> depth(u.getInstanceLocation()))
                .thenComparingInt(u -> u.getKeywordLocation() == null ? 0 : u.getKeywordLocation().length()))
            .orElse(out);
    return new Problem(pointer(best.getInstanceLocation()), best.getError());
  }

  private static String pointer(String location) {
    if (location == null) {
      return "";
    }
    String p = location.startsWith("#") ? location.substring(1) : location;
    return p.equals("/") ? "" : p;
  }

  private static int depth(String location) {
    String p = pointer(location);
    return p.isEmpty() ? 0 : p.split("/", -1).length - 1;
  }

  private static JsonObject load() {
    try (InputStream in = RuleSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing schema " + RESOURCE);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
