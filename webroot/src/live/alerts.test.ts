import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../test/FakeTransport';
import { AlertFeed } from './alerts';

describe('AlertFeed — alerts', () => {
  it('de-duplicates alerts and lets them be dismissed', () => {
    const t = new FakeTransport();
    const feed = new AlertFeed(50, () => 5000, () => {});
    feed.listen(t);
    const a = { v: 1, room: 'r', session_id: 's', reason: 'profanity', detail: 'd', seq: 4, at: 9 };
    t.publish('alerts', a);
    t.publish('alerts', a);
    expect(feed.get()).toHaveLength(1);
    feed.dismiss(feed.get()[0]!.id);
    expect(feed.get()).toHaveLength(0);
  });
});
