import type { Role } from '../live/types';

export interface Session {
  token: string;
  user: string;
  role: Role;
}

const STORAGE_KEY = 'switchboard.session';

function isRole(r: unknown): r is Role {
  return r === 'viewer' || r === 'supervisor' || r === 'admin';
}

/** POST /auth/login {username, password} → {token, user, role}. */
export async function login(username: string, password: string, fetchImpl: typeof fetch = fetch): Promise<Session> {
  const res = await fetchImpl('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) {
    let detail = '';
    try {
      const text = await res.text();
      try {
        const j: unknown = JSON.parse(text);
        if (j && typeof j === 'object' && 'error' in j) detail = String((j as { error: unknown }).error);
        else if (j && typeof j === 'object' && 'message' in j) detail = String((j as { message: unknown }).message);
        else detail = text;
      } catch {
        detail = text;
      }
    } catch {
      /* no body */
    }
    throw new Error(res.status === 401 ? 'Invalid username or password' : `Login failed (${res.status}) ${detail}`.trim());
  }
  const body: unknown = await res.json();
  if (!body || typeof body !== 'object') throw new Error('Login failed: malformed reply');
  const b = body as Record<string, unknown>;
  if (typeof b.token !== 'string' || !isRole(b.role)) throw new Error('Login failed: malformed reply');
  return { token: b.token, user: typeof b.user === 'string' ? b.user : username, role: b.role };
}

export function saveSession(s: Session | null): void {
  try {
    if (s) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable */
  }
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s: unknown = JSON.parse(raw);
    if (s && typeof s === 'object') {
      const o = s as Record<string, unknown>;
      if (typeof o.token === 'string' && typeof o.user === 'string' && isRole(o.role)) {
        return { token: o.token, user: o.user, role: o.role };
      }
    }
  } catch {
    /* ignore */
  }
  return null;
}

/** Roles include the ones before them (BrowserAccess.Role). */
export function canControl(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}
