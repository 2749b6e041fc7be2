import { ParseUUIDPipe } from '@nestjs/common';
import { IntakeErrors } from './intake.errors.ts';

/** An `:id` path parameter that must be a UUID: 400 naming `id` otherwise. */
export const uuidParam = new ParseUUIDPipe({ exceptionFactory: () => IntakeErrors.invalidId() });
