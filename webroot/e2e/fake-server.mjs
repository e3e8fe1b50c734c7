#!/usr/bin/env node
/**
 * Throwaway dev/e2e backend for the dashboard: serves dist/, fakes POST /auth/login and a Vert.x
 * SockJS event-bus bridge at /eventbus with simulated calls. NOT the real backend — only the
 * message shapes of the contract (modules/contract) are reproduced.
 *
 *   PORT=8099 CALLS=40 node e2e/fake-server.mjs
 *
 * Users (password "secret"): alice, bob (supervisor), vera (viewer), root (admin).
 * Fault injection to exercise the client's late-join logic: DROP=0.05 drops 5 % of room deltas
 * (the client must detect the gap and re-request history), DUP=0.05 publishes 5 % twice.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sockjs from 'sockjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DIST ?? path.resolve(here, '..', 'dist');
const PORT = Number(process.env.PORT ?? 8099);
const CALLS = Number(process.env.CALLS ?? 40);
const DROP = Number(process.env.DROP ?? 0);
const DUP = Number(process.env.DUP ?? 0);
const TICK_MS = Number(process.env.TICK_MS ?? 250);

const USERS = {
  alice: { role: 'supervisor' },
  bob: { role: 'supervisor' },
  vera: { role: 'viewer' },
  root: { role: 'admin' },
};
const PASSWORD = process.env.PASSWORD ?? 'secret';

const tokenFor = (user) => Buffer.from(JSON.stringify({ user, role: USERS[user].role, n: Math.random() })).toString('base64url');
function userOf(headers) {
  const h = headers?.authorization ?? '';
  if (!h.startsWith('Bearer ')) return null;
  try {
    const o = JSON.parse(Buffer.from(h.slice(7), 'base64url').toString());
    return USERS[o.user] ? { user: o.user, role: USERS[o.user].role } : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- simulation
const rnd = (a) => a[Math.floor(Math.random() * a.length)];
const CUSTOMERS = ['Aisyah Rahman', 'Ben Carter', 'Chen Wei', 'Diana Lopez', 'Ethan Ng', 'Farah Ali', 'George Tan', 'Hana Sato', 'Ivan Petrov', 'Julia Kim', 'Kumar Raj', 'Lina Park', 'Marco Rossi', 'Nur Iman', 'Olivia Brown'];
const AGENTS = ['billing-bot', 'support-bot', 'sales-bot'];
const USER_LINES = ['I was charged twice this month.', 'Can you check my order status?', 'This is the third time I am calling!', 'Thanks, that helps a lot.', 'I want to cancel my subscription.', 'Can I speak to a human please?', 'My internet keeps dropping.', 'Great, thank you so much.'];
const AGENT_LINES = ['Let me look that up for you.', 'I understand, I am sorry about that.', 'I can see the duplicate charge on your account.', 'Your order ships tomorrow.', 'Is there anything else I can help with?', 'I have issued a refund.'];
const STATES = ['listening', 'thinking', 'speaking'];
const REASONS = ['human_requested', 'cancel_threat', 'negative_streak', 'repeated_complaint'];

const calls = new Map(); // room → call
let roomCounter = 0;

function newCall() {
  const room = `call-${String(++roomCounter).padStart(4, '0')}`;
  const now = Date.now();
  const s = rnd(['negative', 'neutral', 'neutral', 'positive']);
  const c = {
    room,
    session: `s-${room}-${now}`,
    seq: 0,
    lines: [],
    fields: {
      room,
      session_id: `s-${room}-${now}`,
      status: 'active',
      started_at: now - Math.floor(Math.random() * 600_000),
      agent: rnd(AGENTS),
      customer: rnd(CUSTOMERS),
      language: rnd(['en', 'en', 'ms']),
      agent_state: 'listening',
      agent_state_at: now,
      sentiment: s,
      sentiment_score: s === 'negative' ? -Math.random() : s === 'positive' ? Math.random() : Math.random() * 0.4 - 0.2,
      escalation: [],
      takeover_by: '',
      listeners: [],
      viewers: [],
      interim: '',
      last_seq: 0,
      metrics: { stt_ms: 180, llm_ttft_ms: 420, tts_ttfb_ms: 210 },
    },
  };
  calls.set(room, c);
  appendLine(c, { kind: 'lifecycle', event: 'started' });
  for (let i = 0; i < 3; i++) {
    appendLine(c, { kind: 'transcript', role: 'agent', text: rnd(AGENT_LINES), segment_id: `a-${c.seq + 1}` });
    appendLine(c, { kind: 'transcript', role: 'user', text: rnd(USER_LINES), segment_id: `u-${c.seq + 1}` });
    appendLine(c, { kind: 'annotation', ref: c.seq, sentiment: { label: s, score: c.fields.sentiment_score, confidence: 0.8, source: 'fake' } });
  }
  c.fields.last_seq = c.seq;
  return c;
}

function appendLine(c, line) {
  const l = { seq: ++c.seq, ts: Date.now(), ...line };
  c.lines.push(l);
  return l;
}

const SUMMARY = ['room', 'session_id', 'status', 'started_at', 'agent', 'customer', 'language', 'agent_state', 'sentiment', 'sentiment_score', 'escalation', 'takeover_by', 'listeners', 'viewers', 'interim', 'last_seq'];
const summaryOf = (c, only) => Object.fromEntries(SUMMARY.filter((k) => !only || only.includes(k) || k === 'room' || k === 'session_id').map((k) => [k, c.fields[k]]));

/** Publish what changed: a room delta and, for summary fields, a list delta. */
function change(c, newLines, fields, removed = false) {
  const fromSeq = c.seq - newLines.length;
  Object.assign(c.fields, fields);
  c.fields.last_seq = c.seq;
  const delta = { v: 1, room: c.room, session_id: c.session, fromSeq, toSeq: c.seq, lines: newLines, fields: { ...fields, last_seq: c.seq } };
  if (removed) delta.removed = true;
  if (!(DROP > 0 && Math.random() < DROP && !removed)) {
    publish(`call.${c.room}`, delta);
    if (DUP > 0 && Math.random() < DUP) publish(`call.${c.room}`, delta);
  }
  const keys = Object.keys(fields).filter((k) => SUMMARY.includes(k));
  if (removed) publish('calls.active', { v: 1, upserts: [], removed: [c.room] });
  else if (keys.length) publish('calls.active', { v: 1, upserts: [summaryOf(c, keys)], removed: [] });
}

