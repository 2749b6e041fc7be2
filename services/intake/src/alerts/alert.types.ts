import type { AlertChannel } from '@jingwang/contracts';

/** The body of POST /v1/alerts (and of channel.<channel>.alert messages), once validated. */
export interface AlertInput {
  channel: AlertChannel;
  externalId: string;
  reportedAt: string;
  typeCode?: string;
  description: string;
  caller?: { name?: string; phone?: string };
  location: { address?: string; lat?: number; lng?: number; gridCode?: string };
  attributes?: Record<string, unknown>;
  media?: { url: string; type?: string }[];
}

/** The 202 answer; stored with the alert so a repeated request gets exactly the first answer. */
export interface AlertAccepted {
  alertId: string;
  incidentId: string;
  status: 'new' | 'linked';
  linkedTo?: string;
  typeCode: string | null;
  typeConfidence: number;
  gridCode: string | null;
  policeGridCode: string | null;
  communityCode: string | null;
  needsTriage: boolean;
}

/** An alert as GET /v1/alerts/{id} and the Open311 views show it. */
export interface AlertView extends AlertAccepted {
  channel: AlertChannel;
  externalId: string;
  reportedAt: string;
  receivedAt: string;
  description: string;
  caller: { name?: string; phone?: string } | null;
  location: { address?: string; lat?: number; lng?: number; gridCode?: string; resolvedBy: 'grid-code' | 'coordinates' | 'address' | 'unresolved' };
  attributes: Record<string, unknown> | null;
  media: { url: string; type?: string }[] | null;
  /** The incident's state: open until dispatch reports it resolved. */
  incidentStatus: 'open' | 'closed';
  incidentRepeatCount: number;
  incidentUpdatedAt: string;
}
