import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { INCIDENT_STATUSES, LANE_NAMES } from '@jingwang/contracts';

export class ListIncidentsQuery {
  @ApiPropertyOptional({ enum: LANE_NAMES }) @IsOptional() @IsIn(LANE_NAMES) lane?: string;
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES }) @IsOptional() @IsIn(INCIDENT_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) gridCode?: string;
  @ApiPropertyOptional({ description: 'A staff code: incidents it is assigned to' }) @IsOptional() @IsString() @Length(1, 64) assignee?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
