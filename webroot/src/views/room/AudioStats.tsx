import type { AudioSession } from '../../audio/AudioSession';
import { formatKbps, formatLevel, formatMs, formatPct, formatRtt } from '../../audio/stats';
import { useAudioFigures, useAudioState } from '../../hooks/useAudio';

const MODE_LABEL = { off: 'not connected', connecting: 'connecting…', listening: 'listening (silent)', speaking: 'speaking' } as const;

/** The supervisor's own WebRTC figures (getStats of the LiveKit connection), refreshed each second. */
export function AudioStats({ audio }: { audio: AudioSession }) {
  const state = useAudioState(audio);
  const f = useAudioFigures(audio);
  return (
    <div
      data-testid="rtc-stats"
      data-mode={state.mode}
      data-in-bytes={f?.inBytes ?? 0}
      data-out-bytes={f?.outBytes ?? 0}
      data-rtt-ms={f?.rttMs ?? ''}
      data-rtt-source={f?.rttSource ?? ''}
      data-in-kbps={f?.inKbps ?? ''}
      data-out-kbps={f?.outKbps ?? ''}
    >
      <h3 className="panel-sub">
        Your audio <span className="muted small">{MODE_LABEL[state.mode]}</span>
      </h3>
      {state.mode === 'off' || !f ? (
        <p className="muted small">{state.mode === 'off' ? 'Listen or take over to see your connection figures.' : 'Measuring…'}</p>
      ) : (
        <>
          <dl className="kv kv-stats">
            <dt>Round trip</dt>
            <dd data-testid="rtc-rtt" title={f.rttSource === 'rtcp' ? 'RTCP of the audio you send' : 'ICE connectivity checks'}>
              {formatRtt(f.rttMs, f.rttSource)}
            </dd>
            <dt>Jitter</dt>
            <dd data-testid="rtc-jitter">{formatMs(f.jitterMs)}</dd>
            <dt>Packet loss</dt>
            <dd data-testid="rtc-loss">{formatPct(f.lossPct)}</dd>
            <dt>Inbound</dt>
            <dd data-testid="rtc-in">{formatKbps(f.inKbps)}</dd>
            <dt>Outbound</dt>
            <dd data-testid="rtc-out">{state.mode === 'speaking' || f.outBytes > 0 ? formatKbps(f.outKbps) : 'not sending'}</dd>
            <dt>Level heard</dt>
            <dd>{formatLevel(f.inLevel)}</dd>
            <dt>Microphone level</dt>
            <dd>{formatLevel(f.micLevel)}</dd>
          </dl>
          <ul className="rtc-parties small muted" aria-label="Parties you hear">
            {Object.entries(f.inBytesByParty).map(([party, bytes]) => (
              <li key={party} data-testid="rtc-party" data-party={party} data-bytes={bytes}>
                {party}: {(bytes / 1024).toFixed(0)} KiB
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
