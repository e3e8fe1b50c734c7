import { useServices } from '../../app/context';
import { useRoomAudio } from '../../hooks/useAudio';
import { useRoom } from '../../hooks/useLive';
import { canControl } from '../../transport/auth';
import { ControlBar } from './ControlBar';
import { DebugTimeline } from './DebugTimeline';
import { RoomHeader } from './RoomHeader';
import { RoomStats } from './RoomStats';
import { Transcript } from './Transcript';
import { SuggestionBanner } from './SuggestionBanner';
import { TagList } from '../common/TagList';
import { callTags } from '../../rules/tags';

/** @param line the transcript seq to scroll to and highlight (an alert's triggering line) */
export function RoomView({ room, line }: { room: string; line?: number }) {
  const { session, store } = useServices();
  const state = useRoom(room);
  const audio = useRoomAudio(room);
  if (!state) return <p className="muted">Opening {room}…</p>;
  return (
    <section className="view room-view" data-testid="room-view" data-room={room}>
      <RoomHeader state={state} />
      <TagList tags={callTags(state.fields)} />
      {!state.ended && <SuggestionBanner value={state.fields.suggestion} />}
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {state.error}{' '}
          <button className="btn btn-ghost" onClick={() => store.resyncRoom(room)}>
            Retry
          </button>
        </p>
      )}
      {canControl(session.role) && <ControlBar room={room} fields={state.fields} ended={state.ended} audio={audio} />}
      <div className="room-grid">
        <Transcript state={state} focusSeq={line} />
        <div className="room-side">
          <RoomStats state={state} audio={canControl(session.role) ? audio : undefined} />
          <DebugTimeline events={state.debug} />
        </div>
      </div>
    </section>
  );
}
