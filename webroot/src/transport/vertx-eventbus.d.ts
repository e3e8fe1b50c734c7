// Type declarations for @vertx/eventbus-bridge-client.js@1.0.0 (ships no types).
declare module '@vertx/eventbus-bridge-client.js' {
  export interface BridgeFailure {
    failureCode?: number;
    failureType?: string;
    message?: string;
  }
  export interface BridgeMessage {
    type: string;
    address: string;
    body: unknown;
    headers?: Record<string, string>;
    replyAddress?: string;
  }
  export type BridgeCallback = (err: BridgeFailure | null, msg: BridgeMessage) => void;
  export interface BridgeFrame {
    type: string;
    body?: unknown;
    message?: string;
    failureCode?: number;
    failureType?: string;
  }

  class EventBus {
    constructor(url: string, options?: Record<string, unknown>);
    state: number;
    defaultHeaders: Record<string, string> | null;
    onopen: (() => void) | null;
    onclose: ((e: unknown) => void) | null;
    onerror: (err: BridgeFrame) => void;
    onreconnect: (() => void) | null;
    send(address: string, message: unknown, headers: Record<string, string>, callback?: BridgeCallback): void;
    publish(address: string, message: unknown, headers?: Record<string, string>): void;
    registerHandler(address: string, headers: Record<string, string>, callback: BridgeCallback): void;
    unregisterHandler(address: string, headers: Record<string, string>, callback: BridgeCallback): void;
    close(): void;
    enableReconnect(enable: boolean): void;
    static CONNECTING: number;
    static OPEN: number;
    static CLOSING: number;
    static CLOSED: number;
  }
  export default EventBus;
}
