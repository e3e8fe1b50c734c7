// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { LiveStore } from '../../live/LiveStore';
import { RulesApi, type Rule } from '../../rules/api';
import type { Role } from '../../live/types';
import { FakeTransport } from '../../test/FakeTransport';
import { RulesView } from './RulesView';
import { CallCard } from '../cards/CallCard';
import { SuggestionBanner } from '../room/SuggestionBanner';
import { TopBar } from '../shell/TopBar';

afterEach(cleanup);

interface Call {
  method: string;
  path: string;
  body: unknown;
  auth: string | null;
}

const builtin: Rule = {
  id: 'builtin.human_requested',
  name: 'Customer asks for a human',
  enabled: true,
  builtin: true,
  severity: 'high',
  when: { all: [{ type: 'escalation', reason: 'human_requested' }] },
  then: [{ type: 'alert', message: 'asked for a human' }],
};

/** A fetch that answers like the gateway: a rules list, echoes saves, 400 with a pointer for bad ones. */
function fakeServer(rules: Rule[], answer?: (c: Call) => { status: number; body: unknown } | undefined) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const c: Call = {
      method: init?.method ?? 'GET',
      path: String(input),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      auth: new Headers(init?.headers).get('Authorization'),
    };
    calls.push(c);
    const custom = answer?.(c);
    const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (custom) return reply(custom.status, custom.body);
    if (c.method === 'GET' && c.path === '/api/rules') return reply(200, { rules, status: 'stored' });
    if (c.path.endsWith('/enabled')) {
      const id = decodeURIComponent(c.path.split('/')[3]!);
      const r = rules.find((x) => x.id === id)!;
      return reply(200, { ...r, enabled: (c.body as { enabled: boolean }).enabled });
    }
    if (c.path === '/api/rules/test') return reply(200, { fired: [{ line: 0, seq: 1, speaker: 'customer', condition: 'phrase' }], lines: 2, untestable: [] });
    if (c.method === 'POST' && c.path === '/api/rules') return reply(201, c.body);
    return reply(404, { error: 'not_found', message: 'no' });
  }) as typeof fetch;
  return { calls, api: new RulesApi(() => 'tok-1', impl) };
}

function show(api: RulesApi, role: Role = 'admin') {
  const transport = new FakeTransport();
  const services: AppServices = { session: { token: 'tok-1', user: 'ada', role }, transport, store: new LiveStore(transport), logout: () => undefined };
  render(
    <ServicesContext.Provider value={services}>
      <RulesView api={api} />
    </ServicesContext.Provider>,
  );
}

function type(name: string, value: string) {
  const el = document.querySelector(`[name=${name}]`) as HTMLInputElement;
  fireEvent.change(el, { target: { value } });
}

