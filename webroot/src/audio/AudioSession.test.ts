import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLink } from '../test/FakeLink';
import { AudioSession } from './AudioSession';
import { StatsMonitor } from './StatsMonitor';

const LISTEN = { url: 'ws://lk', token: 'listen-token' };
const SPEAK = { url: 'ws://lk', token: 'speak-token' };

/** A session whose links are FakeLinks changed by `breakIt` (to make them fail). */
function sessionWhoseLink(breakIt: (l: FakeLink) => void): AudioSession {
  return new AudioSession(async () => {
    const l = (await FakeLink.factory()) as FakeLink;
    breakIt(l);
    return l;
  }, new StatsMonitor(60_000));
}

let session: AudioSession;
beforeEach(() => {
  FakeLink.made = [];
  session = new AudioSession(FakeLink.factory, new StatsMonitor(60_000));
});
afterEach(() => session.stop());

describe('AudioSession', () => {
  it('listens with the hidden token and never opens the microphone', async () => {
    await session.listen(LISTEN);
    const link = FakeLink.made[0]!;
    expect(link.calls).toEqual(['connect ws://lk listen-token']);
    expect(session.getState().mode).toBe('listening');
  });

  it('take over rejoins with the speaking token (the old connection is left first) and publishes the microphone', async () => {
    await session.listen(LISTEN);
    await session.speak(SPEAK);
    const [hidden, speaking] = FakeLink.made;
    expect(hidden!.calls).toEqual(['connect ws://lk listen-token', 'disconnect']);
    expect(speaking!.calls).toEqual(['connect ws://lk speak-token', 'mic true']);
    expect(session.getState().mode).toBe('speaking');
  });

  it('mute stops the microphone but keeps listening', async () => {
    await session.speak(SPEAK);
    await session.mute();
    expect(FakeLink.made[0]!.calls.slice(-1)).toEqual(['mic false']);
    expect(session.getState().mode).toBe('listening');
  });

  it('a refused microphone still lets the supervisor hear, and says why nobody hears them', async () => {
    const failing = sessionWhoseLink((l) => (l.failMic = new Error('Permission denied')));
    await failing.speak(SPEAK);
    expect(failing.getState()).toMatchObject({ mode: 'listening', error: 'microphone unavailable: Permission denied' });
    await failing.stop();
  });

  it('a failed connect leaves the session off with the reason', async () => {
    const failing = sessionWhoseLink((l) => (l.failConnect = new Error('could not establish signal connection')));
    await expect(failing.listen(LISTEN)).rejects.toThrow('signal connection');
    expect(failing.getState()).toMatchObject({ mode: 'off', error: 'audio failed: could not establish signal connection' });
  });

  it('a connection lost from the server side turns the session off with the reason; an old link going away does not', async () => {
    await session.listen(LISTEN);
    await session.speak(SPEAK);
    FakeLink.made[0]!.emit({ reason: 'DUPLICATE_IDENTITY' }); // the replaced connection
    expect(session.getState().mode).toBe('speaking');
    FakeLink.made[1]!.emit({ reason: 'ROOM_DELETED' });
    expect(session.getState()).toMatchObject({ mode: 'off', error: 'audio disconnected: ROOM_DELETED' });
  });

  it('follows the parties being played', async () => {
    await session.listen(LISTEN);
    const link = FakeLink.made[0]!;
    link.heard = ['agent-1', 'customer-1'];
    link.emit();
    expect(session.getState().parties).toEqual(['agent-1', 'customer-1']);
  });

  it('runs operations one after the other (a quick take over after listen waits for the join)', async () => {
    const listening = session.listen(LISTEN);
    const speaking = session.speak(SPEAK);
    await Promise.all([listening, speaking]);
    expect(FakeLink.made.map((l) => l.calls.join(', '))).toEqual(['connect ws://lk listen-token, disconnect', 'connect ws://lk speak-token, mic true']);
  });

  it('stop leaves the room and clears the figures', async () => {
    await session.listen(LISTEN);
    await session.stats.poll(() => FakeLink.made[0]!.statsReports());
    expect(session.stats.getFigures()).not.toBeNull();
    await session.stop();
    expect(FakeLink.made[0]!.connected).toBe(false);
    expect(session.getState().mode).toBe('off');
    expect(session.stats.getFigures()).toBeNull();
  });
});
