import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain.error.ts';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Every problem of every field, nested fields as dotted paths (`caller.phone`). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

export function validationError(problems: FieldProblem[]): DomainError {
  const message = problems.map((p) => `${p.field}: ${p.problems.join('; ')}`).join(' | ');
  return new DomainError('REQUEST.INVALID', message, 400, problems);
}

/** Unknown fields are rejected, types converted only where the DTO says so. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(fieldProblems(errors)),
  });
}
