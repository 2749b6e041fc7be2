import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CHANNELS } from '@jingwang/contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@jingwang/http';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) gridCode?: string;
  @ApiPropertyOptional({ description: 'received at or after (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @ApiPropertyOptional({ description: 'received before (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** Keyset cursor on the last item's (receivedAt, id), opaque to clients. */
export const encodeCursor = (receivedAt: string, id: string): string => encodeKeysetCursor(receivedAt, id);

/** The cursor's position, or 400 naming `cursor`. */
export function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  const { at, id } = decodeKeysetCursor(cursor);
  return { receivedAt: at, id };
}
