import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'bubbles' }
  | { name: 'cards' }
  | { name: 'room'; room: string }
  | { name: 'analytics' };

const ROOM_RE = /^[A-Za-z0-9_-]{1,128}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'cards') return { name: 'cards' };
  if (head === 'analytics') return { name: 'analytics' };
  if (head === 'room' && rest.length > 0) {
    const room = decodeURIComponent(rest.join('/'));
    if (ROOM_RE.test(room)) return { name: 'room', room };
  }
  return { name: 'bubbles' };
}

export function roomHref(room: string): string {
  return `#/room/${encodeURIComponent(room)}`;
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
