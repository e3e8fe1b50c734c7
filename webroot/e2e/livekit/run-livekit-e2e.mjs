#!/usr/bin/env node
/**
 * The dashboard's audio against a REAL LiveKit server, in real headless Debian Chromium with fake
 * media devices. Starts everything itself on free ports (never fixed ones) and stops it again:
 *
 *   - livekit-server through scripts/livekit (built and cached by that script),
 *   - a Switchboard node (modules/app/target/switchboard.jar) wired to it, serving webroot/dist,
 *   - an agent and a customer: real WebRTC participants (@livekit/rtc-node) publishing tones,
 *   - Chromium (playwright-core, /usr/bin/chromium), logged in as a supervisor.
 *
 * Proves: Listen plays both parties (inbound audio bytes from the agent and from the customer
 * grow) while the supervisor stays invisible to them; Take over publishes the supervisor's
 * microphone (outbound bytes grow and the customer's client receives the audio); the Connection
 * panel shows non-zero round trip and bitrates; Hand back stops sending and listens silently again.
 *
 * Env: ROOT (repo root, default ../../..), JAR, DIST (webroot/dist), CHROMIUM (/usr/bin/chromium),
 * SCREENSHOTS (webroot/build/screenshots), KEEP_LOGS=1 to keep the temp dir. Exit 0 when all passed.
 */
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Party, partyToken } from './party.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.ROOT ?? path.resolve(here, '..', '..', '..');
const JAR = process.env.JAR ?? path.join(ROOT, 'modules/app/target/switchboard.jar');
const DIST = process.env.DIST ?? path.join(ROOT, 'webroot/dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = process.env.SCREENSHOTS ?? path.join(ROOT, 'webroot/build/screenshots');
const KEY = 'devkey';
const SECRET = 'switchboard-e2e-secret-' + Math.random().toString(36).slice(2) + '0123456789';
const AGENT_KEY = 'e2e-agent-key-' + Math.random().toString(36).slice(2);
const TIMEOUT = 30_000;

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}

const log = (...a) => console.log('e2e-livekit:', ...a);

/** A free TCP port whose successor is free too (LiveKit takes port+1 for ICE/TCP). */
async function freeTcpPair() {
  for (let i = 0; i < 50; i++) {
    const p = await freeTcp(0);
    if (p < 65000 && (await freeTcp(p + 1).then(() => true, () => false))) return p;
  }
  throw new Error('no free TCP port pair');
}

function freeTcp(port) {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

function udpFree(port) {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A private UDP range for this run's media (checked bindable; random so parallel runs don't meet). */
async function freeUdpRange(size) {
  for (let i = 0; i < 50; i++) {
    const start = 20000 + Math.floor(Math.random() * 40000);
    let ok = true;
    for (let p = start; p < start + size && ok; p++) ok = await udpFree(p);
    if (ok) return [start, start + size - 1];
  }
  throw new Error('no free UDP range');
}

function waitFor(what, fn, timeoutMs = TIMEOUT, everyMs = 200) {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      try {
        const v = await fn();
        if (v) return resolve(v);
      } catch {
        // not yet
      }
      if (Date.now() > until) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, everyMs);
    };
    void tick();
  });
}

