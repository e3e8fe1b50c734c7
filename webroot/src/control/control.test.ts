import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../test/FakeTransport';
import { deliveryNotice, sendControl, takeoverButton } from './control';

describe('control bar state', () => {
  it('shows Take over when nobody holds the call', () => {
    expect(takeoverButton('', 'alice')).toMatchObject({ kind: 'takeover', disabled: false });
    expect(takeoverButton(undefined, 'alice').kind).toBe('takeover');
  });
  it('shows Hand back when I hold it', () => {
    expect(takeoverButton('alice', 'alice')).toMatchObject({ kind: 'handback', label: 'Hand back' });
  });
  it('is disabled with the holder name when someone else holds it', () => {
    expect(takeoverButton('bob', 'alice')).toMatchObject({ kind: 'held', disabled: true, label: 'Held by bob' });
  });
  it('sends actions as requests on control.<action>', () => {
    const t = new FakeTransport();
    void sendControl(t, 'transfer', { room: 'r1', language: 'ms' });
    expect(t.take('control.transfer').body).toEqual({ room: 'r1', language: 'ms' });
  });
});

describe('delivery notice', () => {
  it('says success only when the agent received it', () => {
    expect(deliveryNotice({ delivered: true, reason: null }, 'Guidance sent to the agent.', 'Guidance not delivered')).toEqual({
      kind: 'info',
      text: 'Guidance sent to the agent.',
    });
  });
  it('says "no agent connected" instead of success when no agent is there', () => {
    for (const reason of ['no_agent_in_room', 'no_agent_connected']) {
      expect(deliveryNotice({ delivered: false, reason }, 'Guidance sent to the agent.', 'Guidance not delivered')).toEqual({
        kind: 'error',
        text: 'Guidance not delivered: no agent connected.',
      });
    }
  });
  it('names other reasons', () => {
    expect(deliveryNotice({ delivered: false, reason: 'livekit_unavailable' }, 'ok', 'Not delivered').text).toBe('Not delivered: LiveKit unavailable.');
    expect(deliveryNotice({ delivered: false, reason: 'session mismatch' }, 'ok', 'Not delivered').text).toBe('Not delivered: session mismatch.');
  });
});
