import { ADDR, type ControlAction } from '../transport/addresses';
import type { Transport } from '../transport/types';

export type { ControlAction } from '../transport/addresses';
export const TRANSFER_LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ms', label: 'Malay' },
] as const;

/** Supervisor action: request on control.<action> (the transport attaches the bearer token). */
export function sendControl<T = unknown>(transport: Transport, action: ControlAction, body: Record<string, unknown>): Promise<T> {
  return transport.request<T>(ADDR.control[action], body, 15_000);
}

export type TakeoverButton =
  | { kind: 'takeover'; label: string; disabled: false }
  | { kind: 'handback'; label: string; disabled: false }
  | { kind: 'held'; label: string; disabled: true; by: string };

/** What the take-over button shows, from the server's takeover_by field. */
export function takeoverButton(takeoverBy: unknown, me: string): TakeoverButton {
  const by = typeof takeoverBy === 'string' ? takeoverBy.trim() : '';
  if (!by) return { kind: 'takeover', label: 'Take over', disabled: false };
  if (by === me) return { kind: 'handback', label: 'Hand back', disabled: false };
  return { kind: 'held', label: `Held by ${by}`, disabled: true, by };
}

/**
 * Reply of control.listen (a hidden, subscribe-only token) and of control.takeover (a visible
 * token that may publish): {url, token, identity, expires_at} when LiveKit is configured; without
 * LiveKit (simulated calls) listen fails and takeover carries no token.
 */
export interface JoinReply {
  token?: string;
  url?: string;
  identity?: string;
  expires_at?: string;
  message?: string;
  room?: string;
}

/** The LiveKit join grant in a reply, or null when it carries none. */
export function joinGrant(reply: unknown): { url: string; token: string } | null {
  if (!reply || typeof reply !== 'object') return null;
  const { url, token } = reply as JoinReply;
  return typeof url === 'string' && url && typeof token === 'string' && token ? { url, token } : null;
}

/** Every control reply says whether the agent received the action's message (docs/event-bus.md). */
export interface DeliveryReply {
  delivered?: boolean;
  reason?: string | null;
}

export type ActionNotice = { kind: 'error' | 'info'; text: string };

/**
 * What a supervisor is told after an action that messages the agent (guide, take over, hand back,
 * end): the success text only when the agent got it, otherwise why not. A reply without
 * `delivered` (an older server) is taken as success.
 */
export function deliveryNotice(reply: unknown, success: string, undelivered: string): ActionNotice {
  const r = (reply ?? {}) as DeliveryReply;
  if (r.delivered !== false) return { kind: 'info', text: success };
  const why =
    r.reason === 'no_agent_in_room' || r.reason === 'no_agent_connected'
      ? 'no agent connected'
      : r.reason === 'livekit_unavailable'
        ? 'LiveKit unavailable'
        : r.reason === 'not_acknowledged'
          ? 'the agent did not confirm'
          : (r.reason ?? 'not delivered');
  return { kind: 'error', text: `${undelivered}: ${why}.` };
}
