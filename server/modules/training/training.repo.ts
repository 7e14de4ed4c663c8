import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.js';
import { organisation } from '../../kernel/auth/auth.schema.js';
import type { Actor } from '../../kernel/audit/audit.js';
import { scopeFilter } from '../../kernel/auth/scope.js';
import type { ProgrammeType } from '../../../contracts/training.js';
import {
  enterpriseTrainingReport,
  trainingAttendance,
  trainingClass,
  trainingEnrolment,
  trainingLesson,
  trainingLessonOpen,
  trainingLessonProgress,
  trainingProgramme,
  trainingSession,
} from './training.schema.js';

export type ProgrammeDb = typeof trainingProgramme.$inferSelect;
export type ClassDb = typeof trainingClass.$inferSelect;
export type SessionDb = typeof trainingSession.$inferSelect;
export type EnrolmentDb = typeof trainingEnrolment.$inferSelect;
export type ReportDb = typeof enterpriseTrainingReport.$inferSelect;
export type LessonMetaDb = Omit<typeof trainingLesson.$inferSelect, 'data'>;

const P = trainingProgramme;
const C = trainingClass;
const S = trainingSession;
const E = trainingEnrolment;
const A = trainingAttendance;
const L = trainingLesson;
const LP = trainingLessonProgress;
const LO = trainingLessonOpen;
const R = enterpriseTrainingReport;

// ---------------------------------------------------------------- programmes

const programmeCols = {
  p: P,
  orgName: organisation.name,
  classes: sql<number>`(select count(*)::int from training_class c where c.programme_id = training_programme.id)`,
};
export type ProgrammeRow = { p: ProgrammeDb; orgName: string | null; classes: number };

export async function insertProgramme(tx: DbOrTx, v: typeof P.$inferInsert): Promise<ProgrammeDb> {
  const [row] = await tx.insert(P).values(v).returning();
  return row!;
}

export async function getProgramme(db: DbOrTx, id: string): Promise<ProgrammeRow | undefined> {
  const [row] = await db
    .select(programmeCols)
    .from(P)
    .leftJoin(organisation, eq(organisation.id, P.orgId))
    .where(eq(P.id, id));
  return row;
}

/**
 * Programmes in the actor's reach (its organisation, its city, the province; a talent: the
 * programmes they are enrolled in), newest first.
 */
export async function listProgrammes(
  db: DbOrTx,
  actor: Actor,
  o: { type?: ProgrammeType; limit: number; offset: number },
): Promise<{ items: ProgrammeRow[]; total: number }> {
  const base = scopeFilter(actor, { city: P.cityCode, org: P.orgId });
  const scope = actor.personId ? sql`(${base} or ${programmeOfPerson(actor.personId)})` : base;
  const where = and(scope, o.type ? eq(P.type, o.type) : undefined);
  const [items, [t]] = await Promise.all([
    db
      .select(programmeCols)
      .from(P)
      .leftJoin(organisation, eq(organisation.id, P.orgId))
      .where(where)
      .orderBy(desc(P.createdAt), asc(P.id))
      .limit(o.limit)
      .offset(o.offset),
    db.select({ n: count() }).from(P).where(where),
  ]);
  return { items, total: t?.n ?? 0 };
}

/** Persons' programmes: those with an enrolment of the person (a talent's training.read). */
const programmeOfPerson = (personId: string): SQL =>
  sql`exists (select 1 from training_class c join training_enrolment e on e.class_id = c.id where c.programme_id = training_programme.id and e.person_id = ${personId})`;

/** Cloud courses (云课堂) with their lesson count and minutes, and the person's enrolment id. */
export async function cloudCatalogue(db: DbOrTx, personId: string | null) {
  return db
    .select({
      ...programmeCols,
      lessonCount: sql<number>`(select count(*)::int from training_lesson l where l.programme_id = training_programme.id)`,
      minutes: sql<number>`(select coalesce(sum(l.minutes), 0)::int from training_lesson l where l.programme_id = training_programme.id)`,
      enrolmentId: personId
        ? sql<
            string | null
          >`(select e.id from training_enrolment e join training_class c on c.id = e.class_id where c.programme_id = training_programme.id and e.person_id = ${personId} limit 1)`
        : sql<string | null>`null`,
    })
    .from(P)
    .leftJoin(organisation, eq(organisation.id, P.orgId))
    .where(eq(P.type, 'cloud'))
    .orderBy(desc(P.createdAt), asc(P.id));
}

// ---------------------------------------------------------------- classes