describe('RulesView', () => {
  it('lists the rules with their conditions, and a toggle disables one through the API', async () => {
    const { api, calls } = fakeServer([builtin]);
    show(api);
    const row = await screen.findByTestId('rule-row');
    expect(row.getAttribute('data-rule-id')).toBe('builtin.human_requested');
    expect(row.textContent).toContain('escalation: human requested');
    expect(row.textContent).toContain('built-in');
    await act(async () => {
      fireEvent.click(screen.getByTestId('rule-enabled'));
    });
    await waitFor(() => expect(screen.getByTestId('rule-row').getAttribute('data-enabled')).toBe('false'));
    const toggle = calls.find((c) => c.path.endsWith('/enabled'))!;
    expect(toggle).toMatchObject({ method: 'POST', path: '/api/rules/builtin.human_requested/enabled', body: { enabled: false }, auth: 'Bearer tok-1' });
  });

  it('creates a phrase rule from the form with its alert, tag and suggestion', async () => {
    const { api, calls } = fakeServer([]);
    show(api);
    await screen.findByText('New rule', { selector: 'button' });
    fireEvent.click(screen.getByTestId('rule-new'));
    type('rule-name', 'Billing dispute');
    type('rule-phrases', 'double charged, charged twice');
    type('rule-message', 'billing dispute on the line');
    type('rule-tag', 'billing');
    type('rule-suggestion', 'transfer to billing');
    await act(async () => {
      fireEvent.click(screen.getByTestId('rule-save'));
    });
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/rules')!;
    expect(post.body).toEqual({
      id: 'billing-dispute',
      name: 'Billing dispute',
      enabled: true,
      severity: 'high',
      when: { all: [{ type: 'phrase', speaker: 'customer', phrases: ['double charged', 'charged twice'] }] },
      then: [
        { type: 'alert', message: 'billing dispute on the line' },
        { type: 'tag', tag: 'billing' },
        { type: 'suggest', text: 'transfer to billing' },
      ],
    });
    await waitFor(() => expect(screen.getByTestId('rule-row').getAttribute('data-rule-id')).toBe('billing-dispute'));
    expect(screen.queryByTestId('rule-editor')).toBeNull();
  });

  it('shows the server refusal with the pointer of the field and keeps the editor open', async () => {
    const { api } = fakeServer([], (c) =>
      c.method === 'POST' && c.path === '/api/rules'
        ? { status: 400, body: { error: 'bad_request', message: '/when/all/0/pattern: pattern could backtrack catastrophically', pointer: '/when/all/0/pattern' } }
        : undefined,
    );
    show(api);
    fireEvent.click(await screen.findByTestId('rule-new'));
    type('rule-name', 'x');
    type('rule-phrases', 'y');
    await act(async () => {
      fireEvent.click(screen.getByTestId('rule-save'));
    });
    const err = await screen.findByTestId('rule-error');
    expect(err.getAttribute('data-pointer')).toBe('/when/all/0/pattern');
    expect(err.textContent).toContain('backtrack');
    expect(screen.getByTestId('rule-editor')).toBeTruthy();
  });

  it('tests a rule against a pasted transcript and lists the lines that fire', async () => {
    const { api, calls } = fakeServer([]);
    show(api);
    fireEvent.click(await screen.findByTestId('rule-new'));
    type('rule-name', 'Billing');
    type('rule-phrases', 'double charged');
    type('rule-test-transcript', 'customer: I was double charged\nagent: sorry');
    await act(async () => {
      fireEvent.click(screen.getByTestId('rule-test'));
    });
    const hit = await screen.findByTestId('rule-test-hit');
    expect(hit.textContent).toContain('I was double charged');
    expect(calls.find((c) => c.path === '/api/rules/test')!.body).toMatchObject({ transcript: 'customer: I was double charged\nagent: sorry' });
  });

  it('is for admins only', () => {
    const { api, calls } = fakeServer([builtin]);
    show(api, 'supervisor');
    expect(screen.queryByTestId('rules-view')).toBeNull();
    expect(screen.getByText('Rules are managed by admins.')).toBeTruthy();
    expect(calls.length).toBeLessThanOrEqual(1);
  });
});

describe('navigation', () => {
  for (const [role, shown] of [['admin', true], ['supervisor', false], ['viewer', false]] as const) {
    it(`${role}: Rules tab ${shown ? 'shown' : 'hidden'}`, () => {
      const transport = new FakeTransport();
      const services: AppServices = { session: { token: 't', user: 'u', role }, transport, store: new LiveStore(transport), logout: () => undefined };
      render(
        <ServicesContext.Provider value={services}>
          <TopBar route={{ name: 'bubbles' }} />
        </ServicesContext.Provider>,
      );
      expect(screen.queryByRole('link', { name: 'Rules' }) !== null).toBe(shown);
    });
  }
});

describe('rule results on calls', () => {
  it('a call card shows the tags rules put on it', () => {
    render(<CallCard call={{ room: 'r1', tags: '["billing","vip"]' }} />);
    const tags = screen.getByTestId('call-tags');
    expect([...tags.querySelectorAll('[data-tag]')].map((e) => e.getAttribute('data-tag'))).toEqual(['billing', 'vip']);
  });

  it('the room view banner shows the suggested action', () => {
    render(<SuggestionBanner value={{ text: 'transfer to billing', rule_id: 'billing', seq: 4 }} />);
    expect(screen.getByTestId('suggestion').textContent).toContain('transfer to billing');
    expect(screen.getByTestId('suggestion').textContent).toContain('line 4');
  });
});
