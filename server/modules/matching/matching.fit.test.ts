import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { testAppWithJobs } from '../../kernel/imports/testing.js';
import { as, buildOrg, buildPerson, buildUser, type TestUser } from '../../test/factories.js';
import { verifyCertificate } from './assignment.js';
import { computeFit, eligibility, t5Figures } from './matching.fit.js';

/**
 * T5 on a small hand-built world (all talents hold 4-04-04-05 at JUNIOR, verified):
 *
 *   demand  city    occupation   headcount  requirements
 *   D1      370100  4-04-04-05   2          —                      (org E1)
 *   D2      370100  4-04-04-05   2          —
 *   D3      370200  4-04-04-05   2          —
 *   D4      370100  6-31-07-03   1          —                      (nobody holds it)
 *   D6      370100  4-04-04-05   1          TECHNICIAN, AI-01, AI-02 (every talent scores 53.33 < 60)
 *
 *   talent  home    open to work  note
 *   T1, T2  370100  yes
 *   T3      370100  no            employee of E1: counts for D1 only
 *   T4      370200  yes           willing to work in 370100
 *   T5      370200  yes
 *   T6      370100  no            not in the pool
 *
 * Edges: D1 {T1 T2 T3 T4}, D2 {T1 T2 T4}, D3 {T4 T5}, D4 ∅, D6 ∅. Five talents can fill at most
 * five of the eight positions, and five are reachable (D3 ← T4 T5, D1 ← T3 T1, D2 ← T2): 5/8.
 * 济南 (370100) alone: D1, D2 from {T1 T2 T3 T4} = 4 of 6 positions; 青岛 alone: 2 of 2.
 */
let t: Awaited<ReturnType<typeof testAppWithJobs>>;
let province: TestUser;
let cityAdmin: TestUser;
const ids: Record<string, string> = {};

async function credential(personId: string, orgId: string) {
  await t.database.pool.query(
    `insert into credential (credential_id, person_id, kind, number, issuer_org_id, issuer_name, occupation_code, level_code,
                             issued_on, recorded_at)
     values (gen_random_uuid(), $1, 'skill_cert', $2, $3, '测试发证机构', '4-04-04-05', 'JUNIOR', '2025-01-01', now() - interval '1 day')`,
    [personId, 'F' + randomBytes(6).toString('hex'), orgId],
  );
}

async function intention(personId: string, openToWork: boolean, cities: string[] = []) {
  await t.database.pool.query(`insert into talent_intention (person_id, open_to_work, cities) values ($1, $2, $3)`, [
    personId,
    openToWork,
    cities,
  ]);
}

async function demandOf(
  orgId: string,
  city: string,
  occ: string,
  headcount: number,
  extra: { minLevel?: string; required?: string[] } = {},
) {
  const r = await t.database.pool.query<{ id: string }>(
    `insert into demand (org_id, title, occupation_code, min_level, required_skills, city_code, headcount, status, opened_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'open', now() - interval '1 day') returning id`,
    [orgId, `岗位${occ}`, occ, extra.minLevel ?? null, extra.required ?? [], city, headcount],
  );
  return r.rows[0]!.id;
}

