import type { IndicatorDefinition } from '../targets/targets.service.js';
import type { EventsService } from './matching.events.service.js';
import { t5Figures } from './matching.fit.js';

/**
 * The matching zone's indicators, registered with targets (ADR 0008):
 * - T5 企业需求与人才适配度 (share): the stored fit run standing for the day — the run of the day
 *   itself (31 December for a year-end) or the latest before it; never computed in the refresh
 *   and never invented: without a run the map is empty and targets shows 'not computed'.
 * - A7 人才供需对接活动 (yearly): events held in the year up to the day, per city.
 * - A8 对接服务企业 (yearly): distinct enterprises checked in at a held event or visited by an
 *   expert in the year up to the day, each in its own city.
 */
export function matchingIndicators(deps: {
  events: Pick<EventsService, 'eventsHeld' | 'enterprisesServed'>;
}): IndicatorDefinition[] {
  return [
    {
      id: 'T5',
      title: '企业需求与人才适配度',
      unit: '比例',
      kind: 'share',
      compute: (db, o) => t5Figures(db, o.asOf, o.knownAt),
    },
    {
      id: 'A7',
      title: '人才供需对接活动',
      unit: '场',
      kind: 'yearly',
      compute: (db, o) => deps.events.eventsHeld(db, o.asOf, o.knownAt),
    },
    {
      id: 'A8',
      title: '对接服务企业',
      unit: '家',
      kind: 'yearly',
      compute: (db, o) => deps.events.enterprisesServed(db, o.asOf, o.knownAt),
    },
  ];
}