function endCall(c, reason) {
  const l = appendLine(c, { kind: 'lifecycle', event: 'ended', detail: reason });
  change(c, [l], { status: 'ended', end_reason: reason, ended_at: Date.now(), agent_state: 'ended', interim: '' }, true);
  calls.delete(c.room);
  setTimeout(() => {
    const n = newCall();
    publish('calls.active', { v: 1, upserts: [summaryOf(n)], removed: [] });
  }, 1500);
}

function step() {
  const list = [...calls.values()];
  if (list.length === 0) return;
  for (let i = 0; i < Math.max(1, Math.round(list.length / 8)); i++) {
    const c = rnd(list);
    if (!calls.has(c.room)) continue;
    const paused = !!c.fields.takeover_by;
    const r = Math.random();
    const interim = typeof c.fields.interim === 'object' && c.fields.interim ? c.fields.interim : null;
    if (interim) {
      // finalise the utterance in progress
      const l = appendLine(c, { kind: 'transcript', role: interim.role, text: interim.full, segment_id: interim.segment_id });
      const lines = [l];
      const f = { interim: '', agent_state: interim.role === 'user' ? 'thinking' : 'listening', agent_state_at: Date.now() };
      if (interim.role === 'user') {
        const neg = /charged|third|cancel|human|dropping/.test(interim.full);
        const pos = /thank/i.test(interim.full);
        const label = neg ? 'negative' : pos ? 'positive' : 'neutral';
        const score = neg ? -0.5 - Math.random() / 2 : pos ? 0.5 + Math.random() / 2 : 0;
        lines.push(appendLine(c, { kind: 'annotation', ref: l.seq, sentiment: { label, score, confidence: 0.7 + Math.random() * 0.3, source: 'fake' } }));
        f.sentiment = label;
        f.sentiment_score = score;
        if (neg && Math.random() < 0.06 && c.fields.escalation.length === 0) {
          const reason = rnd(REASONS);
          lines.push(appendLine(c, { kind: 'escalation', reasons: [reason], ref: l.seq }));
          f.escalation = [reason];
          setTimeout(() => publish('alerts', { v: 1, room: c.room, session_id: c.session, reason, detail: `${reason.replace(/_/g, ' ')} detected`, seq: l.seq, at: Date.now() }), 10);
        }
      }
      if (paused) f.agent_state = 'paused';
      change(c, lines, f);
      debug(c, { type: 'state', from: c.fields.agent_state, to: f.agent_state });
    } else if (r < 0.45) {
      const role = paused ? 'user' : Math.random() < 0.5 ? 'user' : 'agent';
      const full = role === 'user' ? rnd(USER_LINES) : rnd(AGENT_LINES);
      const seg = `${role[0]}-${c.seq + 1}-${Math.floor(Math.random() * 1e6)}`;
      const partial = full.slice(0, Math.max(4, Math.floor(full.length / 2)));
      c.fields.interim = { role, text: partial, segment_id: seg, ts: Date.now(), full };
      change(c, [], { interim: { role, text: partial, segment_id: seg, ts: Date.now() }, agent_state: paused ? 'paused' : role === 'agent' ? 'speaking' : 'listening' });
      c.fields.interim.full = full;
    } else if (r < 0.6 && !paused) {
      const l = appendLine(c, { kind: 'tool_call', name: rnd(['lookup_order', 'get_balance', 'issue_refund']), args: { id: 42 }, result: { ok: true }, duration_ms: 80 + Math.random() * 300 });
      change(c, [l], {});
      debug(c, { type: 'tool_call', name: l.name, args: l.args, result: l.result, duration_ms: l.duration_ms });
    } else if (r < 0.8) {
      debug(c, { type: 'llm', ttft_ms: 200 + Math.random() * 600, total_ms: 800 + Math.random() * 1500, tokens: Math.floor(40 + Math.random() * 100) });
    } else if (r < 0.82 && !paused && calls.size > 3) {
      endCall(c, 'completed');
    } else {
      debug(c, { type: 'stt', stt_ms: 100 + Math.random() * 200, tts_ttfb_ms: 150 + Math.random() * 200 });
    }
  }
}

