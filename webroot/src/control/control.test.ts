import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../test/FakeTransport';
import { sendControl, takeoverButton } from './control';

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
