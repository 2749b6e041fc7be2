import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { defineContract } from '../registry.ts';

export const LANE_NAMES = ['case-team', 'community'] as const;
export type LaneName = (typeof LANE_NAMES)[number];

/** Where an incident stands; `triage` waits for a call-taker, the rest follow the assignment. */
export const INCIDENT_STATUSES = ['triage', 'assigned', 'accepted', 'en-route', 'on-scene', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const RESOLUTIONS = ['resolved-on-site', 'referred-to-mediation', 'referred-to-agency', 'unfounded'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Why an assignment was made. */
export const ASSIGNMENT_CAUSES = ['new', 'triage', 'reassign', 'transfer', 'retype'] as const;
export type AssignmentCause = (typeof ASSIGNMENT_CAUSES)[number];

// Arrays of nested payloads also say @IsObject({ each: true }): class-validator alone would take [[]],
// since it validates the items of a nested array as if they were the array's own.

/** One person sent: staff code from the staff file, with the part they play. */
export class AssigneeV1 {
  @IsString() @Length(1, 64) code!: string;
  @IsString() @Length(1, 64) name!: string;
  /** lead, 110-car, police-grid-chief, grid-chief, grid-worker, community-officer, case-officer */
  @IsString() @Length(1, 32) part!: string;
}

export class DeadlinesV1 {
  @IsISO8601() acceptBy!: string;
  @IsISO8601() arriveBy!: string;
  @IsISO8601() resolveBy!: string;
}

/** An incident is assigned: who goes, which rule chose them and why, and by when. */
export class IncidentAssignedV1 {
  @IsUUID() incidentId!: string;
  @IsUUID() alertId!: string;
  @IsIn(LANE_NAMES) lane!: LaneName;
  @IsString() @Length(1, 32) typeCode!: string;
  @IsInt() @Min(1) @Max(4) priority!: number;
  @IsOptional() @IsString() gridCode?: string | null;
  /** The case-team squad, when the case team goes. */
  @IsOptional() @IsString() unitCode?: string | null;
  @IsArray() @ArrayMaxSize(32) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => AssigneeV1) assignees!: AssigneeV1[];
  @IsString() @Length(1, 64) ruleId!: string;
  @IsString() @Length(1, 1000) reason!: string;
  @ValidateNested() @Type(() => DeadlinesV1) deadlines!: DeadlinesV1;
  @IsIn(ASSIGNMENT_CAUSES) cause!: AssignmentCause;
  /** When intake received the first alert: received-to-assigned latency is measured from it. */
  @IsISO8601() receivedAt!: string;
  @IsISO8601() assignedAt!: string;
}

/** Untyped or unlocated: the duty room's call-takers decide type and place before routing. */
export class IncidentTriageRequiredV1 {
  @IsUUID() incidentId!: string;
  @IsUUID() alertId!: string;
  @IsArray() @IsIn(['untyped', 'unlocated'], { each: true }) reasons!: string[];
  @IsString() @Length(1, 4000) description!: string;
  @IsISO8601() receivedAt!: string;
}

export class IncidentStatusChangedV1 {
  @IsUUID() incidentId!: string;
  @IsIn(INCIDENT_STATUSES) from!: IncidentStatus;
  @IsIn(INCIDENT_STATUSES) to!: IncidentStatus;
  /** The transition asked for: accepted, en-route, on-scene, resolved, reassigned, transferred, triaged. */
  @IsString() @Length(1, 32) transition!: string;
  /** null while the incident has no type (closed from triage). */
  @IsOptional() @IsIn(LANE_NAMES) lane!: LaneName | null;
  @IsOptional() @IsIn(RESOLUTIONS) resolution?: Resolution;
  @IsOptional() @IsString() @Length(0, 1000) note?: string;
  @IsString() @Length(1, 128) actorId!: string;
  @IsISO8601() changedAt!: string;
}

/** The incident's work is done; intake closes it so later calls open a new one. */
export class IncidentResolvedV1 {
  @IsUUID() incidentId!: string;
  @IsISO8601() resolvedAt!: string;
  @IsOptional() @IsString() @Length(1, 64) outcome?: string;
  /** Added after the first version (optional, so earlier events stay valid). */
  @IsOptional() @IsIn(RESOLUTIONS) resolution?: Resolution;
  /** The station reports its on-site resolution rate from this. */
  @IsOptional() @IsBoolean() resolvedOnSite?: boolean;
  @IsOptional() @IsString() @Length(1, 32) typeCode?: string;
  @IsOptional() @IsIn(LANE_NAMES) lane?: LaneName;
}

/** Priority raised (repeat call) or the duty commander called in (SLA breach). */
export class IncidentEscalatedV1 {
  @IsUUID() incidentId!: string;
  @IsIn(['repeat-call', 'sla-breach']) reason!: 'repeat-call' | 'sla-breach';
  @IsInt() @Min(1) @Max(4) previousPriority!: number;
  @IsInt() @Min(1) @Max(4) priority!: number;
  @IsInt() @Min(0) repeatCount!: number;
  /** The repeat call that caused it. */
  @IsOptional() @IsUUID() alertId?: string;
  /** Staff codes told of it: the assignees, or the duty commander. */
  @IsArray() @IsString({ each: true }) notify!: string[];
  @IsISO8601() escalatedAt!: string;
}

/** A type corrected by staff: intake learns the text as an example of the new type. */
export class IncidentRetypedV1 {
  @IsUUID() incidentId!: string;
  @IsUUID() alertId!: string;
  @IsString() @Length(1, 4000) description!: string;
  /** null when the classifier gave no type (triage). */
  @IsOptional() @IsString() @Length(1, 32) from!: string | null;
  @IsString() @Length(1, 32) to!: string;
  @IsString() @Length(1, 128) by!: string;
}

export const SLA_KINDS = ['accept', 'arrive', 'resolve'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

export class IncidentSlaBreachedV1 {
  @IsUUID() incidentId!: string;
  @IsIn(SLA_KINDS) kind!: SlaKind;
  @IsISO8601() dueAt!: string;
  @IsISO8601() detectedAt!: string;
  @IsIn(LANE_NAMES) lane!: LaneName;
  @IsString() @Length(1, 32) typeCode!: string;
  @IsArray() @IsString({ each: true }) assignees!: string[];
  /** The duty commander on duty, or null when the roster names none. */
  @IsOptional() @IsString() escalatedTo!: string | null;
}

export class DisputePartyV1 {
  @IsString() @Length(1, 64) name!: string;
  @IsOptional() @IsString() @Length(1, 32) phone?: string;
  /** e.g. caller, upstairs neighbour, landlord */
  @IsOptional() @IsString() @Length(1, 64) role?: string;
}

export class DisputePlaceV1 {
  @IsOptional() @IsString() gridCode?: string | null;
  @IsOptional() @IsString() policeGridCode?: string | null;
  @IsOptional() @IsString() communityCode?: string | null;
  @IsOptional() @IsString() @Length(0, 200) address?: string;
}

export class IncidentHistoryEntryV1 {
  @IsISO8601() at!: string;
  @IsString() @Length(1, 32) what!: string;
  @IsString() @Length(1, 128) actorId!: string;
  @IsOptional() @IsString() @Length(0, 1000) note?: string;
}

/** A dispute handed to mediation, with what the officer found and the incident's history. */
export class DisputeReferredV1 {
  @IsUUID() incidentId!: string;
  @IsUUID() alertId!: string;
  @IsString() @Length(1, 32) typeCode!: string;
  @IsOptional() @IsString() disputeFamily?: string | null;
  @IsArray() @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DisputePartyV1) parties!: DisputePartyV1[];
  @ValidateNested() @Type(() => DisputePlaceV1) place!: DisputePlaceV1;
  @IsString() @Length(1, 4000) description!: string;
  @IsInt() @Min(0) repeatCount!: number;
  @IsArray() @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => IncidentHistoryEntryV1) history!: IncidentHistoryEntryV1[];
  @IsString() @Length(1, 128) referredBy!: string;
  @IsISO8601() referredAt!: string;
}

export const IncidentAssigned = defineContract('dispatch.incident.assigned.v1', IncidentAssignedV1, 'An incident was assigned: who, by which rule, by when');
export const IncidentTriageRequired = defineContract('dispatch.incident.triage-required.v1', IncidentTriageRequiredV1, 'An incident needs a call-taker to set its type or place');
export const IncidentStatusChanged = defineContract('dispatch.incident.status-changed.v1', IncidentStatusChangedV1, 'An incident moved in its lifecycle');
export const IncidentResolved = defineContract('dispatch.incident.resolved.v1', IncidentResolvedV1, 'An incident was resolved');
export const IncidentEscalated = defineContract('dispatch.incident.escalated.v1', IncidentEscalatedV1, 'An incident was escalated (repeat call or SLA breach)');
export const IncidentRetyped = defineContract('dispatch.incident.retyped.v1', IncidentRetypedV1, "Staff corrected an incident's type");
export const IncidentSlaBreached = defineContract('dispatch.incident.sla-breached.v1', IncidentSlaBreachedV1, 'An incident missed a deadline');
export const DisputeReferred = defineContract('dispatch.dispute.referred.v1', DisputeReferredV1, 'A dispute was referred to mediation');
