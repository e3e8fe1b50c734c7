// Counts the audio frames received from each remote participant, and how many of them were
// audible (not silence): a muted or absent speaker sends no audible frames.
import { AudioStream } from '@livekit/rtc-node';

export function countFrames(track, identity, counts) {
  const entry = counts.get(identity) ?? { frames: 0, audible: 0 };
  counts.set(identity, entry);
  const stream = new AudioStream(track);
  (async () => {
    for await (const frame of stream) {
      entry.frames++;
      const d = frame.data;
      let peak = 0;
      for (let i = 0; i < d.length; i += 8) peak = Math.max(peak, Math.abs(d[i]));
      if (peak > 500) entry.audible++;
    }
  })().catch(() => {});
}
