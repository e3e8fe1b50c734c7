/**
 * Wire shapes seen by the browser. Mirrors the Java contract in
 * modules/contract/src/main/java/io/switchboard/contract/ (live/*, sentiment/Alert).
 */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type AgentState = 'initializing' | 'listening' | 'thinking' | 'speaking' | 'paused' | 'lost' | 'ended';
export type Role = 'viewer' | 'supervisor' | 'admin';

/** The utterance in progress (CallFields.INTERIM), parsed. */
export interface Interim {
  role: 'user' | 'agent' | 'supervisor';
  text: string;
  segment_id?: string;
  ts?: number;
}

/**
 * Call fields (CallFields). A summary on calls.active holds the SUMMARY_FIELDS; a room snapshot
 * holds all of them. Every field is optional because deltas carry only what changed.
 */
export interface CallFields {
  room?: string;
  session_id?: string;
  status?: string;
  room_sid?: string;
  started_at?: number;
  ended_at?: number;
  end_reason?: string;
  transfer_target?: string;
  agent?: string;
  customer?: string;
  language?: string;
  agent_state?: AgentState | string;
  agent_state_at?: number;
  /** how the call is supervised: observer (remote-session, unmodified agent) | package | http */
  supervision?: 'observer' | 'package' | 'http' | string;
  sentiment?: SentimentLabel | string;
  sentiment_score?: number;
  escalation?: string[] | unknown;
  takeover_by?: string;
  listeners?: string[] | unknown;
  viewers?: string[] | unknown;
  /** JSON {role,text,segment_id,ts} or "" / null when none (parsed by the backend; tolerated as text). */
  interim?: Interim | string | null;
  metrics?: Record<string, unknown> | string | null;
  participants?: unknown;
  last_seq?: number;
  updated_at?: number;
  archived?: string;
  [other: string]: unknown;
}

/** A call on the live list; `room` is the key. */
export interface CallSummary extends CallFields {
  room: string;
}

export interface SentimentInfo {
  label: SentimentLabel | string;
  score?: number;
  confidence?: number;
  source?: string;
}

interface LineBase {
  seq: number;
  ts: number;
  [other: string]: unknown;
}

export interface TranscriptLine extends LineBase {
  kind: 'transcript';
  role: 'user' | 'agent' | 'supervisor';
  text: string;
  segment_id?: string;
  language?: string;
}
export interface LifecycleLine extends LineBase {
  kind: 'lifecycle';
  event: string;
  detail?: unknown;
}
export interface AnnotationLine extends LineBase {
  kind: 'annotation';
  ref: number;
  sentiment: SentimentInfo;
}
export interface ToolCallLine extends LineBase {
  kind: 'tool_call';
  name: string;
  args?: unknown;
  result?: unknown;
  duration_ms?: number;
}
export interface SupervisorLine extends LineBase {
  kind: 'supervisor';
  action: string;
  by: string;
  text?: string;
  result?: unknown;
}
export interface EscalationLine extends LineBase {
  kind: 'escalation';
  reasons: string[];
  ref?: number;
}

/** A rule fired for line `ref` (rules verticle). */
export interface RuleLine extends LineBase {
  kind: 'rule';
  ref?: number;
  rule_id: string;
  rule_name?: string;
  severity?: string;
  message?: string | null;
  tags?: string[];
  suggestion?: string | null;
}

export type LogLine =
  | TranscriptLine
  | LifecycleLine
  | AnnotationLine
  | ToolCallLine
  | SupervisorLine
  | EscalationLine
  | RuleLine;

/** calls.active publish. */
export interface ListDelta {
  v: number;
  upserts: CallSummary[];
  removed: string[];
  /** The list version after this delta (absent when the server could not assign one). */
  version?: number;
}

/** Reply of calls.snapshot. */
export interface CallsSnapshot {
  v: number;
  calls: CallSummary[];
  at: number;
  /** The version of the last calls.active delta this snapshot reflects. */
  version?: number;
}

/** call.<room> publish. */
export interface RoomDelta {
  v: number;
  room: string;
  session_id: string;
  fromSeq: number;
  toSeq: number;
  lines: LogLine[];
  fields: CallFields;
  removed?: boolean;
}

/** Body of call.history. */
export interface HistoryRequest {
  room: string;
  afterSeq: number;
  limit: number;
}

/** Reply of call.history. */
export interface HistoryReply {
  v: number;
  room: string;
  session_id: string;
  snapshot: CallFields;
  lines: LogLine[];
  lastSeq: number;
  hasMore: boolean;
  /** The room's most recent agent debug events (call.<room>.debug bodies), oldest first. */
  debug?: unknown[];
}

/** alerts publish. */
export interface Alert {
  v: number;
  room: string;
  session_id: string;
  reason: string;
  detail: string;
  seq: number;
  at: number;
  /** Every reason the line raised, most urgent first (newer servers; `reason` is the first). */
  reasons?: string[];
  /** Rule alerts: severity, the (top) rule, the tags and suggestion it set. */
  severity?: string;
  rule_id?: string;
  rule_name?: string;
  tags?: string[];
  suggestion?: string;
}

/**
 * One agent debug event from call.<room>.debug, normalised. The wire shape is not fixed by the
 * contract; see normaliseDebug() in debug.ts for what is accepted.
 */
export interface DebugEvent {
  /** Arrival order, local. */
  id: number;
  ts: number;
  receivedAt: number;
  type: string;
  summary: string;
  data: Record<string, unknown>;
}
