/** Listening to a call through LiveKit (loaded on demand, so the main bundle stays small). */
export interface AudioSession {
  disconnect: () => Promise<void>;
}

export async function connectAudio(url: string, token: string): Promise<AudioSession> {
  const lk = await import('livekit-client');
  const room = new lk.Room({ adaptiveStream: true });
  const attached: HTMLMediaElement[] = [];
  room.on(lk.RoomEvent.TrackSubscribed, (track) => {
    if (track.kind === lk.Track.Kind.Audio) {
      const el = track.attach();
      el.dataset.switchboardAudio = '1';
      document.body.appendChild(el);
      attached.push(el);
    }
  });
  await room.connect(url, token, { autoSubscribe: true });
  await room.startAudio().catch(() => undefined);
  return {
    disconnect: async () => {
      for (const el of attached.splice(0)) el.remove();
      await room.disconnect();
    },
  };
}
