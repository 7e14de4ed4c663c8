import { z } from 'zod';

/**
 * 人才供需对接专区, part 2: matching events (对接活动) with invite lists from pre-matching,
 * check-in and outcomes; expert service visits (劳模工匠助企行); the T5 fit runs
 * (企业需求与人才适配度, docs/adr/0011-fit-indicator.md) with their drill-down and shortage list.
 * Shared by server and web.
 */

const Day = z.iso.date('日期格式应为 YYYY-MM-DD 且为有效日期');
const CityCode = z.string().regex(/^\d{6}$/, '城市代码应为 6 位数字');
const Uuid = (what: string) => z.string().uuid(`${what}编号格式不正确`);
const Paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

// ---------------------------------------------------------------- events (对接活动)

export const EVENT_STATUSES = ['planned', 'held', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  planned: '筹备中',
  held: '已举办',
  closed: '已结束',
};

/** The one table of event transitions (POST /api/matching/events/:id/status): to ← from. */
export const EVENT_TRANSITIONS: Record<'held' | 'closed', readonly EventStatus[]> = {
  held: ['planned'],
  closed: ['held'],
};

export const CreateEvent = z.object({
  cityCode: CityCode,
  /** Asia/Shanghai calendar day. */
  date: Day,
  title: z.string().trim().min(1, '请填写活动名称').max(100, '活动名称不能超过 100 字'),
  /** Industry chains the event is for (empty = all chains). */
  chains: z.array(z.string().trim().min(1).max(20)).max(30).default([]),
  venue: z.string().trim().max(200).nullable().optional(),
  description: z.string().trim().max(5_000).nullable().optional(),
});
export type CreateEvent = z.infer<typeof CreateEvent>;

export const EventListQuery = z.object({
  city: CityCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  ...Paging,
});

export const EventStatusInput = z.object({ status: z.enum(['held', 'closed']) });

/** Build (or rebuild) the pre-matched invite list: enterprises with open demands in the city and chains, and their best candidates. */
export const BuildInvitations = z.object({
  /** Candidates per demand (qualifying: score ≥ the threshold, in the T5 talent pool). */
  perDemand: z.number().int().min(1).max(20).default(5),
});

export const CheckinInput = z
  .object({
    orgId: Uuid('企业').optional(),
    personId: Uuid('人员').optional(),
  })
  .refine((x) => (x.orgId ? 1 : 0) + (x.personId ? 1 : 0) === 1, {
    message: '请指定签到的企业或人才（二选一）',
    path: ['orgId'],
  });
export type CheckinInput = z.infer<typeof CheckinInput>;

/** Outcomes that happened outside the platform (counted by the organiser); linked ones come from applications. */
export const EventOutcomesInput = z.object({
  interviews: z.number().int().min(0).max(1_000_000),
  offers: z.number().int().min(0).max(1_000_000),
  hires: z.number().int().min(0).max(1_000_000),
  note: z.string().trim().max(1_000).nullable().optional(),
});

export const OutcomeCounts = z.object({ interviews: z.number(), offers: z.number(), hires: z.number() });

export const EventOutcomes = z.object({
  /** From applications of the flow between the event's enterprises and talents (created since the event was set up). */
  linked: OutcomeCounts,
  /** Entered by the organiser (outside the platform). */
  counted: OutcomeCounts,
  total: OutcomeCounts,
  note: z.string().nullable(),
});

export const MatchEvent = z.object({
  id: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  date: z.string(),
  title: z.string(),
  chains: z.array(z.string()),
  venue: z.string().nullable(),
  description: z.string().nullable(),
  status: z.enum(EVENT_STATUSES),
  statusLabel: z.string(),
  enterprisesInvited: z.number(),
  talentsInvited: z.number(),
  enterprisesCheckedIn: z.number(),
  talentsCheckedIn: z.number(),
  invitationsBuiltAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MatchEvent = z.infer<typeof MatchEvent>;
export const MatchEventPage = z.object({ items: z.array(MatchEvent), total: z.number() });

export const EventEnterprise = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** prematch: from the invite list; walk_in: checked in without an invitation. */
  source: z.enum(['prematch', 'walk_in']),
  /** Open demands that put it on the list. */
  demands: z.array(z.object({ id: z.string(), title: z.string(), headcount: z.number() })),
  checkedInAt: z.string().nullable(),
});

export const EventTalent = z.object({
  personId: z.string(),
  /** Masked (张*) for an enterprise. */
  name: z.string(),
  source: z.enum(['prematch', 'walk_in']),
  /** The demand it was pre-matched to (its best score among the event's demands). */
  demandId: z.string().nullable(),
  demandTitle: z.string().nullable(),
  orgId: z.string().nullable(),
  score: z.number().nullable(),
  checkedInAt: z.string().nullable(),
});

