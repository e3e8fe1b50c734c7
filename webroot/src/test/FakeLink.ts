import type { LinkLost, RoomLink } from '../audio/link';
import type { TaggedReport } from '../audio/stats';

/** A room connection for tests: records what the session asked, lets the test drive the rest. */
export class FakeLink implements RoomLink {
  static made: FakeLink[] = [];
  readonly calls: string[] = [];
  connected = false;
  mic = false;
  failConnect: Error | null = null;
  failMic: Error | null = null;
  heard: string[] = [];
  reports: TaggedReport[] = [];
  private cb: (lost?: LinkLost) => void = () => undefined;

  static factory = async (): Promise<RoomLink> => {
    const l = new FakeLink();
    FakeLink.made.push(l);
    return l;
  };

  async connect(url: string, token: string): Promise<void> {
    this.calls.push(`connect ${url} ${token}`);
    if (this.failConnect) throw this.failConnect;
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
    this.connected = false;
    this.mic = false;
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.calls.push(`mic ${on}`);
    if (on && this.failMic) throw this.failMic;
    this.mic = on;
  }

  parties(): readonly string[] {
    return this.heard;
  }

  async statsReports(): Promise<TaggedReport[]> {
    return this.reports;
  }

  onChange(cb: (lost?: LinkLost) => void): void {
    this.cb = cb;
  }

  /** The room told us something (a party's track came or went, or the connection was lost). */
  emit(lost?: LinkLost) {
    this.cb(lost);
  }
}
