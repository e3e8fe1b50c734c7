import { BusError, type ConnectionState, type MessageHandler, type Transport } from '../transport/types';

export interface PendingRequest {
  address: string;
  body: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** A controllable in-memory transport: tests publish messages and answer requests by hand. */
export class FakeTransport implements Transport {
  handlers = new Map<string, Set<MessageHandler>>();
  pending: PendingRequest[] = [];
  private st: ConnectionState = { status: 'open', attempt: 0, generation: 1 };
  private listeners = new Set<(s: ConnectionState) => void>();

  constructor(open = true) {
    if (!open) this.st = { status: 'connecting', attempt: 0, generation: 0 };
  }

  subscribe(address: string, handler: MessageHandler): () => void {
    let set = this.handlers.get(address);
    if (!set) this.handlers.set(address, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(address);
    };
  }

  request<T = unknown>(address: string, body: unknown): Promise<T> {
    if (this.st.status !== 'open') return Promise.reject(new BusError(503, 'not connected'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ address, body, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  state(): ConnectionState {
    return this.st;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- test controls ----

  publish(address: string, body: unknown): void {
    for (const h of [...(this.handlers.get(address) ?? [])]) h(body);
  }

  isRegistered(address: string): boolean {
    return (this.handlers.get(address)?.size ?? 0) > 0;
  }

  /** Takes the oldest pending request for an address (throws when none). */
  take(address: string): PendingRequest {
    const i = this.pending.findIndex((p) => p.address === address);
    if (i < 0) throw new Error(`no pending request on ${address}; pending: ${this.pending.map((p) => p.address).join(', ')}`);
    return this.pending.splice(i, 1)[0] as PendingRequest;
  }

  pendingOn(address: string): PendingRequest[] {
    return this.pending.filter((p) => p.address === address);
  }

  disconnect(): void {
    this.st = { ...this.st, status: 'reconnecting', attempt: 1 };
    for (const p of this.pending.splice(0)) p.reject(new BusError(503, 'connection closed'));
    for (const l of [...this.listeners]) l(this.st);
  }

  reconnect(): void {
    this.st = { status: 'open', attempt: 0, generation: this.st.generation + 1 };
    for (const l of [...this.listeners]) l(this.st);
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
