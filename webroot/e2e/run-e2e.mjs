#!/usr/bin/env node
/**
 * End-to-end check of the dashboard in real headless Debian Chromium (never downloads a browser).
 *
 *   BASE_URL=http://127.0.0.1:8080 SUP_USER=alice SUP_PASS=secret VIEWER_USER=vera VIEWER_PASS=secret \
 *     node e2e/run-e2e.mjs
 *
 * Env: BASE_URL (default http://127.0.0.1:8099, the fake server), SUP_USER/SUP_PASS (supervisor or
 * admin), VIEWER_USER/VIEWER_PASS (viewer; step skipped when unset), CHROMIUM (default
 * /usr/bin/chromium), SCREENSHOTS (default webroot/build/screenshots), LIVE_WAIT_MS (default 4000).
 * Exit code 0 when every check passed.
 */
import { launchPersistent, ledger, login as signIn } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8099').replace(/\/$/, '');
const SUP_USER = process.env.SUP_USER ?? 'alice';
const SUP_PASS = process.env.SUP_PASS ?? 'secret';
const VIEWER_USER = process.env.VIEWER_USER ?? (process.env.BASE_URL ? '' : 'vera');
const VIEWER_PASS = process.env.VIEWER_PASS ?? 'secret';
const OUT = process.env.SCREENSHOTS ?? path.resolve(here, '..', 'build', 'screenshots');
const LIVE_WAIT_MS = Number(process.env.LIVE_WAIT_MS ?? 4000);
const TIMEOUT = 20_000;
/** Set when the backend runs the simulator (scripts/e2e): enables the agent-pause and turnover checks. */
const SIMULATED = process.env.SIMULATED === '1';
const TURNOVER_TIMEOUT = Number(process.env.TURNOVER_TIMEOUT_MS ?? 120_000);
let resumeFrom = 0;

const { check, summary } = ledger('');

async function shot(page, name) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`      screenshot ${path.relative(process.cwd(), file)}`);
}

function login(page, user, pass) {
  return signIn(page, BASE_URL, user, pass, TIMEOUT);
}

async function logout(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('input[name=username]').waitFor({ timeout: TIMEOUT });
}

/** Transcript seqs as rendered, checked for strict increase (ordered, no duplicates). */
async function transcriptSeqs(page) {
  return page.$$eval('[data-testid=transcript] > li[data-seq]', (els) => els.map((e) => Number(e.getAttribute('data-seq'))));
}

function strictlyIncreasing(a) {
  for (let i = 1; i < a.length; i++) if (!(a[i] > a[i - 1])) return false;
  return true;
}

async function openFirstRoom(page) {
  await page.goto(`${BASE_URL}/#/bubbles`);
  // simulated calls end and start all the time: the bubble picked may be gone (and focus with it)
  // before Enter lands, so a pick that opened nothing is retried with the then-first bubble
  for (let attempt = 1; ; attempt++) {
    const bubble = page.locator('[data-testid=bubble]').first();
    await bubble.waitFor({ timeout: TIMEOUT });
    const room = await bubble.getAttribute('data-room');
    await bubble.focus();
    await page.keyboard.press('Enter'); // keyboard path: Enter opens the room
    try {
      await page.locator(`[data-testid=room-view][data-room="${room}"]`).waitFor({ timeout: attempt < 3 ? 7000 : TIMEOUT });
    } catch (e) {
      if (attempt >= 3) throw e;
      console.log(`      ${room} did not open (attempt ${attempt}: the call may have ended); picking again`);
      await page.goto(`${BASE_URL}/#/bubbles`);
      continue;
    }
    await page.locator('[data-testid=room-sync]', { hasText: 'live' }).waitFor({ timeout: TIMEOUT });
    return room;
  }
}

