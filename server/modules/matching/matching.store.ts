/**
 * The database ↔ MatchIndex bridge (ADR 0010). The index is a cache in each process: built from
 * PostgreSQL on first use, then kept current by two stamps read before every use —
 *   1. `matching_change` (sequence): every committed matching write (demand, intention, hire) and
 *      every `refreshTalents` call appends the changed ids in its own transaction;
 *   2. the registry's newest credential version (`credential.version_id` only grows: issue,
 *      correction and revocation each add a version), so a new credential reaches the index
 *      without the registry calling us.
 * Both are indexed max() look-ups; the changed records are reloaded and upserted. Any process
 * can rebuild at any time (`rebuild()`); nothing depends on one process's memory.
 */
import type { Db, DbOrTx } from '../../kernel/db/types.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import { shanghaiDate } from '../../kernel/time.js';
import { MatchIndex } from './index.js';
import { DEFAULT_LEVELS, MatchVocab, type DemandRecord, type TalentInput, type TalentRecord } from './vocab.js';
import * as repo from './matching.repo.js';
import * as reg from '../registry/registry.matching.js';

/** More changes than this since the last sync: rebuild instead of patching. */
const REBUILD_AFTER = 20_000;

export interface TalentSide {
  openToWork: boolean;
  /** Self-declared skills (verified ones come from credentials). */
  declaredSkills: string[];
}

const LEVEL_CODES = new Set(DEFAULT_LEVELS.map((l) => l.code));

export function demandRecord(d: repo.DemandDb): DemandRecord {
  return {
    id: d.id,
    open: d.status === 'open',
    occupation: d.occupationCode,
    minLevel: d.minLevel && LEVEL_CODES.has(d.minLevel) ? d.minLevel : null,
    required: d.requiredSkills,
    preferred: d.preferredSkills,
    chain: d.chain,
    city: d.cityCode,
    headcount: Math.max(0, d.headcount - d.hired),
  };
}

