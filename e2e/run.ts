/**
 * Browser journeys in Debian's Chromium (playwright-core, never a downloaded browser).
 * A fresh `npm start` (embedded PostgreSQL, demo province) is started in a temporary data
 * directory; every printed demo account logs in and sees its home page in Chinese; the
 * screenshots go to e2e/artifacts/. The 济南 city admin bulk-imports persons (template, bad
 * rows, result file, corrected re-upload, commit). Then Ctrl-C stops the database and a second
 * start finds the same data. Prints `N passed, N failed` at the end.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createRng, syntheticIdNumber, syntheticPhone } from '../server/seed/synthetic.js';
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

/**
 * A new page signed in as `username` (the previous journey may have left another account signed
 * in), on its home page; `chinese` first switches the browser back to zh-CN (an earlier journey
 * may have chosen English).
 */
async function signedIn(username: string, opts: { chinese?: boolean } = {}): Promise<Page> {
  await ctx.clearCookies();
  const page = await ctx.newPage();
  if (opts.chinese) {
    await page.goto(server.url + '/login');
    await page.evaluate("window.localStorage.setItem('jiangxin.lang', 'zh-CN')");
  }
  await loginAs(page, server.url, username);
  await page.getByTestId('home-title').waitFor({ timeout: 20_000 });
  return page;
}

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

// 批量导入: the 济南 city admin imports persons from the template, meets the errors, fixes them and commits.
const importDir = mkdtempSync(path.join(tmpdir(), 'jx-e2e-import-'));
const rng = createRng(20260417);
let importPage: Page | null = null;
let headers: string[] = [];
let firstBatchUrl = '';

/** Header row and rows of the first sheet of an .xlsx, as text. */
async function readSheet(file: string): Promise<{ sheet: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    const values = row.values as unknown[];
    rows[n - 1] = values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
  });
  return { sheet: ws.name, rows };
}

/** An .xlsx with the template's header row and one row per record (keyed by header). */
async function writeSheet(file: string, records: Record<string, string>[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(headers);
  for (const r of records) ws.addRow(headers.map((h) => r[h] ?? null));
  await wb.xlsx.writeFile(file);
}

/** Saves the download that `click` starts; fails unless it is an .xlsx (a zip). */
async function downloadXlsx(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), click()]);
  const file = path.join(importDir, name);
  await download.saveAs(file);
  if (!download.suggestedFilename().endsWith('.xlsx'))
    throw new Error('download named ' + download.suggestedFilename());
  const magic = readFileSync(file).subarray(0, 4).toString('hex');
  if (magic !== '504b0304') throw new Error(`${download.suggestedFilename()} is not a zip/xlsx (starts ${magic})`);
  return file;
}

