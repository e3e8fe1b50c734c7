#!/usr/bin/env node
// A real WebRTC participant for Switchboard's real-LiveKit tests (customer, agent or supervisor).
//
//   node participant.mjs --url ws://127.0.0.1:7880 --token JWT [--publish] [--frequency 440]
//
// Joins the room, optionally publishes a tone, subscribes to every audio track and reports what
// it sees as JSON lines on stdout (lib/emit.mjs). Commands arrive as JSON lines on stdin:
// {"cmd":"publish"}, {"cmd":"unpublish"}, {"cmd":"leave"}.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Room, RoomEvent, TrackKind, dispose } from '@livekit/rtc-node';
import { emit } from './lib/emit.mjs';
import { countFrames } from './lib/frames.mjs';
import { publishTone } from './lib/tone.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    publish: { type: 'boolean', default: false },
    frequency: { type: 'string', default: '440' },
  },
});
if (!args.url || !args.token) {
  console.error('usage: participant.mjs --url URL --token JWT [--publish] [--frequency HZ]');
  process.exit(2);
}

const room = new Room();
const counts = new Map();
let tone = null;

const others = () => [...room.remoteParticipants.values()].map((p) => p.identity).sort();
room
  .on(RoomEvent.ParticipantConnected, () => emit('participants', { list: others() }))
  .on(RoomEvent.ParticipantDisconnected, () => emit('participants', { list: others() }))
  .on(RoomEvent.TrackSubscribed, (track, pub, p) => {
    emit('subscribed', { from: p.identity, track_sid: pub.sid, kind: track.kind });
    if (track.kind === TrackKind.KIND_AUDIO) countFrames(track, p.identity, counts);
  })
  .on(RoomEvent.TrackMuted, (pub, p) => emit('muted', { from: p.identity, track_sid: pub.sid, local: p === room.localParticipant }))
  .on(RoomEvent.TrackUnmuted, (pub, p) => emit('unmuted', { from: p.identity, track_sid: pub.sid, local: p === room.localParticipant }))
  .on(RoomEvent.DataReceived, (payload, p, kind, topic) =>
    emit('data', { topic: topic ?? null, from: p ? p.identity : null, payload: new TextDecoder().decode(payload) }))
  .on(RoomEvent.Disconnected, (reason) => emit('disconnected', { reason: String(reason) }));

async function publish() {
  try {
    tone = await publishTone(room, { frequency: Number(args.frequency) });
    emit('published', { track_sid: tone.publication.sid });
  } catch (err) {
    tone = null;
    emit('publish_failed', { error: String(err?.message ?? err) });
  }
}

async function leave(code) {
  if (tone) await tone.stop();
  await room.disconnect().catch(() => {});
  await dispose().catch(() => {});
  process.exit(code);
}

try {
  await room.connect(args.url, args.token, { autoSubscribe: true, dynacast: false });
} catch (err) {
  emit('connect_failed', { error: String(err?.message ?? err) });
  process.exit(1);
}
emit('connected', { identity: room.localParticipant.identity, room: room.name, room_sid: await room.getSid(), list: others() });
if (args.publish) await publish();

let last = '';
setInterval(() => {
  const snapshot = JSON.stringify(Object.fromEntries(counts));
  if (snapshot !== last) {
    last = snapshot;
    emit('frames', { counts: JSON.parse(snapshot) });
  }
}, 200);

createInterface({ input: process.stdin }).on('line', async (line) => {
  let cmd;
  try {
    cmd = JSON.parse(line).cmd;
  } catch {
    emit('bad_command', { line });
    return;
  }
  if (cmd === 'publish') await publish();
  else if (cmd === 'unpublish' && tone) {
    await room.localParticipant.unpublishTrack(tone.publication.sid);
    await tone.stop();
    tone = null;
    emit('unpublished');
  } else if (cmd === 'leave') await leave(0);
  else emit('bad_command', { line });
}).on('close', () => leave(0));
