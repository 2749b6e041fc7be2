import { hash, timingSafeEqual } from 'node:crypto';
import { applyDecorators, createParamDecorator, Inject, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config.ts';
import { DispatchErrors } from './dispatch.errors.ts';

const sha256 = (s: string) => hash('sha256', s, 'buffer');

/**
 * Staff calls carry intake's staff key in X-Staff-Key, and changes name who made them in
 * X-Actor-Id (the security issue replaces both with tokens and roles).
 */
@Injectable()
export class StaffCallGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(DISPATCH_CONFIG) config: DispatchConfig) {
    this.expected = sha256(config.staffKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ method: string; headers: Record<string, string | string[] | undefined> }>();
    const key = req.headers['x-staff-key'];
    if (typeof key !== 'string' || key === '') throw DispatchErrors.missingStaffKey();
    if (!timingSafeEqual(this.expected, sha256(key))) throw DispatchErrors.invalidStaffKey();
    if (req.method !== 'GET' && req.method !== 'HEAD') actorOf(req.headers);
    return true;
  }
}

/** The X-Actor-Id of a change: who did it (kept in the timeline and the audit trail). */
export function actorOf(headers: Record<string, string | string[] | undefined>): string {
  const actor = headers['x-actor-id'];
  if (typeof actor !== 'string' || actor.trim() === '') throw DispatchErrors.missingActor();
  if (actor.length > 128 || [...actor].some((c) => c.charCodeAt(0) < 0x20)) throw DispatchErrors.invalidActor();
  return actor.trim();
}

/** A route parameter: the X-Actor-Id of the change (400 without it). Not `@Headers()`, which OpenAPI cannot describe. */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  actorOf(context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers),
);

/** On a controller or route: the staff key is required, and X-Actor-Id on every change. */
export const StaffCall = () =>
  applyDecorators(
    UseGuards(StaffCallGuard),
    ApiHeader({ name: 'X-Staff-Key', required: true, description: "The staff key (intake's staff= key)" }),
    ApiHeader({ name: 'X-Actor-Id', required: false, description: 'Who makes the change: required on POST and PUT' }),
  );