export function createMatchingStore(deps: { db: Db; clock: () => Date; reference: Pick<ReferenceService, 'list'> }) {
  const { db } = deps;
  interface State {
    index: MatchIndex;
    /** occupation code → skill codes of the taxonomy (a valid credential verifies them). */
    skillsOfOcc: Map<string, string[]>;
    side: Map<string, TalentSide>;
    seq: number;
    credStamp: number;
    /**
     * The change-log rows and credential versions of the late window already applied. Ids come
     * from sequences, assigned at insert, not at commit: a transaction may commit a lower id after
     * a higher one was seen. So each sync re-reads the last LATE_WINDOW ids and applies the ones
     * not yet applied, instead of trusting "everything above the newest id seen".
     */
    appliedSeq: Set<number>;
    appliedVersions: Set<number>;
    builtAt: Date;
  }
  /** How far below the newest id a late commit can land (transactions in flight at a sync). */
  const LATE_WINDOW = 1000;
  let state: State | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs one maintenance step at a time (build, sync): concurrent requests wait for the same work. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function vocabulary() {
    const [occupations, skills, chains] = await Promise.all([
      deps.reference.list('occupation'),
      deps.reference.list('skill'),
      deps.reference.list('industry_chain'),
    ]);
    const vocab = new MatchVocab({
      occupations: occupations.map((o) => ({
        code: o.code,
        name: o.name,
        formerCodes: Array.isArray(o.attrs.formerCodes) ? (o.attrs.formerCodes as string[]) : [],
      })),
      skills: skills.map((s) => ({ code: s.code, name: s.name })),
      chains: chains.map((c) => ({ code: c.code, name: c.name })),
    });
    const skillsOfOcc = new Map<string, string[]>();
    for (const s of skills)
      for (const occ of Array.isArray(s.attrs.occupations) ? (s.attrs.occupations as string[]) : [])
        skillsOfOcc.set(occ, [...(skillsOfOcc.get(occ) ?? []), s.code]);
    return { vocab, skillsOfOcc };
  }

  function talentRecord(
    f: reg.TalentFacts,
    i: repo.IntentionDb | undefined,
    skillsOfOcc: Map<string, string[]>,
  ): TalentRecord {
    const verified = new Set(f.quals.flatMap((q) => skillsOfOcc.get(q.occupation) ?? []));
    return {
      id: f.id,
      city: f.cityCode,
      moveTo: i?.cities ?? [],
      anyCity: i?.anyCity ?? false,
      qualifications: f.quals.map((q) => ({
        occupation: q.occupation,
        level: q.level && LEVEL_CODES.has(q.level) ? q.level : null,
        verified: true,
      })),
      skills: [
        ...[...verified].map((code) => ({ code, verified: true })),
        ...(i?.skills ?? []).filter((c) => !verified.has(c)).map((code) => ({ code, verified: false })),
      ],
      chains: f.chains,
    };
  }

  async function loadTalents(s: State, ids: string[] | null, dbx: DbOrTx = db): Promise<void> {
    const today = shanghaiDate(deps.clock());
    const [facts, intentions] = await Promise.all([reg.talentFacts(dbx, ids, today), repo.intentionsOf(dbx, ids)]);
    const byPerson = new Map(intentions.map((i) => [i.personId, i]));
    const seen = new Set<string>();
    for (const f of facts) {
      if (!/^\d{6}$/.test(f.cityCode)) continue;
      const i = byPerson.get(f.id);
      s.index.upsertTalent(s.index.vocab.talent(talentRecord(f, i, s.skillsOfOcc)));
      s.side.set(f.id, { openToWork: i?.openToWork ?? false, declaredSkills: i?.skills ?? [] });
      seen.add(f.id);
    }
    // Merged away or gone: out of the index.
    for (const id of ids ?? [])
      if (!seen.has(id)) {
        s.index.removeTalent(id);
        s.side.delete(id);
      }
  }

  async function loadDemands(s: State, ids: string[] | null, dbx: DbOrTx = db): Promise<void> {
    const rows = await repo.indexedDemands(dbx, ids ?? undefined);
    const seen = new Set<string>();
    for (const d of rows) {
      if (d.status === 'draft' || d.status === 'open') {
        s.index.upsertDemand(s.index.vocab.demand(demandRecord(d)));
        seen.add(d.id);
      }
    }
    for (const id of ids ?? []) if (!seen.has(id)) s.index.removeDemand(id);
  }

  async function build(): Promise<State> {
    // Stamps first: anything committed after them is applied by the next sync.
    const [seq, credStamp, { vocab, skillsOfOcc }] = await Promise.all([
      repo.lastChange(db),
      reg.credentialStamp(db),
      vocabulary(),
    ]);
    // What the tables show now is loaded below: the window's visible ids count as applied.
    const [recentSeq, recentVersions] = await Promise.all([
      repo.changesAfter(db, Math.max(0, seq - LATE_WINDOW), LATE_WINDOW + 1),
      reg.credentialVersionsAfter(db, Math.max(0, credStamp - LATE_WINDOW), LATE_WINDOW + 1),
    ]);
    const s: State = {
      index: new MatchIndex(vocab),
      skillsOfOcc,
      side: new Map(),
      seq,
      credStamp,
      appliedSeq: new Set(recentSeq.filter((r) => r.seq <= seq).map((r) => r.seq)),
      appliedVersions: new Set(recentVersions.filter((r) => r.versionId <= credStamp).map((r) => r.versionId)),
      builtAt: deps.clock(),
    };
    await loadTalents(s, null);
    await loadDemands(s, null);
    return s;
  }

  async function sync(s: State): Promise<State> {
    const [changes, versions] = await Promise.all([
      repo.changesAfter(db, Math.max(0, s.seq - LATE_WINDOW), LATE_WINDOW + REBUILD_AFTER + 1),
      reg.credentialVersionsAfter(db, Math.max(0, s.credStamp - LATE_WINDOW), LATE_WINDOW + REBUILD_AFTER + 1),
    ]);
    // More than the window can show: too much changed for an incremental step.
    if (changes.length > LATE_WINDOW + REBUILD_AFTER || versions.length > LATE_WINDOW + REBUILD_AFTER) return build();
    const rows = changes.filter((r) => !s.appliedSeq.has(r.seq));
    const fresh = versions.filter((v) => !s.appliedVersions.has(v.versionId));
    if (rows.length > REBUILD_AFTER || fresh.length > REBUILD_AFTER || rows.some((r) => r.kind === 'all'))
      return build();
    const talents = new Set<string>(fresh.map((v) => v.personId));
    const demands = new Set<string>();
    for (const r of rows) if (r.refId) (r.kind === 'talent' ? talents : demands).add(r.refId);
    if (talents.size) await loadTalents(s, [...talents]);
    if (demands.size) await loadDemands(s, [...demands]);
    for (const r of rows) s.appliedSeq.add(r.seq);
    for (const v of fresh) s.appliedVersions.add(v.versionId);
    s.seq = Math.max(s.seq, ...rows.map((r) => r.seq));
    s.credStamp = Math.max(s.credStamp, ...fresh.map((v) => v.versionId));
    for (const q of s.appliedSeq) if (q <= s.seq - LATE_WINDOW) s.appliedSeq.delete(q);
    for (const q of s.appliedVersions) if (q <= s.credStamp - LATE_WINDOW) s.appliedVersions.delete(q);
    return s;
  }

  const store = {
    /**
     * The daily prune (job matching.prune-changes): changes older than a day go, the newest
     * 2 × LATE_WINDOW always stay. What a process had not applied may be among them, so the
     * prune logs an `all` change: every process rebuilds once on its next use.
     */
    pruneChanges(now: Date): Promise<number> {
      return db.transaction(async (tx) => {
        const n = await repo.pruneChanges(tx, new Date(now.getTime() - 86_400_000), 2 * LATE_WINDOW);
        if (n > 0) await repo.appendChanges(tx, 'all', [null]);
        return n;
      });
    },

    /** The index, built on first use and brought up to date with every committed change. */
    current(): Promise<MatchIndex> {
      return serial(async () => {
        state = state ? await sync(state) : await build();
        return state.index;
      });
    },

    /**
     * Runs `fn` on the current index with maintenance held off: no sync changes it until `fn` is
     * done (requests for the index wait). For work that reads the index across awaits and needs it
     * to stand still (T5's passes). `fn` must not call back into the store.
     */
    withIndex<T>(fn: (ix: MatchIndex) => Promise<T>): Promise<T> {
      return serial(async () => {
        state = state ? await sync(state) : await build();
        return fn(state.index);
      });
    },

    /** Drops the cache and builds it again from the database (e.g. after reference data changed). */
    rebuild(): Promise<MatchIndex> {
      return serial(async () => {
        state = await build();
        return state.index;
      });
    },

    /** Intention side data the index does not hold (open to work, declared skills). */
    side(personId: string): TalentSide | undefined {
      return state?.side.get(personId);
    },

    /** Open-to-work talents (T5's default pool). */
    openToWork(): Set<string> {
      const out = new Set<string>();
      for (const [id, s] of state?.side ?? []) if (s.openToWork) out.add(id);
      return out;
    },

    /** Taxonomy skills a valid credential in this occupation verifies. */
    skillsOf(occupationCode: string): string[] {
      return state?.skillsOfOcc.get(occupationCode) ?? [];
    },

    /**
     * A talent or demand the index does not hold (written by a path that did not log a change,
     * e.g. a bulk load): loaded now. Returns whether it exists.
     */
    async ensureTalent(id: string): Promise<TalentInput | undefined> {
      const ix = await store.current();
      if (!ix.getTalent(id)) await serial(() => loadTalents(state!, [id]));
      return ix.getTalent(id);
    },
    async ensureDemand(id: string): Promise<boolean> {
      const ix = await store.current();
      if (!ix.getDemand(id)) await serial(() => loadDemands(state!, [id]));
      return !!ix.getDemand(id);
    },

    /** Records that these persons changed (inside the caller's transaction when given): every process reloads them. */
    async refreshTalents(ids: string[], tx: DbOrTx = db): Promise<void> {
      await repo.appendChanges(tx, 'talent', [...new Set(ids)]);
    },
    async refreshDemands(ids: string[], tx: DbOrTx = db): Promise<void> {
      await repo.appendChanges(tx, 'demand', [...new Set(ids)]);
    },
    /** Every process rebuilds on its next use (reference data or the vocabulary changed). */
    async invalidateAll(tx: DbOrTx = db): Promise<void> {
      await repo.appendChanges(tx, 'all', [null]);
    },
  };
  return store;
}

export type MatchingStore = ReturnType<typeof createMatchingStore>;
