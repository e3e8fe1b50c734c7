package io.switchboard.platform.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The wire form of this package's codecs between nodes: a JSON object as its length and its UTF-8
 * bytes, the same as Vert.x's own JSON codec writes.
 */
final class JsonWire {
  private JsonWire() {}

  static void write(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  static JsonObject read(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.slice(pos + 4, pos + 4 + length));
  }
}
