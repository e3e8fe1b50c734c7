package io.switchboard.agent.provider.openai;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A response body sink for {@code BodyCodec.pipe}: hands each chunk to a handler as it arrives,
 * which is what lets us stream LLM tokens and measure TTS time-to-first-byte with the web client.
 */
final class ChunkStream implements WriteStream<Buffer> {
  private final Handler<Buffer> onChunk;

  ChunkStream(Handler<Buffer> onChunk) {
    this.onChunk = onChunk;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    onChunk.handle(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
