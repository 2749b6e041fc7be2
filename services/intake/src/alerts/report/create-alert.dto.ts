import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  NotContains,
  registerDecorator,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type AlertChannel } from '@jingwang/contracts';
import { validatedBody } from '@jingwang/http';
import { IsPhone } from './phone.validator.ts';
import type { AlertInput } from '../alert.types.ts';

/** Postgres text and jsonb cannot hold NUL; refused here rather than failing the write. */
const noNul = { message: '$property must not contain NUL (\\u0000) characters' };

function NoNulInside(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'noNulInside',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not contain NUL (\\u0000) characters anywhere' },
      validator: { validate: (v: unknown) => !JSON.stringify(v ?? null).includes('\\u0000') },
    });
}

export class CallerDto {
  @ApiPropertyOptional({ example: '刘先生' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @NotContains('\u0000', noNul)
  name?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsPhone()
  phone?: string;
}

export class LocationDto {
  @ApiPropertyOptional({ example: '金门路12号3单元' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotContains('\u0000', noNul)
  address?: string;

  @ApiPropertyOptional({ example: 36.0718 })
  @ValidateIf((l: LocationDto) => l.lat !== undefined || l.lng !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat must be a number (WGS84 degrees) and comes with lng' })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: 120.381 })
  @ValidateIf((l: LocationDto) => l.lat !== undefined || l.lng !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lng must be a number (WGS84 degrees) and comes with lat' })
  @Min(-180)
  @Max(180)
  lng?: number;

  @ApiPropertyOptional({ example: 'JM-G001' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  gridCode?: string;
}

export class MediaDto {
  @ApiProperty({ example: 'https://example.org/photo.jpg' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url!: string;

  @ApiPropertyOptional({ enum: ['image', 'audio', 'video', 'document'] })
  @IsOptional()
  @IsIn(['image', 'audio', 'video', 'document'])
  type?: string;
}

/** POST /v1/alerts, and the body of channel.<channel>.alert messages. */
export class CreateAlertDto implements AlertInput {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel!: AlertChannel;

  @ApiProperty({ description: "The channel's own id for this report; repeating it returns the first answer", example: '110-20261128-0001' })
  @IsString()
  @Length(1, 128)
  @NotContains('\u0000', noNul)
  externalId!: string;

  @ApiProperty({ example: '2026-11-28T09:30:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'reportedAt must be an ISO 8601 date-time with offset, e.g. 2026-11-28T09:30:00+08:00' })
  reportedAt!: string;

  @ApiPropertyOptional({ description: 'One of the 63 alert type codes; omitted: the classifier decides', example: 'CM-NOISE' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}-[A-Z0-9-]+$/, { message: 'typeCode must be one of the 63 alert type codes (GET /open311/v2/services.json lists them)' })
  typeCode?: string;

  @ApiProperty({ example: '楼上装修噪音很大，已经持续三天了' })
  @IsString()
  @Length(1, 4000, { message: 'description must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'description must not be blank' })
  @NotContains('\u0000', noNul)
  description!: string;

  @ApiPropertyOptional({ type: CallerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiProperty({ type: LocationDto })
  @IsObject({ message: 'location must be an object with address, lat/lng or gridCode (it may be empty)' })
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  @NoNulInside()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [MediaDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MediaDto)
  media?: MediaDto[];
}

/** The same rules for bodies that do not come through the HTTP pipe (NATS channels). */
export function parseAlertBody(raw: unknown): AlertInput {
  return validatedBody(CreateAlertDto, raw);
}

