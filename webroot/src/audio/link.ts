import type { TaggedReport } from './stats';

/** What ended a room connection that nobody asked to end (kicked, room deleted, network). */
export interface LinkLost {
  reason: string;
}

/**
 * One connection to a LiveKit room, as the audio session needs it. The real one is
 * livekitLink.ts (livekit-client, loaded on demand); tests use a fake.
 */
export interface RoomLink {
  connect(url: string, token: string): Promise<void>;
  disconnect(): Promise<void>;
  /** Publishes (true) or unpublishes (false) the microphone. */
  setMicrophone(on: boolean): Promise<void>;
  /** Identities whose audio is being played. */
  parties(): readonly string[];
  /** One getStats() report per received audio track, and one for the microphone when published. */
  statsReports(): Promise<TaggedReport[]>;
  /** Called when the parties change or the connection is lost. */
  onChange(cb: (lost?: LinkLost) => void): void;
}

export type LinkFactory = () => Promise<RoomLink>;
