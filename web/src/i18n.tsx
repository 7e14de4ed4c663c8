import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ROLE_LABELS, type Role } from '../../contracts/roles';

/**
 * UI strings in both languages. zh-CN is the platform's language; en-US is a courtesy switch.
 * Texts that come from the server (error messages, home titles, card labels) are Chinese already.
 */
const zhCN = {
  'app.name': '匠心 · 山东省数字技能人才培育平台',
  'app.shortName': '匠心',
  'app.subtitle': '山东省数字技能人才培育平台（2026—2030）',
  'lang.switch': 'English',
  'lang.switchTitle': '切换到英文',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.failed': '登录失败',

  'header.logout': '退出登录',

  'menu.home': '首页',
  'menu.organisations': '组织机构',
  'menu.persons': '人才库',
  'menu.reference': '基础数据',
  'menu.users': '账号管理',
  'menu.roles': '角色授权',
  'menu.security': '安全策略',
  'menu.audit': '审计日志',

  'home.scope': '数据范围',
  'home.role': '当前角色',

  'placeholder.title': '建设中',
  'placeholder.subTitle': '该功能正在建设中，敬请期待。',

  'forbidden.subTitle': '抱歉，您无权访问此页面',
  'notFound.subTitle': '抱歉，您访问的页面不存在',
  'common.backHome': '返回首页',
  'common.total': '共 {total} 条',
  'common.retry': '重试',
  'error.loadFailed': '数据加载失败',

  'error.requestId': '（请求编号 {requestId}）',
  'error.network': '网络连接失败，请检查网络后重试',
  'error.badResponse': '服务暂时不可用，请稍后再试',

  'org.col.name': '名称',
  'org.col.kind': '类型',
  'org.col.uscc': '统一社会信用代码',
  'org.col.city': '所在城市',
  'org.col.status': '状态',
  'org.kind.enterprise': '企业',
  'org.kind.college': '院校',
  'org.kind.training': '培训机构',
  'org.kind.evaluation': '评价机构',
  'org.kind.service': '数字化服务商',
  'org.kind.government': '政府部门',
  'org.kind.host': '平台运营方',
  'org.status.pending': '待审核',
  'org.status.approved': '已通过',
  'org.status.rejected': '已驳回',

  'audit.col.at': '时间',
  'audit.col.actor': '操作人',
  'audit.col.role': '角色',
  'audit.col.ip': 'IP 地址',
  'audit.col.action': '操作',
  'audit.col.entity': '对象类型',
  'audit.col.entityId': '对象编号',
  'audit.col.requestId': '请求编号',
} as const;

export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  'app.name': 'Jiangxin · Shandong Digital Skills Talent Platform',
  'app.shortName': 'Jiangxin',
  'app.subtitle': 'Shandong Digital Skills Talent Platform (2026–2030)',
  'lang.switch': '中文',
  'lang.switchTitle': 'Switch to Chinese',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Please enter your username',
  'login.passwordRequired': 'Please enter your password',
  'login.submit': 'Sign in',
  'login.failed': 'Sign-in failed',

  'header.logout': 'Sign out',

  'menu.home': 'Home',
  'menu.organisations': 'Organisations',
  'menu.persons': 'Talent pool',
  'menu.reference': 'Reference data',
  'menu.users': 'Accounts',
  'menu.roles': 'Role assignment',
  'menu.security': 'Security policy',
  'menu.audit': 'Audit log',

  'home.scope': 'Scope',
  'home.role': 'Role',

  'placeholder.title': 'Under construction',
  'placeholder.subTitle': 'This feature is being built.',

  'forbidden.subTitle': 'Sorry, you are not authorised to access this page.',
  'notFound.subTitle': 'Sorry, the page you visited does not exist.',
  'common.backHome': 'Back to home',
  'common.total': '{total} in total',
  'common.retry': 'Retry',
  'error.loadFailed': 'Failed to load data',

  'error.requestId': ' (request ID {requestId})',
  'error.network': 'Network error. Please check your connection and try again.',
  'error.badResponse': 'The service is temporarily unavailable. Please try again later.',

  'org.col.name': 'Name',
  'org.col.kind': 'Type',
  'org.col.uscc': 'Unified social credit code',
  'org.col.city': 'City',
  'org.col.status': 'Status',
  'org.kind.enterprise': 'Enterprise',
  'org.kind.college': 'College',
  'org.kind.training': 'Training institution',
  'org.kind.evaluation': 'Evaluation organisation',
  'org.kind.service': 'Digital service provider',
  'org.kind.government': 'Government unit',
  'org.kind.host': 'Platform host',
  'org.status.pending': 'Pending review',
  'org.status.approved': 'Approved',
  'org.status.rejected': 'Rejected',

  'audit.col.at': 'Time',
  'audit.col.actor': 'Actor',
  'audit.col.role': 'Role',
  'audit.col.ip': 'IP address',
  'audit.col.action': 'Action',
  'audit.col.entity': 'Entity',
  'audit.col.entityId': 'Entity ID',
  'audit.col.requestId': 'Request ID',
};

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'jiangxin.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be disabled (private mode); the choice then lasts for this page only.
    }
  }, []);

  const t = useCallback<Translate>(
    (key, vars) => format((DICTIONARIES[lang][key] as string | undefined) ?? key, vars),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = DICTIONARIES[lang]['app.name'];
  }, [lang]);

  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT/useLang must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and its setter (persisted in localStorage). */
export function useLang(): Pick<I18nValue, 'lang' | 'setLang'> {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}

/** A role's label in the current language; unknown roles are shown as they are. */
export function useRoleLabel(): (role: string) => string {
  const { lang } = useI18n();
  return useCallback(
    (role: string) => {
      const label = ROLE_LABELS[role as Role] as (typeof ROLE_LABELS)[Role] | undefined;
      if (!label) return role;
      return lang === 'zh-CN' ? label.zh : label.en;
    },
    [lang],
  );
}