async function waitRun(user: TestUser, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await as(t, user, 'GET', `/api/jobs/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    const j = res.json();
    if (j.status === 'done' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('fit run did not finish');
}

beforeAll(async () => {
  t = await testAppWithJobs();
  province = await buildUser(t, { roles: ['province_admin'] });
  cityAdmin = await buildUser(t, { roles: ['city_admin'], cityCode: '370100' });
  const issuer = await buildOrg(t, { cityCode: '370100', kind: 'evaluation' });
  const e1 = await buildOrg(t, { cityCode: '370100' });
  const e2 = await buildOrg(t, { cityCode: '370100' });
  const e3 = await buildOrg(t, { cityCode: '370200' });
  ids.E1 = e1.id;
  const talent = async (
    name: string,
    city: string,
    open: boolean,
    o: { employer?: string; moveTo?: string[] } = {},
  ) => {
    const p = await buildPerson(t, { cityCode: city, employerOrgId: o.employer });
    await credential(p.id, issuer.id);
    await intention(p.id, open, o.moveTo ?? []);
    ids[name] = p.id;
  };
  await talent('T1', '370100', true);
  await talent('T2', '370100', true);
  await talent('T3', '370100', false, { employer: e1.id });
  await talent('T4', '370200', true, { moveTo: ['370100'] });
  await talent('T5', '370200', true);
  await talent('T6', '370100', false);
  ids.D1 = await demandOf(e1.id, '370100', '4-04-04-05', 2);
  ids.D2 = await demandOf(e2.id, '370100', '4-04-04-05', 2);
  ids.D3 = await demandOf(e3.id, '370200', '4-04-04-05', 2);
  ids.D4 = await demandOf(e2.id, '370100', '6-31-07-03', 1);
  ids.D6 = await demandOf(e2.id, '370100', '4-04-04-05', 1, { minLevel: 'TECHNICIAN', required: ['AI-01', 'AI-02'] });
}, 60_000);

/** Exhaustive maximum b-matching (each talent to at most one demand, demands up to capacity). */
function bruteForce(rows: number[][], caps: number[], nTalents: number): number {
  const adj: number[][] = Array.from({ length: nTalents }, () => []);
  rows.forEach((ts, d) => ts.forEach((x) => adj[x]!.push(d)));
  const load = caps.map(() => 0);
  const go = (i: number): number => {
    if (i === nTalents) return 0;
    let best = go(i + 1);
    for (const d of adj[i]!)
      if (load[d]! < caps[d]!) {
        load[d]!++;
        best = Math.max(best, 1 + go(i + 1));
        load[d]!--;
      }
    return best;
  };
  return go(0);
}

describe('T5 fit run', () => {
  it('computes the exact figure, equal to brute force, with a checked certificate', async () => {
    const m = t.services.matching;
    const [ix, policy, pool] = await Promise.all([m.index(), m.policy(), m.t5Pool()]);
    const orgs = new Map([[ids.D1!, ids.E1!]]);
    const fit = await computeFit(ix, policy, pool, (id) => orgs.get(id) ?? 'none');
    const e = fit.edges;
    const rowOf = (d: string) => e.demandIds.indexOf(ids[d]!);
    const talentsOf = (d: string) => {
      const r = rowOf(d);
      return [...e.talents.subarray(e.offsets[r]!, e.offsets[r + 1]!)].map((s) => ix.talentIdAt(s)).sort();
    };
    const names = (...ns: string[]) => ns.map((n) => ids[n]!).sort();
    expect(talentsOf('D1')).toEqual(names('T1', 'T2', 'T3', 'T4'));
    expect(talentsOf('D2')).toEqual(names('T1', 'T2', 'T4'));
    expect(talentsOf('D3')).toEqual(names('T4', 'T5'));
    expect(talentsOf('D4')).toEqual([]);
    expect(talentsOf('D6')).toEqual([]);
    expect(fit.province.positions).toBe(8);
    expect(fit.province.matched).toBe(5);
    expect(fit.certificateOk).toBe(true);
    expect(verifyCertificate(e, fit.province)).toEqual({ ok: true });
    // A cover that misses an edge is refused.
    const broken = {
      ...fit.province,
      certificate: { ...fit.province.certificate, talentInCover: new Uint8Array(e.nTalents) },
    };
    broken.certificate.demandInCover = new Uint8Array(e.demandIds.length);
    expect(verifyCertificate(e, broken).ok).toBe(false);
    const rows = e.demandIds.map((_, r) => [...e.talents.subarray(e.offsets[r]!, e.offsets[r + 1]!)]);
    expect(bruteForce(rows, [...e.capacities], e.nTalents)).toBe(5);
    expect(fit.cities.get('370100')).toEqual({ positions: 6, filled: 4 });
    expect(fit.cities.get('370200')).toEqual({ positions: 2, filled: 2 });
    // The pool rule: T3 counts only for its employer's demand, T6 for none.
    const ok = eligibility(pool, (id) => orgs.get(id));
    expect(ok(ix.getDemand(ids.D1!)!, ix.getTalent(ids.T3!)!)).toBe(true);
    expect(ok(ix.getDemand(ids.D2!)!, ix.getTalent(ids.T3!)!)).toBe(false);
    expect(ok(ix.getDemand(ids.D1!)!, ix.getTalent(ids.T6!)!)).toBe(false);
  });

  it('has no figure before a run: T5 not computed, reads empty', async () => {
    expect((await t5Figures(t.database.db, '2026-11-30')).size).toBe(0);
    const view = await as(t, province, 'GET', '/api/matching/fit');
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ run: null, province: null, cities: [] });
  });

  it('runs as a job, stores the run, and serves the figures, drill-down and shortages', async () => {
    const refused = await as(t, province, 'POST', '/api/matching/fit/runs', { asOf: '2026-11-01' });
    expect(refused.statusCode).toBe(400);
    expect((await as(t, cityAdmin, 'POST', '/api/matching/fit/runs', {})).statusCode).toBe(403);
    const res = await as(t, province, 'POST', '/api/matching/fit/runs', {});
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().status).toBe('pending');
    const job = await waitRun(province, res.json().jobId);
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect(job.result).toMatchObject({ positions: 8, filled: 5, share: 0.625, certificateOk: true });

    const view = (await as(t, province, 'GET', '/api/matching/fit')).json();
    expect(view.run).toMatchObject({
      status: 'done',
      asOf: '2026-11-30',
      threshold: 60,
      certificateOk: true,
      demands: 5,
    });
    expect(view.run.edges).toBe(9);
    expect(view.run.talents).toBe(5);
    expect(view.province).toEqual({ positions: 8, filled: 5, share: 0.625 });
    expect(
      view.cities.map((c: { cityCode: string; filled: number; positions: number }) => [
        c.cityCode,
        c.filled,
        c.positions,
      ]),
    ).toEqual([
      ['370100', 4, 6],
      ['370200', 2, 2],
    ]);
    const cityView = (await as(t, cityAdmin, 'GET', '/api/matching/fit')).json();
    expect(cityView.cities).toHaveLength(1);
    expect(cityView.cities[0]).toMatchObject({ cityCode: '370100', share: 0.6667 });

    // Province drill-down: 3 unfilled positions; D4 has no candidate, D6's candidates miss level and skills.
    const un = (await as(t, province, 'GET', '/api/matching/fit/unfilled')).json();
    expect(un.assignment).toBe('province');
    expect(un.items.reduce((s: number, i: { unfilled: number }) => s + i.unfilled, 0)).toBe(3);
    const byId = new Map(un.items.map((i: { demandId: string }) => [i.demandId, i]));
    expect((byId.get(ids.D4) as { reasons: { key: string }[] }).reasons.map((r) => r.key)).toEqual(['no_candidate']);
    const d6 = byId.get(ids.D6) as { reasons: { key: string; count: number; label: string }[]; candidates: number };
    expect(d6.candidates).toBe(0);
    expect(d6.reasons.slice(0, 3).map((r) => [r.key, r.count])).toEqual([
      ['level', 6],
      ['required_skill:AI-01', 6],
      ['required_skill:AI-02', 6],
    ]);
    expect(d6.reasons[1]!.label).toBe('缺必备技能：数据标注与质检');
    // The third unfilled position belongs to a demand whose qualifying candidates are all taken.
    const other = un.items.find((i: { demandId: string }) => i.demandId !== ids.D4 && i.demandId !== ids.D6);
    expect(other.reasons[0]).toMatchObject({ key: 'taken' });

    // City drill-down (the city's own assignment): only D4 and D6 are short in 济南.
    const cityUn = (await as(t, cityAdmin, 'GET', '/api/matching/fit/unfilled?city=370200')).statusCode;
    expect(cityUn).toBe(404);
    const jn = (await as(t, cityAdmin, 'GET', '/api/matching/fit/unfilled')).json();
    expect(jn.assignment).toBe('city');
    expect(jn.items.map((i: { demandId: string }) => i.demandId).sort()).toEqual([ids.D4, ids.D6].sort());

    const sh = (await as(t, province, 'GET', '/api/matching/fit/shortages')).json();
    const occ = sh.items.find((i: { occupationCode: string; cityCode: string }) => i.occupationCode === '6-31-07-03');
    expect(occ).toMatchObject({ cityCode: '370100', demands: 1, unfilled: 1, occupationName: '工业机器人系统操作员' });
    expect(sh.items.reduce((s: number, i: { unfilled: number }) => s + i.unfilled, 0)).toBe(3);

    // The run is audited with its request.
    const audit = await t.database.pool.query(`select 1 from audit_log where action = 'fit.run_request'`);
    expect(audit.rowCount).toBe(1);
  }, 60_000);

  it('registers T5: the stored run reaches the targets dashboard after a rollup refresh', async () => {
    expect((await t5Figures(t.database.db, '2026-11-29')).size).toBe(0); // no run on or before that day
    const f = await t5Figures(t.database.db, '2026-12-31');
    expect(f.get('370000')).toBe(0.625);
    await t.services.targets.refreshRollups();
    const dash = (await as(t, province, 'GET', '/api/targets/dashboard?year=2026')).json();
    const t5 = dash.indicators.find((i: { id: string }) => i.id === 'T5');
    expect(t5.hasSource).toBe(true);
    expect(t5.actual).toMatchObject({ status: 'ok', value: 0.625 });
    const cityDash = (await as(t, cityAdmin, 'GET', '/api/targets/dashboard?year=2026')).json();
    expect(cityDash.indicators.find((i: { id: string }) => i.id === 'T5').actual).toMatchObject({
      status: 'ok',
      value: 0.6667,
    });
  });
});
