#!/usr/bin/env node
/**
 * End-to-end check of alert rules in real headless Debian Chromium (never downloads a browser):
 * an admin creates a phrase rule in the Rules view, a scripted call (POST /call-event with an agent
 * key) says the phrase, both connected supervisors (two browser contexts) get the alert within 1 s,
 * the call is tagged on its card and bubble and shows the suggested action in the room view, and
 * after the call ends its archived document in MongoDB holds the firing with the line's seq.
 *
 *   BASE_URL=http://127.0.0.1:8080 ADMIN_USER=admin ADMIN_PASS=admin-demo SUP_USER=supervisor \
 *     SUP_PASS=supervisor-demo AGENT_KEY=demo-agent-key MONGO_URL=mongodb://127.0.0.1:27017 \
 *     node e2e/run-rules-e2e.mjs
 *
 * Env: MONGO_DB (default switchboard), CHROMIUM (default /usr/bin/chromium), ALERT_BUDGET_MS
 * (default 1000). Exit code 0 when every check passed.
 */
import { launchBrowser, ledger, login as signIn } from './lib.mjs';
import { MongoClient } from 'mongodb';

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const ADMIN_USER = process.env.ADMIN_USER ?? 'admin';
const ADMIN_PASS = process.env.ADMIN_PASS ?? 'admin-demo';
const SUP_USER = process.env.SUP_USER ?? 'supervisor';
const SUP_PASS = process.env.SUP_PASS ?? 'supervisor-demo';
const VIEWER_USER = process.env.VIEWER_USER ?? 'viewer';
const VIEWER_PASS = process.env.VIEWER_PASS ?? 'viewer-demo';
const AGENT_KEY = process.env.AGENT_KEY ?? 'demo-agent-key';
const MONGO_URL = process.env.MONGO_URL;
const MONGO_DB = process.env.MONGO_DB ?? 'switchboard';
const ALERT_BUDGET_MS = Number(process.env.ALERT_BUDGET_MS ?? 1000);
const TIMEOUT = 20_000;

const RULE_NAME = 'E2E purple elephant';
const RULE_ID = 'e2e-purple-elephant';
const TAG = 'e2e-elephant';
const SUGGESTION = 'transfer to billing';

const { check, summary } = ledger();

function login(page, user, pass) {
  return signIn(page, BASE_URL, user, pass, TIMEOUT);
}