/** Uploads a file on the import page and waits for the validation to end. */
async function uploadAndValidate(page: Page, file: string) {
  await page.getByTestId('import-upload').setInputFiles(file);
  await page.waitForURL(/\/imports\/persons\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await page.getByTestId('import-status').waitFor({ timeout: 10_000 });
  await page
    .getByTestId('import-status')
    .filter({ hasText: '校验完成' })
    .waitFor({ timeout: 60_000 })
    .catch(async (e: unknown) => {
      throw new Error(`status ${await page.getByTestId('import-status').textContent()}: ${String(e)}`);
    });
}

const person = (name: string, idNumber: string, extra: Record<string, string> = {}) => ({
  姓名: name,
  身份证号: idNumber,
  手机号: syntheticPhone(rng),
  学历: '本科',
  所在城市: '济南市',
  人员层级: '技术骨干',
  ...extra,
});
const good = [
  person('匠心导入甲', syntheticIdNumber(rng, '370100', '1988-03-14', 'M')),
  person('匠心导入乙', syntheticIdNumber(rng, '370100', '1992-07-21', 'F')),
  person('匠心导入丙', syntheticIdNumber(rng, '370100', '1996-11-02', 'M')),
];
const validId = good[0]!.身份证号;
// Rows 5–8 of the sheet (row 1 is the header).
const bad = [
  person('匠心导入丁', validId.slice(0, 17) + (validId[17] === '1' ? '2' : '1')), // wrong check digit
  person('匠心导入戊', syntheticIdNumber(rng, '370100', '2099-06-01', 'F')), // born in the future
  person('匠心导入己', good[1]!.身份证号), // the same ID number as row 3
  person('匠心导入庚', syntheticIdNumber(rng, '370100', '1990-01-09', 'M'), { 所在城市: '火星市' }),
];
const expectedErrors = [
  { row: 5, column: '身份证号', text: '校验位' },
  { row: 6, column: '身份证号', text: '出生日期晚于今天' },
  { row: 7, column: '身份证号', text: '与第 3 行重复' },
  { row: 8, column: '所在城市', text: '未知城市「火星市」' },
];

await step('the city admin opens 批量导入 from the menu and downloads the template', async () => {
  const page = (importPage = await signedIn('jinan', { chinese: true }));
  await page.getByTestId('menu-importPersons').click();
  await page.waitForURL(/\/imports\/persons$/);
  const file = await downloadXlsx(page, () => page.getByTestId('import-template-link').click(), 'template.xlsx');
  const { sheet, rows } = await readSheet(file);
  headers = rows[0]!.filter(Boolean);
  for (const h of ['姓名', '身份证号', '所在城市'])
    if (!headers.includes(h)) throw new Error(`template sheet ${sheet} has no ${h}: ${headers.join(',')}`);
});

await step('a file that is not .xlsx/.csv gets the server’s Chinese reason', async () => {
  const page = importPage!;
  await page.getByTestId('import-upload').setInputFiles({
    name: '人员名单.xls',
    mimeType: 'application/vnd.ms-excel',
    buffer: Buffer.from('not a workbook'),
  });
  const error = page.getByTestId('import-upload-error');
  await error.waitFor({ timeout: 10_000 });
  const text = (await error.textContent()) ?? '';
  if (!text.includes('.xlsx')) throw new Error('upload error: ' + text);
});

await step('an upload with bad rows is validated: the errors name 第 N 行 and the column', async () => {
  const page = importPage!;
  const file = path.join(importDir, '人员-有错误.xlsx');
  await writeSheet(file, [...good, ...bad]);
  await uploadAndValidate(page, file);
  firstBatchUrl = page.url();
  const count = async (id: string) => Number(((await page.getByTestId(id).textContent()) ?? '').replace(/\D/g, ''));
  const totals = [await count('import-total-rows'), await count('import-valid-rows'), await count('import-error-rows')];
  if (totals.join() !== '7,3,4') throw new Error('总行数/正确/错误 = ' + totals.join('/'));
  const table = page.getByTestId('import-errors-table');
  for (const e of expectedErrors) {
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: `第 ${e.row} 行` });
    await row.first().waitFor({ timeout: 10_000 });
    const text = (await row.first().textContent()) ?? '';
    if (!text.includes(e.column) || !text.includes(e.text)) throw new Error(`第 ${e.row} 行: ${text}`);
  }
  if (!(await page.getByTestId('import-commit-all').isDisabled()))
    throw new Error('全部正确才导入 is enabled with errors');
  const why = (await page.getByTestId('import-commit-all-help').textContent()) ?? '';
  if (!why.includes('4 行')) throw new Error('no explanation of the disabled button: ' + why);
  await page.getByTestId('import-commit-valid').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'import-errors.png'), fullPage: true });
});

await step('the result file has the 错误说明 column with the Chinese reasons', async () => {
  const page = importPage!;
  const file = await downloadXlsx(page, () => page.getByTestId('import-result-link').click(), 'result.xlsx');
  const { rows } = await readSheet(file);
  const at = rows[0]!.indexOf('错误说明');
  if (at < 0) throw new Error('result header: ' + rows[0]!.join(','));
  for (const e of expectedErrors) {
    const note = rows[e.row - 1]?.[at] ?? '';
    if (!note.includes(`第 ${e.row} 行「${e.column}」`) || !note.includes(e.text))
      throw new Error(`row ${e.row} 错误说明: ${note}`);
  }
  for (const n of [2, 3, 4]) if (rows[n - 1]?.[at]) throw new Error(`row ${n} has an error: ${rows[n - 1]![at]}`);
});

await step('the corrected file is re-uploaded and committed all-or-nothing', async () => {
  const page = importPage!;
  const fixed = [
    ...good,
    person('匠心导入丁', syntheticIdNumber(rng, '370100', '1985-09-30', 'M')),
    person('匠心导入戊', syntheticIdNumber(rng, '370100', '1999-12-12', 'F')),
    person('匠心导入己', syntheticIdNumber(rng, '370100', '1979-04-18', 'F')),
    person('匠心导入庚', syntheticIdNumber(rng, '370100', '1990-01-09', 'M')),
  ];
  const file = path.join(importDir, '人员-已修改.xlsx');
  await writeSheet(file, fixed);
  await page.getByTestId('import-new-upload').click();
  await page.waitForURL(/\/imports\/persons$/);
  await uploadAndValidate(page, file);
  const errors = ((await page.getByTestId('import-error-rows').textContent()) ?? '').replace(/\D/g, '');
  if (errors !== '0') throw new Error('errors after the fix: ' + errors);
  await page.getByTestId('import-commit-all').click();
  const outcome = page.getByTestId('import-outcome');
  await outcome.waitFor({ timeout: 60_000 });
  const inserted = (await page.getByTestId('import-outcome-personsInserted').textContent()) ?? '';
  if (inserted.replace(/\D/g, '') !== '7') throw new Error('新增人员: ' + inserted);
  const status = (await page.getByTestId('import-status').textContent()) ?? '';
  if (!status.includes('已导入')) throw new Error('status: ' + status);
  await page.screenshot({ path: path.join(artifacts, 'import-done.png'), fullPage: true });
});

