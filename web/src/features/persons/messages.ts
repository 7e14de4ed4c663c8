/**
 * The 人才库 strings added with the registry (filters, 登记员工, 办理离职, 合并重复记录);
 * i18n.tsx merges them into its dictionaries.
 */
export const personMessagesZh = {
  'person.filter.chain': '产业链',
  'person.filter.occupation': '职业（持有有效证书）',
  'person.filter.level': '技能等级',
  'person.filter.tier': '人员层级',
  'person.filter.category': '人才类别',
  'person.filter.org': '工作单位',
  'person.select.placeholder': '输入姓名查找',
  'person.select.typeName': '请输入姓名（姓名开头）',
  'person.select.none': '未找到匹配的人员',
  'person.summary': '{name}（{idNumber}，{city}，{birthYear} 年生）',

  'employee.add.button': '登记员工',
  'employee.add.title': '登记员工：{org}',
  'employee.add.submit': '登记',
  'employee.add.done': '已将 {name} 登记为本单位员工',
  'employee.add.doneNew': '{name} 此前不在人才库中，已新建档案并登记为本单位员工',
  'employee.phone': '手机号（选填）',

  'employment.org': '工作单位',
  'employment.post': '岗位',
  'employment.occupation': '对应职业（选填）',
  'employment.fromDate': '入职日期',
  'employment.toDate': '离职日期',
  'employment.end.button': '办理离职',
  'employment.end.title': '办理离职',
  'employment.end.submit': '确认离职',
  'employment.end.done': '已为 {name} 办理离职。任职记录保留在其工作经历中，其档案不再对本单位开放。',
  'employment.end.help': '离职后，该人员的档案不再对本单位开放；任职记录保留在其工作经历中。',

  'merge.button': '合并重复记录',
  'merge.title': '合并重复记录',
  'merge.help':
    '用于同一人被重复登记的情况。被合并记录的证书、任职和贡献将转移到当前记录，被合并记录不再出现在人才库中。此操作记入审计日志，无法在页面上撤回。',
  'merge.survivor': '保留的记录：',
  'merge.duplicate': '被合并的重复记录',
  'merge.next': '下一步',
  'merge.submit': '确认合并',
  'merge.confirm.title': '确认合并这两条记录？',
  'merge.confirm.content': '将“{duplicate}”合并到“{survivor}”。合并后只保留后者。',
  'merge.done': '已合并：转移证书 {credentials} 条、任职 {employments} 条、贡献 {contributions} 条',
} as const;

export const personMessagesEn: Record<keyof typeof personMessagesZh, string> = {
  'person.filter.chain': 'Industry chain',
  'person.filter.occupation': 'Occupation (valid certificate)',
  'person.filter.level': 'Skill level',
  'person.filter.tier': 'Tier',
  'person.filter.category': 'Talent category',
  'person.filter.org': 'Employer',
  'person.select.placeholder': 'Type a name to search',
  'person.select.typeName': 'Type the start of a name',
  'person.select.none': 'No matching person',
  'person.summary': '{name} ({idNumber}, {city}, born {birthYear})',

  'employee.add.button': 'Add employee',
  'employee.add.title': 'Add employee: {org}',
  'employee.add.submit': 'Add',
  'employee.add.done': '{name} is now recorded as an employee',
  'employee.add.doneNew': '{name} was new to the registry: a record was created and the employment added',
  'employee.phone': 'Mobile (optional)',

  'employment.org': 'Employer',
  'employment.post': 'Post',
  'employment.occupation': 'Occupation (optional)',
  'employment.fromDate': 'Start date',
  'employment.toDate': 'Leaving date',
  'employment.end.button': 'Record leaving',
  'employment.end.title': 'Record leaving',
  'employment.end.submit': 'Confirm',
  'employment.end.done':
    'Leaving recorded for {name}. The employment stays in their history; their profile is no longer open to your organisation.',
  'employment.end.help':
    'After leaving, the profile is no longer open to your organisation; the employment stays in the history.',

  'merge.button': 'Merge duplicate',
  'merge.title': 'Merge duplicate record',
  'merge.help':
    "For a person registered twice. The duplicate's credentials, employments and contributions move to this record, and the duplicate leaves the talent pool. The merge is audited and cannot be undone here.",
  'merge.survivor': 'Record kept: ',
  'merge.duplicate': 'Duplicate record to merge',
  'merge.next': 'Next',
  'merge.submit': 'Merge',
  'merge.confirm.title': 'Merge these two records?',
  'merge.confirm.content': '“{duplicate}” will be merged into “{survivor}”. Only the latter remains.',
  'merge.done': 'Merged: {credentials} credentials, {employments} employments, {contributions} contributions moved',
};
