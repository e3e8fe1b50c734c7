import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useServices } from '../../app/context';
import type { AudioSession } from '../../audio/AudioSession';
import { deliveryNotice, joinGrant, sendControl, takeoverButton, TRANSFER_LANGUAGES, type ActionNotice, type ControlAction, type JoinReply } from '../../control/control';
import { useAudioState } from '../../hooks/useAudio';
import { asStringArray } from '../../live/fields';
import type { CallFields } from '../../live/types';
import { errorMessage } from '../../transport/types';
import { Icon } from '../common/Icon';

type Notice = { kind: 'error' | 'info'; text: string } | null;

/** Supervisor actions. Rendered only for supervisor/admin (the parent checks the role). */
export function ControlBar({ room, fields, ended, audio }: { room: string; fields: CallFields; ended: boolean; audio: AudioSession }) {
  const { transport, session } = useServices();
  const [busy, setBusy] = useState<ControlAction | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [guide, setGuide] = useState('');
  const [language, setLanguage] = useState<string>('en');
  const [armed, setArmed] = useState<'transfer' | 'end' | null>(null);
  const sound = useAudioState(audio);
  const listening = sound.mode !== 'off';

  const tk = takeoverButton(fields.takeover_by, session.user);
  const amListener = asStringArray(fields.listeners).includes(session.user);
  const disabled = ended || busy !== null;

  // someone else took the call from me (an admin's force): stop sending my microphone
  const held = useRef(tk.kind);
  useEffect(() => {
    const was = held.current;
    held.current = tk.kind;
    if (was === 'handback' && tk.kind !== 'handback') void audio.mute();
  }, [tk.kind, audio]);

  useEffect(() => {
    if (sound.error) setNotice({ kind: 'error', text: sound.error });
  }, [sound.error]);

  async function run<T>(action: ControlAction, body: Record<string, unknown>, ok?: (reply: T) => string | ActionNotice | null): Promise<void> {
    setBusy(action);
    setNotice(null);
    try {
      const reply = await sendControl<T>(transport, action, { room, ...body });
      const msg = ok ? ok(reply) : null;
      if (msg) setNotice(typeof msg === 'string' ? { kind: 'info', text: msg } : msg);
    } catch (e) {
      setNotice({ kind: 'error', text: `${action} failed: ${errorMessage(e)}` });
    } finally {
      setBusy(null);
      setArmed(null);
    }
  }

  async function listen() {
    if (listening) {
      await audio.stop();
      setNotice({ kind: 'info', text: 'Stopped listening.' });
      return;
    }
    await run<JoinReply>('listen', {}, (reply) => {
      const grant = joinGrant(reply);
      if (!grant) return reply?.message ?? 'audio unavailable';
      audio.listen(grant).then(
        () => setNotice({ kind: 'info', text: 'Listening (silent).' }),
        () => undefined, // the session reports the error
      );
      return 'Connecting audio…';
    });
  }

  /** Take over: the reply's token may publish, so rejoin with it and open the microphone. */
  async function takeover() {
    await run<JoinReply>('takeover', {}, (reply) => {
      const notice = deliveryNotice(reply, 'You have the call; the AI is paused.', 'You have the call, but the AI was not paused');
      const grant = joinGrant(reply);
      if (grant) {
        audio.speak(grant).then(
          () => {
            if (audio.getState().mode !== 'speaking') return;
            setNotice(notice.kind === 'info' ? { kind: 'info', text: 'You have the call: your microphone is live, the AI is paused.' } : { kind: 'error', text: `Your microphone is live. ${notice.text}` });
          },
          () => undefined,
        );
      }
      return notice;
    });
  }

  /**
   * Hand back: stop speaking, then listen silently again with a hidden token (the customer no
   * longer sees us): the one in the reply if control sends one, else a fresh control.listen.
   */
  async function handback() {
    const wasListening = listening;
    await run<JoinReply>('handback', {}, (reply) => {
      const grant = joinGrant(reply);
      if (wasListening) {
        void audio
          .mute()
          .catch(() => undefined)
          .then(() => (grant ? audio.listen(grant).catch(() => undefined) : relisten()));
      }
      return deliveryNotice(reply, 'Handed back to the AI.', 'Handed back, but the AI was not told to resume');
    });
  }

  async function relisten() {
    try {
      const grant = joinGrant(await sendControl<JoinReply>(transport, 'listen', { room }));
      if (grant) await audio.listen(grant);
      else await audio.stop();
    } catch (e) {
      await audio.stop();
      setNotice({ kind: 'error', text: `listen failed: ${errorMessage(e)}` });
    }
  }

  function sendGuide(e: FormEvent) {
    e.preventDefault();
    const text = guide.trim();
    if (!text) return;
    void run('guide', { text }, (reply) => {
      setGuide('');
      return deliveryNotice(reply, 'Guidance sent to the agent.', 'Guidance not delivered');
    });
  }

  return (
    <section className="panel controls" aria-label="Supervisor controls" data-testid="control-bar">
      <div className="controls-row">
        <button className={`btn ${listening ? 'btn-active' : ''}`} onClick={() => void listen()} disabled={disabled && !listening} data-testid="ctl-listen" data-audio={sound.mode}>
          <Icon name="ear" /> {sound.mode === 'connecting' ? 'Connecting…' : listening ? 'Stop listening' : amListener ? 'Listening' : 'Listen'}
        </button>
        {tk.kind === 'held' ? (
          <button className="btn" disabled title={`The call is held by ${tk.by}`} data-testid="ctl-takeover">
            <Icon name="lock" /> {tk.label}
          </button>
        ) : (
          <button
            className={`btn ${tk.kind === 'handback' ? 'btn-warn' : 'btn-primary'}`}
            onClick={() => void (tk.kind === 'takeover' ? takeover() : handback())}
            disabled={disabled}
            data-testid={tk.kind === 'takeover' ? 'ctl-takeover' : 'ctl-handback'}
          >
            {tk.kind === 'takeover' ? <Icon name="mic" /> : <span aria-hidden="true">↩</span>} {busy === tk.kind ? '…' : tk.label}
          </button>
        )}
        <span className="controls-sep" aria-hidden="true" />
        <label className="inline">
          <span className="sr-only">Transfer language</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value)} disabled={disabled} data-testid="ctl-language">
            {TRANSFER_LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label} ({l.code})
              </option>
            ))}
          </select>
        </label>
        <button
          className={`btn ${armed === 'transfer' ? 'btn-danger' : ''}`}
          disabled={disabled}
          onClick={() => (armed === 'transfer' ? void run('transfer', { language }, () => 'Transfer requested.') : setArmed('transfer'))}
          data-testid="ctl-transfer"
        >
          <span aria-hidden="true">⇄</span> {armed === 'transfer' ? `Confirm transfer (${language})` : 'Transfer'}
        </button>
        <button
          className={`btn ${armed === 'end' ? 'btn-danger' : 'btn-danger-ghost'}`}
          disabled={disabled}
          onClick={() => (armed === 'end' ? void run('end', {}, () => 'Call ending.') : setArmed('end'))}
          data-testid="ctl-end"
        >
          <span aria-hidden="true">✕</span> {armed === 'end' ? 'Confirm end call' : 'End call'}
        </button>
        {armed && (
          <button className="btn btn-ghost" onClick={() => setArmed(null)}>
            Cancel
          </button>
        )}
      </div>
      <form className="controls-row guide" onSubmit={sendGuide}>
        <label className="grow">
          <span className="sr-only">Guide the agent</span>
          <input
            value={guide}
            onChange={(e) => setGuide(e.target.value)}
            placeholder="Guide the agent (instruction, not read to the customer)…"
            disabled={disabled}
            maxLength={1000}
            data-testid="ctl-guide-text"
          />
        </label>
        <button className="btn" type="submit" disabled={disabled || !guide.trim()} data-testid="ctl-guide">
          Send guidance
        </button>
      </form>
      {ended && <p className="muted small">The call has ended; controls are disabled.</p>}
      {notice && (
        <p className={notice.kind === 'error' ? 'form-error' : 'form-info'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="ctl-notice">
          {notice.text}
        </p>
      )}
    </section>
  );
}