await step('我的导入记录 leads back to the first batch; the imported person is in the 人才库', async () => {
  const page = importPage!;
  const history = page.getByTestId('import-history-table');
  const statuses = await history.locator('tbody tr.ant-table-row').allTextContents();
  // Newest first: the committed correction, then the first upload (still waiting for a decision).
  if (statuses.length < 2 || !statuses[0]!.includes('已导入') || !statuses[1]!.includes('校验完成'))
    throw new Error('history: ' + statuses.join(' | '));
  const firstId = firstBatchUrl.split('/').pop()!;
  await page.getByTestId(`import-batch-link-${firstId}`).click();
  await page.waitForURL(firstBatchUrl);
  await page.getByTestId('import-errors-table').waitFor({ timeout: 10_000 });
  await page.goBack();
  await page.getByTestId('import-outcome-list-link').click();
  await page.waitForURL(/\/persons$/);
  await page.getByTestId('person-filter-q').locator('input').fill('匠心导入庚');
  await page.getByTestId('person-filter-q').locator('input').press('Enter');
  await page.waitForURL(/[?&]q=/);
  // The previous page stays on screen until the filtered one arrives: wait for the one match.
  const rows = page.getByTestId('persons-table').locator('tbody tr.ant-table-row');
  let found: string[] = [];
  for (const t0 = Date.now(); Date.now() - t0 < 10_000; await page.waitForTimeout(200)) {
    found = await rows.allTextContents();
    if (found.length === 1 && found[0]!.includes('匠心导入庚')) break;
  }
  if (found.length !== 1 || !found[0]!.includes('匠心导入庚') || !found[0]!.includes('济南'))
    throw new Error('persons found: ' + found.join(' | '));
  // The list leads to the import page as well.
  await page.getByTestId('person-import-button').click();
  await page.waitForURL(/\/imports\/persons$/);
  await page.getByTestId('import-template-link').waitFor({ timeout: 10_000 });
  await page.close();
  importPage = null;
});
rmSync(importDir, { recursive: true, force: true });

await step(
  'the province sees the targets dashboard with the map; a click on a city, then on a figure, opens to its people',
  async () => {
    const page = await signedIn('province');
    await page.goto(server.url + '/targets');
    await page.getByTestId('targets-page').waitFor({ timeout: 20_000 });
    await page.getByTestId('targets-map').waitFor({ timeout: 20_000 });
    const actual = (await page.getByTestId('indicator-actual-T1').textContent()) ?? '';
    if (!/\d/.test(actual)) throw new Error('T1 shows no figure: ' + actual);
    if (!((await page.getByTestId('indicator-actual-C2').textContent()) ?? '').includes('暂无数据来源'))
      throw new Error('an indicator without a source must say so');
    await page.waitForTimeout(1500); // the map finishes drawing
    await page.screenshot({ path: path.join(artifacts, 'targets.png'), fullPage: true });
    // A click on a city (its row in the ranking beside the map) turns the cards to that city…
    const provinceT1 = (await page.getByTestId('indicator-actual-T1').textContent()) ?? '';
    await page.locator('[data-testid="city-ranking"] .ant-table-row', { hasText: '青岛' }).first().click();
    await page.waitForURL(/[?&]city=370200/);
    for (const t0 = Date.now(); Date.now() - t0 < 10_000; await page.waitForTimeout(200))
      if (((await page.getByTestId('indicator-actual-T1').textContent()) ?? '') !== provinceT1) break;
    const cityT1 = (await page.getByTestId('indicator-actual-T1').textContent()) ?? '';
    if (cityT1 === provinceT1 || !/\d/.test(cityT1)) throw new Error(`青岛 T1 ${cityT1} vs province ${provinceT1}`);
    await page.screenshot({ path: path.join(artifacts, 'targets-city.png'), fullPage: true });
    // …and a click on its figure lands on the list of the people behind it, all of 青岛.
    await page.getByTestId('indicator-actual-T1').locator('a').first().click();
    await page.getByTestId('drilldown-table').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="drilldown-table"] .ant-table-row').first().waitFor({ timeout: 20_000 });
    const cities = await page.locator('[data-testid="drilldown-table"] .ant-table-row').allTextContents();
    if (!cities.length || cities.some((r) => !r.includes('青岛')))
      throw new Error('drill-down rows: ' + cities.join(' | '));
    await page.screenshot({ path: path.join(artifacts, 'targets-drilldown.png') });
    await page.close();
  },
);

