import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for the UMD client: records frames, lets the test open/close the socket.
const buses: FakeBus[] = [];
class FakeBus {
  static OPEN = 1;
  state = 0;
  defaultHeaders: Record<string, string> | null = null;
  onopen: (() => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: (e: unknown) => void = () => undefined;
  frames: Array<{ type: string; address: string; headers: Record<string, string>; body?: unknown }> = [];
  handlers = new Map<string, (err: unknown, msg: { body: unknown }) => void>();
  replies: Array<(err: unknown, msg: { body: unknown }) => void> = [];
  constructor(public url: string) {
    buses.push(this);
  }
  open() {
    this.state = 1;
    this.onopen?.();
  }
  drop() {
    this.state = 3;
    this.onclose?.({});
  }
  registerHandler(address: string, headers: Record<string, string>, cb: (err: unknown, msg: { body: unknown }) => void) {
    this.frames.push({ type: 'register', address, headers });
    this.handlers.set(address, cb);
  }
  unregisterHandler(address: string, headers: Record<string, string>) {
    this.frames.push({ type: 'unregister', address, headers });
  }
  send(address: string, body: unknown, headers: Record<string, string>, cb: (err: unknown, msg: { body: unknown }) => void) {
    this.frames.push({ type: 'send', address, headers, body });
    this.replies.push(cb);
  }
  close() {
    this.state = 3;
  }
}
vi.mock('@vertx/eventbus-bridge-client.js', () => ({ default: FakeBus }));

const { EventBusTransport, backoffDelay } = await import('./eventbus');

describe('EventBusTransport', () => {
  beforeEach(() => {
    buses.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('attaches the bearer token to every register and send', async () => {
    const t = new EventBusTransport('/eventbus', () => 'tok');
    t.subscribe('calls.active', () => undefined);
    t.start();
    const bus = buses[0]!;
    expect(bus.url).toBe('/eventbus');
    bus.open();
    const p = t.request('calls.snapshot', {});
    bus.replies[0]!(null, { body: { calls: [] } });
    await expect(p).resolves.toEqual({ calls: [] });
    expect(bus.frames.map((f) => [f.type, f.address, f.headers.authorization])).toEqual([
      ['register', 'calls.active', 'Bearer tok'],
      ['send', 'calls.snapshot', 'Bearer tok'],
    ]);
  });

  it('maps a reply failure to a BusError with the code and message', async () => {
    const t = new EventBusTransport('/eventbus', () => 'tok');
    t.start();
    buses[0]!.open();
    const p = t.request('control.takeover', { room: 'r' });
    buses[0]!.replies[0]!({ failureCode: 409, failureType: 'RECIPIENT_FAILURE', message: 'held by alice' }, { body: null });
    await expect(p).rejects.toMatchObject({ code: 409, message: 'held by alice' });
  });

  it('reconnects with backoff, re-registers subscriptions and bumps the generation', () => {
    const t = new EventBusTransport('/eventbus', () => 'tok');
    const got: unknown[] = [];
    t.subscribe('call.r1', (b) => got.push(b));
    t.start();
    buses[0]!.open();
    expect(t.state()).toMatchObject({ status: 'open', generation: 1 });
    buses[0]!.drop();
    expect(t.state().status).toBe('reconnecting');
    vi.advanceTimersByTime(20_000);
    const bus2 = buses[1]!;
    bus2.open();
    expect(t.state()).toMatchObject({ status: 'open', generation: 2, attempt: 0 });
    expect(bus2.frames).toEqual([{ type: 'register', address: 'call.r1', headers: { authorization: 'Bearer tok' } }]);
    bus2.handlers.get('call.r1')!(null, { body: { v: 1 } });
    expect(got).toEqual([{ v: 1 }]);
  });

  it('rejects requests while disconnected', async () => {
    const t = new EventBusTransport('/eventbus', () => 'tok');
    await expect(t.request('calls.snapshot', {})).rejects.toMatchObject({ code: 503 });
  });

  it('backoff grows and is capped', () => {
    const mid = () => 0.5;
    expect(backoffDelay(1, mid)).toBe(500);
    expect(backoffDelay(3, mid)).toBe(2000);
    expect(backoffDelay(20, mid)).toBe(15000);
  });
});
