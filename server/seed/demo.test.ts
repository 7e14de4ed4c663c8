import { execFileSync } from 'node:child_process';
import { describe, expect, it, beforeAll } from 'vitest';
import { testApp, type TestApp } from '../test/app.js';
import { seedDemo, type DemoResult } from './demo.js';
import { systemActor } from '../kernel/audit/audit.js';
import { parseIdCard } from '../kernel/validation/id-card.js';
import { parseUscc } from '../kernel/validation/uscc.js';
import { shanghaiDate } from '../kernel/time.js';
import { as, buildUser } from '../test/factories.js';
import ExcelJS from 'exceljs';
import type { IndicatorMeta } from '../../contracts/targets.js';
import type { z } from 'zod';

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await testApp();
  demo = await seedDemo(t.database.db, t.services, { scale: 'small', withAccounts: true });
}, 120_000);

/** The server's major version, and pg_dump's (Debian's client may be older than the embedded server). */
function versions(serverNum: number): { server: number; dump: number | null } {
  try {
    const out = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' });
    return { server: Math.floor(serverNum / 10000), dump: Number(/(\d+)\.\d+/.exec(out)?.[1]) };
  } catch {
    return { server: Math.floor(serverNum / 10000), dump: null };
  }
}

/**
 * A dump of the whole database as text. With a pg_dump at least as new as the server (CI's
 * PostgreSQL 15 run) it is a real `pg_dump`; against the newer embedded server it is every
 * table of every schema through COPY, which is the data a pg_dump would carry.
 */