async function callEnded(page) {
  return (await page.getByText('The call has ended; controls are disabled.').count()) > 0;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchPersistent('sb-e2e-');
  const ctx = browser.ctx;
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const origin = new URL(BASE_URL).origin;
  const consoleErrors = [];
  const foreign = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const webSockets = [];
  page.on('websocket', (ws) => webSockets.push(new URL(ws.url()).pathname));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });

  try {
    // 1. supervisor login + bubbles
    const role = await login(page, SUP_USER, SUP_PASS);
    check('supervisor login shows role', ['supervisor', 'admin'].includes(role), role);
    await page.locator('[data-testid=bubble]').first().waitFor({ timeout: TIMEOUT });
    const bubbles = await page.locator('[data-testid=bubble]').count();
    check('bubble view shows live calls', bubbles > 0, `${bubbles} bubbles`);
    // docs/architecture.md#bridge: one WebSocket message per bridge message, no SockJS framing
    const bridgeSockets = webSockets.filter((u) => u.startsWith('/eventbus'));
    check('dashboard talks to the bridge over its raw WebSocket', bridgeSockets.length > 0 && bridgeSockets.every((u) => u === '/eventbus/websocket'), bridgeSockets.join(', '));
    await page.waitForTimeout(800); // let the spring layout settle
    await shot(page, '01-bubbles');
    const initialRooms = new Set(await page.$$eval('[data-testid=bubble]', (els) => els.map((e) => e.getAttribute('data-room'))));

    // 2. cards
    await page.goto(`${BASE_URL}/#/cards`);
    await page.locator('[data-testid=call-card]').first().waitFor({ timeout: TIMEOUT });
    check('card view shows calls', (await page.locator('[data-testid=call-card]').count()) > 0);
    await shot(page, '02-cards');

    // 3. room: history on join, then live deltas; seq order without duplicates
    const room = await openFirstRoom(page);
    await page.locator('[data-testid=transcript] > li[data-seq]').first().waitFor({ timeout: TIMEOUT });
    const first = await transcriptSeqs(page);
    check('room shows history on join', first.length > 0, `${room}: ${first.length} entries`);
    await page.waitForTimeout(LIVE_WAIT_MS);
    const later = await transcriptSeqs(page);
    check('transcript is seq-ordered without duplicates', strictlyIncreasing(later), `${later.length} entries, last seq ${later.at(-1)}`);
    check('transcript kept the history lines', first.every((s) => later.includes(s)));

    // 4. take over / hand back
    if (['supervisor', 'admin'].includes(role)) {
      await page.locator('[data-testid=control-bar]').waitFor({ timeout: TIMEOUT });
      // a simulated call lasts seconds: the one watched above may have ended meanwhile (its
      // controls are then disabled, as they should be); take over a call that is still live
      for (let attempt = 1; attempt <= 3 && (await callEnded(page)); attempt++) {
        console.log(`      the watched call ended before the take-over step (attempt ${attempt}); opening a live one`);
        await openFirstRoom(page);
        await page.locator('[data-testid=control-bar]').waitFor({ timeout: TIMEOUT });
      }
      const take = page.locator('[data-testid=ctl-takeover]');
      if ((await take.count()) > 0 && (await take.isEnabled())) {
        await take.click();
        const handback = page.locator('[data-testid=ctl-handback]');
        const tookOver = await handback.waitFor({ timeout: TIMEOUT }).then(
          () => true,
          () => false,
        );
        check('take over → button turns into Hand back', tookOver);
        await shot(page, '03-room-taken-over');
        if (tookOver && SIMULATED) {
          await page.waitForTimeout(600); // a line already on its way may still land
          const heldFrom = Math.max(0, ...(await transcriptSeqs(page)));
          await page.waitForTimeout(4000);
          const agentSeqs = await page.$$eval('[data-testid=transcript] > li.tline-agent[data-seq]', (els) => els.map((e) => Number(e.getAttribute('data-seq'))));
          check('simulated agent is silent while taken over', agentSeqs.every((q) => q <= heldFrom), `agent lines after seq ${heldFrom}: ${agentSeqs.filter((q) => q > heldFrom).join(',') || 'none'}`);
          resumeFrom = Math.max(0, ...(await transcriptSeqs(page)));
        }
        if (tookOver) {
          await handback.click();
          const back = await page.locator('[data-testid=ctl-takeover]:not([disabled])').waitFor({ timeout: TIMEOUT }).then(
            () => true,
            () => false,
          );
          check('hand back → button returns to Take over', back);
          if (SIMULATED) {
            const spoke = await page
              .waitForFunction(
                (from) => [...document.querySelectorAll('[data-testid=transcript] > li.tline-agent[data-seq]')].some((e) => Number(e.getAttribute('data-seq')) > from),
                resumeFrom,
                { timeout: TIMEOUT },
              )
              .then(() => true, () => false);
            check('simulated agent speaks again after hand back', spoke);
          }
        }
      } else {
        check('take over possible', false, 'button missing or held by someone else');
      }
    }
    await shot(page, '04-room');

    // 5. analytics
    await page.goto(`${BASE_URL}/#/analytics`);
    const kpis = await page.locator('[data-testid=kpis], [role=alert]').first().waitFor({ timeout: TIMEOUT }).then(
      () => true,
      () => false,
    );
    check('analytics view renders (KPIs or a plain error)', kpis);
    await shot(page, '05-analytics');

    // 5b. bubbles come and go as simulated calls end and new ones start
    if (SIMULATED) {
      await page.goto(`${BASE_URL}/#/bubbles`);
      const turnover = await page
        .waitForFunction(
          (initial) => {
            const now = new Set([...document.querySelectorAll('[data-testid=bubble]')].map((e) => e.getAttribute('data-room')));
            const gone = initial.some((r) => !now.has(r));
            const added = [...now].some((r) => !initial.includes(r));
            return gone && added;
          },
          [...initialRooms],
          { timeout: TURNOVER_TIMEOUT, polling: 500 },
        )
        .then(() => true, () => false);
      check('bubbles disappear and appear as calls end and start', turnover);
      await shot(page, '05b-bubbles-later');
    }

    // 5c. a proxy that refuses the raw WebSocket: the dashboard falls back to SockJS and still works
    const blocked = await ctx.newPage();
    try {
      const blockedSockets = [];
      blocked.on('websocket', (ws) => blockedSockets.push(new URL(ws.url()).pathname));
      await blocked.routeWebSocket(/\/eventbus\/websocket$/, (ws) => ws.close());
      await blocked.goto(`${BASE_URL}/#/bubbles`);
      const form = blocked.locator('input[name=username]');
      await Promise.race([form.waitFor({ timeout: TIMEOUT }), blocked.locator('[data-testid=role]').waitFor({ timeout: TIMEOUT })]);
      if (await form.isVisible()) {
        await form.fill(SUP_USER);
        await blocked.locator('input[name=password]').fill(SUP_PASS);
        await blocked.locator('button[type=submit]').click();
      }
      await blocked.locator('[data-testid=connection][data-status=open]').waitFor({ timeout: TIMEOUT });
      await blocked.locator('[data-testid=bubble]').first().waitFor({ timeout: TIMEOUT });
      const sockJs = blockedSockets.filter((u) => /^\/eventbus\/[^/]+\/[^/]+\/websocket$/.test(u));
      check('raw WebSocket refused → dashboard falls back to SockJS and shows calls', sockJs.length > 0, blockedSockets.join(', ') || 'no WebSocket seen');
    } catch (e) {
      check('raw WebSocket refused → dashboard falls back to SockJS and shows calls', false, e instanceof Error ? e.message : String(e));
    } finally {
      await blocked.close();
    }

    // 6. viewer: no control buttons
    if (VIEWER_USER) {
      await logout(page);
      const vrole = await login(page, VIEWER_USER, VIEWER_PASS);
      check('viewer login shows role', vrole === 'viewer', vrole);
      await openFirstRoom(page);
      await page.locator('[data-testid=transcript] > li[data-seq]').first().waitFor({ timeout: TIMEOUT });
      const controls = await page.locator('[data-testid=control-bar], [data-testid^=ctl-]').count();
      check('viewer sees no control buttons', controls === 0, `${controls} found`);
      await shot(page, '06-room-viewer');
    }

    check('no request left the page origin', foreign.length === 0, foreign.slice(0, 3).join(', '));
    const relevant = consoleErrors.filter((e) => !/favicon/i.test(e));
    check('no console errors', relevant.length === 0, relevant.slice(0, 3).join(' | '));
  } catch (e) {
    check('e2e run', false, e instanceof Error ? e.message : String(e));
    await shot(page, '99-failure').catch(() => undefined);
  } finally {
    await browser.close();
  }
  process.exit(summary() ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
