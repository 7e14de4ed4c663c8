import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../kernel/db/types.js';
import { audit, type Actor } from '../../kernel/audit/audit.js';
import { assertPermission } from '../../kernel/auth/scope.js';
import { permissionsOf, type Role } from '../../../contracts/roles.js';
import type { PiiCrypto } from '../../kernel/crypto/pii.js';
import { maskIdNumber, maskPhone } from '../../kernel/crypto/pii.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { SettingsService } from '../../kernel/settings/settings.service.js';
import { shanghaiDate } from '../../kernel/time.js';
import * as repo from './registry.repo.js';
import { CATEGORY_RULES_SETTING } from './registry.rules.js';

const TIERS: Record<string, string> = { FRONTLINE: '一线操作人员', BACKBONE: '技术骨干', MANAGER: '管理人才' };
const BATCH = 2000;

/**
 * Export of any filtered person list to .xlsx, streamed (rows are written and flushed as they
 * are read, a page at a time, so 300,000 rows never sit in memory). Personal data is masked
 * unless the actor may see it *and* asked for it; the export itself is audited.
 */
export function createRegistryExport(deps: {
  db: Db;
  clock: () => Date;
  crypto: PiiCrypto;
  reference: Pick<ReferenceService, 'cities'>;
  settings: Pick<SettingsService, 'get'>;
}) {
  return {
    async persons(
      actor: Actor,
      filters: repo.PersonFilters,
      opts: { pii: boolean },
    ): Promise<{ stream: Readable; filename: string }> {
      assertPermission(actor, 'person.export');
      const pii = opts.pii && permissionsOf(actor.roles as Role[]).has('person.pii.read');
      const now = deps.clock();
      const today = shanghaiDate(now);
      const [cities, rules] = await Promise.all([deps.reference.cities(), deps.settings.get(CATEGORY_RULES_SETTING)]);
      await audit(deps.db, actor, { action: 'person.export', entity: 'person', after: { filters, pii } });

      const out = new PassThrough();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const ws = wb.addWorksheet('人才名单', { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = [
        { header: '姓名', key: 'name', width: 12 },
        { header: '性别', key: 'gender', width: 6 },
        { header: '出生年份', key: 'birthYear', width: 10 },
        { header: '身份证号', key: 'idNumber', width: 22 },
        { header: '手机号', key: 'phone', width: 15 },
        { header: '学历', key: 'education', width: 14 },
        { header: '所在城市', key: 'city', width: 10 },
        { header: '人员层级', key: 'tier', width: 12 },
      ];
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      const scope = repo.personScope(actor);
      void (async () => {
        try {
          for (let offset = 0; ; offset += BATCH) {
            const { items } = await repo.listPersons(deps.db, scope, {
              ...filters,
              limit: BATCH,
              offset,
              today,
              now,
              rules,
            });
            for (const p of items) {
              ws.addRow({
                name: p.name,
                gender: p.gender === 'M' ? '男' : '女',
                birthYear: Number(p.birthDate.slice(0, 4)),
                idNumber: pii
                  ? deps.crypto.decrypt(p.idNumberEnc)
                  : maskIdNumber(p.idNumberTail.slice(0, 6), p.idNumberTail.slice(6)),
                phone: pii ? (p.phoneEnc ? deps.crypto.decrypt(p.phoneEnc) : '') : (maskPhone(p.phoneTail) ?? ''),
                education: p.education ?? '',
                city: cities.get(p.cityCode)?.name ?? p.cityCode,
                tier: p.tier ? (TIERS[p.tier] ?? p.tier) : '',
              }).commit();
            }
            if (items.length < BATCH) break;
          }
          ws.commit();
          await wb.commit();
        } catch (e) {
          out.destroy(e as Error);
        }
      })();
      return { stream: out, filename: `人才名单-${today}.xlsx` };
    },
  };
}
export type RegistryExport = ReturnType<typeof createRegistryExport>;
