import type { MessageKey } from '../../../i18n';
import type { ApplicationAction, ApplicationStatus, DemandStatus, EventStatus } from '../api';

// Copies of the small tables in contracts/matching.ts (importing values would pull zod into the bundle).

export const DEMAND_STATUSES: readonly DemandStatus[] = ['draft', 'open', 'filled', 'closed'];

export const DEMAND_STATUS_LABELS: Record<DemandStatus, MessageKey> = {
  draft: 'matching.status.draft',
  open: 'matching.status.open',
  filled: 'matching.status.filled',
  closed: 'matching.status.closed',
};

export const DEMAND_STATUS_COLORS: Record<DemandStatus, string> = {
  draft: 'default',
  open: 'green',
  filled: 'blue',
  closed: 'default',
};

/** contracts/matching.ts DEMAND_TRANSITIONS, read from the source status: 发布 / 已满员 / 关闭. */
export const STATUS_MOVES: Record<DemandStatus, readonly { to: 'open' | 'filled' | 'closed'; label: MessageKey }[]> = {
  draft: [
    { to: 'open', label: 'matching.action.publish' },
    { to: 'closed', label: 'matching.action.close' },
  ],
  open: [
    { to: 'filled', label: 'matching.action.fill' },
    { to: 'closed', label: 'matching.action.close' },
  ],
  filled: [],
  closed: [],
};

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'invited',
  'applied',
  'accepted',
  'interviewing',
  'offered',
  'offer_accepted',
  'hired',
  'declined',
  'rejected',
  'withdrawn',
];

export const STATE_LABELS: Record<ApplicationStatus, MessageKey> = {
  invited: 'matching.state.invited',
  applied: 'matching.state.applied',
  accepted: 'matching.state.accepted',
  interviewing: 'matching.state.interview',
  offered: 'matching.state.offered',
  offer_accepted: 'matching.state.offerAccepted',
  hired: 'matching.state.hired',
  declined: 'matching.state.declined',
  rejected: 'matching.state.rejected',
  withdrawn: 'matching.state.withdrawn',
};

export const ACTION_LABELS: Record<ApplicationAction, MessageKey> = {
  accept: 'matching.act.accept',
  decline: 'matching.act.decline',
  interview: 'matching.act.interview',
  offer: 'matching.act.offer',
  accept_offer: 'matching.act.acceptOffer',
  hire: 'matching.act.hire',
  reject: 'matching.act.reject',
  withdraw: 'matching.act.withdraw',
};

/** Actions that end an application (shown as danger buttons). */
export const NEGATIVE_ACTIONS: readonly ApplicationAction[] = ['decline', 'reject', 'withdraw'];

export const STATE_COLORS: Record<ApplicationStatus, string> = {
  invited: 'gold',
  applied: 'gold',
  accepted: 'cyan',
  interviewing: 'processing',
  offered: 'purple',
  offer_accepted: 'geekblue',
  hired: 'success',
  declined: 'default',
  rejected: 'default',
  withdrawn: 'default',
};

export const EVENT_STATUSES: readonly EventStatus[] = ['planned', 'held', 'closed'];
export const EVENT_STATUS_LABELS: Record<EventStatus, MessageKey> = {
  planned: 'matching.events.status.planned',
  held: 'matching.events.status.held',
  closed: 'matching.events.status.closed',
};
export const EVENT_STATUS_COLORS: Record<EventStatus, string> = { planned: 'gold', held: 'green', closed: 'default' };
