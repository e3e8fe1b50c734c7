import { useCallback, useEffect, useMemo, useState } from 'react';
import { useServices } from '../../app/context';
import { describeWhen, RulesApi, type Rule } from '../../rules/api';
import { RuleEditor } from './RuleEditor';

/**
 * Admins' alert rules: list with enable/disable, create, edit, delete, and a test against a pasted
 * transcript. Every change is live on every node at once (the server reloads on rules.changed).
 */
export function RulesView({ api: given }: { api?: RulesApi }) {
  const { session } = useServices();
  const api = useMemo(() => given ?? new RulesApi(() => session.token), [given, session.token]);
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await api.list();
      setRules(r.rules);
      setStatus(r.status);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  async function toggle(r: Rule) {
    try {
      const saved = await api.setEnabled(r.id, !(r.enabled ?? true));
      setRules((list) => (list ?? []).map((x) => (x.id === r.id ? saved : x)));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function remove(r: Rule) {
    if (typeof window !== 'undefined' && typeof window.confirm === 'function' && !window.confirm(`Delete rule “${r.name}”?`)) return;
    try {
      await api.remove(r.id);
      setRules((list) => (list ?? []).filter((x) => x.id !== r.id));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (session.role !== 'admin') {
    return <p className="muted">Rules are managed by admins.</p>;
  }
  return (
    <section className="view rules-view" data-testid="rules-view">
      <header className="view-head">
        <h1>Rules</h1>
        <span className="muted small" data-testid="rules-status">
          {status === 'stored' ? 'stored in MongoDB, live on every node' : status === 'unavailable' ? 'store unavailable: showing what the nodes run' : status}
        </span>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="rule-new">
          New rule
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {editing !== null && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          api={api}
          rule={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setRules((list) => [...(list ?? []).filter((x) => x.id !== saved.id), saved].sort((a, b) => a.id.localeCompare(b.id)));
          }}
        />
      )}
      {rules === null ? (
        <p className="muted">Loading rules…</p>
      ) : (
        <table className="table rules-table">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Rule</th>
              <th scope="col">Severity</th>
              <th scope="col">When</th>
              <th scope="col">Then</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid="rule-row" data-rule-id={r.id} data-enabled={String(r.enabled ?? true)}>
                <td>
                  <input type="checkbox" checked={r.enabled ?? true} onChange={() => void toggle(r)} aria-label={`Enable ${r.name}`} data-testid="rule-enabled" />
                </td>
                <td>
                  <b>{r.name}</b>
                  <div className="muted mono small">
                    {r.id}
                    {r.builtin ? ' · built-in' : ''}
                  </div>
                </td>
                <td>
                  <span className={`sev sev-${String(r.severity ?? 'medium')}`}>{String(r.severity ?? 'medium')}</span>
                </td>
                <td className="small">{describeWhen(r)}</td>
                <td className="small">{r.then.map((a) => a.type).join(', ')}</td>
                <td>
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => void remove(r)} aria-label={`Delete ${r.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