function debug(c, data) {
  publish(`call.${c.room}.debug`, { room_name: c.room, session_id: c.session, event_type: 'debug', ts: Date.now(), data });
}

for (let i = 0; i < CALLS; i++) newCall();
setInterval(step, TICK_MS);

// ---------------------------------------------------------------- bridge
const conns = new Set();

function publish(address, body) {
  const frame = JSON.stringify({ type: 'rec', address, body });
  for (const c of conns) if (c.regs.has(address)) c.conn.write(frame);
}

function setPresence(room, user, on) {
  const c = calls.get(room);
  if (!c) return;
  const set = new Set(c.fields.viewers);
  if (on) set.add(user);
  else set.delete(user);
  const viewers = [...set];
  if (viewers.join() !== c.fields.viewers.join()) change(c, [], { viewers });
}

const fail = (code, message) => Object.assign(new Error(message), { code });

function handleRequest(address, body, who) {
  const b = body ?? {};
  switch (address) {
    case 'calls.snapshot':
      return { v: 1, calls: [...calls.values()].map((c) => summaryOf(c)), at: Date.now() };
    case 'call.history': {
      const c = calls.get(b.room);
      if (!c) throw fail(404, `unknown room ${b.room}`);
      const after = Number(b.afterSeq ?? 0);
      const limit = Math.min(Number(b.limit) || 200, 200);
      const page = c.lines.filter((l) => l.seq > after).slice(0, limit);
      const lastSeq = page.length ? page[page.length - 1].seq : after;
      const snap = { ...c.fields };
      if (snap.interim && typeof snap.interim === 'object') {
        const { full: _full, ...rest } = snap.interim;
        snap.interim = rest;
      }
      return { v: 1, room: c.room, session_id: c.session, snapshot: snap, lines: page, lastSeq, hasMore: lastSeq < c.seq };
    }
    case 'analytics.query':
      return fakeAnalytics(b);
  }
  if (address.startsWith('control.')) {
    if (who.role === 'viewer') throw fail(403, 'forbidden');
    const c = calls.get(b.room);
    if (!c) throw fail(404, `unknown room ${b.room}`);
    const action = address.slice(8);
    const sup = (extra) => appendLine(c, { kind: 'supervisor', action, by: who.user, ...extra });
    switch (action) {
      case 'listen':
        throw fail(503, 'audio unavailable: LiveKit not configured');
      case 'guide': {
        if (typeof b.text !== 'string' || !b.text.trim()) throw fail(400, 'text is required');
        change(c, [sup({ text: b.text })], {});
        return { ok: true };
      }
      case 'takeover':
        if (c.fields.takeover_by && c.fields.takeover_by !== who.user) throw fail(409, `held by ${c.fields.takeover_by}`);
        change(c, [sup({})], { takeover_by: who.user, agent_state: 'paused', interim: '' });
        return { ok: true };
      case 'handback':
        if (c.fields.takeover_by !== who.user) throw fail(409, c.fields.takeover_by ? `held by ${c.fields.takeover_by}` : 'not taken over');
        change(c, [sup({})], { takeover_by: '', agent_state: 'listening' });
        return { ok: true };
      case 'transfer':
        if (!['en', 'ms'].includes(b.language)) throw fail(400, 'language must be en or ms');
        change(c, [sup({ text: `to ${b.language} queue` })], { transfer_target: b.language });
        setTimeout(() => calls.has(c.room) && endCall(c, 'transferred'), 800);
        return { ok: true };
      case 'end':
        change(c, [sup({})], {});
        setTimeout(() => calls.has(c.room) && endCall(c, 'completed'), 300);
        return { ok: true };
    }
  }
  throw fail(404, `no handler for ${address}`);
}

