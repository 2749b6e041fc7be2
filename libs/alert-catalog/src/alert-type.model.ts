import type { CASE_TEAM_SPECS } from './case-team.data.ts';
import type { COMMUNITY_SPECS } from './community.data.ts';

/** Who answers: the case team (police matters) or community police with grid staff (非警务). */
export type Lane = 'case-team' | 'community';
export const LANES: readonly Lane[] = ['case-team', 'community'];

/** 1 = life or safety at stake now ... 4 = can wait for a scheduled visit. */
export type Priority = 1 | 2 | 3 | 4;

export type AlertCategory =
  | 'property-crime'
  | 'personal-safety'
  | 'public-order'
  | 'public-safety'
  | 'traffic'
  | 'persons-at-risk'
  | 'neighbourhood'
  | 'civil-dispute'
  | 'assistance'
  | 'public-service';

export const CATEGORY_NAMES_ZH: Readonly<Record<AlertCategory, string>> = {
  'property-crime': '侵财类',
  'personal-safety': '人身侵害类',
  'public-order': '治安秩序类',
  'public-safety': '公共安全类',
  traffic: '交通类',
  'persons-at-risk': '人员安危类',
  neighbourhood: '邻里类',
  'civil-dispute': '民事纠纷类',
  assistance: '群众求助类',
  'public-service': '市政服务类',
};

/**
 * Types that are often the same underlying quarrel between the same parties, so intake can link
 * a noise call to the later leak or pushing call at the same address.
 */
export type DisputeFamily = 'neighbour' | 'family' | 'housing' | 'economic' | 'traffic';

export interface AlertSla {
  /** Call-taker or unit accepts the dispatch. */
  readonly acceptMinutes: number;
  /** First responder on scene. */
  readonly arriveMinutes: number;
  /** Alert closed: handled on site, transferred, filed as a case or mediated (not "crime solved"). */
  readonly resolveHours: number;
}

/**
 * A classification cue. `phrase` is simplified Chinese; `a+b` means both parts occur anywhere in
 * the text (Chinese callers split subject and verb: "电动车昨晚被人偷了").
 */
export interface Keyword {
  readonly phrase: string;
  readonly weight: number;
}

/** The authoring shape in the data files; SLAs for accept/arrive follow from the priority. */
export interface AlertTypeSpec {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly category: AlertCategory;
  readonly lane: Lane;
  readonly priority: Priority;
  readonly resolveHours: number;
  readonly isDispute: boolean;
  readonly disputeFamily?: DisputeFamily;
  readonly description: string;
  /** Space-separated `phrase:weight` items, e.g. `被偷:3 电动车+偷:4`. */
  readonly keywords: string;
}

export type AlertTypeCode =
  | (typeof CASE_TEAM_SPECS)[number]['code']
  | (typeof COMMUNITY_SPECS)[number]['code'];

export interface AlertType {
  readonly code: AlertTypeCode;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly category: AlertCategory;
  readonly lane: Lane;
  readonly priority: Priority;
  readonly sla: AlertSla;
  /** Goes on to mediation (蓝黄红 tiers) after the first response. */
  readonly isDispute: boolean;
  readonly disputeFamily?: DisputeFamily;
  /** One line, English: what the type covers. */
  readonly description: string;
  readonly keywords: readonly Keyword[];
}