async function startSwitchboard(work, lkPort, cleanups) {
  const logFile = path.join(work, 'switchboard.log');
  const out = fs.openSync(logFile, 'w');
  const args = [
    '-jar', JAR, '--http-port', '0',
    '--set', `livekit.url=ws://127.0.0.1:${lkPort}`,
    '--set', `livekit.api.key=${KEY}`,
    '--set', `livekit.api.secret=${SECRET}`,
    '--set', `webroot=${DIST}`,
    '--set', `data.dir=${path.join(work, 'data')}`,
    '--set', 'tcp.bridge.port=-1',
    '--set', 'simulator.enabled=false',
    '--set', 'auth.demo.users=true',
    '--set', `agent.keys.e2e=${AGENT_KEY}`,
  ];
  const proc = spawn('java', args, { stdio: ['ignore', out, out] });
  cleanups.push(() => stopProcess(proc));
  const port = await waitFor('Switchboard to be ready', () => {
    if (proc.exitCode !== null) throw new Error('exited');
    const m = /ready on http:\/\/localhost:(\d+)\//.exec(fs.readFileSync(logFile, 'utf8'));
    return m ? Number(m[1]) : 0;
  }, 120_000, 300).catch((e) => {
    console.error(fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'));
    throw e;
  });
  return { proc, port, logFile };
}

function startLiveKit(work, port, udp, webhook) {
  const r = spawnSync(path.join(ROOT, 'scripts/livekit'), [
    'start', '--port', String(port), '--udp-range', `${udp[0]}-${udp[1]}`, '--key', KEY, '--secret', SECRET,
    '--webhook', webhook, '--empty-timeout', '20', '--departure-timeout', '5', '--dir', path.join(work, 'livekit'),
  ], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/livekit start failed: ${r.stderr}`);
  const pid = Number(/pid=(\d+)/.exec(r.stdout)?.[1]);
  const url = /url=(\S+)/.exec(r.stdout)?.[1];
  if (!pid || !url) throw new Error(`unexpected scripts/livekit output: ${r.stdout}`);
  return { pid, url, log: path.join(work, 'livekit', 'livekit.log') };
}

async function postEvent(base, event) {
  const r = await fetch(`${base}/call-event`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': AGENT_KEY },
    body: JSON.stringify(event),
  });
  if (r.status !== 202) throw new Error(`call-event ${event.event_type}: HTTP ${r.status} ${await r.text()}`);
}

/** The panel's figures as the page shows them (data attributes of the Connection panel). */
async function panel(page) {
  return page.locator('[data-testid=rtc-stats]').evaluate((el) => {
    const parties = {};
    for (const li of el.querySelectorAll('[data-testid=rtc-party]')) parties[li.getAttribute('data-party')] = Number(li.getAttribute('data-bytes'));
    const n = (a) => (el.getAttribute(a) === '' ? NaN : Number(el.getAttribute(a)));
    return {
      mode: el.getAttribute('data-mode'),
      inBytes: n('data-in-bytes'),
      outBytes: n('data-out-bytes'),
      rttMs: n('data-rtt-ms'),
      rttSource: el.getAttribute('data-rtt-source'),
      inKbps: n('data-in-kbps'),
      outKbps: n('data-out-kbps'),
      rttText: el.querySelector('[data-testid=rtc-rtt]')?.textContent ?? '',
      inText: el.querySelector('[data-testid=rtc-in]')?.textContent ?? '',
      outText: el.querySelector('[data-testid=rtc-out]')?.textContent ?? '',
      parties,
    };
  });
}

async function main() {
  for (const f of [JAR, path.join(DIST, 'index.html'), CHROMIUM]) if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
  fs.mkdirSync(OUT, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-lk-'));
  const cleanups = [];
  let failed = true;
  try {
    const lkPort = await freeTcpPair();
    const udp = await freeUdpRange(40);
    const sb = await startSwitchboard(work, lkPort, cleanups);
    const base = `http://127.0.0.1:${sb.port}`;
    log(`Switchboard on ${base}`);
    const lk = startLiveKit(work, lkPort, udp, `${base}/livekit/webhook`);
    cleanups.push(() => spawnSync(path.join(ROOT, 'scripts/livekit'), ['stop', String(lk.pid)]));
    log(`LiveKit on ${lk.url} (pid ${lk.pid}, UDP ${udp.join('-')})`);

    // the call: an agent and a customer in a LiveKit room, each publishing a tone
    const room = `e2e-lk-${Date.now().toString(36)}`;
    const agent = new Party('agent-e2e', 440);
    const customer = new Party('customer-e2e', 660);
    cleanups.push(() => agent.leave(), () => customer.leave());
    const roomSid = await agent.join(lk.url, await partyToken({ key: KEY, secret: SECRET, room, identity: agent.identity }));
    await agent.publishTone();
    await customer.join(lk.url, await partyToken({ key: KEY, secret: SECRET, room, identity: customer.identity }));
    await customer.publishTone();
    await waitFor('agent and customer to hear each other', () => agent.loudFrom('customer') > 20 && customer.loudFrom('agent') > 20);
    await postEvent(base, {
      room_name: room,
      session_id: `s-${room}`,
      event_type: 'call_started',
      data: { agent: agent.identity, customer: 'Carla Customer', language: 'en', room_sid: roomSid },
    });
    log(`call in room ${room} (sid ${roomSid})`);

    // the supervisor in Chromium with a fake microphone
    const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-lk-chrome-'));
    const ctx = await chromium.launchPersistentContext(udd, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
      ],
    });
    cleanups.push(async () => {
      await ctx.close().catch(() => undefined);
      fs.rmSync(udd, { recursive: true, force: true });
    });
    await ctx.grantPermissions(['microphone'], { origin: base });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    try {
      await page.goto(`${base}/#/room/${room}`);
      await page.locator('input[name=username]').fill('supervisor');
      await page.locator('input[name=password]').fill('supervisor-demo');
      await page.locator('button[type=submit]').click();
      await page.locator('[data-testid=connection][data-status=open]').waitFor({ timeout: TIMEOUT });
      await page.goto(`${base}/#/room/${room}`);
      await page.locator('[data-testid=room-sync]', { hasText: 'live' }).waitFor({ timeout: TIMEOUT });

      // 1. Listen: both parties play, the supervisor stays hidden
      await page.locator('[data-testid=ctl-listen]').click();
      await page.locator('[data-testid=ctl-listen][data-audio=listening]').waitFor({ timeout: TIMEOUT });
      const p1 = await waitFor('inbound audio from both parties', async () => {
        const p = await panel(page);
        return (p.parties['agent-e2e'] ?? 0) > 0 && (p.parties['customer-e2e'] ?? 0) > 0 ? p : null;
      });
      await page.waitForTimeout(3000);
      const p2 = await panel(page);
      check('listening: inbound audio bytes grow', p2.inBytes > p1.inBytes, `${p1.inBytes} → ${p2.inBytes} bytes in 3 s`);
      for (const who of ['agent-e2e', 'customer-e2e']) {
        check(`listening: plays the ${who.split('-')[0]}'s audio`, (p2.parties[who] ?? 0) > (p1.parties[who] ?? 0), `${p1.parties[who]} → ${p2.parties[who]} bytes`);
      }
      const playing = await page.$$eval('audio[data-switchboard-audio]', (els) =>
        els.filter((e) => !e.paused && e.srcObject && e.srcObject.getAudioTracks().some((t) => t.readyState === 'live')).map((e) => e.dataset.switchboardAudio).sort(),
      );
      check('listening: an <audio> element plays each party', playing.join(',') === 'agent-e2e,customer-e2e', playing.join(','));
      check('listening: inbound bitrate shown', p2.inKbps > 0 && /kbit\/s/.test(p2.inText), p2.inText);
      check('listening: round trip shown (ICE checks)', p2.rttSource === 'ice' && !/—/.test(p2.rttText), `${p2.rttText} from ${p2.rttSource}`);
      check('listening: nothing sent', p2.outBytes === 0, `${p2.outBytes} bytes out`);
      const hiddenFrom = [...agent.seen, ...customer.seen].filter((id) => id.startsWith('supervisor_'));
      check('listening: the supervisor is invisible to agent and customer', hiddenFrom.length === 0, hiddenFrom.join(',') || 'not seen');
      await page.screenshot({ path: path.join(OUT, 'lk-01-listening.png') });

      // 2. Take over: the microphone is published, the customer hears it
      const heardBefore = customer.loudFrom('supervisor_');
      await page.locator('[data-testid=ctl-takeover]').click();
      await page.locator('[data-testid=ctl-listen][data-audio=speaking]').waitFor({ timeout: TIMEOUT });
      const t1 = await waitFor('outbound audio bytes', async () => {
        const p = await panel(page);
        return p.outBytes > 0 ? p : null;
      });
      await page.waitForTimeout(3000);
      const t2 = await waitFor('RTT and outbound bitrate', async () => {
        const p = await panel(page);
        return p.rttMs > 0 && p.outKbps > 0 ? p : null;
      }).catch(() => panel(page));
      check('take over: outbound audio bytes grow', t2.outBytes > t1.outBytes, `${t1.outBytes} → ${t2.outBytes} bytes`);
      const heard = await waitFor('the customer to hear the supervisor', () => {
        const n = customer.loudFrom('supervisor_');
        return n > heardBefore ? n : 0;
      }).catch(() => 0);
      check('take over: the customer receives the supervisor audio', heard > heardBefore, `${heard} frames with sound from ${[...customer.heard.keys()].filter((k) => k.startsWith('supervisor_')).join(',')}`);
      check('take over: panel shows a non-zero round trip', t2.rttMs > 0 && !/—/.test(t2.rttText), `${t2.rttText} (${t2.rttMs} ms from ${t2.rttSource})`);
      check('take over: panel shows outbound and inbound bitrate', t2.outKbps > 0 && t2.inKbps > 0, `out ${t2.outText}, in ${t2.inText}`);
      // the agent's track is muted on the server: over the same seconds in which the customer's
      // bytes grew (t1 → t2), the agent's grew by no more than a packet or two already in flight
      const agentGrowth = (t2.parties['agent-e2e'] ?? 0) - (t1.parties['agent-e2e'] ?? 0);
      const customerGrowth = (t2.parties['customer-e2e'] ?? 0) - (t1.parties['customer-e2e'] ?? 0);
      // (the take-over rejoined, so the counters started again: compare t1 and t2, both after it)
      check('take over: still hearing the customer', customerGrowth > 10_000, `customer +${customerGrowth} B in 3 s`);
      check('take over: the agent is silenced (its track muted on the server)', agentGrowth < customerGrowth / 10, `agent +${agentGrowth} B, customer +${customerGrowth} B`);
      await page.screenshot({ path: path.join(OUT, 'lk-02-taken-over.png') });

      // 3. Hand back: stop sending, silent again
      await page.locator('[data-testid=ctl-handback]').click();
      await page.locator('[data-testid=ctl-takeover]:not([disabled])').waitFor({ timeout: TIMEOUT });
      await page.locator('[data-testid=ctl-listen][data-audio=listening]').waitFor({ timeout: TIMEOUT });
      const h1 = await waitFor('inbound audio after hand back', async () => {
        const p = await panel(page);
        return p.inKbps > 0 ? p : null;
      });
      check('hand back: listening again, nothing sent', h1.mode === 'listening' && h1.outBytes === 0, `mode ${h1.mode}, ${h1.outBytes} bytes out, in ${h1.inText}`);
      // the agent is unmuted again: the customer hears it, and the supervisor no more
      const supAt = customer.loudFrom('supervisor_');
      const agentAt = customer.loudFrom('agent');
      const agentBack = await waitFor('the customer to hear the agent again', () => customer.loudFrom('agent') > agentAt + 100).then(() => true, () => false);
      const supLater = customer.loudFrom('supervisor_') - supAt;
      check('hand back: the customer hears the agent again, not the supervisor', agentBack && supLater === 0, `agent +${customer.loudFrom('agent') - agentAt} frames, supervisor +${supLater}`);
      const h2 = await waitFor('the agent in the panel again', async () => {
        const p = await panel(page);
        return (p.parties['agent-e2e'] ?? 0) > 0 ? p : null;
      }).catch(() => panel(page));
      check('hand back: the dashboard plays the agent again', (h2.parties['agent-e2e'] ?? 0) > 0, `${h2.parties['agent-e2e'] ?? 0} bytes from the agent`);
      await page.screenshot({ path: path.join(OUT, 'lk-03-handed-back.png') });
      check('no page errors', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
    } catch (e) {
      check('e2e-livekit run', false, e instanceof Error ? e.message : String(e));
      await page.screenshot({ path: path.join(OUT, 'lk-99-failure.png') }).catch(() => undefined);
      log(`Switchboard log: ${sb.logFile}; LiveKit log: ${lk.log}`);
      console.log(fs.readFileSync(sb.logFile, 'utf8').split('\n').filter((l) => /control|WARN|ERROR/i.test(l)).slice(-20).join('\n'));
      process.env.KEEP_LOGS = '1';
    }
    failed = results.some((r) => !r.ok);
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch(() => undefined);
    if (process.env.KEEP_LOGS === '1') log(`logs kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  const bad = results.filter((r) => !r.ok).length;
  console.log(`\ne2e-livekit: ${results.length - bad} passed, ${bad} failed`);
  return failed ? 1 : 0;
}

function stopProcess(proc) {
  if (proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
