// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { parseRoute, roomHref } from '../../hooks/useHashRoute';
import { LiveStore } from '../../live/LiveStore';
import { FakeTransport, flush } from '../../test/FakeTransport';
import { RoomView } from '../room/RoomView';
import { AlertToasts } from './AlertToasts';

afterEach(cleanup);

function services(transport: FakeTransport, store: LiveStore): AppServices {
  return { session: { token: 't', user: 'alice', role: 'supervisor' }, transport, store, logout: () => undefined };
}

describe('alert → room line', () => {
  it('room links carry the line and parse back', () => {
    expect(roomHref('r1', 7)).toBe('#/room/r1?line=7');
    expect(roomHref('r1')).toBe('#/room/r1');
    expect(parseRoute('#/room/r1?line=7')).toEqual({ name: 'room', room: 'r1', line: 7 });
    expect(parseRoute('#/room/r1?line=abc')).toEqual({ name: 'room', room: 'r1' });
    expect(parseRoute('#/room/r1?line=-3')).toEqual({ name: 'room', room: 'r1' });
    expect(parseRoute('#/room/r1')).toEqual({ name: 'room', room: 'r1' });
  });

  it('the toast opens the room at the line that triggered it and names every reason', async () => {
    const transport = new FakeTransport();
    const store = new LiveStore(transport);
    store.start();
    render(
      <ServicesContext.Provider value={services(transport, store)}>
        <AlertToasts />
      </ServicesContext.Provider>,
    );
    await act(async () => {
      transport.publish('alerts', {
        v: 1, room: 'r9', session_id: 's', reason: 'human_requested', detail: 'asked for a manager', seq: 42, at: 1,
        reasons: ['human_requested', 'cancel_threat'],
      });
      await flush();
    });
    const link = screen.getByRole('link', { name: /open r9/i });
    expect(link.getAttribute('href')).toBe('#/room/r9?line=42');
    expect(screen.getByTestId('alert-reasons').textContent).toBe('Customer asked for a human · Cancellation threat');
  });

  it('the room view scrolls to and highlights that line once it is loaded', async () => {
    const scrolled: string[] = [];
    const spy = vi.fn(function (this: HTMLElement) {
      scrolled.push(this.getAttribute('data-seq') ?? '');
    });
    Element.prototype.scrollIntoView = spy;
    const transport = new FakeTransport();
    const store = new LiveStore(transport);
    store.start();
    render(
      <ServicesContext.Provider value={services(transport, store)}>
        <RoomView room="r1" line={2} />
      </ServicesContext.Provider>,
    );
    await act(async () => {
      transport.take('call.history').resolve({
        v: 1, room: 'r1', session_id: 's', snapshot: { room: 'r1' },
        lines: [
          { seq: 1, kind: 'transcript', ts: 1, role: 'agent', text: 'Hello' },
          { seq: 2, kind: 'transcript', ts: 2, role: 'user', text: 'Get me a manager' },
          { seq: 3, kind: 'transcript', ts: 3, role: 'agent', text: 'One moment' },
        ],
        lastSeq: 3, hasMore: false,
      });
      await flush();
    });
    const line = document.querySelector('[data-seq="2"]');
    expect(line?.getAttribute('data-focus')).toBe('true');
    expect(line?.className).toContain('tline-focus');
    expect(document.querySelector('[data-seq="1"]')?.getAttribute('data-focus')).toBeNull();
    expect(scrolled).toEqual(['2']);
  });
});