export const MatchEventDetail = MatchEvent.extend({
  /** Transitions the status allows now (the UI still needs event.manage). */
  next: z.array(z.enum(['held', 'closed'])),
  enterprises: z.array(EventEnterprise),
  talents: z.array(EventTalent),
  outcomes: EventOutcomes,
});
export type MatchEventDetail = z.infer<typeof MatchEventDetail>;

// ---------------------------------------------------------------- expert visits (劳模工匠助企行)

export const CreateVisit = z.object({
  /** The expert (劳模、工匠) as a person of the registry. */
  expertPersonId: Uuid('专家'),
  orgId: Uuid('企业'),
  /** Asia/Shanghai calendar day (not in the future: a visit is recorded after it took place). */
  date: Day,
  topic: z.string().trim().min(1, '请填写服务主题').max(200, '服务主题不能超过 200 字'),
  outcome: z.string().trim().min(1, '请填写服务成效').max(2_000, '服务成效不能超过 2000 字'),
});
export type CreateVisit = z.infer<typeof CreateVisit>;

export const VisitListQuery = z.object({
  city: CityCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...Paging,
});

export const Visit = z.object({
  id: z.string(),
  expertPersonId: z.string(),
  expertName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  date: z.string(),
  topic: z.string(),
  outcome: z.string(),
  createdAt: z.string(),
});
export const VisitPage = z.object({ items: z.array(Visit), total: z.number() });

// ---------------------------------------------------------------- T5 fit runs (企业需求与人才适配度)

export const FIT_RUN_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type FitRunStatus = (typeof FIT_RUN_STATUSES)[number];

export const StartFitRun = z.object({
  /** The run computes the records as they stand now: only today (Asia/Shanghai) is accepted; default today. */
  asOf: Day.optional(),
});

export const FitFigure = z.object({
  positions: z.number(),
  filled: z.number(),
  /** filled / positions, 0–1 (null without positions). */
  share: z.number().nullable(),
});

export const FitRun = z.object({
  id: z.string(),
  status: z.enum(FIT_RUN_STATUSES),
  asOf: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
  computedAt: z.string().nullable(),
  threshold: z.number().nullable(),
  /** Which talents counted, in words. */
  pool: z.string().nullable(),
  edges: z.number().nullable(),
  demands: z.number().nullable(),
  talents: z.number().nullable(),
  wallMs: z.number().nullable(),
  certificateOk: z.boolean().nullable(),
  error: z.string().nullable(),
});

export const FitCity = FitFigure.extend({ cityCode: z.string(), cityName: z.string() });

export const FitView = z.object({
  /** The latest finished run (null: none yet). */
  run: FitRun.nullable(),
  /** The latest requested run, when it is still pending or running (or failed after the last finished one). */
  pending: FitRun.nullable(),
  province: FitFigure.nullable(),
  /** A city admin: only their own city. */
  cities: z.array(FitCity),
});

export const FitUnfilledQuery = z.object({ city: CityCode.optional(), ...Paging });

export const FitReason = z.object({
  /** occupation | level | required_skill:<code> | chain | city | pool | score | taken | no_candidate */
  key: z.string(),
  label: z.string(),
  /** How many of the best non-qualifying candidates miss it (0 for no_candidate / taken). */
  count: z.number(),
});

export const FitUnfilled = z.object({
  demandId: z.string(),
  title: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  positions: z.number(),
  /** Positions filled in the assignment read (the province's, or with ?city= the city's own). */
  filled: z.number(),
  unfilled: z.number(),
  /** Qualifying candidates (edges) of the demand. */
  candidates: z.number(),
  reasons: z.array(FitReason),
});
export const FitUnfilledPage = z.object({
  runId: z.string().nullable(),
  asOf: z.string().nullable(),
  /** 'province' (the province-wide assignment) or 'city' (the city's own). */
  assignment: z.enum(['province', 'city']),
  items: z.array(FitUnfilled),
  total: z.number(),
});

export const FitShortagesQuery = z.object({ city: CityCode.optional() });
export const FitShortage = z.object({
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  cityCode: z.string(),
  cityName: z.string(),
  demands: z.number(),
  unfilled: z.number(),
  /** The reasons over the demands, most frequent first. */
  reasons: z.array(FitReason),
});
export const FitShortages = z.object({
  runId: z.string().nullable(),
  asOf: z.string().nullable(),
  items: z.array(FitShortage),
});
