import type { Db } from '../db/types.js';
import { audit, type Actor } from '../audit/audit.js';
import { AppError, notFound } from '../errors/app-error.js';
import { assertPermission } from '../auth/scope.js';
import * as repo from './reference.repo.js';
import { loadSeedItems, REFERENCE_KINDS, type ReferenceKind } from './seed-data.js';
import { shanghaiDate } from '../time.js';

export interface ReferenceDto {
  kind: string;
  code: string;
  name: string;
  attrs: Record<string, unknown>;
  validFrom: string;
  validTo: string | null;
}

const toDto = (r: repo.ReferenceRow): ReferenceDto => ({
  kind: r.kind,
  code: r.code,
  name: r.name,
  attrs: r.attrs as Record<string, unknown>,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

export function createReferenceService(deps: { db: Db; clock: () => Date }) {
  const { db } = deps;
  const service = {
    kinds: REFERENCE_KINDS,

    /** Seeds each kind that is still empty (first start); later starts change nothing. */
    async seedIfEmpty(): Promise<number> {
      const items = loadSeedItems();
      let n = 0;
      await db.transaction(async (tx) => {
        for (const kind of REFERENCE_KINDS) {
          if ((await repo.countKind(tx, kind)) > 0) continue;
          const rows = items
            .filter((i) => i.kind === kind)
            .map((i) => ({ kind, code: i.code, name: i.name, attrs: i.attrs, validFrom: '2000-01-01' }));
          await repo.insertItems(tx, rows);
          n += rows.length;
        }
      });
      return n;
    },

    /** The versions valid on `asOf` (default: today in Asia/Shanghai), so a scheduled change waits for its date. */
    async list(kind: ReferenceKind, asOf?: string): Promise<ReferenceDto[]> {
      return (await repo.listKind(db, kind, asOf ?? shanghaiDate(deps.clock()))).map(toDto);
    },

    /** The 16 cities (the abolished 莱芜 371200 is kept only to map old codes). */
    async cities(): Promise<Map<string, ReferenceDto>> {
      // Read each time (16 rows): no process-local cache that another process could make stale.
      return new Map((await service.list('city')).map((c) => [c.code, c]));
    },

    async activeCityCodes(): Promise<string[]> {
      return [...(await service.cities()).values()].filter((c) => c.attrs.status === 'active').map((c) => c.code);
    },

    async assertActiveCity(code: string): Promise<void> {
      const c = (await service.cities()).get(code);
      if (!c || c.attrs.status !== 'active')
        throw new AppError('VALIDATION', `城市代码 ${code} 不是山东省现行的地级市`);
    },

    async cityName(code: string | null): Promise<string | null> {
      if (!code) return null;
      return (await service.cities()).get(code)?.name ?? null;
    },

    /** An occupation by its current code or any former code (aliases). */
    async resolveOccupation(code: string): Promise<ReferenceDto | undefined> {
      const all = await service.list('occupation');
      return (
        all.find((o) => o.code === code) ?? all.find((o) => ((o.attrs.formerCodes as string[]) ?? []).includes(code))
      );
    },

    /** An edit is a new version from `effectiveFrom`; the old one stays readable for earlier dates. */
    async upsert(
      actor: Actor,
      kind: ReferenceKind,
      code: string,
      input: { name: string; attrs?: Record<string, unknown>; effectiveFrom?: string },
    ): Promise<ReferenceDto> {
      assertPermission(actor, 'reference.edit');
      const from = input.effectiveFrom ?? shanghaiDate(deps.clock());
      const result = await db.transaction(async (tx) => {
        const before = await repo.current(tx, kind, code);
        if (before && before.validFrom > from) throw new AppError('VALIDATION', '生效日期不能早于当前版本的生效日期');
        if (before && before.validFrom === from) throw new AppError('CONFLICT', '同一生效日期已有版本，请选择其他日期');
        if (before) await repo.closeCurrent(tx, kind, code, from);
        // Attributes not sent are kept from the current version (a rename must not drop a city's status).
        const attrs = { ...((before?.attrs as Record<string, unknown>) ?? {}), ...(input.attrs ?? {}) };
        await repo.insertItems(tx, [{ kind, code, name: input.name, attrs, validFrom: from, createdBy: actor.userId }]);
        const after = await repo.current(tx, kind, code);
        if (!after) throw notFound();
        await audit(tx, actor, {
          action: before ? 'reference.version' : 'reference.create',
          entity: 'reference:' + kind,
          entityId: code,
          before: before ? toDto(before) : null,
          after: toDto(after),
        });
        return toDto(after);
      });
      return result;
    },
  };
  return service;
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
