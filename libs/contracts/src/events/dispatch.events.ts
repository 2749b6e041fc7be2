import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { defineContract } from '../registry.ts';

/** The incident's work is done; intake closes it so later calls open a new one. */
export class IncidentResolvedV1 {
  @IsUUID() incidentId!: string;
  @IsISO8601() resolvedAt!: string;
  @IsOptional() @IsString() @Length(1, 64) outcome?: string;
}

export const IncidentResolved = defineContract('dispatch.incident.resolved.v1', IncidentResolvedV1, 'An incident was resolved');
