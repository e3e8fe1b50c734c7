// What every browser check of the dashboard shares: Chromium's flags (Debian's binary, never a
// downloaded one), the login form, and the PASS/FAIL ledger that decides the exit code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The project's headless Chromium flags (README, "Testing"). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A persistent context on a fresh temporary user-data-dir (Playwright passes it first);
 * close() closes it and removes the directory.
 */
export async function launchPersistent(prefix, { viewport = { width: 1440, height: 900 }, extraArgs = [] } = {}) {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ctx = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  return {
    ctx,
    async close() {
      await ctx.close();
      fs.rmSync(udd, { recursive: true, force: true });
    },
  };
}

/** A browser whose contexts each run on a fresh temporary profile of their own. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Signs in through the login form and waits for the live connection; returns the shown role. */
export async function login(page, baseUrl, user, pass, timeout) {
  await page.goto(`${baseUrl}/#/bubbles`);
  await page.locator('input[name=username]').fill(user);
  await page.locator('input[name=password]').fill(pass);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid=role]').waitFor({ timeout });
  await page.locator('[data-testid=connection][data-status=open]').waitFor({ timeout });
  return (await page.locator('[data-testid=role]').textContent())?.trim() ?? '';
}

/** PASS/FAIL lines with a prefix; summary() prints the count and returns whether all passed. */
export function ledger(prefix = '') {
  const results = [];
  return {
    results,
    check(name, ok, detail = '') {
      results.push({ name, ok, detail });
      console.log(`${ok ? 'PASS' : 'FAIL'}  ${prefix}${name}${detail ? ` — ${detail}` : ''}`);
      return ok;
    },
    summary(label = '') {
      const failed = results.filter((r) => !r.ok);
      console.log(`\n${label}${results.length - failed.length}/${results.length} checks passed`);
      return failed.length === 0;
    },
  };
}
