const ICON: Record<string, string> = {
  initializing: '…',
  listening: '◔',
  thinking: '◌',
  speaking: '◉',
  paused: '❚❚',
  ended: '■',
};

export function AgentStateBadge({ state }: { state?: string }) {
  const s = state || 'unknown';
  return (
    <span className={`chip state state-${s}`} title={`Agent ${s}`}>
      <span aria-hidden="true">{ICON[s] ?? '?'}</span> {s}
    </span>
  );
}
