// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { LiveStore } from '../../live/LiveStore';
import { FakeTransport, flush } from '../../test/FakeTransport';
import { BusError } from '../../transport/types';
import { SearchView } from './SearchView';

function hit(i: number, extra: Record<string, unknown> = {}) {
  return {
    call_id: `room-${i}|s-${i}|${1000 + i}`,
    room: `room-${i}`,
    session_id: `s-${i}`,
    agent: 'agent-a',
    customer: `Customer ${i}`,
    language: 'en',
    started_at: '2026-10-01T10:00:00Z',
    duration_ms: 90_000,
    sentiment: 'negative',
    sentiment_score: -0.5,
    tags: ['vip'],
    rules: [],
    escalated: false,
    took_over: false,
    snippets: [{ seq: 3, role: 'user', text: 'I want a <b>refund</b> please', marks: [[12, 18]] }],
    ...extra,
  };
}

function setup() {
  const transport = new FakeTransport();
  const store = new LiveStore(transport);
  const services: AppServices = { session: { token: 't', user: 'vera', role: 'viewer' }, transport, store, logout: () => undefined };
  render(
    <ServicesContext.Provider value={services}>
      <SearchView />
    </ServicesContext.Provider>,
  );
  return transport;
}

async function search(transport: FakeTransport, q: string, reply: unknown) {
  fireEvent.change(screen.getByTestId('search-q'), { target: { value: q } });
  fireEvent.click(screen.getByTestId('search-submit'));
  const req = transport.take('archive.search');
  await act(async () => {
    req.resolve(reply);
    await flush();
  });
  return req.body as Record<string, unknown>;
}

afterEach(cleanup);

describe('SearchView', () => {
  it('sends the query, shows hits with the matched word in <mark> and HTML kept as text', async () => {
    const t = setup();
    const body = await search(t, 'refund', { items: [hit(1)], next_cursor: null, total: 1, mode: 'words' });
    expect(body).toMatchObject({ q: 'refund', limit: 20 });
    const marks = document.querySelectorAll('[data-testid="search-snippet"] mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['refund']);
    expect(document.querySelector('[data-testid="search-snippet"] b')).toBeNull();
    expect(screen.getByTestId('search-snippet').textContent).toContain('<b>refund</b>');
    expect(screen.getByTestId('search-count').textContent).toContain('1 calls');
    expect(screen.getByText('#vip')).toBeTruthy();
    const link = screen.getByTestId('search-hit').querySelector('a')!.getAttribute('href');
    expect(link).toBe(`#/archive/${encodeURIComponent('room-1|s-1|1001')}`);
  });

  it('pages with the cursor and appends the next page', async () => {
    const t = setup();
    await search(t, 'card', { items: [hit(1), hit(2)], next_cursor: 'C1', total: 3, mode: 'words' });
    fireEvent.click(screen.getByTestId('search-more'));
    const next = t.take('archive.search');
    expect(next.body).toMatchObject({ q: 'card', cursor: 'C1' });
    await act(async () => {
      next.resolve({ items: [hit(3)], next_cursor: null, total: null, mode: 'words' });
      await flush();
    });
    expect(screen.getAllByTestId('search-hit')).toHaveLength(3);
    expect(screen.queryByTestId('search-more')).toBeNull();
    expect(screen.getByTestId('search-count').textContent).toContain('3 calls');
  });

  it('says why nothing was found', async () => {
    const t = setup();
    fireEvent.change(screen.getByTestId('search-agent'), { target: { value: 'agent-z' } });
    await search(t, 'zeppelin', { items: [], next_cursor: null, total: 0, mode: 'words' });
    const text = screen.getByTestId('search-empty').textContent ?? '';
    expect(text).toContain('“zeppelin”');
    expect(text).toContain('agent agent-z');
    expect(text).toContain('prefix');
  });

  it('shows the server refusal (400 naming the parameter)', async () => {
    const t = setup();
    fireEvent.change(screen.getByTestId('search-q'), { target: { value: 'a b c d e f g h i' } });
    fireEvent.click(screen.getByTestId('search-submit'));
    const req = t.take('archive.search');
    await act(async () => {
      req.reject(new BusError(400, 'q: at most 8 words, got 9'));
      await flush();
    });
    expect(screen.getByTestId('search-error').textContent).toContain('q: at most 8 words');
  });
});
