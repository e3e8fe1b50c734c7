// A generated sine tone published as a LiveKit audio track (what a customer's or agent's voice
// would be in a real call): 10 ms frames at 48 kHz mono, paced by the AudioSource's own queue.
import { AudioFrame, AudioSource, LocalAudioTrack, TrackPublishOptions, TrackSource } from '@livekit/rtc-node';

const SAMPLE_RATE = 48000;
const FRAME_SAMPLES = SAMPLE_RATE / 100;

export async function publishTone(room, { name = 'voice', frequency = 440, amplitude = 8000 } = {}) {
  const source = new AudioSource(SAMPLE_RATE, 1);
  const track = LocalAudioTrack.createAudioTrack(name, source);
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_MICROPHONE;
  const publication = await room.localParticipant.publishTrack(track, options);
  let running = true;
  let phase = 0;
  const loop = (async () => {
    while (running) {
      const data = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        data[i] = Math.round(amplitude * Math.sin(phase));
        phase += (2 * Math.PI * frequency) / SAMPLE_RATE;
      }
      try {
        await source.captureFrame(new AudioFrame(data, SAMPLE_RATE, 1, FRAME_SAMPLES));
      } catch (err) {
        if (running) throw err;
      }
    }
  })();
  return {
    publication,
    async stop() {
      running = false;
      await loop.catch(() => {});
      await source.close();
    },
  };
}
