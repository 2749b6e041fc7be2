import type { StaffRole } from '../staff/staff.model.ts';
import type { Post } from './duty.model.ts';

/** What the duty room reads: each post and role in Chinese and English. */
export const POST_NAMES: Readonly<Record<Post, { zh: string; en: string }>> = {
  '110-car': { zh: '110巡逻车', en: '110 patrol car' },
  'case-team': { zh: '案件队', en: 'Case team' },
  community: { zh: '社区警务队', en: 'Community police team' },
  'duty-commander': { zh: '带班指挥', en: 'Duty commander' },
  'duty-room': { zh: '勤务指挥室', en: 'Duty command room' },
};

export const STAFF_ROLE_NAMES_EN: Readonly<Record<StaffRole, string>> = {
  'case-officer': 'Case officer',
  'community-police': 'Community police officer',
  'auxiliary-police': 'Auxiliary police officer',
  'grid-chief': 'Grid chief',
  'grid-worker': 'Grid worker',
  commander: 'Commander',
  'call-taker': 'Call-taker',
  'duty-officer': 'Duty officer',
};

/** Roles the roster never names: on call in their grid unless on leave. */
export const UNROSTERED_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['grid-chief', 'grid-worker']);
