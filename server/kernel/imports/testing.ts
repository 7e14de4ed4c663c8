/**
 * Test helpers for imports: an app whose job queue runs (testApp's does not), files built
 * in the test (exceljs / iconv-lite), multipart bodies, and waiting for a batch.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, expect } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppServices } from '../../app.js';
import { createPiiCrypto, type PiiCrypto } from '../crypto/pii.js';
import { createJobs, type Jobs } from '../jobs/jobs.js';
import { freshDatabase } from '../../test/db.js';
import { fakeClock, fakeSms } from '../../test/app.js';

/** Like testApp(), with a started job queue (import validation and commit run as jobs). */
export async function testAppWithJobs(
  opts: {
    extraRoutes?: (app: FastifyInstance, s: AppServices, x: { jobs: Jobs; crypto: PiiCrypto }) => Promise<void>;
  } = {},
) {
  const database = await freshDatabase();
  const sms = fakeSms();
  const clock = fakeClock();
  const crypto = createPiiCrypto({ dataKey: randomBytes(32), indexKey: randomBytes(32) });
  const jobs = createJobs({ db: database.db, connectionString: database.url });
  const app = await buildApp({
    db: database.db,
    crypto,
    sms: sms.sender,
    clock: clock.now,
    jobs,
    logLevel: 'silent',
    rateLimit: { max: 100_000, auth: 100_000 },
    extraRoutes: opts.extraRoutes ? (a, s) => opts.extraRoutes!(a, s, { jobs, crypto }) : undefined,
  });
  await app.ready();
  await jobs.start();
  afterAll(() => jobs.stop());
  return { app, database, sms, clock, crypto, services: app.services, jobs };
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipart(fileName: string, data: Buffer, field = 'file') {
  const boundary = '----jx' + randomBytes(8).toString('hex');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** An .xlsx with one sheet of these rows (row 1 = header), optionally merged ranges and date cells. */
export async function xlsxOf(
  rows: unknown[][],
  opts: { merges?: string[]; sheetName?: string; dateFormat?: boolean } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? 'Sheet1');
  for (const r of rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV of these rows in UTF-8 (with or without BOM) or GBK. */
export function csvOf(rows: (string | number)[][], encoding: 'utf-8' | 'utf-8-bom' | 'gbk'): Buffer {
  const text =
    rows
      .map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(','))
      .join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([
    encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
    Buffer.from(text),
  ]);
}

/** Reads an .xlsx (result files, templates) into row arrays of cell values (column A = index 0). */
export async function readXlsx(data: Buffer | string, sheet?: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  const buf = typeof data === 'string' ? Buffer.from(data, 'binary') : data;
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1);
  });
  return out;
}

type Injectable = { app: { inject: FastifyInstance['inject'] } };

export function uploadFile(t: Injectable, user: { cookie: string }, entity: string, fileName: string, data: Buffer) {
  const m = multipart(fileName, data);
  return t.app.inject({
    method: 'POST',
    url: `/api/imports/${entity}`,
    headers: { ...m.headers, cookie: user.cookie },
    payload: m.payload,
  });
}

/** Polls a batch until `done` holds (default: validation or commit finished). */
export async function waitForBatch(
  t: Injectable,
  user: { cookie: string },
  entity: string,
  id: string,
  done: (b: { status: string }) => boolean = (b) => !['uploaded', 'validating', 'committing'].includes(b.status),
) {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${entity}/batches/${id}`,
      headers: { cookie: user.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    if (done(b)) return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`batch ${id} did not finish`);
}

/** Upload, wait for validation; returns the validated (or rejected) batch. */
export async function uploadAndValidate(
  t: Injectable,
  user: { cookie: string },
  entity: string,
  fileName: string,
  data: Buffer,
) {
  const res = await uploadFile(t, user, entity, fileName, data);
  expect(res.statusCode, res.body).toBe(201);
  return waitForBatch(t, user, entity, res.json().id);
}

/** Commit and wait for the outcome. */
export async function commitAndWait(
  t: Injectable,
  user: { cookie: string },
  entity: string,
  id: string,
  mode: 'all_or_nothing' | 'valid_only',
) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${entity}/batches/${id}/commit`,
    headers: { cookie: user.cookie },
    payload: { mode },
  });
  expect(res.statusCode, res.body).toBe(200);
  return waitForBatch(t, user, entity, id);
}