await step('the province admin sets a city’s 2027 target in the target editor and sees it marked 已设定', async () => {
  const page = await signedIn('province');
  await page.goto(server.url + '/targets');
  await page.getByTestId('targets-plan-link').click();
  await page.getByTestId('target-plan-page').waitFor({ timeout: 20_000 });
  // A1 (a yearly quota): the province has its default every year, so a city may take a share of it.
  await page.goto(server.url + '/targets/plan?indicator=A1');
  const tag = page.getByTestId('target-source-2027-370100');
  await tag.waitFor({ timeout: 20_000 });
  const cell = page.getByTestId('target-cell-2027-370100');
  const input = (await cell.evaluate((e) => e.tagName)) === 'INPUT' ? cell : cell.locator('input');
  const value = String(100 + Math.floor(Math.random() * 50));
  await input.fill(value);
  await page.getByTestId('target-plan-save').click();
  await page.locator('[data-testid="target-source-2027-370100"][data-source="set"]').waitFor({ timeout: 20_000 });
  if ((await tag.textContent()) !== '已设定') throw new Error('source: ' + (await tag.textContent()));
  if ((await input.inputValue()).replace(/,/g, '') !== value)
    throw new Error('saved value: ' + (await input.inputValue()));
  // The province keeps its default; the saved cell can go back to it.
  if ((await page.getByTestId('target-source-2027-province').textContent()) !== '默认')
    throw new Error('the province 2027 target should stay 默认');
  await page.getByTestId('target-reset-2027-370100').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(artifacts, 'targets-edit.png'), fullPage: true });
  await page.close();
});

/**
 * 督导评估: the 济南 city admin writes the 2026 self-assessment, attaches a PDF and submits it;
 * the province admin scores it by the rubric and adds a rectification item, then changes one 分值 in
 * the 评分细则 editor, saves, and restores the default. Screenshots supervision.png, supervision-rubric.png.
 */
