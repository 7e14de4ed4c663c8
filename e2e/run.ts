/**
 * Browser journeys in Debian's Chromium (playwright-core, never a downloaded browser).
 * A fresh `npm start` (embedded PostgreSQL, demo province) is started in a temporary data
 * directory; every printed demo account logs in and sees its home page in Chinese; the
 * screenshots go to e2e/artifacts/. Then Ctrl-C stops the database and a second start finds
 * the same data. Prints `N passed, N failed` at the end.
 */
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from './server.js';

const PASSWORD = 'Jiangxin@2026';
const artifacts = path.resolve('e2e/artifacts');
mkdirSync(artifacts, { recursive: true });
const results: { name: string; ok: boolean; error?: string }[] = [];

async function step(name: string, fn: () => Promise<void>) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e) });
    console.log(`  ✗ ${name}\n    ${String(e).split('\n').slice(0, 6).join('\n    ')}`);
  }
}

function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (p && existsSync(p)) return p;
  throw new Error('Chromium not found: apt-get install -y chromium fonts-noto-cjk');
}

async function newContext(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'jx-chrome-')), {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function loginAs(page: Page, base: string, username: string, password = PASSWORD) {
  await page.goto(base + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'jx-e2e-data-'));
execFileSync('chmod', ['755', dataDir]);
let server = await startServer({ DATA_DIR: dataDir });
console.log(`server up at ${server.url} with ${server.accounts.length} demo accounts`);
const ctx = await newContext();

await step('the demo accounts cover every role', async () => {
  if (server.accounts.length < 9) throw new Error('accounts printed: ' + JSON.stringify(server.accounts));
});

for (const acct of server.accounts) {
  await step(`${acct.username} (${acct.label}) logs in and sees its home page`, async () => {
    const page = await ctx.newPage();
    try {
      await loginAs(page, server.url, acct.username);
      const title = page.getByTestId('home-title');
      await title.waitFor({ timeout: 20_000 });
      const text = (await title.textContent()) ?? '';
      if (!/[\u4e00-\u9fa5]/.test(text)) throw new Error('home title is not Chinese: ' + text);
      const role = (await page.getByTestId('header-role').textContent()) ?? '';
      if (!role.includes(acct.label)) throw new Error(`role label ${role} does not show ${acct.label}`);
      await page.screenshot({ path: path.join(artifacts, `home-${acct.username}.png`), fullPage: true });
      await page.getByTestId('logout-button').click();
      await page.getByTestId('login-submit').waitFor({ timeout: 10_000 });
    } finally {
      await page.close();
    }
  });
}

await step('a wrong password shows the Chinese error', async () => {
  const page = await ctx.newPage();
  await loginAs(page, server.url, 'province', 'Wrong-pass-1');
  await page.getByTestId('login-error').waitFor({ timeout: 10_000 });
  const text = (await page.getByTestId('login-error').textContent()) ?? '';
  await page.screenshot({ path: path.join(artifacts, 'login-error.png') });
  await page.close();
  if (!text.includes('用户名或密码错误')) throw new Error('error text: ' + text);
});

await step('the audit admin is refused the organisation list (403 page)', async () => {
  const page = await ctx.newPage();
  await loginAs(page, server.url, 'auditor');
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  await page.goto(server.url + '/organisations');
  await page.getByTestId('page-403').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(artifacts, 'forbidden.png') });
  await page.getByTestId('logout-button').click();
  await page.close();
});

await step('the city admin sees only its city in the organisation list; English switch works', async () => {
  const page = await ctx.newPage();
  await loginAs(page, server.url, 'jinan');
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  await page.getByTestId('menu-organisations').click();
  await page.getByTestId('organisations-table').waitFor({ timeout: 10_000 });
  await page.locator('.ant-table-row').first().waitFor({ timeout: 10_000 });
  const cells = await page.locator('.ant-table-row').allTextContents();
  if (!cells.every((c) => c.includes('济南')))
    throw new Error('a row outside 济南: ' + cells.find((c) => !c.includes('济南')));
  await page.screenshot({ path: path.join(artifacts, 'organisations-jinan.png') });
  await page.getByTestId('lang-switch').click();
  await page.getByText('Organisations', { exact: false }).first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(artifacts, 'organisations-en.png') });
  await page.close();
});

await step('an unknown page shows the 404 page', async () => {
  const page = await ctx.newPage();
  await page.goto(server.url + '/no-such-page');
  await page.getByTestId('page-404').or(page.getByTestId('login-submit')).first().waitFor({ timeout: 10_000 });
  await page.close();
});

await ctx.close();

let personsBefore = -1;
await step('Ctrl-C stops the server and its database', async () => {
  const r = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'province', password: PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const home = (await (await fetch(server.url + '/api/home', { headers: { cookie } })).json()) as {
    cards: { key: string; value: number }[];
  };
  personsBefore = home.cards.find((c) => c.key === 'persons')!.value;
  const code = await server.interrupt();
  if (code !== 0) throw new Error('exit code ' + code + '\n' + server.output().slice(-800));
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  if (ps.includes(path.join(dataDir, 'pg'))) throw new Error('PostgreSQL still running on ' + dataDir);
});

await step('a second start finds the same data', async () => {
  server = await startServer({ DATA_DIR: dataDir });
  if (/loading the demo province/.test(server.output())) throw new Error('seeded again');
  const r = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'province', password: PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const home = (await (await fetch(server.url + '/api/home', { headers: { cookie } })).json()) as {
    cards: { key: string; value: number }[];
  };
  const after = home.cards.find((c) => c.key === 'persons')!.value;
  if (after !== personsBefore || after === 0) throw new Error(`persons before ${personsBefore}, after ${after}`);
  await server.interrupt();
});

rmSync(dataDir, { recursive: true, force: true });
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
