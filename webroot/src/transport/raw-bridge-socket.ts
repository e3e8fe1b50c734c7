/** The part of a SockJS connection that @vertx/eventbus-bridge-client.js uses. */
export interface BridgeConnection {
  onopen: ((e: unknown) => void) | null;
  onclose: ((e: unknown) => void) | null;
  onmessage: ((e: { data: string }) => void) | null;
  send(data: string): void;
  close(): void;
}

/** The raw endpoint of a SockJS bridge URL: `/eventbus` → `ws(s)://<host>/eventbus/websocket`. */
export function rawWebSocketUrl(url: string, base: string): string {
  const u = new URL(url, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/websocket`;
  u.search = '';
  u.hash = '';
  return u.toString();
}

/**
 * The bridge's raw WebSocket endpoint dressed as a SockJS connection: one WebSocket message per
 * bridge message, text or binary (the server writes buffers as binary messages), handed on as text.
 */
export class RawBridgeSocket implements BridgeConnection {
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  /** Whether the socket opened and delivered a message: what tells a working path from a blocked one. */
  delivered = false;
  private readonly ws: WebSocket;
  private readonly decoder = new TextDecoder();

  constructor(url: string, onFailed: () => void) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = (e) => this.onopen?.(e);
    this.ws.onmessage = (e: MessageEvent) => {
      this.delivered = true;
      const data = typeof e.data === 'string' ? e.data : this.decoder.decode(e.data as ArrayBuffer);
      this.onmessage?.({ data });
    };
    this.ws.onclose = (e) => {
      if (!this.delivered) onFailed();
      this.onclose?.(e);
    };
  }

  send(data: string): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }
}

/** Set once a raw connection failed before it delivered anything: this page then uses SockJS. */
let rawBlocked = false;

export function rawEndpointBlocked(): boolean {
  return rawBlocked;
}

export function markRawEndpointBlocked(): void {
  rawBlocked = true;
}

/** For tests: forget an earlier failure of the raw endpoint. */
export function resetRawEndpointChoice(): void {
  rawBlocked = false;
}
