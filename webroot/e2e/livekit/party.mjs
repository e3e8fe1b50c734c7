/**
 * A call participant for the real-LiveKit end-to-end test: a real WebRTC client (LiveKit's own
 * Node SDK, @livekit/rtc-node) that publishes a sine tone as its microphone and counts the audio
 * it receives from every other participant (frames, and frames that carry sound).
 */
import { AudioFrame, AudioSource, AudioStream, LocalAudioTrack, Room, RoomEvent, TrackKind, TrackPublishOptions, TrackSource } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';

const RATE = 48_000;
const FRAME = 480; // 10 ms

/** A join token for a party (customer or agent): visible, publishing audio, subscribing. */
export async function partyToken({ key, secret, room, identity, name }) {
  const t = new AccessToken(key, secret, { identity, name: name ?? identity, ttl: '1h' });
  t.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true });
  return t.toJwt();
}

export class Party {
  /** @param {string} identity @param {number} toneHz */
  constructor(identity, toneHz) {
    this.identity = identity;
    this.toneHz = toneHz;
    this.room = new Room();
    /** identity → {frames, loud} counted from that participant's audio */
    this.heard = new Map();
    /** every remote identity this party was ever told about */
    this.seen = new Set();
    this.running = false;
    this.room.on(RoomEvent.ParticipantConnected, (p) => this.seen.add(p.identity));
    this.room.on(RoomEvent.TrackSubscribed, (track, _pub, participant) => {
      if (track.kind === TrackKind.KIND_AUDIO) void this.#count(track, participant.identity);
    });
  }

  async join(url, token) {
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    for (const p of this.room.remoteParticipants.values()) this.seen.add(p.identity);
    return this.room.getSid();
  }

  /** Publishes the tone as a microphone track and keeps feeding it until leave(). */
  async publishTone() {
    this.source = new AudioSource(RATE, 1);
    const track = LocalAudioTrack.createAudioTrack(`${this.identity}-tone`, this.source);
    const opts = new TrackPublishOptions();
    opts.source = TrackSource.SOURCE_MICROPHONE;
    this.publication = await this.room.localParticipant.publishTrack(track, opts);
    this.running = true;
    void this.#feed();
    return this.publication.sid;
  }

  async #feed() {
    let n = 0;
    while (this.running) {
      const data = new Int16Array(FRAME);
      for (let i = 0; i < FRAME; i++, n++) data[i] = Math.round(8000 * Math.sin((2 * Math.PI * this.toneHz * n) / RATE));
      try {
        await this.source.captureFrame(new AudioFrame(data, RATE, 1, FRAME)); // waits while the queue is full: real time
      } catch {
        return;
      }
    }
  }

  async #count(track, from) {
    const c = this.heard.get(from) ?? { frames: 0, loud: 0 };
    this.heard.set(from, c);
    const stream = new AudioStream(track, RATE, 1);
    try {
      for await (const frame of stream) {
        c.frames++;
        let sum = 0;
        for (const s of frame.data) sum += s * s;
        if (Math.sqrt(sum / frame.data.length) > 100) c.loud++;
      }
    } catch {
      // the track went away
    }
  }

  /** Frames with sound received from identities starting with prefix. */
  loudFrom(prefix) {
    let n = 0;
    for (const [id, c] of this.heard) if (id.startsWith(prefix)) n += c.loud;
    return n;
  }

  async leave() {
    this.running = false;
    await this.room.disconnect().catch(() => undefined);
  }
}
