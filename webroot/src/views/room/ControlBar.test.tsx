// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServicesContext, type AppServices } from '../../app/context';
import { AudioSession } from '../../audio/AudioSession';
import { StatsMonitor } from '../../audio/StatsMonitor';
import { LiveStore } from '../../live/LiveStore';
import { FakeLink } from '../../test/FakeLink';
import { FakeTransport, flush } from '../../test/FakeTransport';
import { ControlBar } from './ControlBar';

const GRANT = (token: string) => ({ url: 'ws://lk.test', token, identity: 'supervisor_alice', expires_at: '2030-01-01T00:00:00Z' });

let transport: FakeTransport;
let audio: AudioSession;

/** The control bar of room r1 for supervisor alice, with the call held by `takeoverBy`. */
function bar(takeoverBy: string) {
  const services: AppServices = { session: { token: 't', user: 'alice', role: 'supervisor' }, transport, store: new LiveStore(transport), logout: () => undefined };
  return (
    <ServicesContext.Provider value={services}>
      <ControlBar room="r1" fields={{ takeover_by: takeoverBy }} ended={false} audio={audio} />
    </ServicesContext.Provider>
  );
}

function renderBar(takeoverBy = '') {
  return render(bar(takeoverBy));
}

async function click(testId: string) {
  await act(async () => {
    screen.getByTestId(testId).click();
    await flush();
  });
}

async function answer(address: string, reply: unknown) {
  await act(async () => {
    transport.take(address).resolve(reply);
    await flush();
    await flush();
  });
}

/** Alice takes over (speaking with speak-token), and the bar re-renders as the server then shows it: held by her. */
async function takeOverAsAlice() {
  const view = renderBar();
  await click('ctl-takeover');
  await answer('control.takeover', GRANT('speak-token'));
  view.rerender(bar('alice'));
}

beforeEach(() => {
  FakeLink.made = [];
  transport = new FakeTransport();
  audio = new AudioSession(FakeLink.factory, new StatsMonitor(60_000));
});
afterEach(async () => {
  cleanup();
  await audio.stop();
});

describe('ControlBar audio', () => {
  it('Listen joins with the token control.listen returned', async () => {
    renderBar();
    await click('ctl-listen');
    await answer('control.listen', GRANT('hidden-token'));
    expect(FakeLink.made[0]!.calls).toEqual(['connect ws://lk.test hidden-token']);
    expect(screen.getByTestId('ctl-listen').getAttribute('data-audio')).toBe('listening');
  });

  it('Take over rejoins with the takeover reply token and opens the microphone', async () => {
    renderBar();
    await click('ctl-listen');
    await answer('control.listen', GRANT('hidden-token'));
    await click('ctl-takeover');
    await answer('control.takeover', { ...GRANT('speak-token'), agent_muted: 'agent-1', takeover_by: 'alice' });
    expect(FakeLink.made[1]!.calls).toEqual(['connect ws://lk.test speak-token', 'mic true']);
    expect(screen.getByTestId('ctl-listen').getAttribute('data-audio')).toBe('speaking');
  });

  it('a takeover without LiveKit (no token in the reply) touches no audio', async () => {
    renderBar();
    await click('ctl-takeover');
    await answer('control.takeover', { takeover_by: 'alice' });
    expect(FakeLink.made).toHaveLength(0);
  });

  it('Hand back closes the microphone and listens silently again with a fresh listen token', async () => {
    await takeOverAsAlice();
    await click('ctl-handback');
    await answer('control.handback', { released_from: 'alice' });
    await answer('control.listen', GRANT('hidden-again'));
    expect(FakeLink.made[0]!.calls).toEqual(['connect ws://lk.test speak-token', 'mic true', 'mic false', 'disconnect']);
    expect(FakeLink.made[1]!.calls).toEqual(['connect ws://lk.test hidden-again']);
    expect(audio.getState().mode).toBe('listening');
  });

  it('Hand back uses a hidden token in the reply when control sends one (no second listen request)', async () => {
    await takeOverAsAlice();
    await click('ctl-handback');
    await answer('control.handback', { released_from: 'alice', ...GRANT('hidden-in-reply') });
    await act(async () => {
      await flush();
    });
    expect(FakeLink.made[1]!.calls).toEqual(['connect ws://lk.test hidden-in-reply']);
    expect(transport.pending.filter((p) => p.address === 'control.listen')).toHaveLength(0);
  });

  it('when an admin forces the call away from me, my microphone closes', async () => {
    const services: AppServices = { session: { token: 't', user: 'alice', role: 'supervisor' }, transport, store: new LiveStore(transport), logout: () => undefined };
    const bar = (by: string) => (
      <ServicesContext.Provider value={services}>
        <ControlBar room="r1" fields={{ takeover_by: by }} ended={false} audio={audio} />
      </ServicesContext.Provider>
    );
    const view = render(bar(''));
    await click('ctl-takeover');
    await answer('control.takeover', GRANT('speak-token'));
    view.rerender(bar('alice'));
    view.rerender(bar('root'));
    await act(async () => {
      await flush();
    });
    expect(FakeLink.made[0]!.calls.at(-1)).toBe('mic false');
    expect(audio.getState().mode).toBe('listening');
  });
});
