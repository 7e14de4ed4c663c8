/**
 * The registry's facts for the matching zone (like registry.indicators.ts for targets): bulk
 * talent facts for the index (valid credentials, employer chains), masked display data, current
 * employees, the credential version stamp, and the employment a hire writes inside the hire's
 * transaction (the caller audits it and refreshes the person's categories in the same
 * transaction). The registry owns these queries; matching calls them (docs/adr/0010-matching-index.md).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';

export interface TalentFacts {
  id: string;
  cityCode: string;
  quals: { occupation: string; level: string | null }[];
  chains: string[];
}

/** Persons (live records) with their valid occupation credentials and employer chains; all when ids is null. */
export async function talentFacts(db: DbOrTx, ids: string[] | null, today: string): Promise<TalentFacts[]> {
  const only = (col: string) => (ids ? sql`and ${sql.raw(col)} = any(${sql.param(ids)}::uuid[])` : sql``);
  const persons = await db.execute<{ id: string; city_code: string }>(
    sql`select id, city_code from person where merged_into is null ${only('id')} order by id`,
  );
  const creds = await db.execute<{ person_id: string; occupation_code: string; level_code: string | null }>(sql`
    select distinct person_id, occupation_code, level_code from credential c
    where superseded_at is null and occupation_code is not null and issued_on <= ${today}::date
      and (revoked_on is null or revoked_on > ${today}::date) and (expires_on is null or expires_on >= ${today}::date)
      ${only('c.person_id')}`);
  const chains = await db.execute<{ person_id: string; chains: string[] }>(sql`
    select e.person_id, array_agg(distinct ch) as chains
    from employment e join organisation o on o.id = e.org_id, unnest(o.industry_chains) ch
    where true ${only('e.person_id')}
    group by e.person_id`);
  const byId = new Map<string, TalentFacts>();
  for (const p of persons.rows) byId.set(p.id, { id: p.id, cityCode: p.city_code, quals: [], chains: [] });
  for (const c of creds.rows) byId.get(c.person_id)?.quals.push({ occupation: c.occupation_code, level: c.level_code });
  for (const c of chains.rows) {
    const t = byId.get(c.person_id);
    if (t) t.chains = c.chains;
  }
  return [...byId.values()];
}

export interface PersonBrief {
  id: string;
  name: string;
  gender: string;
  birthYear: number;
  cityCode: string;
  phoneEnc: string | null;
  /** The phone's last four digits (for the masked phone admins see). */
  phoneTail: string | null;
}

export async function personBriefs(db: DbOrTx, ids: string[]): Promise<Map<string, PersonBrief>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{
    id: string;
    name: string;
    gender: string;
    birth_date: string;
    city_code: string;
    phone_enc: string | null;
    phone_tail: string | null;
  }>(sql`select id, name, gender, birth_date::text, city_code, phone_enc, phone_tail from person
         where id = any(${sql.param(ids)}::uuid[]) and merged_into is null`);
  return new Map(
    r.rows.map((p) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        gender: p.gender,
        birthYear: Number(p.birth_date.slice(0, 4)),
        cityCode: p.city_code,
        phoneEnc: p.phone_enc,
        phoneTail: p.phone_tail,
      },
    ]),
  );
}

/** Which of these persons are current employees of the organisation. */
export async function currentEmployeesOf(db: DbOrTx, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await db.execute<{ person_id: string }>(sql`
    select distinct person_id from employment
    where org_id = ${orgId} and to_date is null and person_id = any(${sql.param(ids)}::uuid[])`);
  return new Set(r.rows.map((x) => x.person_id));
}

/** Current employees (person ids) of each organisation, for T5's own-employee rule. */
export async function currentEmployments(db: DbOrTx): Promise<{ personId: string; orgId: string }[]> {
  const r = await db.execute<{ person_id: string; org_id: string }>(
    sql`select person_id, org_id from employment where to_date is null`,
  );
  return r.rows.map((x) => ({ personId: x.person_id, orgId: x.org_id }));
}

/** The newest credential version (a monotone stamp: every issue, correction and revocation adds one). */
export async function credentialStamp(db: DbOrTx): Promise<number> {
  const r = await db.execute<{ v: string | null }>(sql`select max(version_id)::text as v from credential`);
  return Number(r.rows[0]?.v ?? 0);
}

/** Credential versions above a stamp (version id and person), in order: the changes since. */
export async function credentialVersionsAfter(
  db: DbOrTx,
  stamp: number,
  limit: number,
): Promise<{ versionId: number; personId: string }[]> {
  const r = await db.execute<{ version_id: string; person_id: string }>(
    sql`select version_id::text, person_id from credential where version_id > ${stamp} order by version_id limit ${limit}`,
  );
  return r.rows.map((x) => ({ versionId: Number(x.version_id), personId: x.person_id }));
}

/** The person is a current employee of the organisation (one open employment). */
export async function isCurrentEmployee(db: DbOrTx, orgId: string, personId: string): Promise<boolean> {
  return (await currentEmployeesOf(db, orgId, [personId])).has(personId);
}

/** The hire's employment, written in the hire's transaction (the caller audits and refreshes categories). */
export async function insertHireEmployment(
  tx: DbOrTx,
  v: {
    personId: string;
    orgId: string;
    post: string;
    isDigitalPost: boolean;
    occupationCode: string;
    fromDate: string;
  },
): Promise<{ id: string }> {
  const r = await tx.execute<{ id: string }>(sql`
    insert into employment (person_id, org_id, post, is_digital_post, occupation_code, from_date)
    values (${v.personId}, ${v.orgId}, ${v.post}, ${v.isDigitalPost}, ${v.occupationCode}, ${v.fromDate}::date)
    returning id`);
  return r.rows[0]!;
}
