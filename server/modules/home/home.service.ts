import type { Actor } from '../../kernel/audit/audit.js';
import type { HomeSummary } from '../../../contracts/auth.js';
import type { Role } from '../../../contracts/roles.js';
import type { OrgService } from '../../kernel/auth/org.service.js';
import type { UsersService } from '../../kernel/auth/users.service.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import type { ReferenceService } from '../../kernel/reference/reference.service.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { CredentialService } from '../registry/registry.credentials.js';

/** The first page each role sees: its workbench title and a few figures in its own scope. */
/** T1–T4 today (from person_category: no live aggregate on a home page). */
async function categoryCards(
  credentials: Pick<CredentialService, 'countsByCity'>,
  actor: Actor,
): Promise<{ key: string; label: string; value: number }[]> {
  const rows = await credentials.countsByCity(actor);
  const sum = (k: 't1' | 't2' | 't3' | 't4') => rows.reduce((a, r) => a + r[k], 0);
  return [
    { key: 't1', label: '数字技能人才', value: sum('t1') },
    { key: 't2', label: '高技能领军人才', value: sum('t2') },
    { key: 't3', label: '数字化解决方案设计师', value: sum('t3') },
    { key: 't4', label: '数字技术工程师', value: sum('t4') },
  ];
}

export function createHomeService(deps: {
  orgs: Pick<OrgService, 'count' | 'locate'>;
  registry: Pick<RegistryService, 'count'>;
  credentials: Pick<CredentialService, 'countsByCity'>;
  users: Pick<UsersService, 'list' | 'getSecuritySettings'>;
  auditLog: Pick<AuditService, 'list'>;
  reference: Pick<ReferenceService, 'cityName' | 'activeCityCodes'>;
}) {
  return {
    async summary(actor: Actor): Promise<HomeSummary> {
      const role = actor.roles[0] as Role;
      switch (role) {
        case 'province_admin':
          return {
            role,
            title: '省级工作台',
            scopeLabel: '山东省',
            cards: [
              { key: 'cities', label: '地级市', value: (await deps.reference.activeCityCodes()).length },
              { key: 'orgs', label: '已入驻机构', value: await deps.orgs.count(actor, 'approved') },
              { key: 'pending', label: '待审核机构', value: await deps.orgs.count(actor, 'pending') },
              { key: 'persons', label: '人才培育库人数', value: await deps.registry.count(actor) },
              ...(await categoryCards(deps.credentials, actor)),
            ],
          };
        case 'city_admin': {
          const city = (await deps.reference.cityName(actor.cityCode)) ?? '';
          return {
            role,
            title: `${city}工作台`,
            scopeLabel: city,
            cards: [
              { key: 'orgs', label: '本市已入驻机构', value: await deps.orgs.count(actor, 'approved') },
              { key: 'pending', label: '待审核机构', value: await deps.orgs.count(actor, 'pending') },
              { key: 'persons', label: '本市人才', value: await deps.registry.count(actor) },
              ...(await categoryCards(deps.credentials, actor)),
            ],
          };
        }
        case 'enterprise':
        case 'provider':
        case 'evaluator': {
          const org = actor.orgId ? await deps.orgs.locate(actor.orgId) : undefined;
          const status = { pending: '待审核', approved: '已通过', rejected: '已驳回' }[org?.status ?? 'pending'] ?? '';
          const title = { enterprise: '企业工作台', provider: '培训机构工作台', evaluator: '评价机构工作台' }[role];
          return {
            role,
            title,
            scopeLabel: org?.name ?? '',
            cards: [
              { key: 'status', label: '入驻状态', value: status },
              { key: 'staff', label: '在职人员', value: await deps.registry.count(actor) },
            ],
          };
        }
        case 'talent':
          return {
            role,
            title: '我的数字技能成长档案',
            scopeLabel: (await deps.reference.cityName(actor.cityCode)) ?? '',
            cards: [{ key: 'city', label: '所在城市', value: (await deps.reference.cityName(actor.cityCode)) ?? '—' }],
          };
        case 'system_admin':
          return {
            role,
            title: '系统管理',
            scopeLabel: '账号与运维',
            cards: [
              {
                key: 'users',
                label: '账号总数',
                value: (await deps.users.list(actor, { page: 1, pageSize: 1 })).total,
              },
            ],
          };
        case 'security_admin': {
          const s = await deps.users.getSecuritySettings(actor);
          return {
            role,
            title: '安全管理',
            scopeLabel: '角色授权与安全策略',
            cards: [
              { key: 'pw', label: '密码最小长度', value: s.passwordMinLength },
              { key: 'lock', label: '锁定阈值（次）', value: s.maxFailedLogins },
              { key: 'idle', label: '空闲超时（分钟）', value: s.idleMinutes },
            ],
          };
        }
        case 'audit_admin':
          return {
            role,
            title: '安全审计',
            scopeLabel: '审计日志（只读）',
            cards: [
              {
                key: 'audit',
                label: '审计记录',
                value: (await deps.auditLog.list(actor, { page: 1, pageSize: 1 })).total,
              },
            ],
          };
        default:
          return { role, title: '工作台', scopeLabel: '', cards: [] };
      }
    },
  };
}
