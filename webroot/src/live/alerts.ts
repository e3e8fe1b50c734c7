/**
 * The alert toasts: escalation alerts published on `alerts`, newest first, bounded, de-duplicated
 * (delivery is at-least-once), dismissible.
 */
import { ADDR } from '../transport/addresses';
import type { Transport } from '../transport/types';
import type { Alert } from './types';

export interface AlertEntry extends Alert {
  id: string;
  receivedAt: number;
}

export class AlertFeed {
  private alerts: readonly AlertEntry[] = [];

  constructor(
    private readonly maxAlerts: number,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  /** Subscribes to `alerts`; returns the unsubscribe function. */
  listen(transport: Transport): () => void {
    return transport.subscribe(ADDR.alerts, (b) => this.onAlert(b as Alert));
  }

  get = (): readonly AlertEntry[] => this.alerts;

  private onAlert(a: Alert): void {
    if (!a || typeof a.room !== 'string') return;
    const id = `${a.room}|${a.session_id}|${a.seq}|${a.reason}`;
    if (this.alerts.some((x) => x.id === id)) return; // at-least-once
    const entry: AlertEntry = { ...a, id, receivedAt: this.now() };
    this.alerts = [entry, ...this.alerts].slice(0, this.maxAlerts);
    this.changed();
  }

  dismiss(id: string): void {
    const next = this.alerts.filter((a) => a.id !== id);
    if (next.length !== this.alerts.length) {
      this.alerts = next;
      this.changed();
    }
  }
}
