// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { LiveStore } from '../../live/LiveStore';
import { FakeTransport, flush } from '../../test/FakeTransport';
import type { Role } from '../../live/types';
import { RoomView } from './RoomView';

function setup(role: Role, user: string, takeoverBy = '') {
  const transport = new FakeTransport();
  const store = new LiveStore(transport);
  store.start();
  const services: AppServices = { session: { token: 't', user, role }, transport, store, logout: () => undefined };
  render(
    <ServicesContext.Provider value={services}>
      <RoomView room="r1" />
    </ServicesContext.Provider>,
  );
  return {
    transport,
    async history() {
      await act(async () => {
        transport.take('call.history').resolve({
          v: 1,
          room: 'r1',
          session_id: 's',
          snapshot: { room: 'r1', customer: 'Ann', takeover_by: takeoverBy, interim: { role: 'user', text: 'I need hel', segment_id: 'u-3' } },
          lines: [
            { seq: 1, kind: 'transcript', ts: 1, role: 'agent', text: 'Hello, how can I help?' },
            { seq: 2, kind: 'transcript', ts: 2, role: 'user', text: 'My bill is wrong' },
            { seq: 3, kind: 'annotation', ts: 3, ref: 2, sentiment: { label: 'negative', score: -0.7, confidence: 0.9 } },
          ],
          lastSeq: 3,
          hasMore: false,
        });
        await flush();
      });
    },
  };
}

afterEach(cleanup);

describe('RoomView', () => {
  it('shows history, the sentiment chip on the user line and the interim in italics', async () => {
    const s = setup('supervisor', 'alice');
    await s.history();
    expect(screen.getByText('My bill is wrong')).toBeTruthy();
    const chip = document.querySelector('[data-seq="2"] [data-sentiment="negative"]');
    expect(chip).not.toBeNull();
    expect(screen.getByText('I need hel').tagName).toBe('EM');
    expect([...document.querySelectorAll('[data-testid=transcript] > li[data-seq]')].map((e) => e.getAttribute('data-seq'))).toEqual(['1', '2']);
  });

  it('a viewer sees no control buttons', async () => {
    const s = setup('viewer', 'vera');
    await s.history();
    expect(document.querySelector('[data-testid=control-bar]')).toBeNull();
    expect(screen.queryByRole('button', { name: /take over/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /end call/i })).toBeNull();
  });

  it('a supervisor sees Hand back when holding the call, a disabled holder name otherwise', async () => {
    const s = setup('supervisor', 'alice', 'alice');
    await s.history();
    expect(screen.getByTestId('ctl-handback').textContent).toContain('Hand back');
    cleanup();
    const s2 = setup('supervisor', 'bob', 'alice');
    await s2.history();
    const b = screen.getByTestId('ctl-takeover') as HTMLButtonElement;
    expect(b.disabled).toBe(true);
    expect(b.textContent).toContain('Held by alice');
  });

  it('shows a control failure plainly (e.g. 409 held by alice)', async () => {
    const s = setup('supervisor', 'bob');
    await s.history();
    await act(async () => {
      screen.getByTestId('ctl-takeover').click();
      await flush();
    });
    const { BusError } = await import('../../transport/types');
    await act(async () => {
      s.transport.take('control.takeover').reject(new BusError(409, 'held by alice'));
      await flush();
    });
    expect(screen.getByTestId('ctl-notice').textContent).toContain('409 held by alice');
  });
});