function fakeAnalytics(q) {
  const step = q.bucket === 'hour' ? 3_600_000 : q.bucket === 'week' ? 7 * 86_400_000 : 86_400_000;
  const buckets = [];
  for (let t = Number(q.from) || Date.now() - 7 * 86_400_000; t <= (Number(q.to) || Date.now()) && buckets.length < 400; t += step) {
    const volume = Math.floor(20 + Math.random() * 80);
    const neg = Math.floor(volume * (0.1 + Math.random() * 0.2));
    const pos = Math.floor(volume * (0.3 + Math.random() * 0.2));
    buckets.push({
      start: t,
      volume,
      aht_ms: 180_000 + Math.random() * 120_000,
      att_ms: 140_000 + Math.random() * 80_000,
      completion_rate: 0.7 + Math.random() * 0.25,
      transfer_rate: Math.random() * 0.15,
      takeover_rate: Math.random() * 0.1,
      escalation_rate: Math.random() * 0.12,
      sentiment: { avg: Math.random() * 0.4 - 0.1, negative: neg, neutral: volume - neg - pos, positive: pos },
    });
  }
  const sum = (k) => buckets.reduce((s, b) => s + b[k], 0);
  const avg = (k) => (buckets.length ? sum(k) / buckets.length : null);
  return {
    v: 1,
    buckets,
    totals: {
      volume: sum('volume'),
      aht_ms: avg('aht_ms'),
      att_ms: avg('att_ms'),
      completion_rate: avg('completion_rate'),
      transfer_rate: avg('transfer_rate'),
      takeover_rate: avg('takeover_rate'),
      escalation_rate: avg('escalation_rate'),
      sentiment: {
        avg: 0.1,
        negative: buckets.reduce((s, b) => s + b.sentiment.negative, 0),
        neutral: buckets.reduce((s, b) => s + b.sentiment.neutral, 0),
        positive: buckets.reduce((s, b) => s + b.sentiment.positive, 0),
      },
    },
    busiest_hours: Array.from({ length: 24 }, (_, hour) => ({ hour, volume: Math.floor(10 + 60 * Math.exp(-((hour - 14) ** 2) / 18)) })),
  };
}

