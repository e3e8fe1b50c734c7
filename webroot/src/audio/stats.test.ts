import { describe, expect, it } from 'vitest';
import { collectSample, computeFigures, formatKbps, formatMs, formatRtt, type TaggedReport } from './stats';

type Entry = Record<string, unknown> & { id: string; type: string };

function report(...entries: Entry[]): ReadonlyMap<string, unknown> {
  return new Map(entries.map((e) => [e.id, e]));
}

function inbound(id: string, ts: number, bytesReceived: number, extra: Record<string, unknown> = {}): Entry {
  return { id, type: 'inbound-rtp', kind: 'audio', timestamp: ts, bytesReceived, packetsReceived: 0, packetsLost: 0, ...extra };
}

function outbound(id: string, ts: number, bytesSent: number): Entry {
  return { id, type: 'outbound-rtp', kind: 'audio', timestamp: ts, bytesSent, packetsSent: 0 };
}

const listen = (party: string, ...entries: Entry[]): TaggedReport => ({ direction: 'in', party, report: report(...entries) });
const send = (...entries: Entry[]): TaggedReport => ({ direction: 'out', party: 'supervisor_me', report: report(...entries) });

describe('WebRTC figures from getStats', () => {
  it('bitrate is the byte delta over the stats timestamps, summed over the parties heard', () => {
    const a = collectSample([listen('agent', inbound('IA', 1000, 10_000)), listen('customer', inbound('IC', 1000, 20_000))], 0);
    const b = collectSample([listen('agent', inbound('IA', 3000, 14_000)), listen('customer', inbound('IC', 3000, 26_000))], 0);
    const f = computeFigures(a, b);
    // agent 4000 B / 2 s = 16 kbit/s, customer 6000 B / 2 s = 24 kbit/s
    expect(f.inKbps).toBeCloseTo(40, 6);
    expect(f.inBytes).toBe(40_000);
    expect(f.inBytesByParty).toEqual({ agent: 14_000, customer: 26_000 });
  });

  it('outbound bitrate comes from the microphone sender report', () => {
    const a = collectSample([send(outbound('O1', 0, 0))], 0);
    const b = collectSample([send(outbound('O1', 500, 2_000))], 0);
    expect(computeFigures(a, b).outKbps).toBeCloseTo(32, 6); // 2000 B × 8 / 0.5 s
    expect(computeFigures(a, b).outBytes).toBe(2_000);
  });

  it('the first sample has totals but no rates', () => {
    const f = computeFigures(undefined, collectSample([listen('agent', inbound('IA', 1000, 5_000))], 0));
    expect(f.inBytes).toBe(5_000);
    expect(f.inKbps).toBeUndefined();
    expect(f.outKbps).toBeUndefined();
    expect(f.lossPct).toBeUndefined();
  });

  it('a stream that appears or restarts (rejoin after take-over) gives no rate instead of a negative or huge one', () => {
    const a = collectSample([listen('agent', inbound('IA', 1000, 90_000))], 0);
    const restarted = collectSample([listen('agent', inbound('IA', 2000, 1_000)), listen('customer', inbound('IC2', 2000, 70_000))], 0);
    const f = computeFigures(a, restarted);
    expect(f.inKbps).toBeUndefined();
    expect(f.inBytes).toBe(71_000);
  });

  it('a stream that stopped flowing has zero bitrate, not an unknown one', () => {
    const a = collectSample([listen('agent', inbound('IA', 1000, 8_000))], 0);
    const b = collectSample([listen('agent', inbound('IA', 2000, 8_000))], 0);
    expect(computeFigures(a, b).inKbps).toBe(0);
    expect(formatKbps(0)).toBe('0.0 kbit/s');
  });

  it('packet loss is lost / (lost + received) over the interval', () => {
    const a = collectSample([listen('agent', inbound('IA', 0, 0, { packetsReceived: 100, packetsLost: 2 }))], 0);
    const b = collectSample([listen('agent', inbound('IA', 1000, 100, { packetsReceived: 148, packetsLost: 4 }))], 0);
    expect(computeFigures(a, b).lossPct).toBeCloseTo(4, 6); // 2 lost of 50
  });

  it('jitter (seconds in the report) is shown in ms, the worst party counts', () => {
    const s = collectSample([listen('agent', inbound('IA', 0, 0, { jitter: 0.004 })), listen('customer', inbound('IC', 0, 0, { jitter: 0.012 }))], 0);
    expect(computeFigures(undefined, s).jitterMs).toBeCloseTo(12, 6);
  });

  it('round trip prefers RTCP of the sent audio over the ICE checks', () => {
    const pair = { id: 'CP1', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.002 };
    const transport = { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1' };
    const ice = computeFigures(undefined, collectSample([listen('agent', inbound('IA', 0, 0), transport, pair)], 0));
    expect(ice.rttMs).toBeCloseTo(2, 6);
    expect(ice.rttSource).toBe('ice');
    const rtcp = computeFigures(
      undefined,
      collectSample([listen('agent', inbound('IA', 0, 0), transport, pair), send(outbound('O1', 0, 0), { id: 'RI', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.0071 })], 0),
    );
    expect(rtcp.rttMs).toBeCloseTo(7.1, 6);
    expect(rtcp.rttSource).toBe('rtcp');
    expect(formatMs(rtcp.rttMs)).toBe('7.1 ms');
  });

  it('only the candidate pair a transport selected counts (not a failed or spare pair)', () => {
    const s = collectSample(
      [
        listen(
          'agent',
          { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP2' },
          { id: 'CP1', type: 'candidate-pair', state: 'failed', currentRoundTripTime: 3 },
          { id: 'CP2', type: 'candidate-pair', state: 'succeeded', currentRoundTripTime: 0.004 },
        ),
      ],
      0,
    );
    expect(computeFigures(undefined, s).rttMs).toBeCloseTo(4, 6);
  });

  it('levels: the loudest party heard, and the microphone only while sending', () => {
    const mic = { id: 'MS', type: 'media-source', kind: 'audio', audioLevel: 0.3 };
    const heard = [listen('agent', inbound('IA', 0, 0, { audioLevel: 0.2 })), listen('customer', inbound('IC', 0, 0, { audioLevel: 0.6 }))];
    const speaking = computeFigures(undefined, collectSample([...heard, send(outbound('O1', 0, 0), mic)], 0));
    expect(speaking.inLevel).toBeCloseTo(0.6, 6);
    expect(speaking.micLevel).toBeCloseTo(0.3, 6);
    expect(computeFigures(undefined, collectSample(heard, 0)).micLevel).toBeUndefined();
  });

  it('ignores video, and entries shared by several reports are counted once', () => {
    const shared = inbound('IA', 0, 1_000);
    const s = collectSample([listen('agent', shared, { id: 'V', type: 'inbound-rtp', kind: 'video', bytesReceived: 9_999 }), listen('agent', shared)], 0);
    expect(computeFigures(undefined, s).inBytes).toBe(1_000);
  });

  it('uses the sample time when a stream has no timestamp of its own', () => {
    const a = collectSample([listen('agent', { id: 'IA', type: 'inbound-rtp', kind: 'audio', bytesReceived: 0 })], 10_000);
    const b = collectSample([listen('agent', { id: 'IA', type: 'inbound-rtp', kind: 'audio', bytesReceived: 1_000 })], 11_000);
    expect(computeFigures(a, b).inKbps).toBeCloseTo(8, 6);
  });

  it('ICE round trips are whole milliseconds: 0 reads as under a millisecond, RTCP ones keep a decimal', () => {
    expect(formatRtt(0, 'ice')).toBe('< 1 ms');
    expect(formatRtt(3, 'ice')).toBe('3 ms');
    expect(formatRtt(1.114, 'rtcp')).toBe('1.1 ms');
    expect(formatRtt(undefined, undefined)).toBe('—');
  });
});
