/**
 * The store's only view of the network. The real implementation is the SockJS event-bus bridge
 * (eventbus.ts); tests pass a fake object.
 */

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnect attempt counter (0 when open). */
  attempt: number;
  /** Epoch ms of the next reconnect attempt, when reconnecting. */
  nextRetryAt?: number;
  /** Last bridge error (e.g. access_denied, rejected) or close reason. */
  lastError?: string;
  /** Increments on every successful (re)open; the store resyncs when it changes. */
  generation: number;
}

/** A failed request: the reply failure of the bus (code is an HTTP-like status, see BusErrors). */
export class BusError extends Error {
  readonly code: number;
  readonly failureType: string;
  constructor(code: number, message: string, failureType = 'RECIPIENT_FAILURE') {
    super(message);
    this.name = 'BusError';
    this.code = code;
    this.failureType = failureType;
  }
}

export type MessageHandler = (body: unknown) => void;

export interface Transport {
  /**
   * Receive messages published/sent to an address. The registration survives reconnects (the
   * transport re-registers). Returns the unregister function.
   */
  subscribe(address: string, handler: MessageHandler): () => void;
  /** Request-reply (eb.send with a reply handler). Rejects with BusError on failure/timeout. */
  request<T = unknown>(address: string, body: unknown, timeoutMs?: number): Promise<T>;
  /** Current connection state. */
  state(): ConnectionState;
  /** Called on every state change. Returns the unsubscribe function. */
  onState(listener: (s: ConnectionState) => void): () => void;
}

/** A human-readable message for any error (bus failure, timeout, network). */
export function errorMessage(e: unknown): string {
  if (e instanceof BusError) return e.code > 0 ? `${e.code} ${e.message}` : e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