async function supervisionJourney() {
  const year = 2026;
  const dir = mkdtempSync(path.join(tmpdir(), 'jx-e2e-supervision-'));
  const evidence = path.join(dir, '济南市2026年自评佐证.pdf');
  writeFileSync(evidence, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const confirm = (page: Page) =>
    page.locator('.ant-popconfirm:visible .ant-popconfirm-buttons .ant-btn-primary').click();
  try {
    let page = await signedIn('jinan', { chinese: true });
    await page.getByTestId('menu-supervision').click();
    await page.goto(server.url + `/supervision?year=${year}`);
    await page.getByTestId('sa-keyWork').waitFor({ timeout: 20_000 });
    await page.getByTestId('sa-keyWork').fill('成立数字技能人才培育工作专班，全年开展企业自主培训 1.2 万人次。');
    await page.getByTestId('sa-policy').fill('落实职业技能培训补贴政策，发放补贴 300 万元，惠及 8000 人。');
    await page.getByTestId('sa-problems').fill('高技能领军人才培养偏慢，下一步加大技能大师工作室建设。');
    await page.locator('[data-testid="sa-evidence"] input[type=file]').setInputFiles(evidence);
    await page.getByTestId('sa-evidence-file').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('sa-submit').click();
    await confirm(page);
    await page.locator('[data-testid="sa-status"]', { hasText: '已提交' }).waitFor({ timeout: 20_000 });
    await page.close();

    page = await signedIn('province');
    await page.goto(server.url + `/supervision?year=${year}`);
    await page.getByTestId('overview-open-370100').click();
    await page.getByTestId('score-submit').waitFor({ timeout: 20_000 });
    const inputs = page.locator('[data-testid^="score-input-"] input, input[data-testid^="score-input-"]');
    const n = await inputs.count();
    if (n < 1) throw new Error('no rubric items to score');
    for (let i = 0; i < n; i++) await inputs.nth(i).fill('12');
    await page.getByTestId('score-comment').fill('组织有力，人才培养成效明显。');
    await page.getByTestId('score-submit').click();
    await confirm(page);
    await page.getByTestId('score-total').waitFor({ timeout: 20_000 });
    const total = (await page.getByTestId('score-total').textContent()) ?? '';
    if (Number(total) !== 12 * n) throw new Error(`total ${total}, expected ${12 * n}`);

    const deadline = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    // The deadline first: Enter in the date field also submits the form, which then only asks for the text.
    const picker = page.locator('[data-testid="rect-deadline"] input, input[data-testid="rect-deadline"]').first();
    await picker.click();
    await picker.fill(deadline);
    await picker.press('Enter');
    await page.getByTestId('rect-description').fill('高技能领军人才培养进度落后，需制定专项计划并按季度报送进展。');
    await page.getByTestId('rect-create').click();
    await page.locator('[data-testid="rect-status"]', { hasText: '整改中' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, 'supervision.png'), fullPage: true });

    // 评分细则: the province raises the first item's 分值 by 5, sees 合计 follow and saves; then puts
    // the default back (恢复默认 + save), so the later journeys meet the default rubric.
    const confirmTitled = (title: string) =>
      page
        .locator('.ant-popconfirm:visible', { hasText: title })
        .locator('.ant-popconfirm-buttons .ant-btn-primary')
        .click();
    await page.getByTestId('supervision-back').click();
    await page.getByTestId('supervision-tab-rubric').click();
    await page.getByTestId('rubric-editor').waitFor({ timeout: 20_000 });
    const rubricTotal = page.getByTestId('rubric-total');
    const before = Number(await rubricTotal.textContent());
    const points = page.locator('[data-testid="rubric-points-0"] input, input[data-testid="rubric-points-0"]').first();
    const was = Number(await points.inputValue());
    await points.fill(String(was + 5));
    await page
      .locator('[data-testid="rubric-total"]', { hasText: new RegExp(`^${before + 5}$`) })
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('rubric-save').click();
    await confirmTitled('保存评分细则');
    await page.locator('.ant-message', { hasText: '评分细则已保存' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('rubric-dirty').waitFor({ state: 'detached', timeout: 10_000 });
    if (Number(await points.inputValue()) !== was + 5) throw new Error('saved 分值: ' + (await points.inputValue()));
    await page.screenshot({ path: path.join(artifacts, 'supervision-rubric.png'), fullPage: true });
    await page.getByTestId('rubric-default').click();
    await confirmTitled('默认评分细则');
    await page.locator('[data-testid="rubric-total"]', { hasText: /^100$/ }).waitFor({ timeout: 10_000 });
    await page.getByTestId('rubric-save').click();
    await confirmTitled('保存评分细则');
    await page.getByTestId('rubric-dirty').waitFor({ state: 'detached', timeout: 20_000 });
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await step(
  '督导评估: 济南 submits its self-assessment; the province scores it, adds a rectification item and edits the 评分细则',
  () => supervisionJourney(),
);

await step(
  '年度报告: the province generates its 2026 report; the frozen Word report downloads with the year figures',
  async () => {
    const page = await signedIn('province');
    await page.getByTestId('menu-reports').click();
    await page.getByTestId('reports-page').waitFor({ timeout: 20_000 });
    await page.getByTestId('report-generate').click();
    // The job runs in the background; the list polls until the report is frozen.
    await page.getByTestId('report-status-ready').first().waitFor({ timeout: 60_000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'jx-e2e-report-'));
    try {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 20_000 }),
        page.getByTestId('report-docx').first().click(),
      ]);
      const file = path.join(dir, 'report.docx');
      await download.saveAs(file);
      if (!download.suggestedFilename().startsWith('山东省2026年度督导评估报告'))
        throw new Error('download named ' + download.suggestedFilename());
      const { default: JSZip } = await import('jszip');
      const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
      const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
      if (!text.includes('山东省2026年度中小企业数字化人才培养督导评估报告') || !/T1 数字技能人才规模/.test(text))
        throw new Error('the Word report lacks its title or T1: ' + text.slice(0, 200));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.screenshot({ path: path.join(artifacts, 'reports.png'), fullPage: true });
    await page.close();
  },
);

/**
 * 人才供需对接专区: the demo enterprise posts a demand (form) for the demo talent's occupation and
 * city and publishes it; the ranked candidates show each score's parts; it invites the talent,
 * who accepts; the enterprise records 面试 → 发放录用, the talent 接受录用, then the enterprise 确认入职,
 * and the hire shows in the registry (the person's profile, with the demand's post at the
 * enterprise). Screenshots matching-candidates.png, matching-hired.png.
 */
async function matchingJourney() {
  /** A signed-in fetch for one demo account (to learn who the demo talent is). */
  const apiAs = async (username: string) => {
    const r = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    return async <T>(p: string): Promise<T> => {
      const res = await fetch(server.url + p, { headers: { cookie } });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
  };
  const asTalent = await apiAs('talent');
  const me = await asTalent<{ personId: string; cityCode: string }>('/api/auth/me');
  const profile = await asTalent<{ levels: { occupationCode: string; levelCode: string; levelName: string | null }[] }>(
    `/api/persons/${me.personId}/profile`,
  );
  const intention = await asTalent<{ homeCityCode: string }>('/api/me/intention');
  // The talent's highest skill level: the demand asks for it, so the talent ranks among the few
  // who meet it (candidates of equal score are ordered by id, which a fresh seed draws at random).
  const LADDER = ['JUNIOR', 'INTERMEDIATE', 'SENIOR', 'TECHNICIAN', 'SENIOR_TECHNICIAN'];
  const best = [...profile.levels]
    .filter((l) => LADDER.includes(l.levelCode))
    .sort((a, b) => LADDER.indexOf(b.levelCode) - LADDER.indexOf(a.levelCode))[0];
  const occupation = best?.occupationCode;
  if (!occupation || !best.levelName) throw new Error('the demo talent holds no skill level');
  const cityCode = intention.homeCityCode || me.cityCode;
  const cities = await asTalent<{ code: string; name: string }[]>('/api/reference/city');
  const cityName = cities.find((c) => c.code === cityCode)!.name;
  const personId = me.personId;
  const title = `数字化运维工程师（对接${Date.now().toString(36).slice(-4)}）`;
  const confirm = (page: Page) =>
    page.locator('.ant-popconfirm:visible .ant-popconfirm-buttons .ant-btn-primary').click();
  /** Types into an antd Select and picks the first option that shows `text`. */
  const pick = async (page: Page, testId: string, search: string, text = search) => {
    const select = page.getByTestId(testId);
    await select.click();
    await select.locator('input').first().fill(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  };

  // The enterprise posts the demand by the form and publishes it.
  let page = await signedIn('enterprise', { chinese: true });
  await page.getByTestId('menu-demands').click();
  await page.getByTestId('demands-table').waitFor({ timeout: 20_000 });
  await page.getByTestId('demand-new-button').click();
  await page.getByTestId('demand-form-title').fill(title);
  await pick(page, 'demand-form-occupation', occupation);
  await pick(page, 'demand-form-city', cityName);
  await page.getByTestId('demand-form-level').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${best.levelName}$`) })
    .first()
    .click();
  await page
    .getByTestId('demand-form-headcount')
    .locator('input')
    .or(page.locator('input[data-testid="demand-form-headcount"]'))
    .first()
    .fill('2');
  await page
    .getByTestId('demand-form-salary-min')
    .locator('input')
    .or(page.locator('input[data-testid="demand-form-salary-min"]'))
    .first()
    .fill('8000');
  await page
    .getByTestId('demand-form-salary-max')
    .locator('input')
    .or(page.locator('input[data-testid="demand-form-salary-max"]'))
    .first()
    .fill('15000');
  await page.getByTestId('demand-form-submit').click();
  await page.waitForURL(/\/matching\/demands\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const demandUrl = page.url();
  const demandId = demandUrl.split('/').pop()!;
  await page.locator('[data-testid="demand-status"][data-status="draft"]').waitFor({ timeout: 20_000 });
  await page.getByTestId(`demand-status-open-${demandId}`).click();
  await confirm(page);
  await page.locator('[data-testid="demand-status"][data-status="open"]').waitFor({ timeout: 20_000 });
  await page.goto(`${demandUrl}?limit=100`); // the top 100 of the ranking

  // Ranked candidates with reasons: the talent is among them, with the seven parts and a score.
  const row = page.getByTestId(`candidate-row-${personId}`);
  await row.waitFor({ timeout: 30_000 });
  const ranks = await page.locator('[data-testid="candidates-table"] tbody tr.ant-table-row').count();
  if (ranks < 1) throw new Error('no candidates');
  const parts = await page.locator(`[data-testid^="candidate-parts-${personId}-"]`).count();
  if (parts !== 7) throw new Error(`the talent's score shows ${parts} parts, not 7`);
  const occText = (await page.getByTestId(`candidate-parts-${personId}-occupation`).textContent()) ?? '';
  if (!/\d+(\.\d+)?\/\d+/.test(occText) || !/[\u4e00-\u9fa5]/.test(occText))
    throw new Error('the occupation part has no points or reason: ' + occText);
  const score = Number(((await page.getByTestId(`candidate-score-${personId}`).textContent()) ?? '').split('/')[0]);
  if (!(score > 0)) throw new Error('score ' + score);
  if ((await page.getByTestId(`candidate-name-${personId}`).getAttribute('data-masked')) !== 'true')
    throw new Error('the profile is not masked before the talent accepts');
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'matching-candidates.png'), fullPage: true });
  await page.getByTestId(`candidate-invite-${personId}`).click();
  await page.locator(`[data-testid="candidate-state-${personId}"][data-state="invited"]`).waitFor({ timeout: 20_000 });
  await page.close();

  // The talent accepts the invitation.
  page = await signedIn('talent');
  await page.getByTestId('menu-applications').click();
  const appRow = page.locator('[data-testid="applications-table"] tr[data-testid^="app-row-"]', { hasText: title });
  await appRow.waitFor({ timeout: 20_000 });
  const appId = ((await appRow.getAttribute('data-testid')) ?? '').replace('app-row-', '');
  await page.getByTestId(`app-action-accept-${appId}`).click();
  await confirm(page);
  await page.locator(`[data-testid="app-state-${appId}"][data-state="accepted"]`).waitFor({ timeout: 20_000 });
  await page.close();

  // The enterprise records 面试 → 发放录用 on the demand's page; the name is no longer masked.
  page = await signedIn('enterprise');
  await page.goto(demandUrl);
  let apps = page.getByTestId('demand-applications-table');
  await apps.waitFor({ timeout: 20_000 });
  for (const [action, state] of [
    ['interview', 'interviewing'],
    ['offer', 'offered'],
  ] as const) {
    await apps.getByTestId(`app-action-${action}-${appId}`).click();
    await confirm(page);
    await apps.locator(`[data-testid="app-state-${appId}"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
  }
  if ((await apps.getByTestId(`app-action-hire-${appId}`).count()) !== 0)
    throw new Error('确认入职 is offered before the talent accepted the offer');
  await page.close();

  // The talent accepts the offer (接受录用) on 对接进度.
  page = await signedIn('talent');
  await page.getByTestId('menu-applications').click();
  await page.getByTestId(`app-action-accept_offer-${appId}`).click();
  await confirm(page);
  await page.locator(`[data-testid="app-state-${appId}"][data-state="offer_accepted"]`).waitFor({ timeout: 20_000 });
  await page.close();

  // Back as the enterprise: 确认入职.
  page = await signedIn('enterprise');
  await page.goto(demandUrl);
  apps = page.getByTestId('demand-applications-table');
  await apps.waitFor({ timeout: 20_000 });
  await apps.getByTestId(`app-action-hire-${appId}`).click();
  await page.getByTestId(`app-confirm-hire-${appId}`).click();
  // The hire, or the server's Chinese reason why not (the hire writes the registry and refreshes
  // the index: generous on a loaded machine).
  await Promise.race([
    apps.locator(`[data-testid="app-state-${appId}"][data-state="hired"]`).waitFor({ timeout: 45_000 }),
    page
      .locator('.ant-message-error')
      .waitFor({ timeout: 45_000 })
      .then(async () => {
        throw new Error('hire refused: ' + (await page.locator('.ant-message-error').textContent()));
      }),
  ]);
  if ((await apps.getByTestId(`app-talent-${appId}`).getAttribute('data-masked')) !== 'false')
    throw new Error('the talent is still masked after accepting');
  await page.screenshot({ path: path.join(artifacts, 'matching-hired.png'), fullPage: true });

  // The hire is in the registry: the person's profile lists the post at this enterprise.
  await apps.getByTestId(`app-talent-${appId}`).click();
  await page.waitForURL(new RegExp(`/persons/${personId}$`), { timeout: 20_000 });
  const timeline = page.getByTestId('profile-timeline');
  await timeline.filter({ hasText: title }).waitFor({ timeout: 20_000 });
  await page.screenshot({ path: path.join(artifacts, 'matching-registry.png'), fullPage: true });
  await page.close();
}

await step(
  '对接专区: the enterprise posts a demand, invites a ranked candidate; the talent accepts contact and the offer; the hire is in the registry',
  () => matchingJourney(),
);

await step(
  '人岗适配度: the province runs the exact T5 assignment; the figure opens to the unfilled positions and their reasons',
  async () => {
    const page = await signedIn('province');
    await page.getByTestId('menu-fit').click();
    await page.getByTestId('fit-page').waitFor({ timeout: 20_000 });
    await page.getByTestId('fit-run').click();
    // The run is a job in a worker thread; the page follows it until the figure is there.
    await page.getByTestId('fit-figure').waitFor({ timeout: 120_000 });
    await page.getByTestId('fit-cities-table').waitFor({ timeout: 20_000 });
    const figure = (await page.getByTestId('fit-figure').textContent()) ?? '';
    if (!/\d/.test(figure)) throw new Error('T5 shows no figure: ' + figure);
    await page.screenshot({ path: path.join(artifacts, 'matching-fit.png'), fullPage: true });
    await page.getByTestId('fit-figure-drill').click();
    await page.getByTestId('fit-unfilled-table').waitFor({ timeout: 20_000 });
    await page.getByTestId('fit-shortages-table').waitFor({ timeout: 20_000 });
    await page.close();
  },
);

/**
 * 补贴 (issue 6): the provider records attendance and completes its demo class (the completion
 * credential goes into the registry); the trainee (the demo talent) claims the 培训补贴 — paid to the
 * person, so only the person submits it, with their own account; the 济南 city admin reviews
 * it (公示 starts; the demo policy's notice period is 0 days, so it ends the same day — no faked
 * clock); the province sees it in the public notice, approves it, puts it in a payment batch, pays,
 * and downloads the batch's 代发明细.
 */
async function subsidyJourney() {
  let page = await signedIn('provider', { chinese: true });
  await page.getByTestId('menu-training').click();
  // The demo class of the provider: a row of the training page, or a link on its programme's page.
  const classRow = page.locator('[data-testid^="training-class-row-"]').first();
  const programme = page.locator('[data-testid^="training-programme-link-"]', { hasText: '工业互联网平台应用实践' });
  await classRow.or(programme.first()).first().waitFor({ timeout: 20_000 });
  if ((await classRow.count()) > 0) {
    const link = classRow.locator('a');
    await ((await link.count()) > 0 ? link.first() : classRow).click();
  } else {
    await programme.first().click();
    await page.locator('[data-testid^="training-class-link-"]').first().click();
  }
  await page.waitForURL(/\/training\/classes\/[0-9a-f-]{36}/, { timeout: 20_000 });
  const results = page.locator('[data-testid^="completion-result-"]');
  await results.first().waitFor({ timeout: 20_000 });
  // The demo talent is enrolled first.
  const personId = ((await results.first().getAttribute('data-testid')) ?? '').replace('completion-result-', '');
  const result = page.getByTestId(`completion-result-${personId}`);
  if ((await result.getAttribute('data-status')) !== 'completed') {
    const sessions = await page.locator('[data-testid^="session-attendance-"]').count();
    if (sessions === 0) throw new Error('the class has no sessions');
    for (let i = 0; i < sessions; i++) {
      await page.getByTestId(`session-attendance-${i}`).click();
      const box = page.getByTestId(`attendance-check-${personId}`);
      await box.waitFor({ timeout: 10_000 });
      if (!(await box.isChecked())) await box.check();
      await page.getByTestId('attendance-save').click();
      await page
        .getByTestId(`session-attendance-${i}`)
        .filter({ hasText: /（[1-9]\d*）/ })
        .waitFor({ timeout: 20_000 });
    }
    const pass = page.getByTestId(`assessment-pass-${personId}`);
    if ((await pass.count()) > 0) await pass.click();
    // Complete only once the page shows the rule met (attendance and the saved assessment).
    await page.locator(`[data-testid="completion-result-${personId}"][data-eligible="true"]`).waitFor({
      timeout: 30_000,
    });
    await page.getByTestId('class-complete').click();
    await page.getByTestId('class-complete-confirm').click();
    await page.locator(`[data-testid="completion-result-${personId}"][data-status="completed"]`).waitFor({
      timeout: 30_000,
    });
  }
  await page.screenshot({ path: path.join(artifacts, 'subsidy-class-completed.png'), fullPage: true });
  await page.close();

  // 申领: the 培训补贴 is paid to the person, so the trainee (the demo talent) claims it with their own
  // bank account — a provider may not (payee rule); the completion is eligible, with its amount.
  page = await signedIn('talent');
  await page.goto(`${server.url}/subsidy/claims`);
  // Today's completion (Asia/Shanghai), not an older one of the same provider.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const eligibleRow = page.locator('[data-testid^="eligible-row-"]', { hasText: today }).first();
  await eligibleRow.waitFor({ timeout: 20_000 });
  await eligibleRow
    .locator('[data-testid^="eligible-amount-"]')
    .filter({ hasText: '600' })
    .waitFor({ timeout: 10_000 });
  await eligibleRow.locator('[data-testid^="eligible-claim-"]').click();
  await page.getByTestId('claim-bank-name').fill('中国工商银行济南分行');
  await page.getByTestId('claim-bank-account').fill('6222 0216 0001 2345 678');
  await page.getByTestId('claim-submit').click();
  const claimRow = page.locator('[data-testid^="claim-row-"]').first();
  await claimRow.waitFor({ timeout: 20_000 });
  const claimId = ((await claimRow.getAttribute('data-testid')) ?? '').replace('claim-row-', '');
  await page.getByTestId(`claim-status-${claimId}`).filter({ hasText: '待审核' }).waitFor({ timeout: 10_000 });
  if (!(await claimRow.textContent())?.includes('5678') || (await claimRow.textContent())?.includes('0216'))
    throw new Error('the bank account is not masked to its last four digits');
  await page.screenshot({ path: path.join(artifacts, 'subsidy-claimed.png'), fullPage: true });
  await page.close();

  // 审核: the city admin passes it; the 公示 starts.
  page = await signedIn('jinan');
  await page.getByTestId('menu-subsidyReview').click();
  await page.getByTestId(`review-pass-${claimId}`).click();
  await page.getByTestId(`claim-status-${claimId}`).filter({ hasText: '公示中' }).waitFor({ timeout: 20_000 });
  await page.close();

  // 公示 → 审批 → 拨付: the province sees it in the public notice, approves it, batches and pays it.
  page = await signedIn('province');
  await page.getByTestId('menu-subsidyNotices').click();
  await page.getByTestId(`notice-row-${claimId}`).waitFor({ timeout: 20_000 });
  await page.getByTestId('menu-subsidyApproval').click();
  await page.getByTestId(`approve-${claimId}`).click();
  await page.getByTestId(`approve-${claimId}`).waitFor({ state: 'detached', timeout: 20_000 });
  await page.getByTestId('menu-subsidyBatches').click();
  await page.getByTestId(`batch-select-${claimId}`).check();
  await page.getByTestId('batch-create').click();
  await page.getByTestId('batch-detail').waitFor({ timeout: 20_000 });
  await page.getByTestId('batch-pay').click();
  await page.getByTestId('batch-pay-confirm').click();
  await page.getByTestId('batch-status').filter({ hasText: '已拨付' }).waitFor({ timeout: 20_000 });
  await page.locator(`[data-testid="payment-status-${claimId}"][data-status="sent"]`).waitFor({ timeout: 10_000 });
  // the batch list counts the payment
  await page.locator('[data-testid^="batch-row-"]').first().filter({ hasText: '600' }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(artifacts, 'subsidy-paid.png'), fullPage: true });
  // 代发明细: the link the page offers downloads an .xlsx (a zip) with the session cookie.
  const href = await page.getByTestId('batch-payment-file').getAttribute('href');
  if (!href) throw new Error('no 代发明细 link');
  const file = await page.request.get(server.url + href);
  const body = await file.body();
  if (file.status() !== 200 || body.subarray(0, 2).toString() !== 'PK')
    throw new Error(`代发明细 download: ${file.status()} ${body.subarray(0, 80).toString()}`);
  await page.getByTestId('menu-subsidyLedger').click();
  await page.getByTestId('ledger-balanced').filter({ hasText: '平衡' }).waitFor({ timeout: 20_000 });
  await page.screenshot({ path: path.join(artifacts, 'subsidy-ledger.png'), fullPage: true });
  await page.close();
}

await step(
  '补贴: the provider records attendance, the class completes, the trainee claims, through 审核, 公示 and 审批 to a paid batch',
  () => subsidyJourney(),
);

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