const RECEIVE = /^(calls\.active|alerts|call\.[A-Za-z0-9_-]{1,128}|call\.[A-Za-z0-9_-]{1,128}\.debug)$/;
const SEND = /^(calls\.snapshot|call\.history|analytics\.query|control\.(listen|guide|takeover|handback|transfer|end))$/;

const bridge = sockjs.createServer({ prefix: '/eventbus', log: () => {} });
bridge.on('connection', (conn) => {
  const state = { conn, regs: new Set(), user: null };
  conns.add(state);
  const denied = (why) => conn.write(JSON.stringify({ type: 'err', body: why }));
  conn.on('data', (raw) => {
    let m;
    try {
      m = JSON.parse(raw);
    } catch {
      return;
    }
    if (m.type === 'ping') return;
    const who = userOf(m.headers);
    if (!who) return denied('access_denied');
    state.user = who.user;
    if (m.type === 'register') {
      if (!RECEIVE.test(m.address)) return denied('access_denied');
      state.regs.add(m.address);
      const room = /^call\.([A-Za-z0-9_-]+)$/.exec(m.address)?.[1];
      if (room) setPresence(room, who.user, true);
    } else if (m.type === 'unregister') {
      state.regs.delete(m.address);
      const room = /^call\.([A-Za-z0-9_-]+)$/.exec(m.address)?.[1];
      if (room) setPresence(room, who.user, false);
    } else if (m.type === 'send') {
      if (!SEND.test(m.address) || (m.address.startsWith('control.') && who.role === 'viewer')) return denied('access_denied');
      setTimeout(() => {
        try {
          const reply = handleRequest(m.address, m.body, who);
          if (m.replyAddress) conn.write(JSON.stringify({ type: 'rec', address: m.replyAddress, body: reply }));
        } catch (e) {
          if (m.replyAddress)
            conn.write(JSON.stringify({ type: 'err', address: m.replyAddress, failureCode: e.code ?? 500, failureType: 'RECIPIENT_FAILURE', message: e.message }));
        }
      }, 20 + Math.random() * 40);
    }
  });
  conn.on('close', () => {
    conns.delete(state);
    for (const a of state.regs) {
      const room = /^call\.([A-Za-z0-9_-]+)$/.exec(a)?.[1];
      if (room && state.user) setPresence(room, state.user, false);
    }
  });
});

// ---------------------------------------------------------------- http
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json', '.json': 'application/json', '.png': 'image/png' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'POST' && url.pathname === '/auth/login') {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      let b = {};
      try {
        b = JSON.parse(data);
      } catch {
        /* empty */
      }
      if (!USERS[b.username] || b.password !== PASSWORD) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: 'invalid credentials' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: tokenFor(b.username), user: b.username, role: USERS[b.username].role }));
    });
    return;
  }
  if (url.pathname.startsWith('/eventbus')) return; // sockjs handles it
  let file = path.join(DIST, decodeURIComponent(url.pathname));
  if (!file.startsWith(DIST)) {
    res.writeHead(403);
    return res.end();
  }
  if (url.pathname === '/' || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(DIST, 'index.html');
  fs.readFile(file, (err, buf) => {
    if (err) {
      res.writeHead(404);
      return res.end('not found (did you run npm run build?)');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(buf);
  });
});
bridge.installHandlers(server);
server.listen(PORT, '127.0.0.1', () => console.log(`fake switchboard on http://127.0.0.1:${PORT} (${calls.size} calls, drop=${DROP}, dup=${DUP})`));
