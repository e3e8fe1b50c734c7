/** The rules API (/api/rules, docs/openapi.yaml) with the dashboard's token. */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface RuleCondition {
  type: string;
  [k: string]: unknown;
}

export interface RuleAction {
  type: 'alert' | 'tag' | 'suggest' | 'webhook' | string;
  [k: string]: unknown;
}

export interface Rule {
  id: string;
  name: string;
  enabled?: boolean;
  severity?: Severity | string;
  builtin?: boolean;
  when: { all?: RuleCondition[]; any?: RuleCondition[] };
  then: RuleAction[];
  updated_at?: number;
  updated_by?: string | null;
}

export interface RuleList {
  rules: Rule[];
  status: string;
}

export interface TestResult {
  fired: Array<{ line: number; seq: number; speaker: string; condition: string }>;
  lines: number;
  untestable: string[];
}

/** A refused request: HTTP status, message and (for a refused rule) the JSON pointer of the field. */
export class RulesApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
  }
}

export class RulesApi {
  constructor(
    private readonly token: () => string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {}

  list(): Promise<RuleList> {
    return this.call<RuleList>('GET', '/api/rules');
  }

  create(rule: Rule): Promise<Rule> {
    return this.call<Rule>('POST', '/api/rules', rule);
  }

  update(rule: Rule): Promise<Rule> {
    return this.call<Rule>('PUT', `/api/rules/${encodeURIComponent(rule.id)}`, rule);
  }

  remove(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/rules/${encodeURIComponent(id)}`);
  }

  setEnabled(id: string, enabled: boolean): Promise<Rule> {
    return this.call<Rule>('POST', `/api/rules/${encodeURIComponent(id)}/enabled`, { enabled });
  }

  test(rule: Rule, transcript: string): Promise<TestResult> {
    return this.call<TestResult>('POST', '/api/rules/test', { rule, transcript });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetchImpl(path, {
      method,
      headers: { Authorization: `Bearer ${this.token()}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = {};
    }
    if (!res.ok) {
      const message = typeof json.message === 'string' ? json.message : `HTTP ${res.status}`;
      throw new RulesApiError(res.status, message, typeof json.pointer === 'string' ? json.pointer : undefined);
    }
    return json as T;
  }
}

/** A new phrase rule, the common case the form edits; anything else is edited as JSON. */
export function phraseRule(p: {
  id: string;
  name: string;
  severity: string;
  speaker: string;
  phrases: string[];
  message: string;
  tag: string;
  suggestion: string;
}): Rule {
  const then: RuleAction[] = [{ type: 'alert', message: p.message || p.name }];
  if (p.tag) then.push({ type: 'tag', tag: p.tag });
  if (p.suggestion) then.push({ type: 'suggest', text: p.suggestion });
  return {
    id: p.id,
    name: p.name,
    enabled: true,
    severity: p.severity,
    when: { all: [{ type: 'phrase', speaker: p.speaker, phrases: p.phrases }] },
    then,
  };
}

/** "a, b; c" → ["a", "b", "c"] */
export function splitList(s: string): string[] {
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A human summary of a rule's conditions. */
export function describeWhen(r: Rule): string {
  const list = r.when.all ?? r.when.any ?? [];
  const join = r.when.all ? ' and ' : ' or ';
  return list
    .map((c) => {
      switch (c.type) {
        case 'phrase':
          return `${String(c.speaker ?? 'customer')} says “${(Array.isArray(c.phrases) ? c.phrases : []).join('” / “')}”`;
        case 'regex':
          return `${String(c.speaker ?? 'customer')} matches /${String(c.pattern)}/`;
        case 'escalation':
          return `escalation: ${String(c.reason).replace(/_/g, ' ')}`;
        case 'silence':
        case 'takeover':
        case 'call_duration':
          return `${c.type.replace(/_/g, ' ')} > ${String(c.seconds)} s`;
        case 'latency':
          return `${String(c.metric)} > ${String(c.above_ms)} ms`;
        case 'language':
        case 'agent':
          return `${c.type} in ${(Array.isArray(c.in) ? c.in : []).join(', ')}`;
        default:
          return c.type.replace(/_/g, ' ');
      }
    })
    .join(join);
}
