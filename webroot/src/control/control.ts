import type { Transport } from '../transport/types';

export type ControlAction = 'listen' | 'guide' | 'takeover' | 'handback' | 'transfer' | 'end';
export const TRANSFER_LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ms', label: 'Malay' },
] as const;

/** Supervisor action: request on control.<action> (the transport attaches the bearer token). */
export function sendControl<T = unknown>(transport: Transport, action: ControlAction, body: Record<string, unknown>): Promise<T> {
  return transport.request<T>(`control.${action}`, body, 15_000);
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

/** Reply of control.listen. ASSUMPTION: {token, url} when LiveKit is configured, else {message}. */
export interface ListenReply {
  token?: string;
  url?: string;
  message?: string;
  room?: string;
}
