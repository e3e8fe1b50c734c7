/**
 * The supervisor's own WebRTC figures from the browser's getStats() reports (one report per
 * subscribed remote audio track and one for the published microphone). Counters in the reports
 * are cumulative, so rates come from the difference between two samples of the same stream:
 * bitrate = Δbytes × 8 / Δt, loss = Δlost / (Δlost + Δreceived). Streams are matched by their
 * stats id, so a track that comes or goes (a rejoin after take-over) never yields a negative or
 * inflated rate.
 */

/** One getStats() report tagged with what it is about. */
export interface TaggedReport {
  direction: 'in' | 'out';
  /** The participant whose audio the report carries (my own identity for 'out'). */
  party: string;
  report: ReadonlyMap<string, unknown>;
}

export interface InboundCounters {
  party: string;
  /** Stats timestamp in ms (performance clock of the browser). */
  ts: number;
  bytes: number;
  packets: number;
  lost: number;
  jitterS?: number;
  level?: number;
}

export interface OutboundCounters {
  ts: number;
  bytes: number;
  packets: number;
}

export interface StatsSample {
  /** When the sample was taken (ms); used when a stream has no timestamp of its own. */
  at: number;
  inbound: ReadonlyMap<string, InboundCounters>;
  outbound: ReadonlyMap<string, OutboundCounters>;
  /** Media-path round trip from RTCP (remote-inbound-rtp), seconds. Only while publishing. */
  rtcpRttS?: number;
  /** ICE round trip of the selected candidate pair (STUN consent checks), seconds. */
  iceRttS?: number;
  /** Level of the microphone being sent, 0..1. */
  micLevel?: number;
}

export interface ConnectionFigures {
  rttMs?: number;
  /** Where the round trip came from: RTCP of the sent audio, or ICE checks. */
  rttSource?: 'rtcp' | 'ice';
  jitterMs?: number;
  lossPct?: number;
  inKbps?: number;
  outKbps?: number;
  /** Loudest received party, 0..1. */
  inLevel?: number;
  micLevel?: number;
  /** Cumulative bytes received (all parties) and sent. */
  inBytes: number;
  outBytes: number;
  /** Cumulative bytes received per party (identity). */
  inBytesByParty: Readonly<Record<string, number>>;
}

type Entry = Record<string, unknown>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function isAudio(e: Entry): boolean {
  return (e.kind ?? e.mediaType) === 'audio';
}

/** Reads the counters of interest from the reports (entries shared by reports are read once). */
export function collectSample(reports: readonly TaggedReport[], at: number): StatsSample {
  const inbound = new Map<string, InboundCounters>();
  const outbound = new Map<string, OutboundCounters>();
  const selectedPairs = new Set<string>();
  const pairs = new Map<string, Entry>();
  let rtcpRttS: number | undefined;
  let micLevel: number | undefined;
  for (const { direction, party, report } of reports) {
    report.forEach((value) => {
      if (!value || typeof value !== 'object') return;
      const e = value as Entry;
      const id = typeof e.id === 'string' ? e.id : '';
      const ts = num(e.timestamp) ?? at;
      switch (e.type) {
        case 'inbound-rtp':
          if (direction === 'in' && isAudio(e) && !inbound.has(id)) {
            inbound.set(id, {
              party,
              ts,
              bytes: num(e.bytesReceived) ?? 0,
              packets: num(e.packetsReceived) ?? 0,
              lost: Math.max(0, num(e.packetsLost) ?? 0),
              jitterS: num(e.jitter),
              level: num(e.audioLevel),
            });
          }
          break;
        case 'outbound-rtp':
          if (direction === 'out' && isAudio(e)) outbound.set(id, { ts, bytes: num(e.bytesSent) ?? 0, packets: num(e.packetsSent) ?? 0 });
          break;
        case 'remote-inbound-rtp': {
          const rtt = num(e.roundTripTime);
          if (isAudio(e) && rtt !== undefined) rtcpRttS = Math.max(rtcpRttS ?? 0, rtt);
          break;
        }
        case 'media-source':
          if (isAudio(e) && num(e.audioLevel) !== undefined) micLevel = Math.max(micLevel ?? 0, num(e.audioLevel) ?? 0);
          break;
        case 'transport':
          if (typeof e.selectedCandidatePairId === 'string') selectedPairs.add(e.selectedCandidatePairId);
          break;
        case 'candidate-pair':
          pairs.set(id, e);
          break;
        default:
          break;
      }
    });
  }
  return { at, inbound, outbound, rtcpRttS, iceRttS: iceRtt(pairs, selectedPairs), micLevel };
}

