import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { AudioSession, type AudioState } from '../audio/AudioSession';
import type { LinkFactory } from '../audio/link';
import { createLiveKitLink } from '../audio/livekitLink';
import type { ConnectionFigures } from '../audio/stats';

/** The audio mode of a room's session (off / connecting / listening / speaking). */
export function useAudioState(session: AudioSession): AudioState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The latest WebRTC figures of the session's connection (null while not connected). */
export function useAudioFigures(session: AudioSession): ConnectionFigures | null {
  return useSyncExternalStore(session.stats.subscribe, session.stats.getFigures);
}

/** One audio session per open room, left when the room view closes or changes room. */
export function useRoomAudio(room: string, newLink: LinkFactory = createLiveKitLink): AudioSession {
  const audio = useMemo(() => new AudioSession(newLink), [room]);
  useEffect(() => () => void audio.stop(), [audio]);
  return audio;
}
