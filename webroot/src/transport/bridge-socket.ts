import SockJS from 'sockjs-client/dist/sockjs.js';
import { type BridgeConnection, markRawEndpointBlocked, RawBridgeSocket, rawEndpointBlocked, rawWebSocketUrl } from './raw-bridge-socket';

/**
 * What @vertx/eventbus-bridge-client.js gets when it calls `new SockJS(url, null, options)`
 * (vite.config.ts points its `sockjs-client` import here; called with `new`, a function that returns
 * an object yields that object). First the bridge's raw WebSocket endpoint: sockjs-client speaks
 * SockJS's framing even over a WebSocket, which wraps every message in a JSON string array, so the
 * server escapes each message once more for every socket — for the call list's deltas to 200
 * dashboards that was most of a core (bench/BOTTLENECKS.md, session 14;
 * docs/architecture.md#bridge). When a raw connection closes before it delivered anything (a proxy
 * that refuses WebSockets, an old gateway), this page uses SockJS, with its HTTP fallbacks, from
 * then on; the transport's reconnect loop (eventbus.ts) makes the next attempt.
 */
export default function openBridgeSocket(url: string, reserved?: null, options?: SockJS.Options): BridgeConnection {
  if (!rawEndpointBlocked() && typeof WebSocket !== 'undefined') {
    return new RawBridgeSocket(rawWebSocketUrl(url, globalThis.location?.href ?? 'http://localhost/'), markRawEndpointBlocked);
  }
  return new SockJS(url, reserved, options) as unknown as BridgeConnection;
}

// The bridge client require()s this module (vite.config.ts). The bundler, like Node's require() of
// an ES module, hands a require() the export named "module.exports" when there is one, and the
// namespace object — not a constructor — otherwise.
export { openBridgeSocket as 'module.exports' };
