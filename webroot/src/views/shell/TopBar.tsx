import { useServices } from '../../app/context';
import type { Route } from '../../hooks/useHashRoute';
import { ConnectionIndicator } from './ConnectionIndicator';

const TABS: Array<{ name: Route['name']; href: string; label: string }> = [
  { name: 'bubbles', href: '#/bubbles', label: 'Bubbles' },
  { name: 'cards', href: '#/cards', label: 'Cards' },
  { name: 'analytics', href: '#/analytics', label: 'Analytics' },
  { name: 'search', href: '#/search', label: 'Search' },
];

/** Only admins see (and may use) the Rules view. */
const ADMIN_TABS: typeof TABS = [{ name: 'rules', href: '#/rules', label: 'Rules' }];

export function TopBar({ route }: { route: Route }) {
  const { session, logout } = useServices();
  return (
    <header className="topbar">
      <a className="brand" href="#/bubbles">
        <span className="brand-mark" aria-hidden="true">
          ◎
        </span>
        Switchboard
      </a>
      <nav aria-label="Views" className="tabs">
        {[...TABS, ...(session.role === 'admin' ? ADMIN_TABS : [])].map((t) => (
          <a key={t.name} href={t.href} className={`tab ${route.name === t.name ? 'active' : ''}`} aria-current={route.name === t.name ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
        {route.name === 'archive' && (
          <span className="tab active" aria-current="page">
            Archived call
          </span>
        )}
        {route.name === 'room' && (
          <span className="tab active" aria-current="page">
            Room · {route.room}
          </span>
        )}
      </nav>
      <div className="topbar-right">
        <ConnectionIndicator />
        <span className="who" data-testid="whoami">
          <span className="who-user">{session.user}</span>
          <span className={`role role-${session.role}`} data-testid="role">
            {session.role}
          </span>
        </span>
        <button className="btn btn-ghost" onClick={logout}>
          Sign out
        </button>
      </div>
    </header>
  );
}