const classCols = {
  c: C,
  enrolled: sql<number>`(select count(*)::int from training_enrolment e where e.class_id = training_class.id)`,
  sessions: sql<number>`(select count(*)::int from training_session s where s.class_id = training_class.id)`,
};
export type ClassRow = { c: ClassDb; enrolled: number; sessions: number };

export async function insertClass(tx: DbOrTx, v: typeof C.$inferInsert): Promise<ClassDb> {
  const [row] = await tx.insert(C).values(v).returning();
  return row!;
}

export async function getClass(db: DbOrTx, id: string, lock = false): Promise<ClassDb | undefined> {
  const q = db.select().from(C).where(eq(C.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function classRow(db: DbOrTx, id: string): Promise<ClassRow | undefined> {
  const [row] = await db.select(classCols).from(C).where(eq(C.id, id));
  return row;
}

export function classesOf(db: DbOrTx, programmeId: string): Promise<ClassRow[]> {
  return db.select(classCols).from(C).where(eq(C.programmeId, programmeId)).orderBy(asc(C.createdAt), asc(C.id));
}

export async function updateClass(tx: DbOrTx, id: string, patch: Partial<typeof C.$inferInsert>): Promise<ClassDb> {
  const [row] = await tx.update(C).set(patch).where(eq(C.id, id)).returning();
  return row!;
}

// ---------------------------------------------------------------- sessions

export function sessionsOf(db: DbOrTx, classIds: string[]): Promise<SessionDb[]> {
  if (!classIds.length) return Promise.resolve([]);
  return db.select().from(S).where(inArray(S.classId, classIds)).orderBy(asc(S.classId), asc(S.seq));
}

export async function getSession(db: DbOrTx, id: string): Promise<SessionDb | undefined> {
  const [row] = await db.select().from(S).where(eq(S.id, id));
  return row;
}

export async function nextSessionSeq(tx: DbOrTx, classId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${S.seq}), 0)::int` })
    .from(S)
    .where(eq(S.classId, classId));
  return (row?.n ?? 0) + 1;
}

export async function insertSessions(tx: DbOrTx, rows: (typeof S.$inferInsert)[]): Promise<SessionDb[]> {
  if (!rows.length) return [];
  return tx.insert(S).values(rows).returning();
}

// ---------------------------------------------------------------- enrolments

export async function countEnrolments(tx: DbOrTx, classId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(E).where(eq(E.classId, classId));
  return row?.n ?? 0;
}

/** The new enrolment, or undefined when the person is already enrolled (the unique constraint). */
export async function insertEnrolment(tx: DbOrTx, v: typeof E.$inferInsert): Promise<EnrolmentDb | undefined> {
  const [row] = await tx
    .insert(E)
    .values(v)
    .onConflictDoNothing({ target: [E.classId, E.personId] })
    .returning();
  return row;
}

export function enrolmentsOf(db: DbOrTx, classId: string): Promise<EnrolmentDb[]> {
  return db.select().from(E).where(eq(E.classId, classId)).orderBy(asc(E.enrolledAt), asc(E.id));
}

export async function getEnrolment(db: DbOrTx, id: string, lock = false): Promise<EnrolmentDb | undefined> {
  const q = db.select().from(E).where(eq(E.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function enrolmentOfPerson(db: DbOrTx, classId: string, personId: string) {
  const [row] = await db
    .select()
    .from(E)
    .where(and(eq(E.classId, classId), eq(E.personId, personId)));
  return row;
}

export function enrolmentsOfPerson(db: DbOrTx, personId: string): Promise<EnrolmentDb[]> {
  return db.select().from(E).where(eq(E.personId, personId)).orderBy(desc(E.enrolledAt), asc(E.id));
}

export async function updateEnrolment(
  tx: DbOrTx,
  id: string,
  patch: Partial<typeof E.$inferInsert>,
  expected?: EnrolmentDb['status'],
): Promise<EnrolmentDb | undefined> {
  const [row] = await tx
    .update(E)
    .set(patch)
    .where(and(eq(E.id, id), expected ? eq(E.status, expected) : undefined))
    .returning();
  return row;
}

// ---------------------------------------------------------------- attendance

export function attendanceOf(db: DbOrTx, enrolmentIds: string[]) {
  if (!enrolmentIds.length) return Promise.resolve([]);
  return db
    .select({ sessionId: A.sessionId, enrolmentId: A.enrolmentId, method: A.method })
    .from(A)
    .where(inArray(A.enrolmentId, enrolmentIds));
}

export async function markPresent(tx: DbOrTx, rows: (typeof A.$inferInsert)[]): Promise<number> {
  if (!rows.length) return 0;
  const res = await tx.insert(A).values(rows).onConflictDoNothing().returning({ s: A.sessionId });
  return res.length;
}

export async function markAbsent(tx: DbOrTx, sessionId: string, enrolmentIds: string[]): Promise<number> {
  if (!enrolmentIds.length) return 0;
  const res = await tx
    .delete(A)
    .where(and(eq(A.sessionId, sessionId), inArray(A.enrolmentId, enrolmentIds)))
    .returning({ s: A.sessionId });
  return res.length;
}

// ---------------------------------------------------------------- lessons and progress

const lessonMeta = {
  id: L.id,
  programmeId: L.programmeId,
  seq: L.seq,
  title: L.title,
  minutes: L.minutes,
  url: L.url,
  fileName: L.fileName,
  contentType: L.contentType,
  bytes: L.bytes,
  sha256: L.sha256,
  createdAt: L.createdAt,
};

export function lessonsOf(db: DbOrTx, programmeIds: string[]): Promise<LessonMetaDb[]> {
  if (!programmeIds.length) return Promise.resolve([]);
  return db
    .select(lessonMeta)
    .from(L)
    .where(inArray(L.programmeId, programmeIds))
    .orderBy(asc(L.programmeId), asc(L.seq));
}

export async function getLesson(db: DbOrTx, id: string): Promise<LessonMetaDb | undefined> {
  const [row] = await db.select(lessonMeta).from(L).where(eq(L.id, id));
  return row;
}

export async function lessonData(db: DbOrTx, id: string): Promise<Buffer | null | undefined> {
  const [row] = await db.select({ data: L.data }).from(L).where(eq(L.id, id));
  return row?.data;
}

export async function insertLesson(tx: DbOrTx, v: Omit<typeof L.$inferInsert, 'seq'>): Promise<LessonMetaDb> {
  const [row] = await tx
    .insert(L)
    .values({
      ...v,
      seq: sql`(select coalesce(max(l.seq), 0) + 1 from training_lesson l where l.programme_id = ${v.programmeId})`,
    })
    .returning(lessonMeta);
  return row!;
}

export function progressOf(db: DbOrTx, enrolmentIds: string[]) {
  if (!enrolmentIds.length) return Promise.resolve([]);
  return db.select().from(LP).where(inArray(LP.enrolmentId, enrolmentIds));
}

export async function insertProgress(tx: DbOrTx, v: typeof LP.$inferInsert): Promise<boolean> {
  const res = await tx.insert(LP).values(v).onConflictDoNothing().returning({ l: LP.lessonId });
  return res.length > 0;
}

/** Records when a learner first opened a lesson (a later open keeps the first time); returns that time. */
export async function openLesson(tx: DbOrTx, v: typeof LO.$inferInsert): Promise<Date> {
  await tx.insert(LO).values(v).onConflictDoNothing();
  return (await lessonOpenedAt(tx, v.enrolmentId, v.lessonId))!;
}

export async function lessonOpenedAt(db: DbOrTx, enrolmentId: string, lessonId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: LO.openedAt })
    .from(LO)
    .where(and(eq(LO.enrolmentId, enrolmentId), eq(LO.lessonId, lessonId)));
  return row?.at;
}

export function lessonOpensOf(db: DbOrTx, enrolmentId: string) {
  return db.select().from(LO).where(eq(LO.enrolmentId, enrolmentId));
}

// ---------------------------------------------------------------- enterprise reports

export async function getReport(db: DbOrTx, orgId: string, year: number, lock = false): Promise<ReportDb | undefined> {
  const q = db
    .select()
    .from(R)
    .where(and(eq(R.orgId, orgId), eq(R.year, year)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function upsertReport(tx: DbOrTx, v: typeof R.$inferInsert): Promise<ReportDb> {
  const { orgId: _o, year: _y, ...set } = v;
  const [row] = await tx
    .insert(R)
    .values(v)
    .onConflictDoUpdate({ target: [R.orgId, R.year], set })
    .returning();
  return row!;
}

export async function updateReport(tx: DbOrTx, id: string, patch: Partial<typeof R.$inferInsert>): Promise<ReportDb> {
  const [row] = await tx.update(R).set(patch).where(eq(R.id, id)).returning();
  return row!;
}

/** Reports of a year in the actor's reach (province, city, the enterprise itself). */
export function reportsOfYear(db: DbOrTx, year: number, actor: Actor) {
  const scope = scopeFilter(actor, { city: R.cityCode, org: R.orgId });
  return db
    .select({ r: R, orgName: organisation.name })
    .from(R)
    .leftJoin(organisation, eq(organisation.id, R.orgId))
    .where(and(eq(R.year, year), scope))
    .orderBy(asc(R.cityCode), asc(organisation.name), asc(R.id));
}

/** Submitted reports of a year (C1), without scope: the indicator's source. */
export function submittedReports(db: DbOrTx, year: number, knownAt?: Date) {
  return db
    .select({
      cityCode: R.cityCode,
      fundsExtracted: R.fundsExtracted,
      fundsUsed: R.fundsUsed,
      fundsFrontline: R.fundsFrontline,
    })
    .from(R)
    .where(
      and(
        eq(R.year, year),
        eq(R.status, 'submitted'),
        knownAt ? sql`${R.submittedAt} <= ${knownAt.toISOString()}` : undefined,
      ),
    );
}

/** The organisation's own records of a year: sessions of its in-house classes held, completed enrolments. */
export async function recordedInhouse(db: DbOrTx, orgId: string, from: string, to: string) {
  const [s] = await db
    .execute<{ n: number }>(
      sql`
    select count(*)::int as n from ${S} join ${C} on ${C.id} = ${S.classId} join ${P} on ${P.id} = ${C.programmeId}
    where ${P.orgId} = ${orgId} and ${P.type} = 'enterprise_inhouse'
      and (${S.startsAt} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`,
    )
    .then((r) => r.rows);
  const [e] = await db
    .execute<{ n: number }>(
      sql`
    select count(*)::int as n from ${E} join ${C} on ${C.id} = ${E.classId} join ${P} on ${P.id} = ${C.programmeId}
    where ${P.orgId} = ${orgId} and ${P.type} = 'enterprise_inhouse' and ${E.status} = 'completed'
      and ${E.completedOn} between ${from}::date and ${to}::date`,
    )
    .then((r) => r.rows);
  return { sessions: s?.n ?? 0, personTimes: e?.n ?? 0 };
}

// ---------------------------------------------------------------- indicators (actor-free)

/**
 * A1: per city, organisations whose digital in-house training held a session between `from`
 * and `to` (Asia/Shanghai days). Known at: sessions and programmes recorded by then.
 */
export async function inhouseEnterprisesByCity(db: DbOrTx, from: string, to: string, knownAt?: Date) {
  const r = await db.execute<{ city_code: string; n: number }>(sql`
    select ${P.cityCode} as city_code, count(distinct ${P.orgId})::int as n
    from ${S} join ${C} on ${C.id} = ${S.classId} join ${P} on ${P.id} = ${C.programmeId}
    where ${P.type} = 'enterprise_inhouse' and ${P.digitalDomain} is not null
      and (${S.startsAt} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
      ${knownAt ? sql`and ${P.createdAt} <= ${knownAt.toISOString()}` : sql``}
    group by 1`);
  return r.rows;
}

/** A2/A3: completed enrolments (person-times) of digital programmes of these types, per city where they count. */
export async function completionsByCity(db: DbOrTx, types: ProgrammeType[], from: string, to: string, knownAt?: Date) {
  const r = await db.execute<{ city_code: string; n: number }>(sql`
    select ${E.cityCode} as city_code, count(*)::int as n
    from ${E} join ${C} on ${C.id} = ${E.classId} join ${P} on ${P.id} = ${C.programmeId}
    where ${E.status} = 'completed' and ${P.digitalDomain} is not null
      and ${P.type} in (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )})
      and ${E.completedOn} between ${from}::date and ${to}::date
      ${knownAt ? sql`and (${E.completedOn})::date <= (${knownAt.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date` : sql``}
    group by 1`);
  return r.rows;
}

/** Completed enrolments of a person (for other modules: subsidy claims are built from completions). */
export async function completionsOfPerson(db: DbOrTx, personId: string) {
  return db
    .select({ e: E, c: C, p: P, orgName: organisation.name })
    .from(E)
    .innerJoin(C, eq(C.id, E.classId))
    .innerJoin(P, eq(P.id, C.programmeId))
    .leftJoin(organisation, eq(organisation.id, P.orgId))
    .where(and(eq(E.personId, personId), eq(E.status, 'completed')))
    .orderBy(desc(E.completedOn));
}

export async function completionOf(db: DbOrTx, enrolmentId: string) {
  const [row] = await db
    .select({ e: E, c: C, p: P, orgName: organisation.name })
    .from(E)
    .innerJoin(C, eq(C.id, E.classId))
    .innerJoin(P, eq(P.id, C.programmeId))
    .leftJoin(organisation, eq(organisation.id, P.orgId))
    .where(eq(E.id, enrolmentId));
  return row;
}