/** The worst current round trip among the pairs in use (selected by a transport, else nominated). */
function iceRtt(pairs: ReadonlyMap<string, Entry>, selected: ReadonlySet<string>): number | undefined {
  const inUse = [...pairs.values()].filter((p) =>
    selected.size > 0 ? selected.has(String(p.id)) : p.state === 'succeeded' && p.nominated === true,
  );
  let worst: number | undefined;
  for (const p of inUse) {
    const rtt = num(p.currentRoundTripTime);
    if (rtt !== undefined) worst = Math.max(worst ?? 0, rtt);
  }
  return worst;
}

function seconds(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 1000;
}

/** Figures of the latest sample; rates need the previous sample (undefined on the first). */
export function computeFigures(prev: StatsSample | undefined, cur: StatsSample): ConnectionFigures {
  let inBytes = 0;
  const inBytesByParty: Record<string, number> = {};
  let jitterS: number | undefined;
  let inLevel: number | undefined;
  for (const c of cur.inbound.values()) {
    inBytes += c.bytes;
    inBytesByParty[c.party] = (inBytesByParty[c.party] ?? 0) + c.bytes;
    if (c.jitterS !== undefined) jitterS = Math.max(jitterS ?? 0, c.jitterS);
    if (c.level !== undefined) inLevel = Math.max(inLevel ?? 0, c.level);
  }
  let outBytes = 0;
  for (const c of cur.outbound.values()) outBytes += c.bytes;

  const rttS = cur.rtcpRttS ?? cur.iceRttS;
  const figures: ConnectionFigures = {
    inBytes,
    outBytes,
    inBytesByParty,
    rttMs: rttS === undefined ? undefined : rttS * 1000,
    rttSource: cur.rtcpRttS !== undefined ? 'rtcp' : cur.iceRttS !== undefined ? 'ice' : undefined,
    jitterMs: jitterS === undefined ? undefined : jitterS * 1000,
    inLevel,
    micLevel: cur.outbound.size > 0 ? cur.micLevel : undefined,
  };
  if (!prev) return figures;

  let inRate: number | undefined;
  let received = 0;
  let lost = 0;
  for (const [id, c] of cur.inbound) {
    const p = prev.inbound.get(id);
    const dt = p ? seconds(p.ts, c.ts) : 0;
    if (!p || dt <= 0 || c.bytes < p.bytes) continue; // a new or restarted stream: no rate yet
    inRate = (inRate ?? 0) + ((c.bytes - p.bytes) * 8) / dt;
    received += Math.max(0, c.packets - p.packets);
    lost += Math.max(0, c.lost - p.lost);
  }
  let outRate: number | undefined;
  for (const [id, c] of cur.outbound) {
    const p = prev.outbound.get(id);
    const dt = p ? seconds(p.ts, c.ts) : 0;
    if (!p || dt <= 0 || c.bytes < p.bytes) continue;
    outRate = (outRate ?? 0) + ((c.bytes - p.bytes) * 8) / dt;
  }
  return {
    ...figures,
    inKbps: inRate === undefined ? undefined : inRate / 1000,
    outKbps: outRate === undefined ? undefined : outRate / 1000,
    lossPct: received + lost > 0 ? (lost / (received + lost)) * 100 : inRate === undefined ? undefined : 0,
  };
}

export function formatMs(v: number | undefined): string {
  if (v === undefined) return '—';
  return v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`;
}

/** ICE round trips are whole milliseconds in the browser's stats: a loopback one reads 0. */
export function formatRtt(v: number | undefined, source: ConnectionFigures['rttSource']): string {
  if (v === undefined) return '—';
  if (source === 'ice') return v < 1 ? '< 1 ms' : `${Math.round(v)} ms`;
  return formatMs(v);
}

export function formatKbps(v: number | undefined): string {
  if (v === undefined) return '—';
  return v < 10 ? `${v.toFixed(1)} kbit/s` : `${Math.round(v)} kbit/s`;
}

export function formatPct(v: number | undefined): string {
  return v === undefined ? '—' : `${v.toFixed(1)} %`;
}

export function formatLevel(v: number | undefined): string {
  return v === undefined ? '—' : `${Math.round(v * 100)} %`;
}
