import { useCallback, useEffect, useMemo, useState } from 'react';
import { LiveStore } from '../live/LiveStore';
import { loadSession, saveSession, type Session } from '../transport/auth';
import { EventBusTransport } from '../transport/eventbus';
import { LoginView } from '../views/login/LoginView';
import { Shell } from '../views/shell/Shell';
import { ServicesContext, type AppServices } from './context';

/** Coalesce store notifications to one per animation frame (no per-message React churn). */
function frameScheduler(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(fn);
  else setTimeout(fn, 16);
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());

  const onLogin = useCallback((s: Session) => {
    saveSession(s);
    setSession(s);
  }, []);

  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
  }, []);

  const wired = useMemo<{ services: AppServices; bus: EventBusTransport } | null>(() => {
    if (!session) return null;
    const bus = new EventBusTransport('/eventbus', () => session.token);
    const store = new LiveStore(bus, { schedule: frameScheduler });
    return { services: { session, transport: bus, store, logout }, bus };
  }, [session, logout]);
  const services = wired?.services ?? null;

  useEffect(() => {
    if (!wired) return;
    const { store } = wired.services;
    const transport = wired.bus;
    store.start();
    transport.start();
    return () => {
      store.stop();
      transport.stop();
    };
  }, [wired]);

  if (!services) return <LoginView onLogin={onLogin} />;
  return (
    <ServicesContext.Provider value={services}>
      <Shell />
    </ServicesContext.Provider>
  );
}
