// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { LiveStore } from '../../live/LiveStore';
import { FakeTransport, flush } from '../../test/FakeTransport';
import { BusError } from '../../transport/types';
import { ArchivedRoomView } from './ArchivedRoomView';

const T = Date.parse('2026-10-01T10:00:00Z');

function show(role: 'viewer' | 'supervisor' = 'supervisor') {
  const transport = new FakeTransport();
  const store = new LiveStore(transport);
  const services: AppServices = { session: { token: 't', user: 'sam', role }, transport, store, logout: () => undefined };
  render(
    <ServicesContext.Provider value={services}>
      <ArchivedRoomView callId="billing-7|s-1|123" />
    </ServicesContext.Provider>,
  );
  return transport;
}

afterEach(cleanup);

describe('ArchivedRoomView', () => {
  it('shows the archived transcript read-only with its alerts and supervisor actions', async () => {
    const t = show('supervisor');
    const req = t.take('archive.call');
    expect(req.body).toEqual({ call_id: 'billing-7|s-1|123' });
    await act(async () => {
      req.resolve({
        call: {
          room: 'billing-7',
          session_id: 's-1',
          customer: 'Ada',
          started_at: new Date(T).toISOString(),
          ended_at: new Date(T + 60_000).toISOString(),
          transcript: [
            { seq: 2, ts: T + 1_000, role: 'user', text: 'I want a refund' },
            { seq: 3, ts: T + 2_000, role: 'agent', text: 'Certainly.' },
          ],
          sentiment_timeline: [{ seq: 2, label: 'negative', score: -0.7 }],
          escalations: [{ reasons: ['human_requested'], ref: 2, at: T + 1_001 }],
          rule_firings: [{ rule_id: 'r1', name: 'refund demand', seq: 2, at: T + 1_002, severity: 'warning' }],
        },
        audit: [{ who: 'sam', action: 'takeover', result: 'ok', at: new Date(T + 1_500).toISOString() }],
      });
      await flush();
    });
    expect(screen.getByTestId('archived-banner').textContent).toContain('Archived call — read-only');
    expect(screen.getAllByTestId('transcript-line').map((l) => l.querySelector('.tline-text')?.textContent)).toEqual(['I want a refund', 'Certainly.']);
    expect(screen.getByTestId('archived-alerts').textContent).toContain('human requested');
    expect(screen.getByTestId('archived-alerts').textContent).toContain('rule fired: refund demand');
    expect(screen.getByTestId('archived-actions').textContent).toContain('sam takeover');
    // read-only: no control bar or action buttons even for a supervisor
    expect(screen.queryByRole('button', { name: /take over|listen|guide|end call|transfer/i })).toBeNull();
    expect(document.querySelector('[data-sentiment="negative"]')).toBeTruthy();
  });

  it('says so when the call is not in the archive', async () => {
    const t = show();
    await act(async () => {
      t.take('archive.call').reject(new BusError(404, 'no archived call'));
      await flush();
    });
    expect(screen.getByTestId('archive-error').textContent).toContain('not in the archive');
  });
});
