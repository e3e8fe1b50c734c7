import EventBus, { type BridgeCallback, type BridgeFailure, type BridgeFrame } from '@vertx/eventbus-bridge-client.js';
import { BusError, type ConnectionState, type MessageHandler, type Transport } from './types';

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 15 s (±25 %). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
  const jitter = base * 0.25 * (random() * 2 - 1);
  return Math.round(base + jitter);
}

interface Sub {
  address: string;
  handler: MessageHandler;
}

/**
 * Transport over the Vert.x SockJS event-bus bridge. It owns the reconnect loop (the client's own
 * reconnect forgets handlers), re-registers every subscription after a reconnect, and attaches the
 * bearer token to every frame in ONE place: {@link headers}.
 */
export class EventBusTransport implements Transport {
  private eb: EventBus | null = null;
  private readonly subs = new Set<Sub>();
  /** address → the single bridge callback registered for it on the current bus. */
  private readonly bridgeCallbacks = new Map<string, BridgeCallback>();
  private readonly listeners = new Set<(s: ConnectionState) => void>();
  private current: ConnectionState = { status: 'idle', attempt: 0, generation: 0 };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly token: () => string | null,
  ) {}

  /** The auth header of every send/register/unregister. */
  private headers(): Record<string, string> {
    const t = this.token();
    return t ? { authorization: `Bearer ${t}` } : {};
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const eb = this.eb;
    this.eb = null;
    this.bridgeCallbacks.clear();
    if (eb) {
      eb.onclose = null;
      try {
        eb.close();
      } catch {
        /* already closed */
      }
    }
    this.setState({ status: 'closed', attempt: 0 });
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState({ status: this.current.generation > 0 ? 'reconnecting' : 'connecting', nextRetryAt: undefined });
    const eb = new EventBus(this.url, { vertxbus_ping_interval: 5000 });
    this.eb = eb;
    eb.defaultHeaders = null; // headers are always passed explicitly, see headers()
    eb.onerror = (frame: BridgeFrame) => {
      // Denied REGISTER/SEND frames carry no address and land here (see facts §3).
      const msg = typeof frame.body === 'string' ? frame.body : (frame.message ?? 'bridge error');
      this.setState({ lastError: msg });
    };
    eb.onopen = () => {
      if (this.eb !== eb) return;
      this.bridgeCallbacks.clear();
      for (const address of new Set([...this.subs].map((s) => s.address))) this.registerOnBus(address);
      this.setState({
        status: 'open',
        attempt: 0,
        nextRetryAt: undefined,
        lastError: undefined,
        generation: this.current.generation + 1,
      });
    };
    eb.onclose = () => {
      if (this.eb !== eb) return;
      this.eb = null;
      this.bridgeCallbacks.clear();
      if (this.stopped) return;
      const attempt = this.current.attempt + 1;
      const delay = backoffDelay(attempt);
      this.setState({ status: 'reconnecting', attempt, nextRetryAt: Date.now() + delay });
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private isOpen(): boolean {
    return this.eb !== null && this.eb.state === EventBus.OPEN;
  }

  private registerOnBus(address: string): void {
    if (!this.eb || this.bridgeCallbacks.has(address)) return;
    const cb: BridgeCallback = (err, msg) => {
      if (err) {
        this.setState({ lastError: `${address}: ${err.message ?? 'error'}` });
        return;
      }
      for (const s of [...this.subs]) if (s.address === address) s.handler(msg.body);
    };
    this.bridgeCallbacks.set(address, cb);
    this.eb.registerHandler(address, this.headers(), cb);
  }

  subscribe(address: string, handler: MessageHandler): () => void {
    const sub: Sub = { address, handler };
    this.subs.add(sub);
    if (this.isOpen()) this.registerOnBus(address);
    return () => {
      this.subs.delete(sub);
      const stillUsed = [...this.subs].some((s) => s.address === address);
      const cb = this.bridgeCallbacks.get(address);
      if (!stillUsed && cb) {
        this.bridgeCallbacks.delete(address);
        if (this.isOpen() && this.eb) this.eb.unregisterHandler(address, this.headers(), cb);
      }
    };
  }

  request<T = unknown>(address: string, body: unknown, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.isOpen() || !this.eb) {
        reject(new BusError(503, 'not connected', 'NOT_CONNECTED'));
        return;
      }
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        reject(new BusError(504, `no reply from ${address} within ${timeoutMs} ms`, 'TIMEOUT'));
      }, timeoutMs);
      try {
        this.eb.send(address, body, this.headers(), (err: BridgeFailure | null, msg) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (err) reject(new BusError(err.failureCode ?? 0, err.message ?? 'request failed', err.failureType));
          else resolve(msg.body as T);
        });
      } catch (e) {
        done = true;
        clearTimeout(timer);
        reject(new BusError(503, e instanceof Error ? e.message : String(e), 'NOT_CONNECTED'));
      }
    });
  }

  state(): ConnectionState {
    return this.current;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(patch: Partial<ConnectionState>): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l(this.current);
  }
}
