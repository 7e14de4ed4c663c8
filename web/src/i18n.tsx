import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ROLE_LABELS, type Role } from '../../contracts/roles';
import { importMessagesEn, importMessagesZh } from './features/imports/messages';
import { matchingMessagesEn, matchingMessagesZh } from './features/matching/messages';
import { personMessagesEn, personMessagesZh } from './features/persons/messages';
import { registryMessagesEn, registryMessagesZh } from './features/registry/messages';
import { targetMessagesEn, targetMessagesZh } from './features/targets/messages';
import { reportMessagesEn, reportMessagesZh } from './features/reports/messages';
import { supervisionMessagesEn, supervisionMessagesZh } from './features/supervision/messages';
import { trainingMessagesEn, trainingMessagesZh } from './features/training/messages';
import { subsidyMessagesEn, subsidyMessagesZh } from './features/subsidy/messages';

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

  'password.title': '修改初始密码',
  'password.mustChange': '您的账号正在使用初始密码，请先设置新密码。修改后需使用新密码重新登录。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.submit': '修改密码',
  'password.done': '密码已修改，请使用新密码登录',

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
  'common.actions': '操作',
  'common.back': '返回',
  'common.cancel': '取消',
  'common.close': '关闭',
  'common.create': '创建',
  'common.edit': '编辑',
  'common.save': '保存',

  'login.registerOrg': '机构入驻申请',
  'login.registerTalent': '人才注册',

  'validate.input': '请输入{field}',
  'validate.select': '请选择{field}',
  'validate.invalid': '此项不符合要求，请检查',
  'validate.tooLong': '不能超过 {max} 个字符',
  'validate.tooShort': '至少 {min} 个字符',
  'validate.range': '请输入 {min}–{max} 之间的整数',
  'validate.uuid': '编号格式不正确',
  'validate.usernameRule': '3–64 个字符，只能包含字母、数字和 _ . @ -',
  'validate.usernameLength': '用户名至少 3 个字符',
  'validate.usernameChars': '用户名只能包含字母、数字和 _ . @ -',
  'validate.passwordRule': '至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 类',
  'validate.passwordLength': '密码长度至少 {min} 位',
  'validate.passwordClasses': '密码须包含大写字母、小写字母、数字、符号中的至少 {n} 类',
  'validate.passwordMismatch': '两次输入的密码不一致',
  'validate.phone': '手机号格式不正确',
  'validate.smsCode': '验证码为 6 位数字',
  'validate.usccLength': '统一社会信用代码应为 18 位，当前为 {n} 位',
  'validate.usccChars': '统一社会信用代码只能使用数字和除 I、O、Z、S、V 以外的大写字母',
  'validate.usccCheck': '统一社会信用代码校验位不正确，请核对后重新输入',
  'validate.idNumberFormat': '居民身份证号应为 18 位，前 17 位为数字，末位为数字或 X',
  'validate.idNumberDate': '居民身份证号中的出生日期无效',
  'validate.idNumberCheck': '居民身份证号校验位不正确，请核对后重新输入',

  'account.username': '用户名',
  'account.displayName': '姓名',
  'account.password': '密码',
  'account.passwordConfirm': '确认密码',

  'onboarding.backToLogin': '返回登录',
  'onboarding.goLogin': '前往登录',
  'onboarding.org.title': '机构入驻申请',
  'onboarding.org.name': '机构名称',
  'onboarding.org.usccHelp': '18 位，见营业执照或登记证书',
  'onboarding.org.sizeClass': '企业规模',
  'onboarding.org.industryChains': '所属产业链',
  'onboarding.org.adminSection': '本单位管理员账号',
  'onboarding.org.submit': '提交申请',
  'onboarding.org.successTitle': '已提交，等待所在城市管理部门审核',
  'onboarding.org.successSub':
    '“{name}”的入驻申请已提交至{city}管理部门。可使用管理员账号 {username} 登录查看审核进度，审核通过后即可邀请本单位员工。',
  'onboarding.talent.title': '人才注册',
  'onboarding.talent.intro': '请使用本人居民身份证号和手机号注册，注册后可查看本人的人才档案。',
  'onboarding.talent.smsCode': '短信验证码',
  'onboarding.talent.smsSend': '获取验证码',
  'onboarding.talent.smsResend': '{seconds} 秒后重新获取',
  'onboarding.talent.smsSent': '验证码已发送，10 分钟内有效',
  'onboarding.talent.submit': '注册',
  'onboarding.talent.successTitle': '注册成功',
  'onboarding.talent.successSub': '请使用用户名 {username} 登录。',
  'onboarding.invite.title': '接受邀请',
  'onboarding.invite.intro': '您收到了本单位管理员的邀请。设置用户名和密码后，即可登录平台。',
  'onboarding.invite.submit': '创建账号',
  'onboarding.invite.successTitle': '账号已创建',
  'onboarding.invite.successSub': '请使用用户名 {username} 登录。',
  'onboarding.invite.badLink': '邀请链接无效，请向本单位管理员重新索取',

  'org.size.large': '大型',
  'org.size.medium': '中型',
  'org.size.small': '小型',
  'org.size.micro': '微型',
  'org.filter.status': '状态',
  'org.filter.kind': '机构类型',
  'org.filter.q': '按机构名称搜索',
  'org.decision.action': '审核',
  'org.decision.title': '审核入驻申请',
  'org.decision.note': '审核意见（选填）',
  'org.decision.approve': '通过',
  'org.decision.reject': '驳回',
  'org.decision.approved': '已通过该机构的入驻申请',
  'org.decision.rejected': '已驳回该机构的入驻申请',
  'org.invite.button': '邀请员工',
  'org.invite.title': '邀请员工',
  'org.invite.notApproved': '机构审核通过后才能邀请员工',
  'org.invite.help':
    '请将以下链接发送给本单位员工，员工打开链接后自行设置用户名和密码。链接仅可使用一次，请勿公开；关闭本窗口后将无法再次查看。',
  'org.invite.expiresAt': '有效期至 {expiresAt}',

  'person.name': '姓名',
  'person.gender': '性别',
  'person.gender.M': '男',
  'person.gender.F': '女',
  'person.birthDate': '出生日期',
  'person.idNumber': '身份证号',
  'person.phone': '手机号',
  'person.education': '学历',
  'person.city': '所在城市',
  'person.tier': '人员层级',
  'person.tier.FRONTLINE': '一线操作人员',
  'person.tier.BACKBONE': '技术骨干',
  'person.tier.MANAGER': '管理人才',
  'person.birthYear': '出生年份',
  'user.awaitingGrant': '待授权',
  'user.requested': '申请：{role}',
  'user.create.role': '申请角色',
  'user.create.note': '新账号的角色由安全管理员授权后生效（三员分立）；账号持有人首次登录须修改初始密码。',
  'roles.cliOnly': '{role}（仅能通过部署命令设置）',
  'person.currentOrg': '当前单位',
  'person.filter.q': '按姓名搜索（姓名开头）',
  'person.filter.city': '所在城市',
  'person.profile': '基本信息',
  'person.employment.title': '工作经历',
  'person.employment.none': '暂无工作经历',
  'person.employment.present': '至今',
  'person.employment.current': '在职',
  'person.employment.digitalPost': '数字岗位',
  'person.pii.button': '查看完整证件号',
  'person.pii.title': '完整证件号',
  'person.pii.audited': '此次查看已记入审计日志',

  'user.col.roles': '角色',
  'user.col.org': '所属机构',
  'user.col.status': '状态',
  'user.status.active': '启用',
  'user.status.disabled': '停用',
  'user.locked': '已锁定',
  'user.filter.q': '按用户名或姓名搜索',
  'user.create.title': '新建账号',
  'user.create.city': '所属城市',
  'user.create.orgId': '所属机构编号',
  'user.create.orgIdHelp': '企业、培训机构/院校、评价机构账号须绑定所属机构，请填写该机构在平台中的编号',
  'user.create.done': '账号 {username} 已创建，待安全管理员授权角色',
  'user.disable': '停用',
  'user.enable': '启用',
  'user.disable.confirm': '停用账号 {username}？停用后该账号将立即退出登录。',
  'user.enable.confirm': '启用账号 {username}？',
  'user.disable.done': '账号 {username} 已停用',
  'user.enable.done': '账号 {username} 已启用',
  'user.unlock': '解锁',
  'user.unlock.done': '账号 {username} 已解锁',

  'roles.edit': '修改角色',
  'roles.modalTitle': '修改角色：{name}（{username}）',
  'roles.separationTitle': '三员分立',
  'roles.separation':
    '系统管理员、安全管理员、安全审计员互斥，且不得兼任其他角色。三员账号的角色只能通过部署命令设置；其他账号由系统管理员开设并申请角色，经安全管理员授权后生效。',
  'roles.sessionNote': '保存后，该账号当前的登录会话将失效，新角色在重新登录后生效。',
  'roles.done': '账号 {username} 的角色已更新',
  'roles.problem.empty': '至少指定一个角色',
  'roles.problem.separation': '系统管理员、安全管理员、安全审计员三员分立，其角色只能通过部署命令设置',
  'roles.problem.needsOrg': '该账号未绑定机构，不能授予企业、培训机构/院校、评价机构角色',
  'roles.problem.needsCity': '该账号未指定所属城市，不能授予市级管理员角色',

  'security.passwordMinLength': '密码最小长度',
  'security.passwordMinLength.help': '8–64 位',
  'security.passwordMinClasses': '密码最少字符类别',
  'security.passwordMinClasses.help': '大写字母、小写字母、数字、符号四类中至少包含的类数（3–4）',
  'security.maxFailedLogins': '连续登录失败锁定次数',
  'security.maxFailedLogins.help': '连续输错密码达到该次数后锁定账号（3–20 次）',
  'security.lockMinutes': '账号锁定时长',
  'security.lockMinutes.help': '锁定后自动解锁前的时长（5–1440 分钟）；系统管理员也可手动解锁',
  'security.idleMinutes': '会话空闲超时',
  'security.idleMinutes.help': '无操作超过该时长后自动退出登录（5–1440 分钟）',
  'security.unit.chars': '位',
  'security.unit.classes': '类',
  'security.unit.times': '次',
  'security.unit.minutes': '分钟',
  'security.saved': '安全策略已保存',

  'reference.kind.city': '城市',
  'reference.kind.skill_level': '技能等级',
  'reference.kind.occupation': '职业',
  'reference.kind.industry_chain': '产业链',
  'reference.kind.digital_domain': '数字技术领域',
  'reference.kind.worker_tier': '人员层级',
  'reference.kind.skill': '技能',
  'reference.asOf': '查询日期',
  'reference.asOfToday': '今天',
  'reference.editTodayOnly': '正在查看历史或未来日期的版本；编辑请先清空查询日期。',
  'reference.col.code': '代码',
  'reference.col.name': '名称',
  'reference.col.validFrom': '生效日期',
  'reference.col.validTo': '失效日期',
  'reference.col.cityStatus': '状态',
  'reference.col.digital': '数字职业',
  'reference.col.formerCodes': '曾用代码',
  'reference.col.minorGroup': '所属小类',
  'reference.col.ordinal': '等级序号',
  'reference.col.highSkill': '高技能人才',
  'reference.col.domain': '数字技术领域',
  'reference.col.occupations': '对应职业代码',
  'reference.city.active': '现行',
  'reference.city.abolished': '已撤销',
  'reference.occupation.digital': '数字职业',
  'reference.skillLevel.highSkill': '高技能',
  'reference.edit.title': '编辑 {code}',
  'reference.edit.versionNote': '编辑不会覆盖原有数据：保存后自生效日期起形成新版本，此前日期仍按原版本查询和统计。',
  'reference.edit.effectiveFrom': '生效日期',
  'reference.edit.effectiveFromHelp': '留空则自今日起生效；须晚于当前版本的生效日期（{validFrom}）',
  'reference.edit.effectiveFromTooEarly': '生效日期须晚于当前版本的生效日期（{validFrom}）',
  'reference.edit.formerCodesHelp': '输入代码后按回车，如 4-04-05-05',
  'reference.edit.formerCodesInvalid': '职业代码格式应为 X-XX-XX-XX',
  'reference.edit.done': '已保存，新版本自 {validFrom} 起生效',

  'audit.filter.entity': '对象类型',
  'audit.filter.action': '操作',
  'audit.before': '变更前',
  'audit.after': '变更后',
  'audit.entity.user': '账号',
  'audit.entity.organisation': '机构',
  'audit.entity.invitation': '邀请',
  'audit.entity.person': '人员',
  'audit.entity.security_setting': '安全策略',
  'audit.action.auth.login': '登录',
  'audit.action.auth.login_failed': '登录失败',
  'audit.action.auth.login_refused': '拒绝登录',
  'audit.action.auth.locked': '账号锁定',
  'audit.action.auth.logout': '退出登录',
  'audit.action.user.password_changed': '修改密码',
  'audit.action.user.create': '新建账号',
  'audit.action.user.create_first_admin': '创建首个管理员',
  'audit.action.user.roles': '修改角色',
  'audit.action.user.status': '停用/启用账号',
  'audit.action.user.unlock': '解锁账号',
  'audit.action.org.register': '机构入驻申请',
  'audit.action.org.approve': '审核通过',
  'audit.action.org.reject': '审核驳回',
  'audit.action.org.create': '新建机构',
  'audit.action.org.bulk_create': '批量导入机构',
  'audit.action.org.invite': '邀请员工',
  'audit.action.org.invitation_accepted': '接受邀请',
  'audit.action.person.create': '新增人员',
  'audit.action.person.pii_view': '查看完整证件号',
  'audit.action.reference.create': '新增基础数据',
  'audit.action.reference.version': '基础数据新版本',
  'audit.action.security.settings': '修改安全策略',
  'audit.action.credential.issue': '登记证书',
  'audit.action.credential.bulk_issue': '批量登记证书',
  'audit.action.credential.correct': '更正证书',
  'audit.action.credential.revoke': '撤销证书',
  'audit.action.employment.add': '登记任职',
  'audit.action.employment.end': '结束任职',
  'audit.action.import.upload': '上传导入文件',
  'audit.action.import.commit': '确认导入',
  'audit.action.import.reject': '导入被拒绝',
  'audit.action.org.update': '修改机构信息',
  'audit.action.person.bulk_create': '批量新增人员',
  'audit.action.person.export': '导出人员名单',
  'audit.action.person.merge': '合并重复人员',
  'audit.action.person.move_city': '变更所在城市',
  'audit.action.setting.update': '修改政策参数',
  'audit.action.target.set': '设定目标值',
  'audit.action.target.reset': '目标值恢复默认',
  'audit.action.report.request': '申请生成年度报告',
  'audit.action.report.ready': '年度报告生成并冻结',
  'audit.action.supervision.save': '保存自评',
  'audit.action.supervision.submit': '提交自评',
  'audit.action.supervision.return': '退回自评',
  'audit.action.supervision.score': '督导评分',
  'audit.action.supervision.evidence_add': '上传佐证材料',
  'audit.action.supervision.evidence_remove': '删除佐证材料',
  'audit.action.supervision.rectification_create': '下达整改事项',
  'audit.action.supervision.rectification_report': '报送整改情况',
  'audit.action.supervision.rectification_accept': '整改销号',
  'audit.action.supervision.rectification_reject': '整改不予销号',
  'audit.entity.credential': '证书',
  'audit.entity.employment': '任职',
  'audit.entity.contribution': '贡献记录',
  'audit.entity.import_batch': '导入批次',
  'audit.entity.indicator_target': '指标目标',
  'audit.entity.report': '年度报告',
  'audit.entity.setting': '政策参数',
  'audit.entity.supervision_assessment': '督导自评',
  'audit.entity.supervision_evidence': '佐证材料',
  'audit.entity.supervision_rectification': '整改事项',

  // Feature dictionaries, kept beside their features.
  ...personMessagesZh,
  ...registryMessagesZh,
  ...targetMessagesZh,
  ...reportMessagesZh,
  ...supervisionMessagesZh,
  ...trainingMessagesZh,
  ...subsidyMessagesZh,
  ...importMessagesZh,
  ...matchingMessagesZh,
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

  'password.title': 'Change your initial password',
  'password.mustChange':
    'Your account still has its initial password. Choose a new one first; you then sign in again with it.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.submit': 'Change password',
  'password.done': 'Password changed. Sign in with the new password.',

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
  'common.actions': 'Actions',
  'common.back': 'Back',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.create': 'Create',
  'common.edit': 'Edit',
  'common.save': 'Save',

  'login.registerOrg': 'Organisation sign-up',
  'login.registerTalent': 'Talent sign-up',

  'validate.input': '{field} is required',
  'validate.select': '{field} is required',
  'validate.invalid': 'This value is not valid',
  'validate.tooLong': 'At most {max} characters',
  'validate.tooShort': 'At least {min} characters',
  'validate.range': 'Enter a whole number from {min} to {max}',
  'validate.uuid': 'Invalid ID format',
  'validate.usernameRule': '3–64 characters: letters, digits and _ . @ -',
  'validate.usernameLength': 'The username needs at least 3 characters',
  'validate.usernameChars': 'The username may contain only letters, digits and _ . @ -',
  'validate.passwordRule':
    'At least 8 characters, with at least 3 of: upper-case letters, lower-case letters, digits, symbols',
  'validate.passwordLength': 'The password needs at least {min} characters',
  'validate.passwordClasses':
    'The password needs at least {n} of: upper-case letters, lower-case letters, digits, symbols',
  'validate.passwordMismatch': 'The two passwords do not match',
  'validate.phone': 'Invalid mobile number',
  'validate.smsCode': 'The code has 6 digits',
  'validate.usccLength': 'The unified social credit code has 18 characters ({n} entered)',
  'validate.usccChars': 'The code may contain only digits and upper-case letters other than I, O, Z, S, V',
  'validate.usccCheck': 'The check character of the unified social credit code is wrong; please check it',
  'validate.idNumberFormat': 'The ID number has 18 characters: 17 digits, then a digit or X',
  'validate.idNumberDate': 'The birth date in the ID number is not valid',
  'validate.idNumberCheck': 'The check character of the ID number is wrong; please check it',

  'account.username': 'Username',
  'account.displayName': 'Name',
  'account.password': 'Password',
  'account.passwordConfirm': 'Confirm password',

  'onboarding.backToLogin': 'Back to sign-in',
  'onboarding.goLogin': 'Go to sign-in',
  'onboarding.org.title': 'Organisation sign-up',
  'onboarding.org.name': 'Organisation name',
  'onboarding.org.usccHelp': '18 characters, as on the business licence or registration certificate',
  'onboarding.org.sizeClass': 'Enterprise size',
  'onboarding.org.industryChains': 'Industry chains',
  'onboarding.org.adminSection': 'Administrator account of the organisation',
  'onboarding.org.submit': 'Submit application',
  'onboarding.org.successTitle': "Submitted: awaiting review by the city's administration",
  'onboarding.org.successSub':
    'The application of "{name}" has been sent to the {city} administration. Sign in as {username} to follow its review; once approved, you can invite your staff.',
  'onboarding.talent.title': 'Talent sign-up',
  'onboarding.talent.intro': 'Sign up with your own resident ID number and mobile number to see your talent record.',
  'onboarding.talent.smsCode': 'SMS code',
  'onboarding.talent.smsSend': 'Get code',
  'onboarding.talent.smsResend': 'Resend in {seconds} s',
  'onboarding.talent.smsSent': 'Code sent; valid for 10 minutes',
  'onboarding.talent.submit': 'Sign up',
  'onboarding.talent.successTitle': 'Signed up',
  'onboarding.talent.successSub': 'Sign in with the username {username}.',
  'onboarding.invite.title': 'Accept invitation',
  'onboarding.invite.intro':
    "Your organisation's administrator has invited you. Choose a username and password to start using the platform.",
  'onboarding.invite.submit': 'Create account',
  'onboarding.invite.successTitle': 'Account created',
  'onboarding.invite.successSub': 'Sign in with the username {username}.',
  'onboarding.invite.badLink':
    "This invitation link is not valid. Ask your organisation's administrator for a new one.",

  'org.size.large': 'Large',
  'org.size.medium': 'Medium',
  'org.size.small': 'Small',
  'org.size.micro': 'Micro',
  'org.filter.status': 'Status',
  'org.filter.kind': 'Type',
  'org.filter.q': 'Search by name',
  'org.decision.action': 'Review',
  'org.decision.title': 'Review application',
  'org.decision.note': 'Note (optional)',
  'org.decision.approve': 'Approve',
  'org.decision.reject': 'Reject',
  'org.decision.approved': 'The application was approved',
  'org.decision.rejected': 'The application was rejected',
  'org.invite.button': 'Invite staff',
  'org.invite.title': 'Invite staff',
  'org.invite.notApproved': 'Staff can be invited once the organisation is approved',
  'org.invite.help':
    'Send this link to a member of your staff, who opens it to choose a username and password. It works once; do not publish it. It cannot be shown again after you close this window.',
  'org.invite.expiresAt': 'Valid until {expiresAt}',

  'person.name': 'Name',
  'person.gender': 'Gender',
  'person.gender.M': 'Male',
  'person.gender.F': 'Female',
  'person.birthDate': 'Date of birth',
  'person.idNumber': 'ID number',
  'person.phone': 'Mobile',
  'person.education': 'Education',
  'person.city': 'City',
  'person.tier': 'Tier',
  'person.tier.FRONTLINE': 'Front-line worker',
  'person.tier.BACKBONE': 'Technical backbone',
  'person.tier.MANAGER': 'Manager',
  'person.birthYear': 'Year of birth',
  'user.awaitingGrant': 'Awaiting grant',
  'user.requested': 'Requested: {role}',
  'user.create.role': 'Requested role',
  'user.create.note':
    "The new account's role takes effect once the security administrator grants it (separation of duties); the holder must change the initial password at first sign-in.",
  'roles.cliOnly': '{role} (set by the deployment command only)',
  'person.currentOrg': 'Current employer',
  'person.filter.q': 'Search by name (starts with)',
  'person.filter.city': 'City',
  'person.profile': 'Profile',
  'person.employment.title': 'Employment',
  'person.employment.none': 'No employment recorded',
  'person.employment.present': 'present',
  'person.employment.current': 'Current',
  'person.employment.digitalPost': 'Digital post',
  'person.pii.button': 'View full ID number',
  'person.pii.title': 'Full ID number',
  'person.pii.audited': 'This view has been recorded in the audit log',

  'user.col.roles': 'Roles',
  'user.col.org': 'Organisation',
  'user.col.status': 'Status',
  'user.status.active': 'Active',
  'user.status.disabled': 'Disabled',
  'user.locked': 'Locked',
  'user.filter.q': 'Search by username or name',
  'user.create.title': 'New account',
  'user.create.city': 'City',
  'user.create.orgId': 'Organisation ID',
  'user.create.orgIdHelp':
    'Enterprise, training provider and evaluation organisation accounts belong to an organisation: enter its platform ID',
  'user.create.done': 'Account {username} created; awaiting the security administrator’s role grant',
  'user.disable': 'Disable',
  'user.enable': 'Enable',
  'user.disable.confirm': 'Disable {username}? The account is signed out at once.',
  'user.enable.confirm': 'Enable {username}?',
  'user.disable.done': 'Account {username} disabled',
  'user.enable.done': 'Account {username} enabled',
  'user.unlock': 'Unlock',
  'user.unlock.done': 'Account {username} unlocked',

  'roles.edit': 'Change roles',
  'roles.modalTitle': 'Change roles: {name} ({username})',
  'roles.separationTitle': 'Separation of the three administrators',
  'roles.separation':
    'The system administrator, security administrator and audit administrator roles exclude each other and cannot be combined with any other role. Their roles are set by the deployment command only; other accounts are opened by the system administrator with a requested role, which applies once the security administrator grants it.',
  'roles.sessionNote': "Saving ends the account's current sessions; the new roles apply at its next sign-in.",
  'roles.done': 'Roles of {username} updated',
  'roles.problem.empty': 'Choose at least one role',
  'roles.problem.separation':
    'The system, security and audit administrator roles are separated and set by the deployment command only',
  'roles.problem.needsOrg':
    'This account belongs to no organisation, so it cannot hold the enterprise, training provider or evaluation organisation role',
  'roles.problem.needsCity': 'This account has no city, so it cannot hold the city administrator role',

  'security.passwordMinLength': 'Minimum password length',
  'security.passwordMinLength.help': '8–64 characters',
  'security.passwordMinClasses': 'Minimum character classes',
  'security.passwordMinClasses.help':
    'How many of upper-case letters, lower-case letters, digits and symbols a password needs (3–4)',
  'security.maxFailedLogins': 'Failed sign-ins before lockout',
  'security.maxFailedLogins.help': 'The account is locked after this many wrong passwords in a row (3–20)',
  'security.lockMinutes': 'Lockout duration',
  'security.lockMinutes.help':
    'How long a locked account stays locked (5–1440 minutes); the system administrator can also unlock it',
  'security.idleMinutes': 'Idle session timeout',
  'security.idleMinutes.help': 'A session ends after this long without activity (5–1440 minutes)',
  'security.unit.chars': 'chars',
  'security.unit.classes': 'classes',
  'security.unit.times': 'times',
  'security.unit.minutes': 'min',
  'security.saved': 'Security policy saved',

  'reference.kind.city': 'Cities',
  'reference.kind.skill_level': 'Skill levels',
  'reference.kind.occupation': 'Occupations',
  'reference.kind.industry_chain': 'Industry chains',
  'reference.kind.digital_domain': 'Digital technology domains',
  'reference.kind.worker_tier': 'Worker tiers',
  'reference.kind.skill': 'Skills',
  'reference.asOf': 'As of',
  'reference.asOfToday': 'Today',
  'reference.editTodayOnly': 'You are viewing the versions of another date; clear the date to edit.',
  'reference.col.code': 'Code',
  'reference.col.name': 'Name',
  'reference.col.validFrom': 'Valid from',
  'reference.col.validTo': 'Valid to',
  'reference.col.cityStatus': 'Status',
  'reference.col.digital': 'Digital occupation',
  'reference.col.formerCodes': 'Former codes',
  'reference.col.minorGroup': 'Minor group',
  'reference.col.ordinal': 'Rank',
  'reference.col.highSkill': 'Highly skilled',
  'reference.col.domain': 'Digital domain',
  'reference.col.occupations': 'Occupation codes',
  'reference.city.active': 'Current',
  'reference.city.abolished': 'Abolished',
  'reference.occupation.digital': 'Digital',
  'reference.skillLevel.highSkill': 'Highly skilled',
  'reference.edit.title': 'Edit {code}',
  'reference.edit.versionNote':
    'An edit does not overwrite: it creates a new version from its effective date, and earlier dates keep the previous version.',
  'reference.edit.effectiveFrom': 'Effective from',
  'reference.edit.effectiveFromHelp':
    'Leave empty for today; must be later than the current version’s start ({validFrom})',
  'reference.edit.effectiveFromTooEarly': 'Must be later than the current version’s start ({validFrom})',
  'reference.edit.formerCodesHelp': 'Type a code and press Enter, e.g. 4-04-05-05',
  'reference.edit.formerCodesInvalid': 'Occupation codes look like X-XX-XX-XX',
  'reference.edit.done': 'Saved; the new version applies from {validFrom}',

  'audit.filter.entity': 'Entity',
  'audit.filter.action': 'Action',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.entity.user': 'Account',
  'audit.entity.organisation': 'Organisation',
  'audit.entity.invitation': 'Invitation',
  'audit.entity.person': 'Person',
  'audit.entity.security_setting': 'Security policy',
  'audit.action.auth.login': 'Sign-in',
  'audit.action.auth.login_failed': 'Failed sign-in',
  'audit.action.auth.login_refused': 'Sign-in refused',
  'audit.action.auth.locked': 'Account locked',
  'audit.action.auth.logout': 'Sign-out',
  'audit.action.user.password_changed': 'Password changed',
  'audit.action.user.create': 'Account created',
  'audit.action.user.create_first_admin': 'First administrator created',
  'audit.action.user.roles': 'Roles changed',
  'audit.action.user.status': 'Account disabled/enabled',
  'audit.action.user.unlock': 'Account unlocked',
  'audit.action.org.register': 'Organisation sign-up',
  'audit.action.org.approve': 'Application approved',
  'audit.action.org.reject': 'Application rejected',
  'audit.action.org.create': 'Organisation created',
  'audit.action.org.bulk_create': 'Organisations imported',
  'audit.action.org.invite': 'Staff invited',
  'audit.action.org.invitation_accepted': 'Invitation accepted',
  'audit.action.person.create': 'Person added',
  'audit.action.person.pii_view': 'Full ID number viewed',
  'audit.action.reference.create': 'Reference item added',
  'audit.action.reference.version': 'Reference data new version',
  'audit.action.security.settings': 'Security policy changed',
  'audit.action.credential.issue': 'Certificate recorded',
  'audit.action.credential.bulk_issue': 'Certificates recorded in bulk',
  'audit.action.credential.correct': 'Certificate corrected',
  'audit.action.credential.revoke': 'Certificate revoked',
  'audit.action.employment.add': 'Employment added',
  'audit.action.employment.end': 'Employment ended',
  'audit.action.import.upload': 'Import file uploaded',
  'audit.action.import.commit': 'Import committed',
  'audit.action.import.reject': 'Import rejected',
  'audit.action.org.update': 'Organisation updated',
  'audit.action.person.bulk_create': 'Persons added in bulk',
  'audit.action.person.export': 'Person list exported',
  'audit.action.person.merge': 'Duplicate persons merged',
  'audit.action.person.move_city': 'City changed',
  'audit.action.setting.update': 'Policy setting changed',
  'audit.action.target.set': 'Target set',
  'audit.action.target.reset': 'Target reset to default',
  'audit.action.report.request': 'Annual report requested',
  'audit.action.report.ready': 'Annual report generated and frozen',
  'audit.action.supervision.save': 'Self-assessment saved',
  'audit.action.supervision.submit': 'Self-assessment submitted',
  'audit.action.supervision.return': 'Self-assessment returned',
  'audit.action.supervision.score': 'Supervision scored',
  'audit.action.supervision.evidence_add': 'Evidence uploaded',
  'audit.action.supervision.evidence_remove': 'Evidence removed',
  'audit.action.supervision.rectification_create': 'Rectification item created',
  'audit.action.supervision.rectification_report': 'Rectification reported',
  'audit.action.supervision.rectification_accept': 'Rectification closed',
  'audit.action.supervision.rectification_reject': 'Rectification rejected',
  'audit.entity.credential': 'Certificate',
  'audit.entity.employment': 'Employment',
  'audit.entity.contribution': 'Contribution',
  'audit.entity.import_batch': 'Import batch',
  'audit.entity.indicator_target': 'Indicator target',
  'audit.entity.report': 'Annual report',
  'audit.entity.setting': 'Policy setting',
  'audit.entity.supervision_assessment': 'Self-assessment',
  'audit.entity.supervision_evidence': 'Evidence file',
  'audit.entity.supervision_rectification': 'Rectification item',

  ...personMessagesEn,
  ...registryMessagesEn,
  ...targetMessagesEn,
  ...reportMessagesEn,
  ...supervisionMessagesEn,
  ...trainingMessagesEn,
  ...subsidyMessagesEn,
  ...importMessagesEn,
  ...matchingMessagesEn,
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
