import { IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { defineContract } from '../registry.ts';

export const CHANNELS = ['110', '12345', 'nuannan', 'mediation-platform', 'walk-in', 'transfer', 'grid-sweep'] as const;
export type AlertChannel = (typeof CHANNELS)[number];

/** A new matter: the first alert about it opened an incident. */
export class AlertReceivedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() incidentId!: string;
  @IsIn(CHANNELS) channel!: AlertChannel;
  @IsString() @Length(1, 128) externalId!: string;
  @IsISO8601() reportedAt!: string;
  /** null when the classifier was not confident enough: a call-taker decides (needsTriage). */
  @IsOptional() @IsString() @Length(1, 32) typeCode!: string | null;
  @IsNumber() @Min(0) @Max(1) typeConfidence!: number;
  @IsBoolean() needsTriage!: boolean;
  @IsOptional() @IsString() gridCode?: string | null;
  @IsOptional() @IsString() policeGridCode?: string | null;
  @IsOptional() @IsString() communityCode?: string | null;
  @IsString() @Length(1, 4000) description!: string;
}

/** A repeat call about an open incident: linked to it, not dispatched again. */
export class AlertLinkedV1 {
  @IsUUID() alertId!: string;
  @IsUUID() incidentId!: string;
  /** The first alert of the incident, the one this call repeats. */
  @IsUUID() linkedTo!: string;
  @IsIn(CHANNELS) channel!: AlertChannel;
  @IsString() @Length(1, 32) typeCode!: string;
  @IsInt() @Min(1) repeatCount!: number;
  @IsIn(['same-phone', 'same-place', 'same-building']) reason!: string;
}

export const AlertReceived = defineContract('intake.alert.received.v1', AlertReceivedV1, 'An alert opened a new incident');
export const AlertLinked = defineContract('intake.alert.linked.v1', AlertLinkedV1, 'A repeat alert was linked to an open incident');
