import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'bubbles' }
  | { name: 'cards' }
  | { name: 'room'; room: string; line?: number }
  | { name: 'analytics' }
  | { name: 'search' }
  | { name: 'archive'; callId: string; line?: number }
  | { name: 'rules' };

const ROOM_RE = /^[A-Za-z0-9_-]{1,128}$/;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [head, ...rest] = path.split('/');
  if (head === 'cards') return { name: 'cards' };
  if (head === 'analytics') return { name: 'analytics' };
  if (head === 'search') return { name: 'search' };
  if (head === 'archive' && rest.length > 0) {
    // an archived call by its call id (room|session|started ms), read-only in the room view
    const callId = safeDecode(rest.join('/'));
    if (callId && callId.length <= 1024) {
      const line = Number(new URLSearchParams(query).get('line'));
      return Number.isSafeInteger(line) && line > 0 ? { name: 'archive', callId, line } : { name: 'archive', callId };
    }
  }
  if (head === 'rules') return { name: 'rules' };
  if (head === 'room' && rest.length > 0) {
    const room = decodeURIComponent(rest.join('/'));
    if (ROOM_RE.test(room)) {
      // ?line=<seq>: open the room scrolled to that transcript line (an alert's triggering line)
      const line = Number(new URLSearchParams(query).get('line'));
      return Number.isSafeInteger(line) && line > 0 ? { name: 'room', room, line } : { name: 'room', room };
    }
  }
  return { name: 'bubbles' };
}

export function roomHref(room: string, line?: number): string {
  const base = `#/room/${encodeURIComponent(room)}`;
  return line !== undefined && Number.isSafeInteger(line) && line > 0 ? `${base}?line=${line}` : base;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function archiveHref(callId: string, line?: number): string {
  const base = `#/archive/${encodeURIComponent(callId)}`;
  return line !== undefined && Number.isSafeInteger(line) && line > 0 ? `${base}?line=${line}` : base;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}