async function post(room, session, type, data, eventId) {
  const res = await fetch(`${BASE_URL}/call-event`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': AGENT_KEY },
    body: JSON.stringify({ room_name: room, session_id: session, event_type: type, data, ...(eventId ? { event_id: eventId } : {}) }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`POST /call-event ${type}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Resolves with Date.now() in the page when a toast naming the rule is shown (MutationObserver, no polling). */
function alertSeen(page, text) {
  return page.evaluate(
    (t) =>
      new Promise((resolve) => {
        const find = () => [...document.querySelectorAll('[data-testid=alert-toast]')].find((e) => e.textContent.includes(t));
        const hit = find();
        if (hit) return resolve({ at: Date.now(), href: hit.querySelector('a')?.getAttribute('href') ?? '' });
        const mo = new MutationObserver(() => {
          const h = find();
          if (h) {
            mo.disconnect();
            resolve({ at: Date.now(), href: h.querySelector('a')?.getAttribute('href') ?? '' });
          }
        });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
    text,
  );
}

async function main() {
  // every context of this browser runs on a fresh temporary profile of its own
  const browser = await launchBrowser();
  const origin = new URL(BASE_URL).origin;
  const foreign = [];
  const pageErrors = [];
  const contexts = [];
  async function newPage() {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
    });
    return page;
  }
  const mongo = MONGO_URL ? new MongoClient(MONGO_URL, { serverSelectionTimeoutMS: 5000 }) : null;
  try {
    // 1. the admin creates the rule in the dashboard
    const admin = await newPage();
    check('admin login', (await login(admin, ADMIN_USER, ADMIN_PASS)) === 'admin');
    await admin.getByRole('link', { name: 'Rules' }).click();
    await admin.locator('[data-testid=rules-view]').waitFor({ timeout: TIMEOUT });
    await admin.locator('[data-testid=rule-row]').first().waitFor({ timeout: TIMEOUT });
    const builtins = await admin.locator('[data-testid=rule-row]', { hasText: 'built-in' }).count();
    check('the built-in escalation rules are listed', builtins >= 14, `${builtins} built-in rules`);
    await admin.locator('[data-testid=rule-new]').click();
    await admin.locator('[name=rule-name]').fill(RULE_NAME);
    await admin.locator('[name=rule-phrases]').fill('purple elephant');
    await admin.locator('[name=rule-message]').fill('customer mentioned the purple elephant');
    await admin.locator('[name=rule-tag]').fill(TAG);
    await admin.locator('[name=rule-suggestion]').fill(SUGGESTION);
    await admin.locator('[name=rule-test-transcript]').fill('customer: there is no purple elephant\ncustomer: a purple elephant is on my bill');
    await admin.locator('[data-testid=rule-test]').click();
    await admin.locator('[data-testid=rule-test-hit]').first().waitFor({ timeout: TIMEOUT });
    const hits = await admin.$$eval('[data-testid=rule-test-hit]', (els) => els.map((e) => Number(e.getAttribute('data-line'))));
    check('testing the rule against a pasted transcript fires only the unnegated line', JSON.stringify(hits) === '[1]', JSON.stringify(hits));
    await admin.locator('[data-testid=rule-save]').click();
    await admin.locator(`[data-testid=rule-row][data-rule-id="${RULE_ID}"]`).waitFor({ timeout: TIMEOUT });
    check('the rule is created from the Rules view', true, RULE_ID);

    // 2. two supervisors are connected
    const sups = [await newPage(), await newPage()];
    for (const [i, p] of sups.entries()) check(`supervisor ${i + 1} connected`, ['supervisor', 'admin'].includes(await login(p, SUP_USER, SUP_PASS)));
    const supToken = await sups[0].evaluate(() => JSON.parse(sessionStorage.getItem('switchboard.session') ?? '{}').token);
    const viewerLogin = await fetch(`${BASE_URL}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: VIEWER_USER, password: VIEWER_PASS }),
    }).then((r) => r.json());
    for (const [who, token] of [['viewer', viewerLogin.token], ['supervisor', supToken]]) {
      const auth = { Authorization: `Bearer ${token}` };
      const read = await fetch(`${BASE_URL}/api/rules`, { headers: auth });
      const edit = await fetch(`${BASE_URL}/api/rules/${RULE_ID}/enabled`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: false }) });
      check(`a ${who} may read the rules but not change one`, read.status === 200 && edit.status === 403, `GET ${read.status}, POST enabled ${edit.status}`);
    }

    // 3. a scripted call says the phrase: negated first (must not fire), then plainly
    const room = `e2e-rules-${Date.now().toString(36)}`;
    const session = `s-${Math.random().toString(36).slice(2, 10)}`;
    await post(room, session, 'call_started', { agent: 'e2e-agent', customer: 'Elephant Caller', language: 'en' });
    await post(room, session, 'transcript', { role: 'agent', text: 'Hello, how can I help?', final: true });
    await post(room, session, 'transcript', { role: 'user', text: 'There is no purple elephant here, just a question.', final: true });
    const waits = sups.map((p) => alertSeen(p, RULE_NAME));
    const t0 = Date.now();
    const said = await post(room, session, 'transcript', { role: 'user', text: 'Yes, a purple elephant is on my bill!', final: true });
    const seen = await Promise.all(waits.map((w) => Promise.race([w, new Promise((r) => setTimeout(() => r(null), 10_000))])));
    seen.forEach((s, i) => {
      const ms = s ? s.at - t0 : NaN;
      check(`supervisor ${i + 1} gets the alert within ${ALERT_BUDGET_MS} ms`, s !== null && ms <= ALERT_BUDGET_MS, s ? `${ms} ms` : 'no alert in 10 s');
    });
    check('the alert points at the line that said it (not the negated one)', seen.every((s) => s && s.href.endsWith(`line=${said.seq}`)), `${seen.map((s) => s?.href).join(', ')} vs seq ${said.seq}`);

    // 4. the call is tagged on its card and its bubble, and the room view suggests the action
    const [s1, s2] = sups;
    await s1.goto(`${BASE_URL}/#/cards`);
    const tagOnCard = s1.locator(`[data-testid=call-card][data-room="${room}"] [data-testid=call-tags] [data-tag="${TAG}"]`);
    await tagOnCard.waitFor({ timeout: TIMEOUT }).catch(() => undefined);
    check('the call card shows the tag', (await tagOnCard.count()) === 1);
    await s2.goto(`${BASE_URL}/#/bubbles`);
    const bubble = s2.locator(`[data-testid=bubble][data-room="${room}"]`);
    await bubble.waitFor({ timeout: TIMEOUT });
    await s2.waitForFunction((r) => document.querySelector(`[data-testid=bubble][data-room="${r}"]`)?.getAttribute('data-tags')?.includes('e2e-elephant'), room, { timeout: TIMEOUT }).catch(() => undefined);
    check('the bubble carries the tag', ((await bubble.getAttribute('data-tags')) ?? '').split(' ').includes(TAG), await bubble.getAttribute('data-tags'));
    await s1.goto(`${BASE_URL}/#/room/${room}`);
    const suggestion = s1.locator('[data-testid=suggestion]');
    await suggestion.waitFor({ timeout: TIMEOUT }).catch(() => undefined);
    check('the room view shows the suggested action', ((await suggestion.textContent().catch(() => '')) ?? '').includes(SUGGESTION));
    const ruleLine = s1.locator(`[data-testid=rule-line][data-rule-id="${RULE_ID}"]`);
    await ruleLine.waitFor({ timeout: TIMEOUT }).catch(() => undefined);
    check('the transcript shows the firing', (await ruleLine.count()) === 1);

    // 5. after the call ends, the archive holds the firing
    await post(room, session, 'call_ended', { reason: 'completed' });
    if (!mongo) {
      check('archive holds the firing', false, 'MONGO_URL not set');
    } else {
      await mongo.connect();
      const calls = mongo.db(MONGO_DB).collection('calls');
      let doc = null;
      const deadline = Date.now() + 30_000;
      while (!doc && Date.now() < deadline) {
        doc = await calls.findOne({ room, session_id: session });
        if (!doc) await new Promise((r) => setTimeout(r, 250));
      }
      const firing = (doc?.rule_firings ?? []).find((f) => f.rule_id === RULE_ID);
      check('the archived call holds the firing with the line’s seq', !!firing && Number(firing.seq) === said.seq, doc ? JSON.stringify(doc.rule_firings) : 'not archived in 30 s');
      check('the archived call is tagged', (doc?.tags ?? []).includes(TAG), JSON.stringify(doc?.tags));
    }

    // clean up: the rule goes again (from the dashboard)
    admin.once('dialog', (d) => void d.accept());
    await admin.getByRole('button', { name: `Delete ${RULE_NAME}` }).click();
    await admin.locator(`[data-testid=rule-row][data-rule-id="${RULE_ID}"]`).waitFor({ state: 'detached', timeout: TIMEOUT });
    check('the rule is deleted from the Rules view', true);
    check('no page errors', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
    check('no requests outside the dashboard origin', foreign.length === 0, foreign.slice(0, 3).join(', '));
  } catch (e) {
    check('rules e2e ran to the end', false, String(e?.stack ?? e));
  } finally {
    await mongo?.close().catch(() => undefined);
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser.close();
  }
  process.exit(summary('rules e2e: ') ? 0 : 1);
}

await main();
