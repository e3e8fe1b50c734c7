#!/usr/bin/env node
/**
 * Archive search in real headless Debian Chromium (never downloads a browser), against the whole
 * system of scripts/e2e (its archive holds the generated demo history, archived through the real
 * call.ended path): search a word, see it marked in a hit, open the archived call and see its
 * transcript read-only in the room view (banner, no control bar, even for a supervisor).
 *
 *   BASE_URL=http://127.0.0.1:8080 SUP_USER=supervisor SUP_PASS=supervisor-demo SEARCH_WORD=charged node e2e/search-e2e.mjs
 *
 * Env: BASE_URL, SUP_USER/SUP_PASS, SEARCH_WORD (default "charged", said in the billing scenario),
 * CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (default webroot/build/screenshots).
 * Exit code 0 when every check passed.
 */
import { launchPersistent, ledger, login } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const USER = process.env.SUP_USER ?? 'supervisor';
const PASS = process.env.SUP_PASS ?? 'supervisor-demo';
const WORD = process.env.SEARCH_WORD ?? 'charged';
const OUT = process.env.SCREENSHOTS ?? path.resolve(here, '..', 'build', 'screenshots');
const TIMEOUT = 30_000;

const { check, summary } = ledger('search: ');

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchPersistent('sb-search-e2e-');
  const ctx = browser.ctx;
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // failed loads are reported by URL below (the console line does not name the resource)
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/i.test(m.text()) && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 500 && errors.push(`${r.status()} ${r.url()}`));
  try {
    await login(page, BASE_URL, USER, PASS, TIMEOUT);
    await page.goto(`${BASE_URL}/#/search`);
    await page.locator('[data-testid=search-view]').waitFor({ timeout: TIMEOUT });

    // the demo history is archived while the node starts: retry until the archive has it
    let hits = 0;
    const deadline = Date.now() + 60_000;
    while (hits === 0 && Date.now() < deadline) {
      await page.locator('[data-testid=search-q]').fill(WORD);
      await page.locator('[data-testid=search-submit]').click();
      await page.locator('[data-testid=search-hit], [data-testid=search-empty], [data-testid=search-error]').first().waitFor({ timeout: TIMEOUT });
      hits = await page.locator('[data-testid=search-hit]').count();
      if (hits === 0) await page.waitForTimeout(2_000);
    }
    check(`"${WORD}" finds archived calls`, hits > 0, `${hits} hits on the first page`);
    const marks = await page.$$eval('[data-testid=search-snippet] mark', (els) => els.map((e) => (e.textContent ?? '').toLowerCase()));
    check('the word is marked in the snippets', marks.length > 0 && marks.every((m) => m === WORD.toLowerCase()), marks.slice(0, 5).join(', '));
    const count = (await page.locator('[data-testid=search-count]').textContent()) ?? '';
    check('the result count is shown', /\d+ calls/.test(count), count.trim());
    await page.screenshot({ path: path.join(OUT, '07-search.png') });

    const snippetText = ((await page.locator('[data-testid=search-snippet]').first().textContent()) ?? '').replace(/^(Customer|Agent|\w+): /, '').trim();
    await page.locator('[data-testid=search-hit] a').first().click();
    await page.locator('[data-testid=room-view][data-archived=true]').waitFor({ timeout: TIMEOUT });
    const banner = (await page.locator('[data-testid=archived-banner]').textContent()) ?? '';
    check('the archived call opens in the room view with the read-only banner', banner.includes('Archived call — read-only'), banner.trim());
    await page.locator('[data-testid=transcript-line]').first().waitFor({ timeout: TIMEOUT });
    const lines = await page.$$eval('[data-testid=transcript-line] .tline-text', (els) => els.map((e) => e.textContent ?? ''));
    const seen = lines.some((l) => l.toLowerCase().includes(WORD.toLowerCase()));
    check('its transcript holds the searched word', lines.length > 1 && seen, `${lines.length} lines; snippet “${snippetText.slice(0, 60)}”`);
    const controls = await page.locator('[data-testid=control-bar], [data-testid^=ctl-]').count();
    check('no control bar or action button on an archived call (supervisor)', controls === 0, `${controls} found`);
    await page.screenshot({ path: path.join(OUT, '08-archived-call.png') });
    check('no page errors', errors.length === 0, errors.slice(0, 3).join(' | '));
  } catch (e) {
    check('run', false, e instanceof Error ? e.message : String(e));
    await page.screenshot({ path: path.join(OUT, '99-search-failure.png') }).catch(() => undefined);
  } finally {
    await browser.close();
  }
  process.exit(summary('search: ') ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
