import { collectSample, computeFigures, type ConnectionFigures, type StatsSample, type TaggedReport } from './stats';

/**
 * Polls the connection's getStats() reports once a second and keeps the latest figures. Its own
 * store (apart from the audio mode) so the stats panel re-renders on each sample and nothing else
 * does.
 */
export class StatsMonitor {
  private figures: ConnectionFigures | null = null;
  private prev: StatsSample | undefined;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<() => void>();
  private polling = false;

  constructor(
    private readonly intervalMs = 1000,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  readonly subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  readonly getFigures = (): ConnectionFigures | null => this.figures;

  start(source: () => Promise<TaggedReport[]>): void {
    this.stop();
    this.timer = setInterval(() => void this.poll(source), this.intervalMs);
    void this.poll(source);
  }

  /** Stops polling and clears the figures (nothing is connected any more). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.prev = undefined;
    if (this.figures !== null) {
      this.figures = null;
      this.emit();
    }
  }

  /** One sample now (also what the timer does). */
  async poll(source: () => Promise<TaggedReport[]>): Promise<void> {
    if (this.polling) return; // a slow getStats() must not pile up
    this.polling = true;
    try {
      const reports = await source();
      const sample = collectSample(reports, this.clock());
      this.figures = computeFigures(this.prev, sample);
      this.prev = sample;
      this.emit();
    } catch {
      // a report failed mid-reconnect: keep the last figures, the next tick tries again
    } finally {
      this.polling = false;
    }
  }

  private emit() {
    for (const l of [...this.listeners]) l();
  }
}
