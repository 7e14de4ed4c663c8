import { systemActor, type Actor } from '../kernel/audit/audit.js';
import type { AppServices } from '../app.js';

/**
 * Demo training (issue 6), deterministic: the demo `provider` account's organisation runs a
 * digital social-training programme with one class of four sessions and six enrolled persons —
 * the demo `talent` among them — so a journey can take attendance and complete the class; and a
 * cloud course (云课堂) with two lessons the talent can learn.
 */
export async function seedTrainingDemo(
  s: Pick<AppServices, 'training'>,
  o: {
    providerOrgId: string;
    providerCityCode: string;
    /** The persons to enrol (the demo talent first): ID number and name as in the registry. */
    enrolees: { idNumber: string; name: string }[];
  },
): Promise<{ programmeId: string; classId: string; courseId: string }> {
  const actor: Actor = {
    ...systemActor('seed'),
    roles: ['provider'],
    orgId: o.providerOrgId,
    cityCode: o.providerCityCode,
  };
  const programme = await s.training.createProgramme(actor, {
    title: '工业互联网平台应用实践（实践应用结业）',
    type: 'social',
    purpose: 'on_job',
    occupationCode: '6-31-07-04',
    digitalDomain: 'DD07',
    tier: 'FRONTLINE',
    hours: 32,
    assessmentRequired: true,
    description: '面向一线操作人员的工业互联网平台操作与数据采集实践课程。',
  });
  // Four sessions, 09:00–17:00 Asia/Shanghai.
  const day = (d: string) => ({ startsAt: `${d}T01:00:00Z`, endsAt: `${d}T09:00:00Z` });
  const cls = await s.training.createClass(actor, programme.id, {
    name: '2026年第一期',
    capacity: 30,
    sessions: [day('2026-11-23'), day('2026-11-24'), day('2026-11-25'), day('2026-11-26')],
  });
  for (const e of o.enrolees) await s.training.enrol(actor, cls.id, e);

  const course = await s.training.createProgramme(actor, {
    title: '大数据分析入门（云课堂）',
    type: 'cloud',
    purpose: 'on_job',
    digitalDomain: 'DD03',
    hours: 2,
    assessmentRequired: false,
  });
  await s.training.addLinkLesson(actor, course.id, {
    title: '第一课：数据思维',
    minutes: 45,
    url: 'https://example.org/jiangxin/cloud/big-data/1',
  });
  await s.training.addLinkLesson(actor, course.id, {
    title: '第二课：数据采集与清洗',
    minutes: 45,
    url: 'https://example.org/jiangxin/cloud/big-data/2',
  });
  return { programmeId: programme.id, classId: cls.id, courseId: course.id };
}