async function dumpDatabase(): Promise<{ text: string; how: string }> {
  const { rows } = await t.database.pool.query<{ v: string }>('show server_version_num');
  const v = versions(Number(rows[0]!.v));
  if (v.dump !== null && v.dump >= v.server) {
    return {
      text: execFileSync('pg_dump', ['--no-owner', t.database.url], { encoding: 'utf8', maxBuffer: 1 << 30 }),
      how: 'pg_dump',
    };
  }
  const tables = await t.database.pool.query<{ s: string; n: string }>(
    `select table_schema as s, table_name as n from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const tb of tables.rows) {
    const r = await t.database.pool.query(`select * from "${tb.s}"."${tb.n}"`);
    parts.push(`-- ${tb.s}.${tb.n}\n` + JSON.stringify(r.rows));
  }
  return { text: parts.join('\n'), how: 'copy' };
}

describe('the demo province', () => {
  it('has the 16 cities, valid synthetic identifiers and the expected size', async () => {
    expect(demo.persons).toBe(20_000);
    const byCity = await t.database.pool.query<{ city_code: string }>('select distinct city_code from person');
    expect(byCity.rows.length).toBe(16);
    for (const id of demo.sample.idNumbers) {
      const p = parseIdCard(id);
      expect(p.ok).toBe(true);
      expect(Number(id.slice(4, 6))).toBeGreaterThanOrEqual(90); // districts 90–99 do not exist: no real person
    }
    const orgs = await t.database.pool.query<{ uscc: string }>('select uscc from organisation');
    expect(orgs.rows.every((o) => parseUscc(o.uscc).ok)).toBe(true);
    expect(demo.accounts.map((a) => a.role).sort()).toEqual(
      [
        'audit_admin',
        'city_admin',
        'city_admin',
        'enterprise',
        'evaluator',
        'province_admin',
        'provider',
        'security_admin',
        'system_admin',
        'talent',
      ].sort(),
    );
  });

  it('is deterministic: the same seed gives the same people', async () => {
    const t2 = await testApp();
    const again = await seedDemo(t2.database.db, t2.services, { scale: 'small', withAccounts: false });
    expect(again.sample).toEqual(demo.sample);
  }, 120_000);

  it('a dump of the database contains no ID number or phone in plain text', async () => {
    const { text } = await dumpDatabase();
    expect(text.length).toBeGreaterThan(1_000_000);
    // The dump does contain the people (their names), so the search is meaningful.
    const name = (await t.database.pool.query<{ name: string }>('select name from person limit 1')).rows[0]!.name;
    expect(text).toContain(name);
    for (const id of demo.sample.idNumbers) expect(text.includes(id)).toBe(false);
    for (const phone of demo.sample.phones) expect(text.includes(phone)).toBe(false);
    // …and decrypting gives them back, so they are stored, not lost.
    const row = (await t.database.pool.query<{ e: string }>('select id_number_enc as e from person')).rows;
    const clear = new Set(row.map((r) => t.crypto.decrypt(r.e)));
    for (const id of demo.sample.idNumbers) expect(clear.has(id)).toBe(true);
  }, 120_000);
});

/** T1–T4 per city on a day, written from the definitions in SPEC.md in plain SQL — not from the registry's or targets' code. */
async function recount(day: string) {
  return (
    await t.database.pool.query<{ city: string; t1: number; t2: number; t3: number; t4: number }>(
      `with valid as (
       select c.* from credential c
       where c.superseded_at is null and c.issued_on <= $1::date
         and (c.revoked_on is null or c.revoked_on > $1::date)
         and (c.expires_on is null or c.expires_on >= $1::date)),
     digital_occ as (select code from reference_item where kind = 'occupation' and valid_to is null and attrs->>'digital' = 'true'),
     t1 as (select distinct person_id from valid
            where kind = 'digital_engineer'
               or (kind = 'skill_cert' and occupation_code in (select code from digital_occ))
               or (kind = 'training_completion' and (digital or occupation_code in (select code from digital_occ)))),
     leaders as (select distinct person_id from valid where kind = 'designation' and field = 'LEADER'),
     t3 as (select distinct person_id from valid where kind = 'skill_cert' and occupation_code = '4-04-04-05'),
     t4 as (select distinct person_id from valid where kind = 'digital_engineer')
     select p.city_code as city,
       (select count(*) from t1 where t1.person_id in (select id from person where city_code = p.city_code))::int as t1,
       (select count(*) from t1 join leaders using (person_id) where t1.person_id in (select id from person where city_code = p.city_code))::int as t2,
       (select count(*) from t3 where t3.person_id in (select id from person where city_code = p.city_code))::int as t3,
       (select count(*) from t4 where t4.person_id in (select id from person where city_code = p.city_code))::int as t4
     from (select distinct city_code from person) p order by 1`,
      [day],
    )
  ).rows;
}

describe('T1–T4 on the generated province', () => {
  it('agree with an independent recount in plain SQL, for every city, on several days', async () => {
    const province = { ...systemActor('recount'), roles: ['province_admin'] };
    for (const day of ['2019-12-31', '2024-06-30', '2026-11-30']) {
      const viaService = await t.services.credentials.countsByCity(province, { asOf: day });
      const rows = await recount(day);
      const byCity = new Map(viaService.map((r) => [r.cityCode, r]));
      expect(rows.length).toBe(16);
      for (const r of rows) {
        const s = byCity.get(r.city) ?? { t1: 0, t2: 0, t3: 0, t4: 0 };
        expect({ day, city: r.city, t1: s.t1, t2: s.t2, t3: s.t3, t4: s.t4 }).toEqual({
          day,
          city: r.city,
          t1: r.t1,
          t2: r.t2,
          t3: r.t3,
          t4: r.t4,
        });
      }
      if (day === '2026-11-30') expect(rows.reduce((a, r) => a + r.t1, 0)).toBeGreaterThan(5000);
    }
  }, 120_000);
});

describe('the targets dashboard on the generated province', () => {
  it('shows, for every city, T1–T4 equal to the independent recount', async () => {
    await t.services.targets.refreshRollups();
    const province = await buildUser(t, { roles: ['province_admin'] });
    const cityAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
    const day = shanghaiDate(t.clock.now());
    const rows = await recount(day);
    expect(rows.length).toBe(16);
    for (const id of ['T1', 'T2', 'T3', 'T4'] as const) {
      const res = await as(t, province, 'GET', `/api/targets/cities?indicator=${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const ranking = res.json() as {
        province: { actual: { status: string; value?: number; asOf?: string } };
        cities: { cityCode: string; actual: { status: string; value?: number; asOf?: string } }[];
      };
      const key = id.toLowerCase() as 't1' | 't2' | 't3' | 't4';
      for (const r of rows) {
        const shown = ranking.cities.find((c) => c.cityCode === r.city)!.actual;
        expect({ id, city: r.city, asOf: shown.asOf, value: shown.value }).toEqual({
          id,
          city: r.city,
          asOf: day,
          value: r[key],
        });
      }
      expect(ranking.province.actual.value).toBe(rows.reduce((a, r) => a + r[key], 0));
      // The drill-down behind each figure lists exactly that many people (the province and two cities).
      const total = async (u: typeof province, city?: string) => {
        const q = city ? `&city=${city}` : '';
        const res = await as(t, u, 'GET', `/api/targets/${id}/persons?page=1&pageSize=5${q}`);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { total: number }).total;
      };
      expect(await total(province)).toBe(ranking.province.actual.value);
      for (const r of rows.slice(0, 2)) expect(await total(province, r.city)).toBe(r[key]);
      expect(await total(cityAdmin)).toBe(rows.find((r) => r.city === '370100')![key]);
      // …and its export (the owning module's masked .xlsx) carries the same people.
      const meta = (
        (await as(t, province, 'GET', '/api/targets/indicators')).json() as z.infer<typeof IndicatorMeta>[]
      ).find((m) => m.id === id)!;
      const xlsx = await as(t, cityAdmin, 'GET', `${meta.exportPath}&cityCode=370100`);
      expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.actualRowCount - 1).toBe(rows.find((r) => r.city === '370100')![key]);
      // The province dashboard's card carries the same figure.
      const dash = (await as(t, province, 'GET', '/api/targets/dashboard')).json() as {
        indicators: { id: string; actual: { value?: number } }[];
      };
      expect(dash.indicators.find((c) => c.id === id)!.actual.value).toBe(ranking.province.actual.value);
    }
  }, 120_000);
});

describe('the matching zone of the demo province', () => {
  it('has open demands with ranked candidates, and the demo talent can be recruited by the demo enterprise', async () => {
    const province = await buildUser(t, { roles: ['province_admin'] });
    const open = await as(t, province, 'GET', '/api/demands?status=open&page=1&pageSize=5');
    expect(open.statusCode, open.body).toBe(200);
    const page = open.json() as { items: { id: string }[]; total: number };
    expect(page.total).toBeGreaterThan(100);
    const cands = await as(t, province, 'GET', `/api/demands/${page.items[0]!.id}/candidates?limit=5`);
    expect(cands.statusCode, cands.body).toBe(200);
    // The demo talent can be recruited by the demo enterprise (not already on its staff).
    const { rows } = await t.database.pool.query<{ n: number }>(
      `select count(*)::int as n from app_user u join app_user e on e.username = 'enterprise'
       join employment m on m.person_id = u.person_id and m.org_id = e.org_id and m.to_date is null
       where u.username = 'talent'`,
    );
    expect(rows[0]!.n).toBe(0);
  }, 60_000);
});
