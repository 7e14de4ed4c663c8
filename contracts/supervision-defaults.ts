/**
 * The default 督导评估 rubric (100 points), without zod, so the web app can import the value
 * (恢复默认) without bundling the schemas; contracts/supervision.ts re-exports it with its type.
 * The province admin changes the rubric under the settings key `supervision.rubric`.
 */
export const DEFAULT_RUBRIC_ITEMS = [
  { key: 'leadership', title: '组织领导', maxPoints: 20, description: '工作机制、专班、实施细则' },
  { key: 'talent_cultivation', title: '人才培养', maxPoints: 25, description: '企业自主培训、社会化培训、技能评价' },
  { key: 'policy_implementation', title: '政策落实', maxPoints: 20, description: '补贴、激励、职业教育等政策落地' },
  { key: 'platform_building', title: '平台建设', maxPoints: 15, description: '基地、工作室、供需对接平台' },
  { key: 'target_completion', title: '目标完成', maxPoints: 20, description: '年度指标完成情况' },
];
