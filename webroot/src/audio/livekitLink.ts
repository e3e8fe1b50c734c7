import type { LinkLost, RoomLink } from './link';
import type { TaggedReport } from './stats';

type LiveKit = typeof import('livekit-client');
type Room = import('livekit-client').Room;
type RemoteTrack = import('livekit-client').RemoteTrack;

/**
 * The audio session's room connection through livekit-client. The SDK is imported on demand so
 * the main bundle stays small for viewers, who never listen.
 */
export async function createLiveKitLink(): Promise<RoomLink> {
  const lk = await import('livekit-client');
  return new LiveKitLink(lk);
}

class LiveKitLink implements RoomLink {
  private readonly room: Room;
  private readonly elements = new Map<string, HTMLMediaElement>();
  private listener: (lost?: LinkLost) => void = () => undefined;
  private leaving = false;

  constructor(private readonly lk: LiveKit) {
    const { RoomEvent, Track } = lk;
    // every party at full quality: a supervisor judges a call by how it sounds
    this.room = new lk.Room({ adaptiveStream: false, dynacast: false });
    this.room
      .on(RoomEvent.TrackSubscribed, (track, _pub, participant) => {
        if (track.kind !== Track.Kind.Audio) return;
        const el = track.attach();
        el.dataset.switchboardAudio = participant.identity;
        document.body.appendChild(el);
        this.elements.set(key(track), el);
        this.listener();
      })
      .on(RoomEvent.TrackUnsubscribed, (track) => {
        const el = this.elements.get(key(track));
        if (el) {
          track.detach(el);
          el.remove();
          this.elements.delete(key(track));
        }
        this.listener();
      })
      .on(RoomEvent.Disconnected, (reason) => {
        this.removeElements();
        if (!this.leaving) this.listener({ reason: reason === undefined ? 'disconnected' : lk.DisconnectReason[reason] ?? String(reason) });
      });
  }

  async connect(url: string, token: string): Promise<void> {
    await this.room.connect(url, token, { autoSubscribe: true });
    // autoplay may need a user gesture; the click that led here usually counts
    await this.room.startAudio().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    this.leaving = true;
    this.removeElements();
    await this.room.disconnect();
  }

  async setMicrophone(on: boolean): Promise<void> {
    if (on) {
      await this.room.localParticipant.setMicrophoneEnabled(true);
      return;
    }
    // unpublish rather than mute: nothing is sent, and the customer's side drops the track
    const pub = this.room.localParticipant.getTrackPublication(this.lk.Track.Source.Microphone);
    if (pub?.track) await this.room.localParticipant.unpublishTrack(pub.track, true);
  }

  parties(): readonly string[] {
    return [...this.elements.values()].map((el) => el.dataset.switchboardAudio ?? '').filter(Boolean);
  }

  async statsReports(): Promise<TaggedReport[]> {
    const jobs: Array<Promise<TaggedReport | undefined>> = [];
    for (const p of this.room.remoteParticipants.values()) {
      for (const pub of p.audioTrackPublications.values()) {
        const track = pub.track;
        if (track) jobs.push(track.getRTCStatsReport().then((report) => (report ? { direction: 'in', party: p.identity, report } : undefined)));
      }
    }
    const mic = this.room.localParticipant.getTrackPublication(this.lk.Track.Source.Microphone)?.track;
    const me = this.room.localParticipant.identity;
    if (mic) jobs.push(mic.getRTCStatsReport().then((report) => (report ? { direction: 'out', party: me, report } : undefined)));
    const all = await Promise.all(jobs.map((j) => j.catch(() => undefined)));
    return all.filter((r): r is TaggedReport => r !== undefined);
  }

  onChange(cb: (lost?: LinkLost) => void): void {
    this.listener = cb;
  }

  private removeElements() {
    for (const el of this.elements.values()) el.remove();
    this.elements.clear();
  }
}

function key(track: RemoteTrack): string {
  return track.sid ?? track.mediaStreamTrack.id;
}
