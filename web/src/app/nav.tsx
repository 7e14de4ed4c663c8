import {
  AimOutlined,
  AccountBookOutlined,
  BankOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  BookOutlined,
  ProfileOutlined,
  ReadOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CarOutlined,
  DashboardOutlined,
  LikeOutlined,
  NodeIndexOutlined,
  ShopOutlined,
  SolutionOutlined,
  CarryOutOutlined,
  DatabaseOutlined,
  FileAddOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  PieChartOutlined,
  SafetyOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../contracts/roles';
import type { MessageKey } from '../i18n';

export interface NavItem {
  /** Route path, also the menu key. */
  path: string;
  /** Used in data-testid="menu-<id>". */
  id: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown (and routed) when the user holds any of these; absent = always. */
  anyOf?: readonly Permission[];
}

/** The side menu, in order. Route guards read the same table (AppRoutes). */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', id: 'home', label: 'menu.home', icon: <HomeOutlined /> },
  {
    path: '/organisations',
    id: 'organisations',
    label: 'menu.organisations',
    icon: <ApartmentOutlined />,
    anyOf: ['org.read'],
  },
  { path: '/persons', id: 'persons', label: 'menu.persons', icon: <TeamOutlined />, anyOf: ['person.read'] },
  // 批量导入 of persons (server/modules/registry/registry.import.ts: entity persons, permission import.run).
  {
    path: '/imports/persons',
    id: 'importPersons',
    label: 'menu.importPersons',
    icon: <UploadOutlined />,
    anyOf: ['import.run'],
  },
  {
    path: '/credentials/new',
    id: 'credentialIssue',
    label: 'menu.credentialIssue',
    icon: <FileAddOutlined />,
    anyOf: ['credential.issue'],
  },
  {
    path: '/registry/categories',
    id: 'categories',
    label: 'menu.categories',
    icon: <PieChartOutlined />,
    anyOf: ['indicator.read'],
  },
  // 人才供需对接专区 (issue 5): web/src/features/matching.
  { path: '/matching/demands', id: 'demands', label: 'menu.demands', icon: <ShopOutlined />, anyOf: ['demand.read'] },
  {
    path: '/matching/intention',
    id: 'intention',
    label: 'menu.intention',
    icon: <SolutionOutlined />,
    anyOf: ['intention.manage'],
  },
  {
    path: '/matching/recommendations',
    id: 'recommendations',
    label: 'menu.recommendations',
    icon: <LikeOutlined />,
    anyOf: ['intention.manage'],
  },
  {
    path: '/matching/applications',
    id: 'applications',
    label: 'menu.applications',
    icon: <NodeIndexOutlined />,
    anyOf: ['application.manage'],
  },
  { path: '/matching/events', id: 'events', label: 'menu.events', icon: <CalendarOutlined />, anyOf: ['event.read'] },
  { path: '/matching/visits', id: 'visits', label: 'menu.visits', icon: <CarOutlined />, anyOf: ['visit.manage'] },
  { path: '/matching/fit', id: 'fit', label: 'menu.fit', icon: <DashboardOutlined />, anyOf: ['fit.read'] },
  // 培训 (issue 6): web/src/features/training.
  {
    path: '/training',
    id: 'training',
    label: 'menu.training',
    icon: <ReadOutlined />,
    anyOf: ['training.manage', 'indicator.read'],
  },
  { path: '/learning', id: 'learning', label: 'menu.learning', icon: <BookOutlined />, anyOf: ['learning.self'] },
  {
    path: '/enterprise-report',
    id: 'enterpriseReport',
    label: 'menu.enterpriseReport',
    icon: <ProfileOutlined />,
    anyOf: ['enterprise.report'],
  },
  // 补贴 (issue 6): web/src/features/subsidy — 申领, 审核, 公示, 审批, 拨付与对账, 台账.
  {
    path: '/subsidy/claims',
    id: 'subsidyClaims',
    label: 'menu.subsidyClaims',
    icon: <SafetyCertificateOutlined />,
    anyOf: ['subsidy.submit'],
  },
  {
    path: '/subsidy/review',
    id: 'subsidyReview',
    label: 'menu.subsidyReview',
    icon: <FileSearchOutlined />,
    anyOf: ['subsidy.review'],
  },
  {
    path: '/subsidy/notices',
    id: 'subsidyNotices',
    label: 'menu.subsidyNotices',
    icon: <NotificationOutlined />,
    anyOf: ['subsidy.review', 'subsidy.approve'],
  },
  {
    path: '/subsidy/approval',
    id: 'subsidyApproval',
    label: 'menu.subsidyApproval',
    icon: <CheckSquareOutlined />,
    anyOf: ['subsidy.approve'],
  },
  {
    path: '/subsidy/batches',
    id: 'subsidyBatches',
    label: 'menu.subsidyBatches',
    icon: <BankOutlined />,
    anyOf: ['subsidy.pay'],
  },
  {
    path: '/subsidy/ledger',
    id: 'subsidyLedger',
    label: 'menu.subsidyLedger',
    icon: <AccountBookOutlined />,
    anyOf: ['subsidy.review', 'subsidy.approve'],
  },
  { path: '/targets', id: 'targets', label: 'menu.targets', icon: <AimOutlined />, anyOf: ['target.read'] },
  {
    path: '/supervision',
    id: 'supervision',
    label: 'menu.supervision',
    icon: <CarryOutOutlined />,
    anyOf: ['supervision.read'],
  },
  { path: '/reports', id: 'reports', label: 'menu.reports', icon: <FileTextOutlined />, anyOf: ['report.read'] },
  {
    path: '/reference',
    id: 'reference',
    label: 'menu.reference',
    icon: <DatabaseOutlined />,
    anyOf: ['reference.read', 'reference.edit'],
  },
  { path: '/users', id: 'users', label: 'menu.users', icon: <UserOutlined />, anyOf: ['user.read'] },
  { path: '/roles', id: 'roles', label: 'menu.roles', icon: <KeyOutlined />, anyOf: ['role.assign'] },
  { path: '/security', id: 'security', label: 'menu.security', icon: <SafetyOutlined />, anyOf: ['security.settings'] },
  { path: '/audit', id: 'audit', label: 'menu.audit', icon: <AuditOutlined />, anyOf: ['audit.read'] },
];

export function navItem(id: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.id === id);
  if (!item) throw new Error(`Unknown nav item ${id}`);
  return item;
}
