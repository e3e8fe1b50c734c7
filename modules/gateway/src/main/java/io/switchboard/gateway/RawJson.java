package io.switchboard.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * A JSON value encoded once and written verbatim wherever it is put into a {@link JsonObject}
 * that is then encoded (Jackson's {@link JsonSerializable}, used by Vert.x's databind JSON codec).
 * {@link #SUPPORTED} checks at start-up that the codec in use does so; where it does not (no
 * jackson-databind), callers keep the plain object.
 */
final class RawJson implements JsonSerializable {
  static final boolean SUPPORTED = selfCheck();

  private final String json;

  private RawJson(String json) {
    this.json = json;
  }

  static RawJson of(JsonObject value) {
    return new RawJson(value.encode());
  }

  String json() {
    return json;
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    gen.writeRawValue(json);
  }

  @Override
  public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
    serialize(gen, serializers);
  }

  @Override
  public String toString() {
    return json;
  }

  private static boolean selfCheck() {
    try {
      JsonObject body = new JsonObject().put("n", 0.1).put("s", "a\"b");
      String encoded = new JsonObject().put("type", "rec").put("body", new RawJson(body.encode())).encode();
      return new JsonObject(encoded).getJsonObject("body").equals(body);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
