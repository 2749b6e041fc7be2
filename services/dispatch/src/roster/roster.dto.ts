import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, NotContains, registerDecorator, ValidateNested } from 'class-validator';
import { STAFF_ROLES } from '../staff/staff.model.ts';
import { POSTS, type Post } from './duty.model.ts';
import { RosterErrors } from './roster.errors.ts';
import { daysBetween, isDay } from './roster.time.ts';

const NUL = { message: '$property must not contain NUL (\\u0000) characters' };
/** Most days one request generates, shows or puts on leave. */
export const MAX_DAYS = 92;

/** A calendar date written YYYY-MM-DD. */
function IsDay(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDay',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a date written YYYY-MM-DD, e.g. 2031-03-03' },
      validator: { validate: (v: unknown) => isDay(v) },
    });
}

/** Why a change was made: kept in the audit trail. */
function Reason(required: boolean): PropertyDecorator {
  return (target, key) => {
    for (const d of [
      ApiProperty({ required, description: 'Why (kept in the audit trail, GET /v1/roster/changes)', example: '张警官调休 / shift swap' }),
      ...(required ? [] : [IsOptional()]),
      IsString(),
      Length(1, 500),
      Matches(/\S/, { message: '$property must not be blank' }),
      NotContains('\u0000', NUL),
    ])
      d(target, key);
  };
}

/** `to` at or after `from`, at most MAX_DAYS days: else a 400 naming `to`. */
export function checkRange(from: string, to: string): void {
  if (to < from) throw RosterErrors.rangeBackwards('to');
  if (daysBetween(from, to) > MAX_DAYS) throw RosterErrors.rangeTooLong('to', MAX_DAYS);
}

export class RosterRangeQuery {
  @ApiProperty({ example: '2031-03-03', description: 'First day (local, YYYY-MM-DD)' }) @IsDay() from!: string;
  @ApiProperty({ example: '2031-03-09', description: `Last day, included; at most ${MAX_DAYS} days` }) @IsDay() to!: string;
}

export class GenerateRosterDto {
  @ApiProperty({ example: '2031-03-03', description: 'First day to generate (local, YYYY-MM-DD)' }) @IsDay() from!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_DAYS, example: 7 }) @IsInt() @Min(1) @Max(MAX_DAYS) days!: number;
  @Reason(false) reason?: string;
}

export class ShiftPostsDto {
  @ApiProperty({ example: 'day', description: 'A shift of DISPATCH_SHIFTS' }) @IsString() @Length(1, 32) shift!: string;
  @ApiProperty({ enum: POSTS }) @IsIn(POSTS, { message: `post must be one of ${POSTS.join(', ')}` }) post!: Post;
  @ApiProperty({ type: [String], example: ['JM-CT001', 'JM-P001'] })
  @IsArray() @ArrayMaxSize(300) @IsString({ each: true }) @Length(1, 64, { each: true })
  staffCodes!: string[];
}

export class ReplaceDayDto {
  @ApiProperty({ type: [ShiftPostsDto], description: "The day's every post of every shift: what is left out is emptied" })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ShiftPostsDto)
  shifts!: ShiftPostsDto[];
  @Reason(true) reason!: string;
}

export class LeaveDto {
  @ApiProperty({ example: 'JM-CT001' }) @IsString() @Length(1, 64) staffCode!: string;
  @ApiProperty({ example: '2031-03-10' }) @IsDay() from!: string;
  @ApiProperty({ example: '2031-03-12', description: `Last day, included; at most ${MAX_DAYS} days` }) @IsDay() to!: string;
  @Reason(true) reason!: string;
}

export class ListStaffQuery {
  @ApiPropertyOptional({ enum: STAFF_ROLES }) @IsOptional() @IsIn(STAFF_ROLES) role?: string;
  @ApiPropertyOptional({ example: 'JM-C01' }) @IsOptional() @IsString() @Length(1, 32) communityCode?: string;
  @ApiPropertyOptional({ example: 'JM-PG01' }) @IsOptional() @IsString() @Length(1, 32) policeGridCode?: string;
  @ApiPropertyOptional({ example: 'JM-G001' }) @IsOptional() @IsString() @Length(1, 32) gridCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only those on duty (true) or off duty (false)' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'onDuty must be true or false' }) onDuty?: string;
  @ApiPropertyOptional({ description: 'The moment to answer for (ISO 8601 with offset); default now', example: '2031-03-03T10:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time with offset, e.g. 2031-03-03T10:00:00+08:00' }) at?: string;
}
