import { errorMessage } from '../transport/types';
import type { LinkFactory, LinkLost, RoomLink } from './link';
import { StatsMonitor } from './StatsMonitor';

export type AudioMode = 'off' | 'connecting' | 'listening' | 'speaking';

export interface AudioState {
  mode: AudioMode;
  /** Identities whose audio is playing. */
  parties: readonly string[];
  error?: string;
}

/** Grants a LiveKit token carries for this session: a silent (hidden) one or a speaking one. */
export interface JoinGrant {
  url: string;
  token: string;
}

const OFF: AudioState = { mode: 'off', parties: [] };

/**
 * The supervisor's audio in one room: listen (hidden, subscribe only), speak after a take-over
 * (a fresh token that may publish: control hands it out with the take-over), back to silent.
 * Changing tokens means rejoining (LiveKit cannot turn a hidden participant into a visible
 * publisher in place), so operations run one after the other, never interleaved.
 */
export class AudioSession {
  private state: AudioState = OFF;
  private link: RoomLink | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  readonly stats: StatsMonitor;

  constructor(
    private readonly newLink: LinkFactory,
    stats?: StatsMonitor,
  ) {
    this.stats = stats ?? new StatsMonitor();
  }

  readonly subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  readonly getState = (): AudioState => this.state;

  /** Joins silently with a listen token (replacing any current connection). */
  listen(grant: JoinGrant): Promise<void> {
    return this.serial(async () => {
      await this.join(grant);
      this.set({ mode: 'listening' });
    });
  }

  /** Joins with the take-over token and publishes the microphone. */
  speak(grant: JoinGrant): Promise<void> {
    return this.serial(async () => {
      await this.join(grant);
      const link = this.link;
      if (!link) return;
      try {
        await link.setMicrophone(true);
        this.set({ mode: 'speaking' });
      } catch (e) {
        // still hearing the call is better than nothing; say why the customer cannot hear us
        this.set({ mode: 'listening', error: `microphone unavailable: ${errorMessage(e)}` });
      }
    });
  }

  /** Stops publishing the microphone, keeps listening. */
  mute(): Promise<void> {
    return this.serial(async () => {
      if (!this.link || this.state.mode !== 'speaking') return;
      await this.link.setMicrophone(false);
      this.set({ mode: 'listening' });
    });
  }

  /** Leaves the room. */
  stop(): Promise<void> {
    return this.serial(async () => {
      await this.leave();
      this.state = OFF;
      this.emit();
    });
  }

  private async join(grant: JoinGrant): Promise<void> {
    await this.leave(); // one identity per user: a second connection would kick the first anyway
    this.set({ mode: 'connecting', error: undefined });
    const link = await this.newLink();
    link.onChange((lost) => this.changed(link, lost));
    this.link = link;
    try {
      await link.connect(grant.url, grant.token);
    } catch (e) {
      this.link = null;
      await link.disconnect().catch(() => undefined);
      this.state = { ...OFF, error: `audio failed: ${errorMessage(e)}` };
      this.emit();
      throw e;
    }
    this.stats.start(() => link.statsReports());
  }

  private async leave(): Promise<void> {
    const link = this.link;
    this.link = null;
    this.stats.stop();
    if (link) await link.disconnect().catch(() => undefined);
  }

  private changed(link: RoomLink, lost?: LinkLost) {
    if (link !== this.link) return; // an old connection going away
    if (lost) {
      this.link = null;
      this.stats.stop();
      this.state = { ...OFF, error: `audio disconnected: ${lost.reason}` };
      this.emit();
      return;
    }
    this.set({});
  }

  private set(patch: Partial<AudioState>) {
    const parties = this.link ? this.link.parties() : [];
    this.state = { ...this.state, ...patch, parties };
    this.emit();
  }

  private serial(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit() {
    for (const l of [...this.listeners]) l();
  }
}
