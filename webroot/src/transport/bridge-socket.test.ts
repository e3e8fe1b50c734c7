import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for the browser's WebSocket: records what was opened and sent, lets the test drive it.
const sockets: FakeWebSocket[] = [];
class FakeWebSocket {
  binaryType = 'blob';
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(public url: string) {
    sockets.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
}

const sockJsOpened: string[] = [];
class FakeSockJS {
  onopen = null;
  onclose = null;
  onmessage = null;
  constructor(public url: string) {
    sockJsOpened.push(url);
  }
  send() {}
  close() {}
}
vi.mock('sockjs-client/dist/sockjs.js', () => ({ default: FakeSockJS }));

const { rawWebSocketUrl, RawBridgeSocket, resetRawEndpointChoice, rawEndpointBlocked } = await import('./raw-bridge-socket');
const { default: openBridgeSocket } = await import('./bridge-socket');

describe('rawWebSocketUrl', () => {
  it('turns the SockJS URL into its raw WebSocket endpoint on the same origin', () => {
    expect(rawWebSocketUrl('/eventbus', 'http://host:8080/app/')).toBe('ws://host:8080/eventbus/websocket');
    expect(rawWebSocketUrl('/eventbus/', 'https://host/')).toBe('wss://host/eventbus/websocket');
    expect(rawWebSocketUrl('eventbus', 'http://host/app/index.html?x=1#y')).toBe('ws://host/app/eventbus/websocket');
    expect(rawWebSocketUrl('https://other:9443/bus?t=1', 'http://host/')).toBe('wss://other:9443/bus/websocket');
  });
});

describe('openBridgeSocket', () => {
  beforeEach(() => {
    sockets.length = 0;
    sockJsOpened.length = 0;
    resetRawEndpointChoice();
    vi.stubGlobal('WebSocket', FakeWebSocket);
    vi.stubGlobal('location', { href: 'http://dash.example:8080/' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the raw endpoint, hands on text and binary messages as text, sends as given', () => {
    const conn = openBridgeSocket('/eventbus', null, {});
    const received: string[] = [];
    let opened = 0;
    conn.onopen = () => opened++;
    conn.onmessage = (e) => received.push(e.data);
    const ws = sockets[0]!;
    expect(ws.url).toBe('ws://dash.example:8080/eventbus/websocket');
    expect(ws.binaryType).toBe('arraybuffer');
    ws.onopen?.({});
    conn.send('{"type":"ping"}');
    ws.onmessage?.({ data: '{"type":"rec","address":"a","body":1}' });
    ws.onmessage?.({ data: new TextEncoder().encode('{"type":"rec","address":"é","body":2}').buffer });
    expect(opened).toBe(1);
    expect(ws.sent).toEqual(['{"type":"ping"}']);
    expect(received).toEqual(['{"type":"rec","address":"a","body":1}', '{"type":"rec","address":"é","body":2}']);
    expect(sockJsOpened).toEqual([]);
  });

  it('uses SockJS from then on when a raw connection closes before it delivered anything', () => {
    const first = openBridgeSocket('/eventbus', null, {});
    let closes = 0;
    first.onclose = () => closes++;
    sockets[0]!.onopen?.({});
    sockets[0]!.onclose?.({ code: 1006 });
    expect(closes).toBe(1);
    expect(rawEndpointBlocked()).toBe(true);
    openBridgeSocket('/eventbus', null, {});
    openBridgeSocket('/eventbus', null, {});
    expect(sockets).toHaveLength(1);
    expect(sockJsOpened).toEqual(['/eventbus', '/eventbus']);
  });

  it('keeps the raw endpoint after a connection that worked is closed (a restart, a network blip)', () => {
    openBridgeSocket('/eventbus', null, {});
    sockets[0]!.onopen?.({});
    sockets[0]!.onmessage?.({ data: '{"type":"pong"}' });
    sockets[0]!.onclose?.({ code: 1006 });
    expect(rawEndpointBlocked()).toBe(false);
    openBridgeSocket('/eventbus', null, {});
    expect(sockets).toHaveLength(2);
    expect(sockJsOpened).toEqual([]);
  });

  it('falls back to SockJS where there is no WebSocket at all', () => {
    vi.stubGlobal('WebSocket', undefined);
    openBridgeSocket('/eventbus', null, {});
    expect(sockJsOpened).toEqual(['/eventbus']);
  });
});

describe('RawBridgeSocket', () => {
  beforeEach(() => {
    sockets.length = 0;
    vi.stubGlobal('WebSocket', FakeWebSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reports a failure only for a socket that closed before its first message', () => {
    const failures: number[] = [];
    const a = new RawBridgeSocket('ws://h/eventbus/websocket', () => failures.push(1));
    sockets[0]!.onclose?.({});
    const b = new RawBridgeSocket('ws://h/eventbus/websocket', () => failures.push(2));
    sockets[1]!.onmessage?.({ data: '{}' });
    sockets[1]!.onclose?.({});
    expect(failures).toEqual([1]);
    expect(a.delivered).toBe(false);
    expect(b.delivered).toBe(true);
    b.close();
    expect(sockets[1]!.closed).toBe(true);
  });
});
