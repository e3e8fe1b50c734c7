#!/usr/bin/env node
/**
 * Screenshots of the bubble, card, room and analytics views of a running system, as a person sees
 * them on first start (scripts/screenshots starts the system and calls this). Headless Debian
 * Chromium through playwright-core (never a downloaded browser).
 *
 *   BASE_URL=http://127.0.0.1:PORT OUT=docs/images node webroot/e2e/screenshots.mjs
 *
 * Env: BASE_URL (required), OUT (default docs/images), USER/PASS (default supervisor/supervisor-demo),
 * CHROMIUM (default /usr/bin/chromium), SETTLE_MS (default 6000: how long the live views run first).
 */
import { launchPersistent, login } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/$/, '');
if (!BASE_URL) {
  console.error('screenshots: BASE_URL is required');
  process.exit(2);
}
const OUT = path.resolve(process.env.OUT ?? 'docs/images');
const USER = process.env.SB_USER ?? 'supervisor';
const PASS = process.env.SB_PASS ?? 'supervisor-demo';
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 6000);
const TIMEOUT = 30_000;

async function shot(page, name) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`screenshots: ${path.relative(process.cwd(), file)}`);
}

async function dismissToasts(page) {
  for (const b of await page.getByRole('button', { name: 'Dismiss' }).all()) await b.click().catch(() => undefined);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchPersistent('sb-shots-');
  const ctx = browser.ctx;
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await login(page, BASE_URL, USER, PASS, TIMEOUT);
    await page.locator('[data-testid=bubble]').first().waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(SETTLE_MS);
    await shot(page, 'bubble-view');

    await page.goto(`${BASE_URL}/#/cards`);
    await page.locator('[data-testid=call-card]').first().waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(1500);
    await shot(page, 'card-view');

    // the room with the longest conversation so far: its transcript and agent metrics are filled
    await page.goto(`${BASE_URL}/#/bubbles`);
    await page.locator('[data-testid=bubble]').first().waitFor({ timeout: TIMEOUT });
    const room = await page.$$eval('[data-testid=bubble]', (els) => els.map((e) => e.getAttribute('data-room')).filter(Boolean).sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()))[0]);
    await page.goto(`${BASE_URL}/#/room/${encodeURIComponent(room)}`);
    await page.locator('[data-testid=room-sync]', { hasText: 'live' }).waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=agent-metrics]').waitFor({ timeout: TIMEOUT }).catch(() => undefined);
    await page.waitForTimeout(2500);
    await dismissToasts(page);
    await shot(page, 'room-view');

    // alert toasts are live and welcome, but not on top of the charts in a still picture
    await dismissToasts(page);
    await page.goto(`${BASE_URL}/#/analytics`);
    await page.locator('[data-testid=kpis]').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=demo-marker]').waitFor({ timeout: TIMEOUT }).catch(() => console.error('screenshots: no demo-history marker (archive not empty?)'));
    await page.waitForTimeout(1000);
    await dismissToasts(page);
    await shot(page, 'analytics-view');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`screenshots: ${e?.stack ?? e}`);
  process.exit(1);
});
