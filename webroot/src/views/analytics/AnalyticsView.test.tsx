// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { LiveStore } from '../../live/LiveStore';
import { FakeTransport, flush } from '../../test/FakeTransport';
import { AnalyticsView } from './AnalyticsView';

function stats(calls: number, demo = 0) {
  return {
    calls,
    demo_calls: demo,
    aht_ms: calls ? 120_000 : null,
    att_ms: calls ? 90_000 : null,
    completion_rate: calls ? 0.8 : null,
    transfer_rate: calls ? 0.1 : null,
    takeover_rate: calls ? 0.05 : null,
    escalation_rate: calls ? 0.1 : null,
    sentiment_labels: { negative: calls ? 1 : 0, neutral: 0, positive: calls ? 2 : 0, unknown: 0 },
    calls_by_hour: Array.from({ length: 24 }, (_, h) => (calls && h === 9 ? calls : 0)),
  };
}

/** A day-bucketed result of 24 hourly buckets with the given calls in each. */
function reply(perBucket: number, demoPerBucket = 0) {
  const buckets = Array.from({ length: 24 }, (_, h) => ({ key: `2026-12-01T${String(h).padStart(2, '0')}:00`, start: new Date(Date.UTC(2026, 11, 1, h)).toISOString(), ...stats(perBucket, demoPerBucket) }));
  return { v: 1, totals: stats(perBucket * 24, demoPerBucket * 24), buckets };
}

async function show(body: unknown) {
  const transport = new FakeTransport();
  const store = new LiveStore(transport);
  const services: AppServices = { session: { token: 't', user: 'ann', role: 'supervisor' }, transport, store, logout: () => undefined };
  render(
    <ServicesContext.Provider value={services}>
      <AnalyticsView />
    </ServicesContext.Provider>,
  );
  await act(async () => {
    transport.take('analytics.query').resolve(body);
    await flush();
  });
}

afterEach(cleanup);

describe('AnalyticsView', () => {
  it('an empty range says there are no archived calls in it, and draws no empty charts', async () => {
    await show(reply(0));
    expect(screen.getByTestId('analytics-empty').textContent).toMatch(/No archived calls in this range/);
    expect(document.querySelectorAll('figure.chart')).toHaveLength(0);
    expect(screen.queryByTestId('demo-marker')).toBeNull();
  });

  it('draws charts with thinned, non-repeating axis labels and marks demo history', async () => {
    await show(reply(3, 3));
    expect(screen.queryByTestId('analytics-empty')).toBeNull();
    expect(screen.getByTestId('demo-marker').textContent).toMatch(/Demo data.*all 72 calls/s);
    const volume = [...document.querySelectorAll('figure.chart')].find((f) => f.textContent?.startsWith('Call volume'))!;
    const ticks = volume.querySelectorAll('[data-testid=x-tick]');
    // 24 hour labels on the default 800 px canvas cannot all fit: some are left out, not drawn on top of each other
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThan(24);
    const xs = [...ticks].map((t) => Number(t.getAttribute('x')));
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(40);
  });

  it('a chart whose part of the data is missing says which', async () => {
    const body = reply(2);
    for (const b of [body.totals, ...body.buckets]) b.sentiment_labels = { negative: 0, neutral: 0, positive: 0, unknown: b.calls };
    await show(body);
    const sentiment = [...document.querySelectorAll('figure.chart')].find((f) => f.textContent?.startsWith('Sentiment mix'))!;
    expect(sentiment.querySelector('[data-testid=chart-empty]')?.textContent).toMatch(/sentiment score/);
  });
});
