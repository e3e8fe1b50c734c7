import { useState } from 'react';
import { phraseRule, SEVERITIES, splitList, type Rule, type RulesApi, type TestResult, RulesApiError } from '../../rules/api';

/** Is this rule the simple shape the form edits (one phrase condition; alert/tag/suggest actions)? */
function formable(r: Rule): boolean {
  const all = r.when.all ?? [];
  return (
    r.when.any === undefined &&
    all.length === 1 &&
    all[0]!.type === 'phrase' &&
    r.then.every((a) => a.type === 'alert' || a.type === 'tag' || a.type === 'suggest') &&
    r.then.filter((a) => a.type === 'tag').length <= 1
  );
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

interface FormState {
  id: string;
  name: string;
  severity: string;
  speaker: string;
  phrases: string;
  message: string;
  tag: string;
  suggestion: string;
}

function toForm(r: Rule | null): FormState {
  if (!r) return { id: '', name: '', severity: 'high', speaker: 'customer', phrases: '', message: '', tag: '', suggestion: '' };
  const c = r.when.all?.[0] ?? { type: 'phrase' };
  const action = (t: string, k: string) => String(r.then.find((a) => a.type === t)?.[k] ?? '');
  return {
    id: r.id,
    name: r.name,
    severity: String(r.severity ?? 'medium'),
    speaker: String(c.speaker ?? 'customer'),
    phrases: (Array.isArray(c.phrases) ? c.phrases : []).join(', '),
    message: action('alert', 'message'),
    tag: action('tag', 'tag'),
    suggestion: action('suggest', 'text'),
  };
}

/**
 * Create or edit one rule: a form for phrase rules, the JSON document for everything else
 * (schema: modules/contract/src/main/resources/schemas/rule.json). The server validates; its
 * refusal names the field (JSON pointer), shown beside the message.
 */
export function RuleEditor({ api, rule, onSaved, onCancel }: { api: RulesApi; rule: Rule | null; onSaved: (r: Rule) => void; onCancel: () => void }) {
  const creating = rule === null;
  const [mode, setMode] = useState<'form' | 'json'>(rule === null || formable(rule) ? 'form' : 'json');
  const [form, setForm] = useState<FormState>(() => toForm(rule));
  const [json, setJson] = useState<string>(() => JSON.stringify(rule ?? phraseRule({ ...toForm(null), id: 'new-rule', name: 'New rule', phrases: ['example'] }), null, 2));
  const [error, setError] = useState<{ message: string; pointer?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [transcript, setTranscript] = useState('customer: I was double charged\nagent: let me check that');
  const [tested, setTested] = useState<TestResult | null>(null);

  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  function current(): Rule {
    if (mode === 'json') return JSON.parse(json) as Rule;
    const id = form.id || slug(form.name);
    const r = phraseRule({ ...form, id, phrases: splitList(form.phrases) });
    if (rule) {
      r.enabled = rule.enabled ?? true;
    }
    return r;
  }

  async function run(what: 'save' | 'test') {
    setError(null);
    let r: Rule;
    try {
      r = current();
    } catch (e) {
      setError({ message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    setBusy(true);
    try {
      if (what === 'test') {
        setTested(await api.test(r, transcript));
      } else {
        onSaved(creating ? await api.create(r) : await api.update(r));
      }
    } catch (e) {
      setError(e instanceof RulesApiError ? { message: e.message, pointer: e.pointer } : { message: String(e) });
    } finally {
      setBusy(false);
    }
  }

  const lines = transcript.split(/\r?\n/).filter((l) => l.trim() !== '');
  return (
    <section className="card rule-editor" data-testid="rule-editor" aria-label={creating ? 'New rule' : `Edit rule ${rule?.id}`}>
      <header className="card-head">
        <h2>{creating ? 'New rule' : `Edit ${rule?.name}`}</h2>
        <div className="seg" role="group" aria-label="Editor">
          <button type="button" className={`btn btn-sm ${mode === 'form' ? 'btn-primary' : 'btn-ghost'}`} onClick={() => setMode('form')} disabled={mode === 'json' && rule !== null && !formable(rule)}>
            Form
          </button>
          <button
            type="button"
            className={`btn btn-sm ${mode === 'json' ? 'btn-primary' : 'btn-ghost'}`}
            onClick={() => {
              if (mode === 'form') setJson(JSON.stringify(current(), null, 2));
              setMode('json');
            }}
          >
            JSON
          </button>
        </div>
      </header>
      {mode === 'form' ? (
        <div className="rule-form">
          <label>
            Name <input name="rule-name" value={form.name} onChange={set('name')} required />
          </label>
          <label>
            Id <input name="rule-id" value={form.id} onChange={set('id')} placeholder={slug(form.name) || 'lower-case-id'} disabled={!creating} />
          </label>
          <label>
            Severity
            <select name="rule-severity" value={form.severity} onChange={set('severity')}>
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            Said by
            <select name="rule-speaker" value={form.speaker} onChange={set('speaker')}>
              <option value="customer">customer</option>
              <option value="agent">agent</option>
              <option value="any">anyone</option>
            </select>
          </label>
          <label className="wide">
            Phrases (comma separated; “not …” mentions do not count)
            <input name="rule-phrases" value={form.phrases} onChange={set('phrases')} />
          </label>
          <label className="wide">
            Alert message <input name="rule-message" value={form.message} onChange={set('message')} placeholder="shown to every supervisor" />
          </label>
          <label>
            Tag <input name="rule-tag" value={form.tag} onChange={set('tag')} placeholder="billing" />
          </label>
          <label>
            Suggested action <input name="rule-suggestion" value={form.suggestion} onChange={set('suggestion')} placeholder="transfer to billing" />
          </label>
        </div>
      ) : (
        <textarea className="rule-json mono" name="rule-json" aria-label="Rule JSON" rows={16} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="rule-error" data-pointer={error.pointer ?? ''}>
          {error.message}
        </p>
      )}
      <div className="toast-actions">
        <button type="button" className="btn btn-primary" onClick={() => void run('save')} disabled={busy} data-testid="rule-save">
          {creating ? 'Create rule' : 'Save'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <details className="rule-test" open>
        <summary>Test against a transcript</summary>
        <textarea name="rule-test-transcript" aria-label="Transcript to test" rows={5} value={transcript} onChange={(e) => setTranscript(e.target.value)} />
        <button type="button" className="btn btn-sm" onClick={() => void run('test')} disabled={busy} data-testid="rule-test">
          Test
        </button>
        {tested && (
          <div data-testid="rule-test-result">
            <p className="small">
              {tested.fired.length === 0 ? 'No line fires this rule.' : `${tested.fired.length} of ${tested.lines} lines fire it.`}
              {tested.untestable.length > 0 && <span className="muted"> Needs the live call: {tested.untestable.join(', ')}.</span>}
            </p>
            <ol className="small">
              {tested.fired.map((f) => (
                <li key={f.line} data-testid="rule-test-hit" data-line={f.line}>
                  line {f.line + 1} ({f.speaker}, {f.condition}): {lines[f.line]}
                </li>
              ))}
            </ol>
          </div>
        )}
      </details>
    </section>
  );
}
