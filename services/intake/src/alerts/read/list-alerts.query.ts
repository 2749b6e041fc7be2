import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CHANNELS } from '@jingwang/contracts';
import { IntakeErrors } from '../../intake.errors.ts';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) gridCode?: string;
  @ApiPropertyOptional({ description: 'received at or after (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @ApiPropertyOptional({ description: 'received before (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** Keyset cursor: the last item's (receivedAt, id), opaque to clients. */
export const encodeCursor = (receivedAt: string, id: string): string => Buffer.from(JSON.stringify([receivedAt, id])).toString('base64url');

/** What `encodeCursor` writes: a time as `toISOString` gives it (a year Postgres takes), a UUID. */
const CURSOR_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor's position, or 400: a cursor is checked as strictly as any input before it reaches SQL. */
export function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw IntakeErrors.invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw IntakeErrors.invalidCursor();
  const [receivedAt, id] = parsed as unknown[];
  const fits = typeof receivedAt === 'string' && typeof id === 'string' && CURSOR_TIME.test(receivedAt) && new Date(receivedAt).toISOString() === receivedAt && UUID.test(id);
  if (!fits) throw IntakeErrors.invalidCursor();
  return { receivedAt, id };
}
