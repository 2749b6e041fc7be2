import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, NotContains, ValidateNested } from 'class-validator';
import { RESOLUTIONS, type Resolution } from '@jingwang/contracts';
import { TRANSITION_TARGETS, type TransitionTarget } from './lifecycle.rules.ts';

const NUL = { message: '$property must not contain NUL (\\u0000) characters' };

export class PartyDto {
  @ApiProperty({ example: '刘先生' }) @IsString() @Length(1, 64) @NotContains('\u0000', NUL) name!: string;
  @ApiPropertyOptional({ example: '13800138000' }) @IsOptional() @IsString() @Matches(/^[0-9+\- ]{3,32}$/, { message: 'phone must be 3 to 32 digits, +, - or spaces' }) phone?: string;
  @ApiPropertyOptional({ example: '楼下住户 / downstairs neighbour' }) @IsOptional() @IsString() @Length(1, 64) @NotContains('\u0000', NUL) role?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: TRANSITION_TARGETS, description: 'accepted, en-route, on-scene, resolved, or transferred (to the other lane)' })
  @IsIn(TRANSITION_TARGETS)
  to!: TransitionTarget;

  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @Length(0, 1000) @NotContains('\u0000', NUL) note?: string;

  @ApiPropertyOptional({ enum: RESOLUTIONS, description: 'Required with to=resolved' }) @IsOptional() @IsIn(RESOLUTIONS) resolution?: Resolution;

  @ApiPropertyOptional({ description: 'The officer found a dispute: it goes to mediation (with parties)' }) @IsOptional() @IsBoolean() dispute?: boolean;

  @ApiPropertyOptional({ type: [PartyDto], description: 'Parties of a dispute referred to mediation' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PartyDto)
  parties?: PartyDto[];

  @ApiPropertyOptional({ description: 'Where the dispute is, as the officer found it' }) @IsOptional() @IsString() @Length(1, 200) @NotContains('\u0000', NUL) address?: string;
}

export class ReassignDto {
  @ApiPropertyOptional({ type: [String], description: 'Who to send; omitted: routing picks others than those assigned now' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 64, { each: true })
  staffCodes?: string[];

  @ApiProperty({ description: 'Why (kept in the timeline)' }) @IsString() @Length(1, 1000) @NotContains('\u0000', NUL) reason!: string;
}

export class TriageDto {
  @ApiProperty({ example: 'CM-NOISE' }) @IsString() @Length(1, 32) typeCode!: string;
  @ApiProperty({ example: 'JM-G01' }) @IsString() @Length(1, 32) gridCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 1000) @NotContains('\u0000', NUL) note?: string;
}

export class RetypeDto {
  @ApiProperty({ example: 'CT-FIGHT' }) @IsString() @Length(1, 32) typeCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 1000) @NotContains('\u0000', NUL) note?: string;
}
